"""khabar.geo.distance: the one haversine."""

from __future__ import annotations

import pytest

from khabar.geo.distance import haversine_km


@pytest.mark.parametrize(
    ("a", "b", "km"),
    [
        ((0.0, 0.0), (0.0, 1.0), 111.19),  # one degree on the equator
        ((0.0, 0.0), (1.0, 0.0), 111.19),  # one degree of latitude
        ((51.5, -0.13), (48.86, 2.35), 343.0),  # London - Paris
        ((10.0, 179.5), (10.0, -179.5), 109.5),  # across the 180th meridian
        ((0.0, 0.0), (0.0, 180.0), 20015.1),  # antipodes: half the circumference
    ],
)
def test_haversine_km(a: tuple[float, float], b: tuple[float, float], km: float) -> None:
    assert haversine_km(*a, *b) == pytest.approx(km, rel=2e-3)
    assert haversine_km(*b, *a) == pytest.approx(haversine_km(*a, *b))


def test_same_point_is_zero() -> None:
    assert haversine_km(33.9, 67.7, 33.9, 67.7) == 0.0
