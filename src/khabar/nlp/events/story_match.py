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
    """A headline names a party in short: "Armenia" for its foreign ministry (the same
    country, or a party of no known country: "the foreign ministry" of ``story.headline-short``)."""
    countries_a = {m.country for m in a if m.country}
    countries_b = {m.country for m in b if m.country}
    return not countries_a or not countries_b or bool(countries_a & countries_b)


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


#: The smallest toll that ties two tellings of a violent event (``story.same-toll``).
MIN_SAME_TOLL = 2


def same_toll(doc: Doc, a: EventCandidate, b: EventCandidate) -> bool:
    """``b`` counts the same dead as ``a`` (two or more), with agreeing actors and no other
    place or date: the same event told again, though it names the dead in other words
    (rule ``story.same-toll``); not when ``b`` is marked as another or a further act. ``b``
    only adds a mention: the earlier telling stays the event's evidence."""
    toll_a, toll_b = (ev.fatalities.value if ev.fatalities else None for ev in (a, b))
    if toll_a is None or toll_a < MIN_SAME_TOLL or toll_a != toll_b:
        return False
    if marked_distinct(doc, b) is not None or sequenced(doc, b) or not agree(a.actor, b.actor):
        return False
    if a.date is not None and b.date is not None and a.date.value != b.date.value:
        return False  # a date of its own: another day's toll
    place_a, place_b = (ev.location.name if ev.location else None for ev in (a, b))
    return place_a is None or place_b is None or place_a == place_b
