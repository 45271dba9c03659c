"""khabar.geo.home: a source's home region, inferred from its stories and used as context."""

from __future__ import annotations

import pytest

from khabar.geo.home import HomeRegion, home_region
from khabar.geo.resolve import Geocoder
from khabar.geo.scoring import HomeWeights
from khabar.model.core import Place
from tests.geo.tiny import tiny_index

WEIGHTS = HomeWeights(min_stories=3, min_share=0.3, min_score=0.8)


def _town(admin1: str, *, country: str = "USA", score: float = 0.95) -> Place:
    return Place(
        text="x", start=0, end=1, country=country, admin1=admin1, precision="city", score=score
    )


def test_the_division_most_stories_name_is_home() -> None:
    stories = [
        [_town("Tennessee"), _town("Tennessee")],  # counted once per story
        [_town("Tennessee"), _town("Texas")],
        [_town("Tennessee")],
        [_town("Ohio")],
    ]
    home = home_region(stories, WEIGHTS)
    assert home is not None
    assert (home.country, home.admin1, home.stories) == ("USA", "Tennessee", 4)
    assert home.country_share == 1.0 and home.admin1_share == 0.75


def test_no_home_from_too_few_stories_or_scattered_places() -> None:
    assert home_region([[_town("Ohio")], [_town("Ohio")]], WEIGHTS) is None
    scattered = [[_town(f"S{i}", country=f"C{i}")] for i in range(5)]
    assert home_region(scattered, WEIGHTS) is None


def test_low_scores_countries_and_areas_do_not_count() -> None:
    stories = [
        [_town("Ohio", score=0.5)],
        [Place(text="x", start=0, end=1, country="USA", precision="country", score=1.0)],
        [_town("Ohio", score=0.5)],
    ]
    assert home_region(stories, WEIGHTS) is None


def test_a_country_without_a_dominant_division() -> None:
    stories = [[_town("Ohio")], [_town("Texas")], [_town("Maine")], [_town("Utah")]]
    home = home_region(stories, WEIGHTS)
    assert home is not None and home.country == "USA" and home.admin1 is None


@pytest.fixture(scope="module")
def geocoder() -> Geocoder:
    return Geocoder(tiny_index())


def _paris(geocoder: Geocoder, home: HomeRegion | None) -> Place:
    # The text says the country, not the state: Paris, Texas and Paris, Tennessee are both
    # in it; Texas's is the larger.
    text = "Across the United States the band played two nights in Paris."
    mentions = [
        Place(text=name, start=text.index(name), end=text.index(name) + len(name))
        for name in ("United States", "Paris")
    ]
    return geocoder.resolve(text, mentions, home=home)[1]


def test_the_home_region_decides_a_bare_same_name_town(geocoder: Geocoder) -> None:
    tennessee = HomeRegion(
        country="USA", country_share=0.9, admin1="Tennessee", admin1_share=0.9, stories=10
    )
    texas = tennessee.model_copy(update={"admin1": "Texas"})
    at_home = _paris(geocoder, tennessee)
    assert (at_home.country, at_home.admin1) == ("USA", "Tennessee"), at_home.how
    assert "home region" in (at_home.how or "")
    assert _paris(geocoder, texas).admin1 == "Texas"


def test_without_a_home_region_the_larger_town(geocoder: Geocoder) -> None:
    place = _paris(geocoder, None)
    assert place.admin1 == "Texas" and "home" not in (place.how or "")


def test_a_far_home_does_not_move_a_place_abroad(geocoder: Geocoder) -> None:
    oxford = HomeRegion(
        country="GBR", country_share=1.0, admin1="Oxfordshire", admin1_share=1.0, stories=10
    )
    assert _paris(geocoder, oxford).admin1 == "Texas"


def test_a_tie_leaves_the_home_open() -> None:
    stories = [[_town("Ohio")], [_town("Ohio")], [_town("Texas")], [_town("Texas")]]
    home = home_region(stories, WEIGHTS)
    assert home is not None and home.country == "USA" and home.admin1 is None
    ontario = _town("Ontario", country="CAN")
    assert home_region([[_town("Ohio")], [_town("Ohio")], [ontario], [ontario]], WEIGHTS) is None
