"""The one dateline parser (khabar.text.dateline) over a table of openings."""

from __future__ import annotations

import pytest

from khabar.text.dateline import DATELINE_WINDOW, find_dateline


@pytest.mark.parametrize(
    ("text", "place", "qualifier"),
    [
        ("DUSHANBE - Officials met on Monday.", "DUSHANBE", None),
        ("KABUL, Afghanistan (AP) — Talks resumed.", "KABUL", "Afghanistan"),
        ("NEW DELHI: The ministry said.", "NEW DELHI", None),
        ("Headline first\n\nOSH, Kyrgyzstan - Police arrived.", "OSH", "Kyrgyzstan"),
        ("BISHKEK (Reuters) - A court ruled.", "BISHKEK", None),
    ],
)
def test_datelines_are_found(text: str, place: str, qualifier: str | None) -> None:
    line = find_dateline(text)
    assert line is not None
    assert (line.place, line.qualifier) == (place, qualifier)
    assert text[line.start : line.end] == place


@pytest.mark.parametrize(
    "text",
    [
        "Officials met in Dushanbe on Monday - a first.",  # not at a line start
        "Kabul - the capital - was quiet.",  # not upper case
        "UN officials met.",  # no dash after the place words
        "x" * DATELINE_WINDOW + "\nKABUL - Talks resumed.",  # past the opening lines
    ],
)
def test_no_dateline(text: str) -> None:
    assert find_dateline(text) is None
