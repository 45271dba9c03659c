"""Two parties named by one noun phrase (khabar_actors_v3).

- **joint modifiers** (``actor.joint-modifiers``): coordinated demonyms on one head noun
  ("Rwandan and Mozambican security forces", "Egyptian and Qatari mediators") name one party
  per demonym: the mention keeps the first, and each other demonym's state gets a partner;
- **both parties** (``actor.both-parties``): "the two countries", "both governments" stand for
  the two states the story named most before them; "the two sides", "both parties" for the two
  parties (states, organisations, armed groups) named most in the sentences just before. A
  state is its government. The mention takes the first named, and the second is its partner.

A partner (``ActorMention.partners``) is a mention of the same words; the role pass adds it
next to the mention, as it adds a conjunct, so that one event per party follows.
"""

from __future__ import annotations

import copy

from spacy.tokens import Doc, Token

from khabar.nlp import rules
from khabar.nlp.actors.context import ActorContext
from khabar.nlp.actors.names import country_in_name, nominal_name, np_span
from khabar.nlp.annotations import ActorMention
from khabar.nlp.words import WordSet

PAIR_STATE_NOUNS = WordSet("actors", "pair_state_nouns")
PAIR_PARTY_NOUNS = WordSet("actors", "pair_party_nouns")
PAIR_DETERMINERS = WordSet("actors", "pair_determiners")
#: Kinds of mention that name a party on their own.
NAMED_KINDS = frozenset({"COUNTRY", "ORG", "GROUP", "PERSON"})
#: How many sentences back "the two sides" looks for its parties.
SIDES_WINDOW = 3
#: Codes that are no state.
NOT_STATES = frozenset({"IGO", "NGO"})


def add_partners(doc: Doc, mentions: list[ActorMention], ctx: ActorContext) -> list[ActorMention]:
    """The mentions with joint-modifier and both-parties partners (and any new pair mention)."""
    by_head = {m.head: m for m in mentions}
    for m in mentions:
        if m.kind == "NOMINAL" and m.country:
            _joint_modifiers(doc, m, ctx)
    added: list[ActorMention] = []
    sent_index = {t.i: n for n, s in enumerate(doc.sents) for t in s}
    for tok in doc:
        if not _pair_head(tok):
            continue
        found = by_head.get(tok.i)
        if found is not None:
            m = found
        else:
            span = np_span(tok)
            m = ActorMention(
                start=span.start, end=span.end, head=tok.i, name=tok.text, kind="NOMINAL"
            )
            added.append(m)
        earlier = [e for e in mentions if e.end <= m.start]
        states = tok.lemma_.lower() in PAIR_STATE_NOUNS
        parties = _two_parties(earlier, states, sent_index, sent_index[tok.i])
        if parties is None:
            if m in added:
                added.remove(m)
            continue
        words = doc[m.start : m.end].text
        m.plural, m.rule = False, rules.BOTH_PARTIES
        partner = copy.copy(m)
        partner.partners = []
        for target, party in ((m, parties[0]), (partner, parties[1])):
            if _party_key(party, True) is not None:  # a state: its government, not a leader
                assert party.country is not None
                target.kind, target.sector, target.country = "NOMINAL", "GOV", party.country
                target.name = nominal_name(tok, "GOV", party.country, ctx)
                target.how = f"'{words}' -> {target.name} (named as {party.name})"
            else:
                target.copy_resolution(party, f"'{words}' -> {party.name}")
                target.kind = party.kind
        m.partners = [partner]
    if not added:
        return mentions
    return sorted([*mentions, *added], key=lambda x: (x.start, x.head))


def _pair_head(tok: Token) -> bool:
    """'the two countries', 'both sides': a pair noun with 'two' or 'both' before it."""
    lemma = tok.lemma_.lower()
    if tok.pos_ != "NOUN" or lemma not in PAIR_STATE_NOUNS | PAIR_PARTY_NOUNS:
        return False
    return any(
        c.lower_ in PAIR_DETERMINERS and c.dep_ in {"nummod", "det", "predet", "preconj"}
        for c in tok.lefts
    )


def _two_parties(
    earlier: list[ActorMention], states: bool, sent_of: dict[int, int], sent: int
) -> tuple[ActorMention, ActorMention] | None:
    """The two parties the story has named most before a pair noun (ties: the first named), in the
    story's order; states are keyed by country, other parties by name. "The two sides" looks
    back a few sentences only, and takes no person (the sides of a talk are the states)."""
    count: dict[str, int] = {}
    first: dict[str, int] = {}
    last: dict[str, ActorMention] = {}
    for cand in earlier:
        if not states and sent - sent_of[cand.head] > SIDES_WINDOW:
            continue
        key = _party_key(cand, states)
        if key is not None:
            count[key] = count.get(key, 0) + 1
            first.setdefault(key, cand.head)
            last[key] = cand
    if len(count) < 2:
        return None
    top = sorted(count, key=lambda k: (-count[k], first[k]))[:2]
    one, other = sorted(top, key=lambda k: first[k])
    return last[one], last[other]


def _party_key(cand: ActorMention, states: bool) -> str | None:
    state = bool(cand.country) and cand.country not in NOT_STATES
    if state and (cand.kind in {"COUNTRY", "PERSON"} or cand.sector == "GOV"):
        return f"state:{cand.country}"  # a state, its government or a leader
    if states or cand.kind not in NAMED_KINDS - {"PERSON", "COUNTRY"}:
        return None
    return f"party:{cand.name}"


def _joint_modifiers(doc: Doc, m: ActorMention, ctx: ActorContext) -> None:
    head = doc[m.head]
    for mod in head.lefts:
        if mod.dep_ not in {"amod", "compound"} or mod.i < m.start:
            continue
        for conj in mod.conjuncts:
            if conj.i < m.start or conj.i >= m.end:
                continue
            country = country_in_name(conj.text, ctx)
            if not country or country == m.country or country in NOT_STATES:
                continue
            if any(p.country == country for p in m.partners):
                continue
            partner = copy.copy(m)
            partner.partners = []
            partner.country = country
            partner.name = nominal_name(head, m.sector or "", country, ctx)
            partner.rule = rules.JOINT_MODIFIERS
            partner.how = f"{m.how}; '{conj.text}' names a second party"
            m.partners.append(partner)
