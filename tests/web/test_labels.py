"""Map place labels: tiers by population, built from gazetteer entries, static file valid."""

from __future__ import annotations

import json

from khabar.geo.entry import GazetteerEntry
from khabar.web.labels import STATIC_FILE, ZOOM_TIERS, build_labels, labels_json, min_zoom


def _city(name: str, population: int, gid: int | None, kind: str = "city") -> GazetteerEntry:
    return GazetteerEntry(
        key=f"gn:{gid}", geonameid=gid, name=name, kind=kind, country="XXX",  # type: ignore[arg-type]
        lat=10.12345, lon=-20.5, population=population,
    )  # fmt: skip


def test_bigger_places_show_earlier() -> None:
    floors = [floor for floor, _ in ZOOM_TIERS]
    zooms = [zoom for _, zoom in ZOOM_TIERS]
    assert floors == sorted(floors, reverse=True) and zooms == sorted(zooms)
    assert min_zoom(floors[0]) == zooms[0]
    assert min_zoom(floors[-1]) == zooms[-1]
    assert min_zoom(floors[-1] - 1) is None


def test_build_keeps_large_cities_once_biggest_first() -> None:
    big, mid = ZOOM_TIERS[0][0], ZOOM_TIERS[-1][0]
    entries = [
        _city("Small", mid - 1, 1),
        _city("Mid", mid, 2),
        _city("Big", big, 3),
        _city("Big", big - 10, 3),  # the same place again: kept once, the larger figure
        _city("Region", big * 2, 4, kind="admin1"),  # not a city
    ]
    labels = build_labels(entries)
    assert [(lb.name, lb.population) for lb in labels] == [("Big", big), ("Mid", mid)]
    assert labels[0].min_zoom < labels[1].min_zoom and labels[0].lat == 10.123
    assert json.loads(labels_json(labels))["labels"][1]["name"] == "Mid"


def test_static_file_is_sorted_and_tiered() -> None:
    data = json.loads(STATIC_FILE.read_text(encoding="utf-8"))
    labels = data["labels"]
    assert len(labels) > 100 and "GeoNames" in data["source"]
    pops = [lb["population"] for lb in labels]
    assert pops == sorted(pops, reverse=True)
    assert all(lb["min_zoom"] == min_zoom(lb["population"]) for lb in labels)
    assert all(-90 <= lb["lat"] <= 90 and -180 <= lb["lon"] <= 180 for lb in labels)
