"""Open (and migrate) the event database; write one article per transaction.

``open_store(url)`` is the only entry point that touches the disk: it creates the
engine, runs the Alembic migrations to ``head`` and returns a ``Store``. Writes use
``INSERT … ON CONFLICT DO NOTHING`` on content-derived keys, so any number of writers
(processes, Dask workers, a re-run after a crash) converge on the same rows.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from sqlalchemy import Connection, Engine, create_engine, event, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from khabar import __version__
from khabar.errors import StoreError
from khabar.model import Event, ExtractionResult
from khabar.store import tables as t
from khabar.store.records import Rejection, StoredMeta

#: SQLite waits this long for another writer's lock before failing (seconds).
SQLITE_BUSY_TIMEOUT_S = 60
#: SQLite reads a file database through a memory map of up to this many bytes (the OS page
#: cache is shared by every connection and process: no copy per read, no read syscall).
SQLITE_MMAP_BYTES = 1 << 30
#: Each SQLite connection keeps up to this many KiB of pages in its own cache.
SQLITE_CACHE_KIB = 8 * 1024
#: SQLite connections kept open for reuse (anyio runs up to 40 request threads at once).
SQLITE_POOL_SIZE = 40


def default_db_url() -> str:
    """``sqlite:///<user data dir>/khabar/khabar.db`` (``$KHABAR_DB`` overrides it)."""
    import os

    from platformdirs import user_data_dir

    env = os.environ.get("KHABAR_DB")
    if env:
        return env
    return f"sqlite:///{Path(user_data_dir('khabar')) / 'khabar.db'}"


def outlet_of(url: str | None) -> str | None:
    """The outlet (host without ``www.``) an article URL belongs to."""
    if not url:
        return None
    host = urlparse(url).hostname or ""
    return host.removeprefix("www.") or None


def date_start(value: str | None) -> Any:
    """First day of an ISO date / month / year; ``None`` for yearless ``--MM-DD`` dates."""
    import datetime as dt

    if not value or value.startswith("--"):
        return None
    parts = value.split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else 1
        day = int(parts[2][:2]) if len(parts) > 2 else 1
        return dt.date(year, month, day)
    except (ValueError, IndexError):
        return None


def rejection_id(input_name: str, code: str, reason: str) -> str:
    return hashlib.sha256(f"{input_name}\0{code}\0{reason}".encode()).hexdigest()


def _event_row(article_id: str, seq: int, ev: Event) -> dict[str, Any]:
    loc = ev.location
    return {
        "id": f"{article_id}-{seq:04d}",
        "article_id": article_id,
        "seq": seq,
        "event_ref": ev.id[:64],
        "type": ev.type,
        "mode": ev.mode,
        "quad_class": ev.quad_class,
        "factuality": ev.factuality,
        "confidence": ev.confidence,
        "ontology_version": ev.ontology_version,
        "date_value": ev.date.value if ev.date else None,
        "date_precision": ev.date.precision if ev.date else None,
        "date_how": ev.date.how if ev.date else None,
        "date_start": date_start(ev.date.value) if ev.date else None,
        "loc_text": loc.text if loc else None,
        "loc_name": loc.name if loc else None,
        "country": loc.country if loc else None,
        "admin1": loc.admin1 if loc else None,
        "lat": loc.lat if loc else None,
        "lon": loc.lon if loc else None,
        "geo_precision": loc.precision if loc else None,
        "geonameid": loc.geonameid if loc else None,
        "geocell": t.geocell(loc.lat, loc.lon)
        if loc and loc.lat is not None and loc.lon is not None
        else None,
        "fatalities": ev.fatalities.value if ev.fatalities else None,
        "evidence_text": ev.evidence.text,
        "evidence_start": ev.evidence.start,
        "evidence_end": ev.evidence.end,
        "trigger_text": ev.evidence.trigger.text,
        "trigger_start": ev.evidence.trigger.start,
        "trigger_end": ev.evidence.trigger.end,
        "cluster_id": None,
        "event_json": json.dumps(ev.model_dump(mode="json"), ensure_ascii=False, sort_keys=True),
    }


