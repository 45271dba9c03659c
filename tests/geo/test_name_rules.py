"""Names that are no place (news agencies) and country names that are a city's other name."""

from __future__ import annotations

from khabar.geo.index import GazetteerIndex
from khabar.geo.resolve import Geocoder
from khabar.model.core import Place
from tests.geo.tiny import _e

ENTRIES = [
    _e("c:XAA", "Xandia", "country", "XAA", 10.0, 10.0, population=5_000_000),
    _e(
        "d:1",
        "Capital District",
        "admin1",
        "XAA",
        12.1,
        14.1,
        admin1="XA-CD",
        admin1_name="Capital District",
    ),
    # the capital has the country's name as an alternate name, as many capitals do
    _e(
        "t:1",
        "Xandia City",
        "city",
        "XAA",
        12.0,
        14.0,
        alt_names=("Xandia",),
        population=3_000_000,
        feature="capital",
        admin1="XA-CD",
    ),
    _e("t:3", "Oldtown", "city", "XAA", 12.05, 14.05, population=50_000, admin1="XA-CD"),
    # a small town named like a news agency
    _e("t:2", "Reuters", "city", "XAA", 11.0, 11.0, population=3_000),
]


def _geocoder() -> Geocoder:
    return Geocoder(GazetteerIndex.from_entries(ENTRIES))


def test_a_country_name_is_the_country_even_next_to_its_capital() -> None:
    text = "XANDIA CITY - Talks in Oldtown ended. Xandia said it would reply."
    names = ["Oldtown", "Xandia"]
    starts = [text.index("Oldtown"), text.rindex("Xandia")]
    mentions = [Place(text=n, start=s, end=s + len(n)) for n, s in zip(names, starts, strict=True)]
    places = _geocoder().resolve(text, mentions)
    assert places[1].kind == "country"
    assert (places[1].lat, places[1].lon) == (10.0, 10.0)


def test_a_news_agency_is_no_place() -> None:
    place = _geocoder().resolve_name("Reuters")
    assert place.lat is None
    assert "news agency" in (place.how or "")


def test_a_same_name_place_near_the_story_beats_a_far_division() -> None:
    entries = [
        *ENTRIES,
        _e("c:YBB", "Yberia", "country", "YBB", -30.0, 120.0, population=9_000_000),
        # a division far away, which outranks a town by its kind alone
        _e("d:9", "Lindor", "admin1", "YBB", -30.0, 121.0, admin1="YB-LI", admin1_name="Lindor"),
        # a town of the same name in a territory none of the text's countries owns
        _e("t:9", "Lindor", "city", None, 12.3, 14.3, population=60_000),
    ]
    text = "Shelling hit Oldtown and Lindor overnight."
    mentions = [
        Place(text=n, start=text.index(n), end=text.index(n) + len(n))
        for n in ("Oldtown", "Lindor")
    ]
    with_rule = Geocoder(GazetteerIndex.from_entries(entries)).resolve(text, mentions)[1]
    assert (with_rule.lat, with_rule.lon) == (12.3, 14.3)
