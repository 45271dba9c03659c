"""Fatalities of a story's violent events: the count of people killed nearest the trigger
(``story.fatalities``), and a raid that killed people retyped as physical force
(``story.lethal-force``)."""

from __future__ import annotations

from spacy.tokens import Doc

from khabar.nlp.annotations import EventCandidate
from khabar.nlp.events.story_words import story_event_words
from khabar.nlp.sentences import sentence_starts
from khabar.nlp.story.fatalities import fatalities_for_trigger

FATALITIES = "story.fatalities"
LETHAL_FORCE = "story.lethal-force"


def attach_fatalities(doc: Doc, events: list[EventCandidate]) -> None:
    """Violent events take the count of people killed nearest their trigger."""
    words = story_event_words()
    sent_of = sentence_starts(doc)
    sents = {s.start: s for s in doc.sents}
    for ev in events:
        if ev.type not in words.violent_types or ev.fatalities is not None:
            continue
        sentence = sents[sent_of[ev.trigger_start]]
        ev.fatalities = fatalities_for_trigger(sentence, doc[ev.trigger_start : ev.trigger_end])
        killed = ev.fatalities is not None and (ev.fatalities.value or 0) > 0
        if ev.type == "COERCE" and ev.mode is None and killed:
            # a raid in which people died: force that kills is an assault (PLOVER ASSAULT); an
            # arrest or a capture (a COERCE mode) near a toll is not what killed
            ev.type, ev.mode = "ASSAULT", None
            ev.how += f"; it killed people: physical force ({LETHAL_FORCE})"