def ontology_version_of(result: ExtractionResult) -> str:
    """The PLOVER ontology version an extraction used (its events', else the packaged one)."""
    if result.events:
        return result.events[0].ontology_version
    from khabar.ontology import load_ontology

    return load_ontology().version


def _actor_rows(event_id: str, ev: Event) -> list[dict[str, Any]]:
    rows = []
    for role, refs in (("actor", ev.actor), ("recipient", ev.recipient)):
        for idx, ref in enumerate(refs):
            rows.append(
                {
                    "event_id": event_id,
                    "role": role,
                    "idx": idx,
                    "name": ref.name[:255],
                    "name_key": ref.name.casefold()[:255],
                    "country": ref.country,
                    "sector": ref.sector,
                    "text": ref.text,
                    "start": ref.start,
                    "end": ref.end,
                    "how": ref.how,
                }
            )
    return rows


class Store:
    """A migrated event database. Build it with ``open_store``; close it with ``close``."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        #: The same pool for reads only: on SQLite their transactions BEGIN DEFERRED, so
        #: readers run side by side (WAL) instead of queueing for the write lock.
        self.reader = engine.execution_options(khabar_read_only=True)

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        try:
            with self.engine.begin() as conn:
                yield conn
        except SQLAlchemyError as exc:
            raise StoreError(f"{self.url}: database write failed: {exc}") from exc

    def _insert(self, table: Any) -> Any:
        ins = postgresql.insert if self.dialect == "postgresql" else sqlite.insert
        return ins(table)

    # -- writes ---------------------------------------------------------------------------

    def has_article(self, sha256: str) -> bool:
        with self.engine.connect() as conn:
            found = conn.execute(
                select(t.articles.c.id).where(t.articles.c.sha256 == sha256)
            ).first()
        return found is not None

    def add_result(
        self,
        result: ExtractionResult,
        *,
        input_name: str | None = None,
        source_format: str | None = None,
    ) -> bool:
        """Store an article and its events in one transaction; ``False`` if already stored."""
        art = result.article
        with self.transaction() as conn:
            inserted = conn.execute(
                self._insert(t.articles)
                .values(
                    id=art.id,
                    sha256=art.text_sha256,
                    url=art.url,
                    title=art.title,
                    published=art.published,
                    language=art.language,
                    outlet=art.outlet or outlet_of(art.url),
                    source_format=source_format,
                    input_name=input_name,
                    khabar_version=result.khabar_version or __version__,
                    ontology_version=ontology_version_of(result),
                    n_events=len(result.events),
                    text=art.text,
                )
                .on_conflict_do_nothing()
                .returning(t.articles.c.id)
            ).first()
            if inserted is None:  # rowcount is unreliable for ON CONFLICT on some drivers
                return False
            event_rows = [_event_row(art.id, i, ev) for i, ev in enumerate(result.events)]
            if event_rows:
                conn.execute(t.events.insert(), event_rows)
            actor_rows = [
                row
                for ev, er in zip(result.events, event_rows, strict=True)
                for row in _actor_rows(er["id"], ev)
            ]
            if actor_rows:
                conn.execute(t.actors.insert(), actor_rows)
        return True

    def article_meta(self, sha256: str) -> StoredMeta | None:
        """The metadata stored with an article's content, or ``None`` if it is not stored."""
        a = t.articles.c
        with self.engine.connect() as conn:
            row = conn.execute(
                select(a.id, a.url, a.title, a.published).where(a.sha256 == sha256)
            ).first()
        return None if row is None else StoredMeta.model_validate(row._asdict())

    def add_rejection(self, rejection: Rejection) -> bool:
        """Record a rejected input; recording the same rejection twice is a no-op."""
        with self.transaction() as conn:
            res = conn.execute(
                self._insert(t.rejections)
                .values(
                    id=rejection_id(rejection.input_name, rejection.code, rejection.reason),
                    **rejection.model_dump(),
                )
                .on_conflict_do_nothing()
                .returning(t.rejections.c.id)
            ).first()
        return res is not None

    # -- reads ----------------------------------------------------------------------------

    def count(self, table: str) -> int:
        tbl = t.metadata.tables[table]
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(tbl)).scalar_one())

    def rejections(self) -> list[Rejection]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(
                    t.rejections.c.input_name,
                    t.rejections.c.code,
                    t.rejections.c.reason,
                    t.rejections.c.article_sha256,
                ).order_by(t.rejections.c.input_name, t.rejections.c.code)
            ).all()
        return [Rejection.model_validate(r._asdict()) for r in rows]

    def dump(self) -> dict[str, list[tuple[Any, ...]]]:
        """Every row of every table, sorted: for comparing two databases in tests."""
        out: dict[str, list[tuple[Any, ...]]] = {}
        with self.engine.connect() as conn:
            for name, tbl in t.metadata.tables.items():
                rows = conn.execute(select(tbl)).all()
                out[name] = sorted((tuple(r) for r in rows), key=repr)
        return out


