"""Date expressions resolved with and without a publication date."""

from __future__ import annotations

import datetime as dt

import pytest

from khabar.nlp.context.dates import resolve_date_text

PUB = dt.date(2026, 3, 14)


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("On March 10", "2026-03-10", "day"),
        ("10 March", "2026-03-10", "day"),
        ("yesterday", "2026-03-13", "day"),
        ("March 2019", "2019-03", "month"),
        ("2019", "2019", "year"),
        ("December 30", "2025-12-30", "day"),  # past preference: not later this year
        ("late Friday night", "2026-03-13", "day"),  # a weekday with a part of the day
        ("early on Saturday", "2026-03-14", "day"),  # the publication day itself
        ("Friday morning", "2026-03-13", "day"),
        ("in late February", "2026-02", "month"),
        ("since early November", "2025-11", "month"),
    ],
)
def test_resolved_against_the_publication_date(text: str, value: str, precision: str) -> None:
    got = resolve_date_text(text, PUB)
    assert got is not None
    assert (got.value, got.precision, got.year_known) == (value, precision, True)


def test_year_range_keeps_both_ends() -> None:
    got = resolve_date_text("1992-1997", PUB)
    assert got is not None
    assert (got.value, got.end_value, got.precision) == ("1992", "1997", "year")


def test_without_publication_date_the_year_stays_unknown() -> None:
    got = resolve_date_text("On August 20", None)
    assert got is not None
    assert (got.value, got.precision, got.year_known) == ("--08-20", "day", False)
    assert resolve_date_text("yesterday", None) is None  # relative dates need an anchor


@pytest.mark.parametrize("text", ["each day", "the centuries", "some time", "last week", ""])
def test_vague_expressions_are_not_dates(text: str) -> None:
    assert resolve_date_text(text, PUB) is None


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("earlier this month", "2026-01", "month"),
        ("late last year", "2025", "year"),
        ("this year", "2026", "year"),
        ("last month", "2025-12", "month"),
    ],
)
def test_periods_relative_to_publication(text: str, value: str, precision: str) -> None:
    got = resolve_date_text(text, dt.date(2026, 1, 24))
    assert got is not None and (got.value, got.precision) == (value, precision)
    assert resolve_date_text(text, None) is None  # no publication date: nothing to anchor to


@pytest.mark.parametrize("text", ["two days", "18 years", "the past week", "several months"])
def test_a_length_of_time_is_not_a_date(text: str) -> None:
    assert resolve_date_text(text, PUB) is None
