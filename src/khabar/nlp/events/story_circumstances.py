"""The circumstance of a violent verb in its sentence ("died in an ambush", "killed in clashes
between X and Y"): one event told by two triggers (part of step 3 of
:func:`khabar.nlp.events.story.read_story_events`)."""

from __future__ import annotations

from spacy.tokens import Doc

from khabar.nlp.annotations import EventCandidate
from khabar.nlp.events.story_match import agree as _agree
from khabar.nlp.events.story_words import story_event_words

CIRCUMSTANCE = "story.circumstance"
CLASH_TOLL = "story.clash-toll"


def _clash_toll(doc: Doc, verb: EventCandidate, clash: EventCandidate) -> bool:
    """ "civilians were killed in clashes between X and Y": the circumstance is a fight
    between two named sides (a reciprocal word with an actor and a recipient) and the verb
    names no actor of its own that is neither side; whom it killed are the fight's toll, no
    third side of it (rule ``story.clash-toll``)."""
    words = story_event_words()
    if doc[clash.trigger_start].lemma_.lower() not in words.reciprocal_triggers:
        return False
    if not clash.actor or not clash.recipient:
        return False
    sides = [*clash.actor, *clash.recipient]
    return not verb.actor or (_agree(verb.actor, clash.actor) or _agree(verb.actor, sides))


def fold_circumstances(doc: Doc, events: list[EventCandidate]) -> list[EventCandidate]:
    """ "died in an ambush": a violent noun after a preposition of a violent verb (its
    sentence's circumstance, with no party of its own that disagrees) is the verb's event,
    told once; the verb takes its actor when it has none (rule ``story.circumstance``).
    "Killed in clashes between X and Y": the fight between the two sides is the event and
    the verb tells its toll (rule ``story.clash-toll``), so a later act of one side alone
    is no retelling of it."""
    words = story_event_words()
    by_token = {i: ev for ev in events for i in ev.trigger_tokens}
    folded: set[int] = set()
    for ev in events:
        tok = doc[ev.trigger_start]
        if tok.pos_ != "NOUN" or tok.dep_ != "pobj" or ev.type not in words.violent_types:
            continue
        verb = by_token.get(tok.head.head.i) if tok.head.dep_ == "prep" else None
        if verb is None and tok.head.dep_ == "prep" and tok.head.head.dep_ == "conj":
            verb = by_token.get(tok.head.head.head.i)  # "killed and injured in clashes"
        if (
            verb is None
            or verb is ev
            or id(verb) in folded
            or verb.type not in words.violent_types
            or doc[verb.trigger_start].pos_ != "VERB"
            or verb.factuality != ev.factuality
        ):
            continue
        if _clash_toll(doc, verb, ev) and not _agree(verb.recipient, ev.recipient):
            word = doc[verb.trigger_start : verb.trigger_end].text
            ev.mentions = sorted(
                [*ev.mentions, *verb.mentions, (verb.trigger_start, verb.trigger_end)]
            )
            ev.how += f"; '{word}' tells the toll of the fight between its sides ({CLASH_TOLL})"
            if ev.fatalities is None and verb.fatalities is not None:
                ev.fatalities = verb.fatalities
            folded.add(id(verb))
            continue
        if not _agree(verb.actor, ev.actor) or not _agree(verb.recipient, ev.recipient):
            continue
        verb.mentions.append((ev.trigger_start, ev.trigger_end))
        verb.how += f"; '{tok.text}' is its circumstance ({CIRCUMSTANCE})"
        if not verb.actor and ev.actor:
            verb.actor = list(ev.actor)
            verb.how += f" (actor from '{tok.text}')"
        folded.add(id(ev))
    return [ev for ev in events if id(ev) not in folded]
