"""khabar.geo.geonames_points: GeoNames' own division points matched by name and distance."""

from __future__ import annotations

import pytest

from khabar.geo.geonames_points import GeoNamesPoint, GeoNamesPoints, read_city_list

# Made-up rows in the layout of pyowm's list: id, name, country, US state, lat, lon.
ROWS = [
    GeoNamesPoint(1, "State of Lakeland", "XA", None, 10.0, 20.0),  # a division
    GeoNamesPoint(2, "Lakeland", "XA", None, 10.1, 20.1),  # a town (indexed elsewhere)
    GeoNamesPoint(3, "Lakeland", "XB", None, 40.0, 50.0),  # another country
    GeoNamesPoint(4, "Hill County", "US", "TX", 31.0, -97.0),
    GeoNamesPoint(5, "Hill County", "US", "MT", 48.6, -110.1),
]


def test_point_by_id() -> None:
    points = GeoNamesPoints.from_rows(ROWS, city_ids={2})
    assert points.point(1) == (10.0, 20.0)
    # A populated place that another source indexes keeps that source's point.
    assert points.point(2) is None
    assert points.point(99) is None and points.point(None) is None


def test_division_matched_by_name_in_its_country_near_its_point() -> None:
    points = GeoNamesPoints.from_rows(ROWS, city_ids={2})
    hit = points.match("XA", ["Lakeland"], (10.5, 20.5), 250.0)
    # "State of Lakeland" (the name without its division word), not the town of id 2.
    assert hit is not None and hit.geonameid == 1
    # A row is given to one division only.
    assert points.match("XA", ["Lakeland"], (10.5, 20.5), 250.0) is None


@pytest.mark.parametrize(
    ("country", "near", "max_km", "state", "expected"),
    [
        ("XA", (30.0, 20.0), 250.0, None, None),  # too far from the division's point
        ("XC", (10.0, 20.0), 250.0, None, None),  # no such name in that country
        ("US", (31.1, -97.1), 80.0, "TX", 4),
        ("US", (31.1, -97.1), 80.0, "MT", None),  # the Montana county is not the Texas one
    ],
)
def test_match_limits(
    country: str, near: tuple[float, float], max_km: float, state: str | None, expected: int | None
) -> None:
    points = GeoNamesPoints.from_rows(ROWS, city_ids={2})
    names = ["Lakeland"] if country.startswith("X") else ["Hill County"]
    hit = points.match(country, names, near, max_km, state=state)
    assert (hit.geonameid if hit else None) == expected


@pytest.mark.slow
def test_pyowm_list_has_geonames_own_country_points() -> None:
    rows = {p.geonameid: p for p in read_city_list()}
    assert len(rows) > 200_000
    usa = rows[6252001]  # GeoNames' United States, at its own point in Kansas
    assert (round(usa.lat), round(usa.lon)) == (40, -98)
