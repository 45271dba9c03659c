"""The seat of a first-level division (khabar.geo.seat): capital, namesake, largest town."""

from __future__ import annotations

import pytest

from khabar.geo.index import GazetteerIndex
from khabar.geo.resolve import Geocoder
from khabar.geo.seat import at_seat, division_seat
from khabar.model.core import Place
from tests.geo.tiny import _e

ENTRIES = [
    _e("c:XAA", "Xandia", "country", "XAA", 10.0, 10.0, population=5_000_000),
    # a division named after its seat, which is not its largest town
    _e(
        "d:1",
        "Morvale Province",
        "admin1",
        "XAA",
        11.0,
        11.0,
        admin1="XA-MO",
        admin1_name="Morvale Province",
    ),
    _e(
        "t:1",
        "Morvale",
        "city",
        "XAA",
        11.4,
        11.2,
        admin1="XA-MO",
        population=40_000,
        admin1_name="Morvale Province",
        alt_names=("Morvail",),
    ),
    _e("t:2", "Big Port", "city", "XAA", 11.9, 10.1, admin1="XA-MO", population=90_000),
    # a division whose towns do not carry its name: its largest town stands for the seat
    _e(
        "d:2",
        "Upper Plains",
        "admin1",
        "XAA",
        13.0,
        13.0,
        admin1="XA-UP",
        admin1_name="Upper Plains",
    ),
    _e("t:3", "Tessa", "city", "XAA", 13.2, 12.1, admin1="XA-UP", population=20_000),
    _e("t:4", "Quill", "city", "XAA", 13.5, 13.9, admin1="XA-UP", population=8_000),
    # the national capital lies in this division
    _e("d:3", "Crown", "admin1", "XAA", 9.0, 9.0, admin1="XA-CR", admin1_name="Crown"),
    _e(
        "t:5",
        "Regia",
        "city",
        "XAA",
        9.3,
        9.4,
        admin1="XA-CR",
        population=30_000,
        feature="capital",
    ),
    _e("t:6", "Crownfield", "city", "XAA", 9.1, 8.8, admin1="XA-CR", population=60_000),
    # a division with no known town
    _e(
        "d:4", "Empty Reach", "admin1", "XAA", 15.0, 15.0, admin1="XA-ER", admin1_name="Empty Reach"
    ),
]


@pytest.fixture(scope="module")
def index() -> GazetteerIndex:
    return GazetteerIndex.from_entries(ENTRIES)


@pytest.mark.parametrize(
    ("division", "town", "rule"),
    [
        ("d:1", "Morvale", "seat-namesake"),
        ("d:2", "Tessa", "seat-largest"),
        ("d:3", "Regia", "seat-national-capital"),
    ],
)
def test_division_seat(index: GazetteerIndex, division: str, town: str, rule: str) -> None:
    entry = next(e for e in ENTRIES if e.key == division)
    seat = division_seat(index, entry)
    assert seat is not None
    assert (seat.town.name, seat.rule) == (town, rule)
    assert seat.town.name in seat.how


def test_no_seat_for_a_division_without_towns_or_a_town(index: GazetteerIndex) -> None:
    assert division_seat(index, next(e for e in ENTRIES if e.key == "d:4")) is None
    assert division_seat(index, next(e for e in ENTRIES if e.key == "t:1")) is None


def test_at_seat_moves_a_resolved_division_to_its_seat(index: GazetteerIndex) -> None:
    text = "Fighting was reported in Morvale Province on Monday."
    start = text.index("Morvale Province")
    place = Geocoder(index).resolve(
        text, [Place(text="Morvale Province", start=start, end=start + 16)]
    )[0]
    assert place.precision == "admin1"
    moved = at_seat(index, place)
    assert moved is not None
    assert (moved.lat, moved.lon) == (11.4, 11.2)
    assert moved.precision == "admin1"  # the text names the division; the point is its seat
    assert "seat-namesake" in (moved.how or "")


def test_at_seat_leaves_towns_and_unresolved_places(index: GazetteerIndex) -> None:
    geocoder = Geocoder(index)
    assert at_seat(index, geocoder.resolve_name("Big Port")) is None
    assert at_seat(index, Place(text="Nowhere", start=0, end=7)) is None


def test_a_kind_word_finds_the_division_named_after_a_town(index: GazetteerIndex) -> None:
    # the text spells the town another way, which only the town has as an alternate name
    text = "Troops entered Morvail Province."
    start = text.index("Morvail")
    place = Geocoder(index).resolve(
        text, [Place(text="Morvail Province", start=start, end=start + 16)]
    )[0]
    assert (place.kind, place.name) == ("admin1", "Morvale Province")
