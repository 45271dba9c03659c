"""One event per pair of parties (news-dev's coding rule: one line per actor), after the
story's events are merged (step 4 of :func:`khabar.nlp.events.story.read_story_events`).

- **joint actors** (``story.joint-actors``): an event whose actor names several distinct
  parties ("X and Y delivered aid") becomes one event per actor. When the parties act
  together or towards each other — a type two parties do together (``symmetric_types``:
  "X and Y agreed", "met") or a mutual word ("swapped hostages", "a truce", "a joint
  drill") — and no recipient is named, each actor's recipient is the others; not so for
  companions (``company_verbs`` with an object: "X and Y visited the museum" is each one's
  visit to the museum, neither the other's host). A
  reciprocal fighting word with no recipient ("X and Y clashed") stays one event, the first
  party against the others;
- **mutual acts** (``story.mutual``): a mutual word with one actor and one recipient ("a
  swap of hostages between X and Y") is done by both: the reverse event is added;
- **mediated sides** (``story.mediated-sides``): a meeting or mediation with no recipient
  whose sentence tells a mutual act between named sides ("X and Y exchanged prisoners after
  Z acted as an intermediary") is held with those sides (PLOVER CONSULT: mediation), one
  event per side by the next step;
- **joint recipients** (``story.joint-recipients``): an event of no harm type aimed at
  several distinct named parties ("visited X, Y and Z") becomes one event per recipient
  (the recipients of an attack are often places: "shelled the towns of X and Y").

The split events keep the trigger, evidence and mentions; ``how`` names the step, and
``joint`` marks them so that their ids stay distinct.
"""

from __future__ import annotations

import copy

from spacy.tokens import Doc

from khabar.nlp.annotations import ActorMention, EventCandidate, PlaceMention
from khabar.nlp.sentences import sentence_starts

JOINT_ACTORS = "story.joint-actors"
MUTUAL = "story.mutual"
JOINT_RECIPIENTS = "story.joint-recipients"
MEDIATED_SIDES = "story.mediated-sides"
#: The event type of a meeting or a mediation between sides.
MEDIATION_TYPE = "CONSULT"
THIRD_PARTY = "third-party"


def _by_name(mentions: list[ActorMention]) -> dict[str, list[ActorMention]]:
    out: dict[str, list[ActorMention]] = {}
    for m in mentions:
        out.setdefault(m.name, []).append(m)
    return out


def _part(
    ev: EventCandidate, actor: list[ActorMention], recipient: list[ActorMention], how: str
) -> EventCandidate:
    part = copy.copy(ev)
    part.actor, part.recipient = actor, recipient
    part.mentions = list(ev.mentions)
    part.joint = True
    part.how = f"{ev.how}; {how}"
    part.location = _own_place(ev, recipient)
    return part


def _own_place(ev: EventCandidate, recipient: list[ActorMention]) -> PlaceMention | None:
    """'visits to X, Y and Z': an event placed at one of the recipients it is split into
    is placed, in each part, at that part's own recipient."""
    loc = ev.location
    spans = {(m.start, m.end) for m in ev.recipient}
    if loc is None or (loc.start, loc.end) not in spans or not recipient:
        return loc
    own = {(m.start, m.end) for m in recipient}
    if (loc.start, loc.end) in own:
        return loc
    first = min(own)
    return PlaceMention(start=first[0], end=first[1], label=loc.label)


def _mutual(doc: Doc, ev: EventCandidate, mutual_triggers: frozenset[str]) -> bool:
    """A word for an act both sides do: "exchange", "swap", "ceasefire", "joint"."""
    tokens = [doc[i] for i in ev.trigger_tokens]
    words = {t.lemma_.lower() for t in tokens} | {
        c.lower_ for t in tokens for c in t.children if c.dep_ in {"amod", "compound"}
    }
    return bool(words & mutual_triggers)


def _companions(doc: Doc, ev: EventCandidate, company_verbs: frozenset[str]) -> bool:
    """A verb of going somewhere together, with its object ("X and Y visited the museum")."""
    verb = doc[ev.trigger_start]
    return verb.lemma_.lower() in company_verbs and any(c.dep_ == "dobj" for c in verb.children)


