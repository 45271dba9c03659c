"""Actor names containing a term, from a list of the distinct names kept per connection.

The ``actor`` filter matches part of a name: in SQL a ``LIKE '%term%'`` over every actor
row (no index can serve it), which cost most of an ``/api/events?actor=…`` page on a large
database and ran twice (the page and its count). On SQLite each pooled connection keeps the
distinct name keys and reloads them only when the database changed (``PRAGMA
data_version`` for other connections' commits, ``total_changes`` for its own), so the
match is exact; the names found go into the query as a list. Elsewhere, or when a term
matches very many names, ``None`` tells the caller to keep the SQL subquery.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select

from khabar.store import tables as t

#: More matching names than this: the SQL subquery is used instead of a literal list.
MAX_LISTED = 500

_INFO_KEY = "khabar_actor_names"
#: SQLite's LIKE folds ASCII letters only; the list is compared the same way.
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _version(conn: Connection) -> tuple[int, int]:
    data_version = int(conn.exec_driver_sql("PRAGMA data_version").scalar_one())
    raw: Any = conn.connection.dbapi_connection
    return data_version, int(raw.total_changes)


def matching_names(conn: Connection, term: str) -> list[str] | None:
    """The distinct ``actors.name_key`` values containing ``term`` (case-folded, as the
    SQL filter compares them), or ``None`` where the SQL subquery should find them."""
    if conn.dialect.name != "sqlite":
        return None
    version = _version(conn)
    cached = conn.info.get(_INFO_KEY)
    if cached is None or cached[0] != version:
        keys = conn.execute(select(t.actors.c.name_key).distinct()).scalars().all()
        folded = [(k.translate(_ASCII_LOWER), k) for k in keys]
        cached = conn.info[_INFO_KEY] = (version, folded)
    needle = term.casefold().strip().translate(_ASCII_LOWER)
    found = [key for low, key in cached[1] if needle in low]
    return found if len(found) <= MAX_LISTED else None
