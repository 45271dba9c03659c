"""Build the offline base map of the web UI: country outlines as one small GeoJSON file.

The outlines come from the ``countryinfo`` package (MIT; its ``geoJSON`` per country is the
widely used world.geo.json, derived from Natural Earth, public domain). Coordinates are
rounded to 0.1 degree and repeated points dropped, which keeps the file small enough to
ship in the package and draw in a browser at world scale.

    python scripts/build_world_map.py  # writes src/khabar/web/static/world.json
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parents[1] / "src" / "khabar" / "web" / "static" / "world.json"
PRECISION = 1  # decimal places kept (0.1 degree, about 11 km)


def _ring(ring: list[list[float]]) -> list[list[float]]:
    out: list[list[float]] = []
    for lon, lat, *_ in ring:
        pt = [round(lon, PRECISION), round(lat, PRECISION)]
        if not out or out[-1] != pt:
            out.append(pt)
    return out if len(out) >= 4 else []


def _polygons(geometry: dict[str, Any]) -> list[list[list[list[float]]]]:
    polys = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    kept = []
    for poly in polys:
        rings = [r for r in (_ring(ring) for ring in poly) if r]
        if rings:
            kept.append(rings)
    return kept


def build() -> dict[str, Any]:
    data = resources.files("countryinfo").joinpath("data")
    features = []
    for entry in sorted(data.iterdir(), key=lambda p: p.name):
        if not entry.name.endswith(".json"):
            continue
        info = json.loads(entry.read_text(encoding="utf-8"))
        geo = info.get("geoJSON") or {}
        for feat in geo.get("features", []):
            polys = _polygons(feat["geometry"])
            if not polys:
                continue
            features.append(
                {
                    "type": "Feature",
                    "id": feat.get("id"),
                    "properties": {"name": feat.get("properties", {}).get("name")},
                    "geometry": {"type": "MultiPolygon", "coordinates": polys},
                }
            )
    return {
        "type": "FeatureCollection",
        "attribution": "Country outlines: countryinfo (MIT), derived from Natural Earth",
        "features": features,
    }


if __name__ == "__main__":
    OUT.write_text(json.dumps(build(), separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{OUT}: {OUT.stat().st_size // 1024} KiB")
