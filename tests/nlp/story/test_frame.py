"""nlp.story.frame: datelines, wire credits, the lead, the news day and the news place."""

from __future__ import annotations

import datetime as dt

import pytest

from khabar.nlp.story.frame import find_lead, resolve_day, story_frame
from tests.nlp.story.stories import BACKGROUND, DISASTER, PUBLISHED, SPORT, WIRE, doc


def test_a_wire_story_has_its_dateline_outlet_news_day_and_news_place() -> None:
    frame = story_frame(doc(WIRE, places=("Kelso",)), PUBLISHED, outlet="example.org")
    assert frame.dateline is not None and frame.dateline.place is not None
    assert frame.dateline.place.text == "MARVANI"
    assert WIRE[frame.dateline.place.start : frame.dateline.place.end] == "MARVANI"
    assert (frame.outlet, frame.outlet_how) == ("Reuters", "dateline-caps-credit")
    assert frame.lead is not None and frame.lead.text.startswith("MARVANI, June 14")
    assert frame.news_day is not None
    # the lead's "on Saturday" (the news day) wins over the dateline's filing date
    assert (frame.news_day.value, frame.news_day.text, frame.news_day.how) == (
        "2031-06-14",
        "Saturday",
        "lead",
    )
    assert frame.news_place is not None
    assert (frame.news_place.text, frame.news_place.how) == ("Kelso", "lead")


def test_the_dateline_place_is_only_a_low_scored_fallback() -> None:
    frame = story_frame(doc(BACKGROUND), PUBLISHED)
    assert frame.outlet == "AP" and frame.news_place is not None
    assert frame.news_place.text == "DORVAN" and frame.news_place.how.startswith("dateline")
    assert frame.news_place.score < 0.5
    assert frame.news_day is not None and frame.news_day.value == "2031-06-10"  # Tuesday


def test_a_trailing_credit_and_no_dateline_place() -> None:
    frame = story_frame(doc(DISASTER), dt.date(2031, 6, 12))
    assert frame.outlet == "AFP" and frame.outlet_how == "trailing-credit"
    assert frame.dateline is not None and frame.dateline.place is None
    assert frame.news_day is not None and frame.news_day.value == "2031-06-11"  # Wednesday


def test_without_any_day_the_news_day_is_unknown_never_the_publication_date() -> None:
    frame = story_frame(doc(SPORT), PUBLISHED, outlet="example.org")
    assert frame.news_day is None and frame.dateline is None
    assert (frame.outlet, frame.outlet_how) == ("example.org", "metadata")
    assert frame.lead is not None and frame.lead.text.startswith("The home team")


@pytest.mark.parametrize(
    ("expression", "published", "value"),
    [
        ("Saturday", PUBLISHED, "2031-06-14"),
        ("Monday", PUBLISHED, "2031-06-16"),  # the publication day itself
        ("yesterday", PUBLISHED, "2031-06-15"),
        ("late last night", PUBLISHED, "2031-06-15"),
        ("June 14", PUBLISHED, "2031-06-14"),
        ("14 June", None, "--06-14"),
        ("Dec. 30", dt.date(2031, 1, 2), "2030-12-30"),  # never after publication
        ("March 3, 2029", PUBLISHED, "2029-03-03"),
        ("14th June", PUBLISHED, "2031-06-14"),
        ("Saturday", None, None),
        ("June 31", PUBLISHED, None),
    ],
)
def test_days_resolve_against_the_publication_date(
    expression: str, published: dt.date | None, value: str | None
) -> None:
    assert resolve_day(expression, published) == value


def test_the_lead_skips_the_headline_and_byline() -> None:
    lead = find_lead(WIRE)
    assert lead is not None and WIRE[lead.start : lead.end] == lead.text
    assert "Rebels overrun" not in lead.text and "Staff Writer" not in lead.text
