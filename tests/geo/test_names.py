"""khabar.geo.names: gazetteer names for the entity ruler."""

from __future__ import annotations

import pytest

from khabar.geo.index import GazetteerIndex
from khabar.geo.names import GazetteerName, is_safe_name, ruler_names
from tests.geo.tiny import tiny_index


def by_text(names: list[GazetteerName]) -> dict[str, GazetteerName]:
    return {n.text: n for n in names}


def test_places_and_demonyms() -> None:
    names = by_text(ruler_names(tiny_index(), min_population=1_000))
    assert names["Afghanistan"].label == "PLACE" and names["Afghanistan"].kind == "country"
    assert names["Nangarhar"].kind == "admin1" and names["Nangarhar"].country == "AFG"
    assert names["Dushanbe"].kind == "city"
    assert names["Afghan"].label == "DEMONYM" and names["Afghan"].country == "AFG"
    assert names["Tajiks"].label == "DEMONYM"
    # Accented names also come without their accents (as English texts often write them).
    assert "Bāzārak" in names and "Bazarak" in names
    # The most prominent place of a name wins: Georgia the country, Paris the French city.
    assert names["Georgia"].kind == "country"
    assert names["Paris"].country == "FRA"


def test_population_threshold_and_unsafe_names() -> None:
    names = by_text(ruler_names(tiny_index(), min_population=100_000))
    assert "Bazarak" not in names  # 5,000 people
    assert "Kabul" in names
    assert "Mobile" not in names  # an everyday word
    assert "Jackson" not in names  # a personal name
    assert "Bob" not in names and "Bobville" not in names


@pytest.mark.parametrize(
    ("text", "kind", "safe"),
    [
        ("Of", "city", False),
        ("Reading", "city", False),
        ("Florence", "city", False),
        ("Jordan", "country", True),
        ("US", "country", True),
        ("ab", "city", False),
        ("panjshir", "admin1", False),
        ("Panjshir", "admin1", True),
        ("Area 51", "city", False),
    ],
)
def test_is_safe_name(text: str, kind: str, safe: bool) -> None:
    assert is_safe_name(text, kind) is safe


@pytest.mark.slow
def test_real_ruler_names(gazetteer: GazetteerIndex) -> None:
    names = by_text(ruler_names(gazetteer))
    assert 20_000 < len(names) < 100_000
    for place in ("Panjshir", "Nangarhar", "Dushanbe", "Tajikistan", "Uzbekistan", "Kabul"):
        assert names[place].label == "PLACE", place
    assert names["Afghan"].label == "DEMONYM" and names["Tajik"].country == "TJK"
    for word in ("Of", "Mobile", "Buffalo", "Reading", "Jackson", "May"):
        assert word not in names, word


def test_counties_named_with_their_kind_word() -> None:
    from khabar.geo.index import GazetteerEntry, GazetteerIndex
    from khabar.geo.names import ruler_names

    index = GazetteerIndex.from_entries(
        [
            GazetteerEntry(
                key="a2:1",
                name="McLean County",
                kind="admin2",
                country="USA",
                lat=40.5,
                lon=-88.8,
                population=170_000,
            ),
            GazetteerEntry(
                key="a2:2",
                name="Zaranj",
                kind="admin2",
                country="AFG",
                lat=31.0,
                lon=61.9,
                population=160_000,
            ),
        ]
    )
    texts = {n.text for n in ruler_names(index)}
    assert "McLean County" in texts  # the whole name, not the town "McLean"
    assert "Zaranj" not in texts  # a district's bare name may be anything
