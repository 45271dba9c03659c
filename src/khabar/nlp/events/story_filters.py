"""Events a story does not report as its news, dropped first by the story-event passes
(step 0 of :func:`khabar.nlp.events.story.read_story_events`): the classifier's guesses where
the rules find the story's events (``story.guesses``) and events in photo captions
(``story.caption``)."""

from __future__ import annotations

from spacy.tokens import Doc

from khabar.nlp import rules
from khabar.nlp.annotations import EventCandidate
from khabar.nlp.events.story_words import story_event_words
from khabar.nlp.sentences import sentence_starts


def drop_captions(doc: Doc, events: list[EventCandidate]) -> list[EventCandidate]:
    """Events in a photo caption (a photo credit, "from left:", a handout picture) are no
    news the story reports (rule ``story.caption``): a caption describes an image."""
    cues = story_event_words().caption_cues
    sent_of = sentence_starts(doc)
    sents = {s.start: s.text.lower() for s in doc.sents}

    def caption(ev: EventCandidate) -> bool:
        text = " ".join(sents[sent_of[ev.trigger_start]].split())
        return any(cue in text for cue in cues)

    return [ev for ev in events if not caption(ev)]


def drop_guesses(events: list[EventCandidate]) -> list[EventCandidate]:
    """The classifier's guesses (``event.classifier``: a sentence with no event word) in a
    text where the rules find events (rule ``story.guesses``): a story tells its news with
    event words; a sentence without one is at most a minor mention."""
    told = [ev for ev in events if ev.rule != rules.CLASSIFIER]
    return told if told else events
