"""The news day from a later restatement of the story's event (rule ``news-day``, news day
``how`` ``restated``).

A lead that names no day often names it later, when the story names its event again by its
day: "Thursday's raid", "Monday's protest in the capital". The coding rule (news-dev
README): a date from a sentence that explicitly ties the event to a dated event; a
restatement that names the event with its day does. Only when the frame found no news day
(in the lead or the dateline), only a weekday or a relative day in the possessive
("<day>'s") before a noun that names an event (``restated_event_nouns`` in context.yaml) or
a noun the lead uses for its event; the first such restatement wins.
"""

from __future__ import annotations

from spacy.tokens import Doc

from khabar.nlp.context.view import StoryView
from khabar.nlp.story.frame import NewsDay, StoryFrame, resolve_day
from khabar.nlp.words import WordSet

RESTATED = "restated"

EVENT_NOUNS = WordSet("context", "restated_event_nouns")


def restated_news_day(doc: Doc, frame: StoryFrame, view: StoryView) -> NewsDay | None:
    """The day of the first "<day>'s <event noun>" in the story, as the news day."""
    for tok in doc:
        if tok.dep_ != "poss" or tok.ent_type_ != "DATE":
            continue
        noun = tok.head
        lemma = noun.lemma_.lower()
        if noun.pos_ != "NOUN" or (lemma not in EVENT_NOUNS and lemma not in view.lead_nouns):
            continue
        value = resolve_day(tok.text, frame.published)
        if value is None or value.startswith("--"):
            continue
        return NewsDay(value=value, text=tok.text, start=tok.idx, end=tok.idx + len(tok),
                       how=RESTATED)  # fmt: skip
    return None


def with_restated_day(doc: Doc, frame: StoryFrame | None, view: StoryView) -> StoryFrame | None:
    """The frame, with the restated news day when it has none of its own."""
    if frame is None or frame.news_day is not None:
        return frame
    day = restated_news_day(doc, frame, view)
    return frame if day is None else frame.model_copy(update={"news_day": day})