def _sqlite_setup(engine: Engine) -> None:
    """WAL, a busy timeout and ``BEGIN IMMEDIATE`` so concurrent writers queue, not fail."""

    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # let SQLAlchemy's "begin" hook emit BEGIN
        cur = dbapi_conn.cursor()
        if engine.url.database not in (None, "", ":memory:"):
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute(f"PRAGMA mmap_size={SQLITE_MMAP_BYTES}")
            cur.execute(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_S * 1000}")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        if conn.get_execution_options().get("khabar_read_only"):
            conn.exec_driver_sql("BEGIN")  # a reader: no write lock to wait for
        else:
            conn.exec_driver_sql("BEGIN IMMEDIATE")


#: Alembic keeps its migration context in module globals: one migration per process at a time.
_MIGRATE_LOCK = threading.Lock()
#: PostgreSQL advisory lock key serialising migrations across processes ("khabar").
_PG_MIGRATE_LOCK_KEY = 0x6B686162


def migrate(engine: Engine) -> None:
    """Run the packaged Alembic migrations up to ``head``.

    Concurrent openers are serialised: by a process lock (Alembic is not thread-safe), by
    ``BEGIN IMMEDIATE`` on SQLite and by a transaction-scoped advisory lock on PostgreSQL.
    """
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option(
        "script_location", str(resources.files("khabar.store").joinpath("migrations"))
    )
    with _MIGRATE_LOCK, engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_PG_MIGRATE_LOCK_KEY})")
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def open_store(url: str | None = None, *, migrate_schema: bool = True) -> Store:
    """Open the database at ``url`` (default: ``default_db_url()``), migrated to head."""
    url = url or default_db_url()
    try:
        parsed = make_url(url)
    except Exception as exc:
        raise StoreError(
            f"{url!r} is not a database URL; use sqlite:///path.db or postgresql://user@host/db"
        ) from exc
    kwargs: dict[str, Any] = {}
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
            # as many kept connections as the server has worker threads: a connection
            # beyond the pool is closed after each use and reopened (PRAGMAs, caches lost)
            kwargs["pool_size"], kwargs["max_overflow"] = SQLITE_POOL_SIZE, 16
        else:
            from sqlalchemy.pool import StaticPool

            kwargs["poolclass"] = StaticPool
        kwargs["connect_args"] = {"timeout": SQLITE_BUSY_TIMEOUT_S, "check_same_thread": False}
    elif parsed.get_backend_name() == "postgresql" and parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    try:
        engine = create_engine(parsed, **kwargs)
        if engine.dialect.name == "sqlite":
            _sqlite_setup(engine)
        if migrate_schema:
            migrate(engine)
    except SQLAlchemyError as exc:
        raise StoreError(f"{url}: could not open or migrate the event database: {exc}") from exc
    return Store(engine)
