"""khabar.geo.embedded: a place named inside a longer name ("Bank of Mexico"), on the tiny
hand-made gazetteer."""

from __future__ import annotations

import pytest

from khabar.geo.embedded import embedded_names
from khabar.geo.resolve import Geocoder
from khabar.model.core import Place
from tests.geo.tiny import tiny_index


@pytest.fixture(scope="module")
def geocoder() -> Geocoder:
    return Geocoder(tiny_index())


def one(geocoder: Geocoder, text: str, name: str) -> Place:
    start = text.index(name)
    (p,) = geocoder.resolve(text, [Place(text=name, start=start, end=start + len(name))])
    return p


def test_spans_longest_first_without_glue_words() -> None:
    assert embedded_names("Bank of Mexico") == [["Bank", "Mexico"]]
    assert embedded_names("Dubai World Cup") == [
        ["Dubai World", "World Cup"],
        ["Dubai", "World", "Cup"],
    ]
    assert embedded_names("Walker County Sheriff's Office")[1][0] == "Walker County"
    assert embedded_names("Kabul") == []


def test_a_street_name_names_no_place() -> None:
    assert embedded_names("Atlanta Avenue") == []


@pytest.mark.parametrize(
    ("text", "name", "place"),
    [
        ("The Kabul Chamber of Commerce met.", "Kabul Chamber of Commerce", "Kabul"),
        ("The University of Tennessee said so.", "University of Tennessee", "Tennessee"),
        ("The Atlanta Police Department said so.", "Atlanta Police Department", "Atlanta"),
        ("An Afghan Embassy official spoke.", "Afghan Embassy", "Afghanistan"),
    ],
)
def test_the_place_inside_the_name(geocoder: Geocoder, text: str, name: str, place: str) -> None:
    p = one(geocoder, text, name)
    assert p.name == place
    assert p.how is not None and f"the place named inside {name!r}" in p.how
    # a part of the name is what the name stands for only most of the time
    assert p.score is not None and p.score <= 0.6
    assert "score lowered: a place named inside the name" in p.how
    assert (p.text, p.start) == (name, text.index(name))


def test_everyday_words_inside_a_name_find_no_place(geocoder: Geocoder) -> None:
    # "Mobile" is a city of the tiny gazetteer, but an everyday word the ruler leaves out
    p = one(geocoder, "The Mobile Phone Company grew.", "Mobile Phone Company")
    assert p.lat is None and p.how is not None and p.how.startswith("unresolved:")


def test_a_feature_named_after_a_state_is_not_the_state(geocoder: Geocoder) -> None:
    # the Tennessee River is far from the state's point; a town's feature lies by the town
    p = one(geocoder, "They fished the Tennessee River.", "Tennessee River")
    assert p.lat is None
    q = one(geocoder, "They fished Lake Memphis.", "Lake Memphis")
    assert q.name == "Memphis"


def test_a_town_named_with_a_settlement_word_is_not_the_place_inside_it(
    geocoder: Geocoder,
) -> None:
    assert one(geocoder, "Boats reached Puerto France.", "Puerto France").lat is None
    assert one(geocoder, "The Bank of France said so.", "Bank of France").lat is not None
