"""Armed bodies named by the party they serve (``actor.allegiance``, khabar_actors_v3).

"Militias loyal to the rival governments", "forces loyal to the prime minister", "rebels
allied with X": the plural noun alone ("Militias") says little; the mention runs over its
allegiance ("loyal to X", without X's own conjuncts) and, when X is a named party, is named for
it ("Pro-X militias"), with the party's country.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from khabar.nlp import rules
from khabar.nlp.annotations import ActorMention
from khabar.nlp.words import WordSet

ALLEGIANCE_WORDS = WordSet("actors", "allegiance_words")
ALLEGIANCE_PREPS = WordSet("actors", "allegiance_preps")
#: Sectors of an armed or security body.
ARMED_SECTORS = frozenset({"REB", "MIL", "COP"})
#: Kinds of mention a body can be loyal to by name.
PARTY_KINDS = frozenset({"PERSON", "ORG", "GROUP", "COUNTRY"})


def apply_allegiance(doc: Doc, mentions: list[ActorMention]) -> None:
    """Extend and name the armed nominal mentions that say whom they are loyal to."""
    by_head = {m.head: m for m in mentions}
    for m in mentions:
        if m.kind != "NOMINAL" or m.sector not in ARMED_SECTORS:
            continue
        found = _allegiance(doc[m.head])
        if found is None:
            continue
        word, party_tok, end = found
        m.end = max(m.end, end)
        m.rule = rules.ALLEGIANCE
        party = by_head.get(party_tok.i)
        if party is None or party.kind not in PARTY_KINDS:
            m.how += f"; '{word.text} to {party_tok.text}' (party unresolved)"
            continue
        short = party.name.split()[-1] if party.kind == "PERSON" else party.name
        noun = doc[m.start : m.head + 1].text.lower()
        m.name = f"Pro-{short} {noun}"
        m.kind = "GROUP"
        m.country = m.country or party.country
        m.how += f"; '{word.text}' to {party.name}"


def _allegiance(head: Token) -> tuple[Token, Token, int] | None:
    """(the allegiance word, the party's head, the end of the phrase) or None."""
    for word in head.rights:
        if word.dep_ not in {"amod", "acl"} or word.lemma_.lower() not in ALLEGIANCE_WORDS:
            continue
        for prep in word.children:
            if prep.dep_ != "prep" or prep.lower_ not in ALLEGIANCE_PREPS:
                continue
            for pobj in prep.children:
                if pobj.dep_ == "pobj":
                    return word, pobj, _end_without_conjuncts(pobj)
    return None


def _end_without_conjuncts(tok: Token) -> int:
    """One past the last token of ``tok``'s phrase, leaving out its conjuncts ("X and Y")."""
    end = tok.i + 1
    for child in tok.children:
        if child.dep_ in {"conj", "cc", "punct", "appos"} and child.i > tok.i:
            continue
        end = max(end, child.right_edge.i + 1)
    return end
