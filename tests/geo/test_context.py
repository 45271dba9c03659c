"""khabar.geo.context: distances to the text's other places, lists of places."""

from __future__ import annotations

import math

import pytest

from khabar.geo.context import nearest_km
from khabar.geo.distance import haversine_km
from khabar.geo.text_cues import in_a_list


@pytest.mark.parametrize(
    ("point", "others"),
    [
        ((34.5, 69.2), [(34.4, 70.4), (10.0, 10.0)]),  # Kabul and Jalalabad, 110 km
        ((-17.8, 178.0), [(-17.6, -179.9)]),  # across the 180th meridian
        ((64.1, -21.9), [(65.7, -18.1)]),  # far north: a degree of longitude is short
    ],
)
def test_nearest_is_the_true_distance_when_near(
    point: tuple[float, float], others: list[tuple[float, float]]
) -> None:
    expected = min(haversine_km(*point, *o) for o in others)
    assert expected < 400
    assert nearest_km(*point, others) == pytest.approx(expected)


def test_far_points_are_skipped() -> None:
    assert nearest_km(34.5, 69.2, [(48.9, 2.3), (34.5, 120.0)]) == math.inf
    assert nearest_km(34.5, 69.2, []) == math.inf


@pytest.mark.parametrize(
    ("before", "after", "listed"),
    [
        ("in Ohio, ", ", Texas and Georgia", True),
        ("in ", ", Texas and more", False),  # "Paris, Texas": one place
        ("in ", ", Texas, Ohio", True),
    ],
)
def test_in_a_list(before: str, after: str, listed: bool) -> None:
    assert in_a_list(before, after) is listed
