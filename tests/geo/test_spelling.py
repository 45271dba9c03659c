"""Transliteration variants (khabar.geo.spelling) and the resolver's use of them."""

from __future__ import annotations

import pytest

from khabar.geo.index import GazetteerIndex
from khabar.geo.resolve import Geocoder
from khabar.geo.spelling import lookup_respelled, spelling_key
from tests.geo.tiny import _e


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Tell ez-Zahra", "Tell Ezzahra"),  # article hyphenated / glued and assimilated
        ("Tell al-Zahra", "Tell ez-Zahra"),  # article written two ways
        ("Kafr Sabbah", "Kafr Sabah"),  # doubled letter, final h
        ("Al-Mansura", "Mansurah"),  # leading article dropped
    ],
)
def test_variants_share_a_key(a: str, b: str) -> None:
    assert spelling_key(a) == spelling_key(b)


def test_different_names_keep_different_keys() -> None:
    assert spelling_key("Tell Zahra") != spelling_key("Tell Zahir")


ENTRIES = [
    _e("c:SYR", "Syria", "country", "SYR", 35.0, 38.0, population=17_000_000),
    _e("t:1", "Tell ez-Zahra", "city", "SYR", 35.3, 40.1, population=200_000),
    # the same spelling in a country outside the transliterated list is never respelled
    _e("t:2", "Tell al-Zahra", "city", "BRA", -10.0, -50.0, population=900_000),
]


@pytest.fixture(scope="module")
def index() -> GazetteerIndex:
    return GazetteerIndex.from_entries(ENTRIES)


def test_lookup_respelled_only_in_listed_countries(index: GazetteerIndex) -> None:
    name, found = lookup_respelled(index, "Tell Ezzahra")
    assert name == "Tell ez-Zahra"
    assert [(e.key, main) for e, main in found] == [("t:1", False)]


def test_resolver_finds_a_variant_with_a_lowered_score(index: GazetteerIndex) -> None:
    geocoder = Geocoder(index)
    exact = geocoder.resolve_name("Tell ez-Zahra")
    variant = geocoder.resolve_name("Tell Ezzahra")
    assert (variant.lat, variant.lon) == (35.3, 40.1)
    assert variant.score is not None and exact.score is not None
    assert variant.score < exact.score
    assert variant.score < 0.8  # an indirect match is never "confident"


def test_the_index_stores_the_spelling_keys(index: GazetteerIndex) -> None:
    # the same spelling in a country outside the list (t:2) is not stored
    assert index.spelled(spelling_key("Tell Ezzahra")) == ["Tell ez-Zahra"]
    assert index.spelled(spelling_key("Nowhere at all")) == []
