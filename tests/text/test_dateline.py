"""The one dateline parser (khabar.text.dateline) over a table of openings."""

from __future__ import annotations

import pytest

from khabar.text.dateline import DATELINE_WINDOW, find_dateline, parse_dateline


@pytest.mark.parametrize(
    ("text", "place", "qualifier"),
    [
        ("DUSHANBE - Officials met on Monday.", "DUSHANBE", None),
        ("KABUL, Afghanistan (AP) — Talks resumed.", "KABUL", "Afghanistan"),
        ("NEW DELHI: The ministry said.", "NEW DELHI", None),
        ("Headline first\n\nOSH, Kyrgyzstan - Police arrived.", "OSH", "Kyrgyzstan"),
        ("BISHKEK (Reuters) - A court ruled.", "BISHKEK", None),
        ("Lorport, Kestia, June 3 (AP)-- Troops moved in.", "Lorport", "Kestia"),
        # a title-case place and a colon opening a prose paragraph
        ("Curfew imposed\n\nLorport: The interim government ordered a night curfew in "
         "the capital and five other cities on Wednesday, a spokesman said.", "Lorport", None),
    ],
)  # fmt: skip
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
        "UN-backed forces moved in.",  # a hyphen, not a dateline dash
        "x" * DATELINE_WINDOW + "\nKABUL - Talks resumed.",  # past the opening lines
        "Lorport: Four killed in a raid\n\nThe police said four people died.",  # a headline
        "Update: The interim government ordered a night curfew in the capital and five "
        "other cities on Wednesday, a spokesman said.",  # a label, not a place
    ],
)
def test_no_dateline(text: str) -> None:
    assert find_dateline(text) is None


@pytest.mark.parametrize(
    ("line", "place", "outlet"),
    [
        ("KABRA, Lorland (AP) — Troops moved in.", "KABRA", "AP"),
        ("Kabra, Lorland, 3 June (Agence France-Presse) - Troops moved in.", "Kabra", "AFP"),
        ("(Reuters) - Troops moved in.", None, "Reuters"),
        ("PORT-AU-MER: Troops moved in.", "PORT-AU-MER", None),
        ("UPDATE - Troops moved in.", None, None),
        ("Troops moved in - officials", None, None),
        ("KABRA—-The court ruled.", "KABRA", None),  # a dash run, no space
        ("KABRA (Reuters) -The court ruled.", "KABRA", "Reuters"),
        ("KABRA (Lorland Daily / Wire - 3rd June, 2031) The court ruled.", "KABRA", None),
        ("READ: Court rules on appeal", None, None),  # page chrome
        ("US-China talks resumed.", None, None),
    ],
)
def test_dateline_and_credit_forms(line: str, place: str | None, outlet: str | None) -> None:
    found = parse_dateline(line)
    got = (found.place.text if found and found.place else None, found.outlet if found else None)
    assert got == (place, outlet)


@pytest.mark.parametrize(
    ("line", "place", "date", "rule"),
    [
        ("KABRA, 10th June 2031 (WAM) - Aid arrived.", "KABRA", "10th June 2031",
         "dateline-caps-credit"),
        ("June 23, 2031 (PORT-AU-MER) – Talks ended.", "PORT-AU-MER", "June 23, 2031",
         "dateline-date-first"),
        ("Kabra, June 3 (Lorland Radio)-- Talks ended.", "Kabra", "June 3", "dateline-credit"),
        ("KABRA, Lorland, June 3. The ministry said.", "KABRA", "June 3", "dateline-caps-date"),
    ],
)  # fmt: skip
def test_dated_datelines(line: str, place: str, date: str, rule: str) -> None:
    found = parse_dateline(line)
    assert found is not None and found.place is not None and found.date is not None
    assert (found.place.text, found.date.text, found.rule) == (place, date, rule)
