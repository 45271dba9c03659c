"""When two tellings of an event name parties that can be one event's (the story-level passes
of :mod:`khabar.nlp.events.story`)."""

from __future__ import annotations

from spacy.tokens import Doc

from khabar.nlp.annotations import ActorMention, EventCandidate
from khabar.nlp.events.discourse import marked_distinct
from khabar.nlp.events.story_words import story_event_words

SEQUENCE = "story.sequence"


def names(ms: list[ActorMention]) -> set[str]:
    return {m.name for m in ms}


def generic(ms: list[ActorMention]) -> bool:
    return all(m.kind == "NOMINAL" for m in ms)


def agree(a: list[ActorMention], b: list[ActorMention]) -> bool:
    """No party, a shared name, or a common noun ("militants") of the other's sector."""
    if not a or not b or names(a) & names(b):
        return True
    sectors_a = {m.sector for m in a if m.sector}
    sectors_b = {m.sector for m in b if m.sector}
    return (generic(a) or generic(b)) and bool(sectors_a & sectors_b)


def same_country(a: list[ActorMention], b: list[ActorMention]) -> bool:
    """A headline names a party in short: "Armenia" for its foreign ministry."""
    return bool({m.country for m in a if m.country} & {m.country for m in b if m.country})


def another_as_told(doc: Doc, group: list[EventCandidate], ev: EventCandidate) -> bool:
    """``ev`` is not marked as another act ("another ship"), or the headline says so too."""
    if marked_distinct(doc, ev) is None:
        return True
    return any(marked_distinct(doc, m) is not None for m in group)


def sequenced(doc: Doc, ev: EventCandidate) -> bool:
    """ "Police were then seen forcing them back": an adverb of sequence on the trigger's verb
    (or the verb whose complement it is) puts the act after the one told before, a further
    act, not a retelling (rule ``story.sequence``)."""
    words = story_event_words()
    verb = doc[ev.trigger_start]
    verbs = [verb, verb.head] if verb.dep_ == "xcomp" else [verb]
    return any(
        c.dep_ == "advmod" and c.lower_ in words.sequence_adverbs for v in verbs for c in v.children
    )
