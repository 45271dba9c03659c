"""``khabar stats`` over the events matching a query (``GET /api/stats`` with filters)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from khabar.store import tables as t
from khabar.store.database import Store
from khabar.store.query import effective, events_from, has_reviews
from khabar.store.records import CountRow, EventQuery, StoreStats
from khabar.store.views import Unit, _filtered, _n

__all__ = ["filtered_stats"]


def filtered_stats(
    store: Store, q: EventQuery | None = None, *, unit: Unit = "mentions", top: int = 20
) -> StoreStats:
    """``khabar stats`` over the events matching ``q`` (rejections are not filtered: they
    have no events)."""
    q = q or EventQuery()
    ev, cl = t.events, t.clusters
    rv = has_reviews(store)
    cond = _filtered(store, q, rv)
    joined = events_from(rv)
    n = _n(unit)
    month = func.substr(func.cast(effective("date_start", rv), ev.c.date_value.type), 1, 7)

    def counts(column: Any, limit: int | None = None) -> list[CountRow]:
        stmt = (
            select(column.label("key"), n.label("n"))
            .select_from(joined)
            .where(cond)
            .group_by(column)
            .order_by(n.desc(), column)
        )
        if limit:
            stmt = stmt.limit(limit)
        with store.reader.connect() as conn:
            return [
                CountRow(key=str(r.key) if r.key is not None else "?", count=int(r.n))
                for r in conn.execute(stmt)
            ]

    base = select(
        func.count(func.distinct(ev.c.article_id)).label("articles"),
        n.label("events"),
        func.count(func.distinct(ev.c.cluster_id)).label("clusters"),
    ).select_from(joined)
    multi = (
        select(func.count(func.distinct(ev.c.cluster_id)))
        .select_from(joined.join(cl, cl.c.id == ev.c.cluster_id))
        .where(cond, cl.c.n_articles > 1)
    )
    rejections = select(t.rejections.c.code.label("key"), func.count().label("n")).group_by(
        t.rejections.c.code
    )
    with store.reader.connect() as conn:
        totals = conn.execute(base.where(cond)).one()
        n_multi = int(conn.execute(multi).scalar_one())
        by_rejection = [
            CountRow(key=str(r.key), count=int(r.n))
            for r in conn.execute(rejections.order_by(func.count().desc(), t.rejections.c.code))
        ]
    return StoreStats(
        articles=int(totals.articles),
        events=int(totals.events),
        clusters=int(totals.clusters),
        multi_source_clusters=n_multi,
        rejections=sum(r.count for r in by_rejection),
        by_type=counts(effective("type", rv)),
        by_country=counts(effective("country", rv), top),
        by_month=sorted(counts(month), key=lambda r: r.key),
        by_rejection=by_rejection,
    )
