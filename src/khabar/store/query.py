"""Read events back: filtered queries (``khabar events``) and counts (``khabar stats``)."""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

from sqlalchemy import Select, func, select

from khabar.model import Event
from khabar.store import tables as t
from khabar.store.database import Store
from khabar.store.dedup import haversine_km
from khabar.store.records import (
    ArticleCite,
    ClusterInfo,
    CountRow,
    EventQuery,
    StoredEvent,
    StoreStats,
)

#: Beyond this many 1-degree cells (a radius of several hundred km) ``--near`` skips the
#: cell index. Near the antimeridian the box is clipped at ±180°.
MAX_NEAR_CELLS = 400


def _select(q: EventQuery) -> Select[Any]:
    ev, art, cl = t.events, t.articles, t.clusters
    stmt = (
        select(
            ev.c.id,
            ev.c.event_json,
            ev.c.lat,
            ev.c.lon,
            art.c.id.label("article_id"),
            art.c.url,
            art.c.title,
            art.c.outlet,
            art.c.published,
            cl.c.id.label("cluster_id"),
            cl.c.n_events,
            cl.c.n_articles,
            cl.c.n_sources,
        )
        .join(art, art.c.id == ev.c.article_id)
        .outerjoin(cl, cl.c.id == ev.c.cluster_id)
    )
    if q.types:
        stmt = stmt.where(ev.c.type.in_([x.upper() for x in q.types]))
    if q.country:
        stmt = stmt.where(ev.c.country == q.country.upper())
    if q.since:
        stmt = stmt.where(ev.c.date_start >= q.since)
    if q.until:
        stmt = stmt.where(ev.c.date_start <= q.until)
    if q.factuality:
        stmt = stmt.where(ev.c.factuality.in_(q.factuality))
    if q.cluster:
        stmt = stmt.where(ev.c.cluster_id == q.cluster)
    if q.min_fatalities is not None:
        stmt = stmt.where(ev.c.fatalities >= q.min_fatalities)
    if q.actor:
        # IN (…) rather than EXISTS: SQLite then starts from the name index, not all events
        stmt = stmt.where(
            ev.c.id.in_(
                select(t.actors.c.event_id).where(t.actors.c.name_key == q.actor.casefold())
            )
        )
    if q.near:
        lat, lon, km = q.near
        dlat = km / 111.0
        dlon = km / (111.0 * max(0.01, math.cos(math.radians(lat))))
        lat0, lat1 = max(-90.0, lat - dlat), min(90.0, lat + dlat)
        lon0, lon1 = max(-180.0, lon - dlon), min(180.0, lon + dlon)
        stmt = stmt.where(ev.c.lat.between(lat0, lat1), ev.c.lon.between(lon0, lon1))
        cells = [
            t.geocell(a, b)
            for a in range(math.floor(lat0), math.floor(lat1) + 1)
            for b in range(math.floor(lon0), math.floor(lon1) + 1)
        ]
        if len(cells) <= MAX_NEAR_CELLS:  # else a lat/lon range scan is as good
            stmt = stmt.where(ev.c.geocell.in_(cells))
    return stmt.order_by(ev.c.date_start.asc().nulls_last(), ev.c.id)


def query_events(store: Store, q: EventQuery | None = None) -> Iterator[StoredEvent]:
    """Events matching every filter of ``q``, by date then id (lazily, in batches)."""
    q = q or EventQuery()
    stmt = _select(q)
    if q.limit and not q.near:
        stmt = stmt.limit(q.limit)
    n = 0
    with store.engine.connect() as conn:
        result = conn.execution_options(yield_per=2000).execute(stmt)
        for row in result:
            if q.near:
                lat, lon, km = q.near
                if row.lat is None or haversine_km(lat, lon, row.lat, row.lon) > km:
                    continue
            yield stored_event_from_row(row)
            n += 1
            if q.limit and n >= q.limit:
                return


def _counts(store: Store, column: Any, limit: int | None = None) -> list[CountRow]:
    stmt = (
        select(column.label("key"), func.count().label("n"))
        .group_by(column)
        .order_by(func.count().desc(), column)
    )
    if limit:
        stmt = stmt.limit(limit)
    with store.engine.connect() as conn:
        return [
            CountRow(key=str(r.key) if r.key is not None else "?", count=r.n)
            for r in conn.execute(stmt)
        ]


def store_stats(store: Store, top: int = 20) -> StoreStats:
    """Counts of articles, events, clusters and rejections, by type, country and month."""
    month = func.substr(func.cast(t.events.c.date_start, t.events.c.date_value.type), 1, 7)
    with store.engine.connect() as conn:
        multi = conn.execute(
            select(func.count()).select_from(t.clusters).where(t.clusters.c.n_articles > 1)
        ).scalar_one()
    by_month = sorted(_counts(store, month), key=lambda r: r.key)
    return StoreStats(
        articles=store.count("articles"),
        events=store.count("events"),
        clusters=store.count("clusters"),
        multi_source_clusters=int(multi),
        rejections=store.count("rejections"),
        by_type=_counts(store, t.events.c.type),
        by_country=_counts(store, t.events.c.country, top),
        by_month=by_month,
        by_rejection=_counts(store, t.rejections.c.code),
    )


def stored_event_from_row(row: Any) -> StoredEvent:
    """A ``StoredEvent`` from a row of the events query (event JSON, article and cluster)."""
    return StoredEvent(
        id=row.id,
        event=Event.model_validate_json(row.event_json),
        article=ArticleCite(
            id=row.article_id,
            url=row.url,
            title=row.title,
            outlet=row.outlet,
            published=row.published,
        ),
        cluster=ClusterInfo(
            id=row.cluster_id,
            n_events=row.n_events,
            n_articles=row.n_articles,
            n_sources=row.n_sources,
        )
        if row.cluster_id
        else None,
    )