def split_actors(
    doc: Doc,
    ev: EventCandidate,
    symmetric_types: frozenset[str],
    reciprocal_triggers: frozenset[str],
    mutual_triggers: frozenset[str],
    company_verbs: frozenset[str] = frozenset(),
) -> list[EventCandidate]:
    """Step 1 of the module docstring for one event."""
    by_name = _by_name(ev.actor)
    if len(by_name) < 2:
        return [ev]
    if not ev.recipient and doc[ev.trigger_start].lemma_.lower() in reciprocal_triggers:
        first = next(iter(by_name))
        ev.actor = by_name[first]
        ev.recipient = [m for name, ms in by_name.items() if name != first for m in ms]
        ev.how += f"; reciprocal: {first} against the other party"
        return [ev]
    together = _mutual(doc, ev, mutual_triggers) or (
        ev.type in symmetric_types
        and ev.mode != THIRD_PARTY  # joint mediators are no sides of their mediation
        and not _companions(doc, ev, company_verbs)
    )
    out = []
    for name, mentions in by_name.items():
        if together and not ev.recipient:
            others = [m for other, ms in by_name.items() if other != name for m in ms]
            how = f"one of {len(by_name)} parties acting together ({name} with the others)"
            out.append(_part(ev, mentions, others, how))
        else:
            how = f"one of {len(by_name)} joint actors ({name})"
            if not ev.recipient and _companions(doc, ev, company_verbs):
                how = f"one of {len(by_name)} companions ({name}), not each other's host"
            out.append(_part(ev, mentions, list(ev.recipient), how))
    return out


def mediated_sides(doc: Doc, events: list[EventCandidate], mutual_triggers: frozenset[str]) -> None:
    """Step 3 of the module docstring: the sides of a mutual act in its sentence become the
    recipients of a meeting or mediation that names none (and is none of the sides)."""
    sent_of = sentence_starts(doc)
    for ev in events:
        if ev.type != MEDIATION_TYPE or ev.recipient or not ev.actor:
            continue
        own = {m.name for m in ev.actor}
        for other in events:
            if (
                other is ev
                or other.factuality != ev.factuality
                or sent_of[other.trigger_start] != sent_of[ev.trigger_start]
                or not _mutual(doc, other, mutual_triggers)
            ):
                continue
            sides = _by_name([m for m in [*other.actor, *other.recipient] if m.kind != "NOMINAL"])
            if len(sides) >= 2 and not own & set(sides):
                ev.recipient = [ms[0] for ms in sides.values()]
                what = doc[other.trigger_start : other.trigger_end].text
                ev.how += f"; held with the sides of '{what}' ({MEDIATED_SIDES})"
                break


def split_recipients(ev: EventCandidate) -> list[EventCandidate]:
    """Step 3 of the module docstring for one event: named recipients only (a list of
    common nouns, "officials, guards and soldiers", describes one group)."""
    by_name = _by_name(ev.recipient)
    if len(by_name) < 2 or any(m.kind == "NOMINAL" for m in ev.recipient):
        return [ev]
    return [
        _part(ev, list(ev.actor), ms, f"one of {len(by_name)} joint recipients ({name})")
        for name, ms in by_name.items()
    ]


def reverse_mutual(
    doc: Doc,
    events: list[EventCandidate],
    mutual_triggers: frozenset[str],
    harm_types: frozenset[str],
) -> list[EventCandidate]:
    """Step 2 for the mutual acts whose two sides were found after the story's events were
    split (the story roles: "an agreement was signed between X and Y"): the other side's
    part is added (``story.mutual``)."""
    out: list[EventCandidate] = []
    for ev in events:
        out.append(ev)
        if (
            len(_by_name(ev.actor)) == 1
            and len(_by_name(ev.recipient)) == 1
            and not ev.joint
            and ev.type not in harm_types
            and not _by_name(ev.actor).keys() & _by_name(ev.recipient).keys()
            and _mutual(doc, ev, mutual_triggers)
        ):
            how = f"a mutual act: the other side's part ({MUTUAL})"
            out.append(_part(ev, list(ev.recipient), list(ev.actor), how))
            ev.joint = True
    return out


def split_parties(
    doc: Doc,
    events: list[EventCandidate],
    symmetric_types: frozenset[str],
    reciprocal_triggers: frozenset[str],
    mutual_triggers: frozenset[str],
    harm_types: frozenset[str],
    company_verbs: frozenset[str] = frozenset(),
) -> list[EventCandidate]:
    """One event per actor, the reverse of mutual acts, one event per recipient."""
    mediated_sides(doc, events, mutual_triggers)
    out: list[EventCandidate] = []
    for ev in events:
        for part in split_actors(
            doc, ev, symmetric_types, reciprocal_triggers, mutual_triggers, company_verbs
        ):
            parts = [part]
            if (
                len(_by_name(part.actor)) == 1
                and len(_by_name(part.recipient)) == 1
                and not part.joint
                and part.type not in harm_types
                and _mutual(doc, part, mutual_triggers)
            ):
                how = "a mutual act: the other side's part"
                parts.append(_part(part, list(part.recipient), list(part.actor), how))
                parts[0].joint = True
            for p in parts:
                out.extend(split_recipients(p) if p.type not in harm_types else [p])
    return out
