"""Each side of a mutual act its own event (news-dev's coding rule: one line per actor and
per recipient), after the story's events are merged (step 4 of
:func:`khabar.nlp.events.story.read_story_events`, before the joint parties are split).

- **exchange sides** (``story.exchange-sides``): a release or return "in exchange for" the
  other side's people ("the release of A's prisoners in exchange for B's") is one side's
  release; the other side releases the people it was exchanged for. Each side's release is
  its own event: the release told gets, when it names no actor, the side its people were
  exchanged for, and the other side's release is added (the state of the people exchanged
  for as its recipient, the state of the people released first as its actor); a mediation
  of the exchange (CONSULT, third party) is held with the other side too. (A party described
  by coordinated nationalities, "A-ish and B-ish mediators", is two parties already: the actor
  stage's ``actor.joint-modifiers``, :mod:`khabar.nlp.actors.pairs`.)

Before the merge, **stranded subjects** (``event.stranded-subject``): an event with no party
whose verb has no subject of its own, the parser having left it on the clause before ("N
other activists tried with him were jailed"), takes that subject as its recipient (a
passive verb) or its actor.

Word lists: ``exchange_nouns`` and ``exchange_types`` in ``nlp/data/story_events.yaml``.
"""

from __future__ import annotations

import copy

from spacy.tokens import Doc, Token

from khabar.geo.countries import CountryTable, load_countries
from khabar.nlp.annotations import ActorMention, EventCandidate, actors_of
from khabar.nlp.events.discourse import STRANDED_SUBJECT, stranded_subject
from khabar.nlp.events.story_words import story_event_words

EXCHANGE_SIDES = "story.exchange-sides"
#: The event type and mode of a mediation between two sides.
MEDIATION = ("CONSULT", "third-party")


def _exchanged_for(tok: Token) -> Token | None:
    """The head noun of what a release was exchanged for: "released X in exchange for Y",
    "mediated the release of X in exchange for Y" (the phrase on the trigger or on the verb
    whose object the trigger is)."""
    words = story_event_words()
    heads = [tok, tok.head] if tok.dep_ in {"dobj", "nsubjpass", "pobj"} else [tok]
    for head in heads:
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ != "in":
                continue
            for noun in prep.children:
                if noun.dep_ != "pobj" or noun.lemma_.lower() not in words.exchange_nouns:
                    continue
                for_ = [c for c in noun.children if c.dep_ == "prep" and c.lower_ == "for"]
                objects = [o for p in for_ for o in p.children if o.dep_ == "pobj"]
                if objects:
                    return objects[0]
    return None


def _mention_at(doc: Doc, tok: Token) -> ActorMention | None:
    """The party of a country the noun phrase names: its own mention ("Palestinian
    prisoners"), else one in its phrase ("prisoners from the B-ish side")."""
    phrase = {t.i for t in tok.subtree}
    found = [m for m in actors_of(doc) if m.country and m.head in phrase]
    return min(found, key=lambda m: (not m.start <= tok.i < m.end, m.start), default=None)


def _state(m: ActorMention, countries: CountryTable, how: str) -> ActorMention | None:
    country = countries.get(m.country) if m.country else None
    if country is None:
        return None
    return ActorMention(
        start=m.start, end=m.end, head=m.head, name=country.name, kind="COUNTRY",
        country=country.alpha3, sector="GOV", how=how, rule=EXCHANGE_SIDES,
    )  # fmt: skip


def _part(
    ev: EventCandidate, actor: list[ActorMention], recipient: list[ActorMention], how: str
) -> EventCandidate:
    part = copy.copy(ev)
    part.actor, part.recipient = actor, recipient
    part.mentions = list(ev.mentions)
    part.joint = True
    part.how = f"{ev.how}; {how}"
    return part


def exchange_sides(doc: Doc, events: list[EventCandidate]) -> list[EventCandidate]:
    """Step 1 of the module docstring."""
    words = story_event_words()
    countries = load_countries()
    out: list[EventCandidate] = []
    added: list[tuple[EventCandidate, ActorMention]] = []
    for ev in events:
        out.append(ev)
        if ev.type not in words.exchange_types or ev.factuality != "asserted" or ev.joint:
            continue
        released = [m for m in ev.recipient if m.country]
        tellings = [(ev.trigger_start, ev.trigger_end), *ev.mentions]
        for start, end in tellings:
            other = _exchanged_for(doc[start])
            mention = _mention_at(doc, other) if other is not None else None
            if mention is None or not released or mention.country == released[0].country:
                continue
            what = doc[mention.start : mention.end].text
            them = _state(mention, countries, f"the side '{what}' were exchanged for")
            us = _state(released[0], countries, "the side whose people were released first")
            if them is None or us is None:
                break
            how = f"the other side's release in the exchange for '{what}' ({EXCHANGE_SIDES})"
            part = _part(ev, [us], [mention], how)
            part.trigger_start, part.trigger_end = start, end
            part.trigger_tokens = list(range(start, end))
            if not ev.actor:
                ev.actor = [them]
                ev.how += f"; released by the side '{what}' were exchanged for ({EXCHANGE_SIDES})"
            ev.joint = True
            out.append(part)
            added.append((ev, them))
            break
    for ev, them in added:
        out.extend(_mediations(doc, out, ev, them))
    return out


def _mediations(
    doc: Doc, events: list[EventCandidate], released: EventCandidate, other: ActorMention
) -> list[EventCandidate]:
    """A mediation whose object is the release told is held with the other side too."""
    head = doc[released.trigger_start].head.i
    found = []
    for ev in events:
        if (ev.type, ev.mode) != MEDIATION or ev.joint or head not in ev.trigger_tokens:
            continue
        how = f"a mediation of the exchange, held with the other side ({EXCHANGE_SIDES})"
        found.append(_part(ev, list(ev.actor), [other], how))
        ev.joint = True
    return found


def stranded_parties(doc: Doc, events: list[EventCandidate]) -> None:
    """The stranded subjects of the module docstring (in place)."""
    by_head: dict[int, ActorMention] = {}
    for m in actors_of(doc):
        by_head.setdefault(m.head, m)
    for ev in events:
        if ev.actor or ev.recipient:
            continue
        verb = doc[ev.trigger_start]
        found = [by_head[s.i] for s in stranded_subject(verb) if s.i in by_head]
        if not found:
            continue
        if any(c.dep_ == "auxpass" for c in verb.children):
            ev.recipient = found
        else:
            ev.actor = found
        ev.how += f"; its subject told on the clause before ({STRANDED_SUBJECT})"
