"""Events a story does not report as its news (nlp/events/story_filters.py): a noun that only
labels an act ("described as a massacre"); on a short story written for this test, over the
real rule pipeline (no classifier)."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from khabar.nlp.annotations import events_of
from khabar.nlp.pipeline import run

pytestmark = pytest.mark.slow

STORY = "\n\n".join(
    [
        "Troops raid camp in Lorland",
        "Troops raided a refugee camp near Kessa on Monday, killing nine people, aid workers said.",
        "The raid was described as a massacre by the camp's elders.",
        "In what was seen as a threat to the governor, the commander ordered more raids.",
    ]
)


def test_a_label_after_as_is_no_event(nlp_rules: Language) -> None:
    doc = run(nlp_rules, STORY, dt.date(2031, 6, 19))
    words = {doc[ev.trigger_start].lower_ for ev in events_of(doc)}
    assert "raided" in words
    assert not words & {"massacre", "threat"}
