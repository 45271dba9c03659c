"""One page of events in a sort order, and its total, cheaply on large databases.

The page's event ids are chosen first by a narrow query (the filter, the sort key and the
id: the database walks an index such as ``(date_start, id)`` or sorts small rows), and
only those rows are then joined to their article, cluster and review. Sorting the full
joined rows (each carrying its event JSON) cost most of a page's time.

Reviews correct an event's type, date, country or factuality, so with reviews in the
database the filter and the order use the corrected values, which no index holds. They
are few: an event without a review keeps its stored values, so the first ``offset +
limit`` unreviewed events in the corrected order are among the first ``offset + limit +
R`` events in the stored order (R: the reviewed events), which an index finds. The page
is then sorted from those candidates and the reviewed events only; the total is the
stored-value count corrected by the reviewed events. The reviewed events are listed by id
(up to ``MAX_LISTED_REVIEWED``; beyond that every matching row is sorted).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Select, func, or_, select

from khabar.store import tables as t
from khabar.store.query import _select, effective, events_from, matching
from khabar.store.records import EventQuery
from khabar.store.view_models import SortKey

#: With more reviewed events than this a page sorts every matching row by the corrected
#: values (the narrowing lists the reviewed events' ids in the query).
MAX_LISTED_REVIEWED = 5000


def _order(stmt: Select[Any], sort: SortKey, reviewed: bool = True) -> Select[Any]:
    ev = t.events
    col = {
        "date": effective("date_start", reviewed),
        "confidence": ev.c.confidence,
        "type": effective("type", reviewed),
        "sources": t.clusters.c.n_sources,
    }.get(sort.lstrip("-"), ev.c.id)
    desc = sort.startswith("-")
    primary = (col.desc() if desc else col.asc()).nulls_last()
    tie = ev.c.id.desc() if desc else ev.c.id.asc()
    return stmt.order_by(None).order_by(primary, tie)


def reviewed_events(conn: Connection) -> list[str] | None:
    """The ids of the events that have a review (``[]``: queries skip the review join;
    ``None``: more than ``MAX_LISTED_REVIEWED``). Found from the few review rows through
    ``events.article_id`` (a join would let SQLite scan every event for them)."""
    rv, ev = t.event_reviews, t.events
    anchors = {
        tuple(r)
        for r in conn.execute(select(rv.c.article_id, rv.c.trigger_start, rv.c.trigger_end))
    }
    if len(anchors) > MAX_LISTED_REVIEWED:
        return None
    articles = sorted({a[0] for a in anchors})
    found: list[str] = []
    for i in range(0, len(articles), 500):
        stmt = select(ev.c.id, ev.c.article_id, ev.c.trigger_start, ev.c.trigger_end).where(
            ev.c.article_id.in_(articles[i : i + 500])
        )
        found += [r.id for r in conn.execute(stmt) if tuple(r[1:]) in anchors]
    return found if len(found) <= MAX_LISTED_REVIEWED else None


def _ids(
    q: EventQuery, sort: SortKey, reviewed: bool, actor_names: Sequence[str] | None
) -> Select[Any]:
    ev = t.events
    ids = select(ev.c.id).select_from(events_from(reviewed))
    if sort.lstrip("-") == "sources":
        ids = ids.outerjoin(t.clusters, t.clusters.c.id == ev.c.cluster_id)
    return _order(ids.where(matching(q, reviewed, actor_names)), sort, reviewed)


def page_select(
    q: EventQuery,
    sort: SortKey,
    offset: int,
    limit: int,
    reviewed: bool = True,
    actor_names: Sequence[str] | None = None,
    reviewed_ids: Sequence[str] | None = None,
) -> Select[Any]:
    """The statement of one page of ``_select(q)`` in ``sort`` order. ``actor_names``: see
    ``query.actor_condition``; ``reviewed_ids``: ``reviewed_events`` (when given with
    ``reviewed``, the candidates are narrowed as the module says)."""
    ev = t.events
    ids = _ids(q, sort, reviewed, actor_names)
    if reviewed and reviewed_ids is not None:
        n = len(reviewed_ids)
        stored = _ids(q, sort, False, actor_names).limit(offset + limit + n)
        ids = ids.where(or_(ev.c.id.in_(stored.correlate(None)), ev.c.id.in_(list(reviewed_ids))))
    ids = ids.offset(offset).limit(limit)
    page = _select(EventQuery(), reviewed).where(ev.c.id.in_(ids.correlate(None)))
    return _order(page, sort, reviewed)


def page_total(
    conn: Connection,
    q: EventQuery,
    reviewed_ids: Sequence[str] | None,
    actor_names: Sequence[str] | None = None,
) -> int:
    """How many events match ``q`` (``near`` by its bounding box only): with the reviewed
    events listed, the count by stored values, less the reviewed events it counted, plus
    the reviewed events that match by their corrected values."""

    def count(reviewed: bool, only: Sequence[str] | None = None) -> int:
        stmt = select(func.count()).select_from(events_from(reviewed))
        if only is not None:
            stmt = stmt.where(t.events.c.id.in_(list(only)))
        return int(conn.execute(stmt.where(matching(q, reviewed, actor_names))).scalar_one())

    if reviewed_ids is None:  # too many reviews to list: count by the corrected values
        return count(True)
    total = count(False)
    if reviewed_ids:
        total += count(True, reviewed_ids) - count(False, reviewed_ids)
    return total
