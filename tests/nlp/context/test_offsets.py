"""Dates counted from another date ("two days after", rule ``offset``:
khabar.nlp.context.offsets), on short stories written for these tests, over the real rule
pipeline."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from khabar.nlp.annotations import EventCandidate, events_of
from khabar.nlp.pipeline import run

PUBLISHED = dt.date(2031, 6, 19)  # a Thursday

STORY = (
    "Rebels shell port\n\n"
    "Rebels shelled the port of Garissa on Tuesday, killing three fishermen and wounding two "
    "others, police said.\n\n"
    "Tuesday's shelling came two days after government troops bombed a rebel camp near the "
    "border.\n\n"
    "The raid late Monday came a day before police arrested the mayor of the town.\n"
)


def _event(doc, word: str) -> EventCandidate:  # type: ignore[no-untyped-def]
    found = [ev for ev in events_of(doc) if doc[ev.trigger_tokens[0]].lower_ == word]
    assert found, f"no event on '{word}'"
    return found[0]


@pytest.fixture(scope="module")
def story(nlp_rules: Language):  # type: ignore[no-untyped-def]
    return run(nlp_rules, STORY, PUBLISHED)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("trigger", "value", "how"),
    [
        ("shelled", "2031-06-17", "sentence"),  # its own date: nothing to count
        ("bombed", "2031-06-15", "offset"),  # two days after Tuesday
        ("arrested", "2031-06-17", "offset"),  # a day before (late) Monday
    ],
)
def test_a_count_of_days_before_a_tie_word_moves_the_date(
    story, trigger: str, value: str, how: str
) -> None:  # type: ignore[no-untyped-def]
    ev = _event(story, trigger)
    assert ev.date is not None
    assert (ev.date.value, ev.date_how) == (value, how)


@pytest.mark.slow
def test_the_offset_date_keeps_the_anchor_and_the_count_in_view(story) -> None:  # type: ignore[no-untyped-def]
    ev = _event(story, "bombed")
    assert ev.date is not None
    assert ev.date.text == story.text[ev.date.start_char : ev.date.end_char]
    assert ev.date.text.startswith("Tuesday") and ev.date.text.endswith("two days after")


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        # hours are the same day
        "Police said on Wednesday that the attack came hours after troops shelled the town.",
        # the date is the tied clause's own: it dates that event, no counting
        "Protesters marched two days after troops shelled the town on Monday.",
    ],
)
def test_no_count_or_an_own_date_moves_nothing(nlp_rules: Language, text: str) -> None:
    doc = run(nlp_rules, text, PUBLISHED)
    assert all(ev.date_how != "offset" for ev in events_of(doc))


@pytest.mark.slow
def test_a_count_that_would_pass_the_publication_date_is_not_used(nlp_rules: Language) -> None:
    doc = run(
        nlp_rules, "The raid on Thursday came a day before police arrested the mayor.", PUBLISHED
    )
    ev = _event(doc, "arrested")
    assert ev.date_how != "offset"
