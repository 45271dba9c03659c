"""Place labels for the map: the larger cities of the gazetteer, built offline into a static
file (``static/places.json``) that the map reads; no request ever touches the gazetteer.

Each label has the zoom from which the map shows it (bigger places earlier), so the world
view names only the largest cities and zooming in adds smaller ones. Rebuild the file with
``python -m khabar.web.labels`` after a gazetteer update.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path

from pydantic import BaseModel

from khabar.geo.entry import GazetteerEntry

#: (population at least, shown from this map zoom); the map's zoom is 1 for the whole world.
ZOOM_TIERS: tuple[tuple[int, float], ...] = ((5_000_000, 1.0), (2_000_000, 2.5), (750_000, 5.0))

STATIC_FILE = Path(__file__).parent / "static" / "places.json"


class PlaceLabel(BaseModel):
    """One map label: a city's main name, where it is and from which zoom it is shown."""

    name: str
    country: str | None
    lat: float
    lon: float
    population: int
    min_zoom: float
    geonameid: int | None = None


def min_zoom(population: int) -> float | None:
    """The zoom from which a place of ``population`` is labelled (``None``: never)."""
    return next((zoom for floor, zoom in ZOOM_TIERS if population >= floor), None)


def build_labels(entries: Iterable[GazetteerEntry]) -> list[PlaceLabel]:
    """Labels for the cities among ``entries`` large enough for a tier, biggest first (one
    label per GeoNames id or name+country)."""
    out: dict[object, PlaceLabel] = {}
    for e in entries:
        zoom = min_zoom(e.population)
        if e.kind != "city" or zoom is None:
            continue
        key = e.geonameid or (e.name, e.country)
        if key in out and out[key].population >= e.population:
            continue
        out[key] = PlaceLabel(
            name=e.name,
            country=e.country,
            lat=round(e.lat, 3),
            lon=round(e.lon, 3),
            population=e.population,
            min_zoom=zoom,
            geonameid=e.geonameid,
        )
    return sorted(out.values(), key=lambda lb: (-lb.population, lb.name))


def labels_json(labels: list[PlaceLabel]) -> str:
    """The static file's text: ``{"source", "labels": [...]}``, one label a line."""
    rows = ",\n".join(lb.model_dump_json() for lb in labels)
    note = json.dumps("GeoNames via the khabar gazetteer (CC BY 4.0)")
    return '{"source": ' + note + ', "labels": [\n' + rows + "\n]}\n"


def main(argv: list[str] | None = None) -> int:
    """Write ``static/places.json`` (or the path given) from the local gazetteer index."""
    from khabar.geo.index import load_default_index

    target = Path((argv or sys.argv[1:] or [str(STATIC_FILE)])[0])
    index = load_default_index(progress=False)
    try:
        labels = build_labels(index.iter_entries(["city"]))
    finally:
        index.close()
    target.write_text(labels_json(labels), encoding="utf-8")
    print(f"{len(labels)} place labels -> {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
