"""A third party's mediation and the event it mediates (rule ``event.mediated``).

"X mediated a swap of hostages between A and B", "X mediated talks between A and B":
the mediated event is A's and B's (the sides named after "between" anywhere in its noun
phrase, the first as actor and the others as recipients — ``story.mutual`` later adds the
other side's part of a mutual act), and the mediation is X's towards each side (PLOVER
CONSULT: mediation between actors; news-dev codes one line per side).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from khabar.nlp.annotations import ActorMention, EventCandidate
from khabar.nlp.events.roles import with_conjuncts

MEDIATED = "event.mediated"


def _sides(noun: Token, by_head: dict[int, ActorMention]) -> list[ActorMention]:
    """The parties after "between" in the noun's phrase ("between A and B")."""
    for tok in noun.subtree:
        if tok.dep_ == "prep" and tok.lower_ == "between":
            for pobj in tok.children:
                if pobj.dep_ == "pobj":
                    found = with_conjuncts(pobj, by_head)
                    if len({m.name for m in found}) > 1:
                        return found
    return []


def mediated_parties(
    doc: Doc, events: list[EventCandidate], by_head: dict[int, ActorMention]
) -> None:
    """Give a mediated event its sides, and the mediation the sides as recipients."""
    by_token = {i: ev for ev in events for i in ev.trigger_tokens}
    for ev in events:
        if ev.mode != "third-party":
            continue
        for child in doc[ev.trigger_start].children:
            inner = by_token.get(child.i) if child.dep_ in {"dobj", "nsubjpass"} else None
            if inner is None or inner is ev:
                continue
            sides = _sides(child, by_head)
            if not sides:
                continue
            names = " and ".join(dict.fromkeys(m.name for m in sides))
            inner.actor, inner.recipient = sides[:1], sides[1:]
            inner.how += f"; mediated by a third party between {names} ({MEDIATED})"
            ev.recipient = list(sides)
            ev.how += f"; mediation between {names} ({MEDIATED})"
