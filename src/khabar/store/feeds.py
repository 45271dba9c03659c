"""Per-feed state of ``khabar watch``: validators, health, and every entry seen.

A feed's ETag / Last-Modified are saved only after all its new entries were handled, and
an entry is marked only after its article was stored (or refused for good), so a watcher
killed at any point and restarted refetches at most the entries it had not finished —
and storing those again is a no-op (articles are keyed by content).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Literal

from pydantic import BaseModel, ConfigDict
from sqlalchemy import and_, func, select, update

from khabar.store import tables as t
from khabar.store.database import Store

#: What became of an entry. ``failed`` (network trouble) is retried on later polls, up to
#: ``MAX_ENTRY_ATTEMPTS``; the others are final.
EntryStatus = Literal["stored", "updated", "already", "rejected", "disallowed", "failed"]
MAX_ENTRY_ATTEMPTS = 3


def utcnow() -> dt.datetime:
    """Now in UTC, naive (as stored)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def entry_key(url: str) -> str:
    """The key of a feed entry: the SHA-256 of its link (or id)."""
    return hashlib.sha256(url.encode("utf-8")).hexdigest()


class FeedState(BaseModel):
    """A feed's stored state and health, as ``khabar feeds`` shows it."""

    model_config = ConfigDict(extra="forbid")

    name: str
    url: str
    etag: str | None = None
    last_modified: str | None = None
    last_polled_at: dt.datetime | None = None
    last_success_at: dt.datetime | None = None
    last_error_at: dt.datetime | None = None
    last_error: str | None = None
    consecutive_errors: int = 0
    articles_today: int = 0
    entries: int = 0


def _insert(store: Store, table: t.Table) -> object:
    from sqlalchemy.dialects import postgresql, sqlite

    return (postgresql.insert if store.dialect == "postgresql" else sqlite.insert)(table)


def ensure_feed(store: Store, name: str, url: str) -> None:
    """Register a feed (a no-op if known); a changed URL resets its validators."""
    with store.transaction() as conn:
        row = conn.execute(select(t.feeds.c.url).where(t.feeds.c.name == name)).first()
        if row is None:
            conn.execute(
                _insert(store, t.feeds)  # type: ignore[attr-defined]
                .values(name=name, url=url, consecutive_errors=0)
                .on_conflict_do_nothing()
            )
        elif row.url != url:
            conn.execute(
                update(t.feeds)
                .where(t.feeds.c.name == name)
                .values(url=url, etag=None, last_modified=None)
            )


def feed_state(store: Store, name: str) -> FeedState | None:
    states = [s for s in feed_states(store) if s.name == name]
    return states[0] if states else None


def feed_states(store: Store, today: dt.date | None = None) -> list[FeedState]:
    """Every known feed with its health and the articles it brought today (UTC)."""
    day = today or utcnow().date()
    since = dt.datetime.combine(day, dt.time())
    e = t.feed_entries.c
    with store.engine.connect() as conn:
        feeds = conn.execute(select(t.feeds).order_by(t.feeds.c.name)).all()
        today_counts: dict[str, int] = dict(
            conn.execute(
                select(e.feed, func.count())
                .where(and_(e.status.in_(("stored", "updated")), e.updated_at >= since))
                .group_by(e.feed)
            ).all()
        )
        totals: dict[str, int] = dict(
            conn.execute(select(e.feed, func.count()).group_by(e.feed)).all()
        )
    return [
        FeedState(
            **row._asdict(),
            articles_today=int(today_counts.get(row.name, 0)),
            entries=int(totals.get(row.name, 0)),
        )
        for row in feeds
    ]


def record_poll(
    store: Store,
    name: str,
    *,
    error: str | None = None,
    etag: str | None = None,
    last_modified: str | None = None,
    keep_validators: bool = False,
) -> None:
    """Record the end of one poll of a feed: success (with new validators) or an error."""
    now = utcnow()
    values: dict[str, object] = {"last_polled_at": now}
    if error is None:
        values |= {"last_success_at": now, "consecutive_errors": 0}
        if not keep_validators:
            values |= {"etag": etag, "last_modified": last_modified}
    else:
        values |= {
            "last_error_at": now,
            "last_error": error[:2000],
            "consecutive_errors": t.feeds.c.consecutive_errors + 1,
        }
    with store.transaction() as conn:
        conn.execute(update(t.feeds).where(t.feeds.c.name == name).values(**values))


def entries_to_skip(store: Store, feed: str, keys: list[str]) -> set[str]:
    """The keys among ``keys`` that need no fetch: final, or failed too often."""
    e = t.feed_entries.c
    found: set[str] = set()
    with store.engine.connect() as conn:
        for i in range(0, len(keys), 500):
            rows = conn.execute(
                select(e.entry_key, e.status, e.attempts).where(
                    and_(e.feed == feed, e.entry_key.in_(keys[i : i + 500]))
                )
            ).all()
            found |= {
                r.entry_key
                for r in rows
                if r.status != "failed" or r.attempts >= MAX_ENTRY_ATTEMPTS
            }
    return found


def stored_elsewhere(store: Store, feed: str, keys: list[str]) -> dict[str, str | None]:
    """Entries another feed already stored (same link): their article ids, no refetch."""
    e = t.feed_entries.c
    found: dict[str, str | None] = {}
    with store.engine.connect() as conn:
        for i in range(0, len(keys), 500):
            rows = conn.execute(
                select(e.entry_key, e.article_id).where(
                    and_(
                        e.feed != feed,
                        e.entry_key.in_(keys[i : i + 500]),
                        e.status.in_(("stored", "updated", "already")),
                    )
                )
            ).all()
            found |= {r.entry_key: r.article_id for r in rows}
    return found


def mark_entry(
    store: Store,
    feed: str,
    url: str,
    status: EntryStatus,
    *,
    reason: str | None = None,
    article_id: str | None = None,
) -> None:
    """Record what became of one entry (a later outcome overwrites a ``failed`` one)."""
    now = utcnow()
    key = entry_key(url)
    e = t.feed_entries.c
    with store.transaction() as conn:
        row = conn.execute(
            select(e.attempts).where(and_(e.feed == feed, e.entry_key == key))
        ).first()
        values = {"url": url, "status": status, "reason": reason, "article_id": article_id}
        if row is None:
            conn.execute(
                t.feed_entries.insert().values(
                    feed=feed,
                    entry_key=key,
                    attempts=1,
                    first_seen_at=now,
                    updated_at=now,
                    **values,
                )
            )
        else:
            conn.execute(
                update(t.feed_entries)
                .where(and_(e.feed == feed, e.entry_key == key))
                .values(attempts=row.attempts + 1, updated_at=now, **values)
            )
