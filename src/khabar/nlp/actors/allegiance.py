"""Armed bodies named by the party they serve (``actor.allegiance``, khabar_actors_v3), and
the subject of a relative clause (``actor.relative-subject``).

"Brigades loyal to the two cabinets", "forces loyal to the prime minister", "rebels
allied with X": the plural noun alone ("Brigades") says little; the mention runs over its
allegiance ("loyal to X", without X's own conjuncts) and, when X is a named party, is named for
it ("Pro-X brigades"), with the party's country.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from khabar.nlp import rules
from khabar.nlp.annotations import ActorMention
from khabar.nlp.words import WordSet

RELATIVE_SUBJECTS = WordSet("actors", "relative_subjects")
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


def relative_subjects(doc: Doc, mentions: list[ActorMention]) -> list[ActorMention]:
    """The mentions with 'who'/'which'/'that' as the subject of a relative clause on an actor
    noun resolved to that noun's mention ("militants who had attacked a base": the militants
    attacked it), in document order."""
    by_head = {m.head: m for m in mentions}
    added = []
    for tok in doc:
        if tok.lower_ not in RELATIVE_SUBJECTS or tok.dep_ not in {"nsubj", "nsubjpass"}:
            continue
        clause = tok.head
        if clause.dep_ != "relcl" or tok.i in by_head:
            continue
        noun = by_head.get(clause.head.i)
        if noun is None or noun.kind == "PRONOUN":
            continue
        m = ActorMention(
            start=tok.i,
            end=tok.i + 1,
            head=tok.i,
            name=noun.name,
            kind=noun.kind,
            country=noun.country,
            sector=noun.sector,
            plural=noun.plural,
            how=f"'{tok.text}' -> {noun.name} (the noun its clause describes)",
            rule=rules.RELATIVE_SUBJECT,
            antecedent=noun.antecedent or (noun.start, noun.end),
        )
        added.append(m)
    if not added:
        return mentions
    return sorted([*mentions, *added], key=lambda x: (x.start, x.head))
