"""Read views for the query API and the web UI: pages of events, one event with its cluster,
an article with its events, actor counts and dyads, a timeline and map points.

Every filtered view takes the same ``EventQuery`` as ``khabar events`` and builds on the
statement of ``khabar.store.query`` so the API and the CLI can never disagree on a filter.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any, Literal

from sqlalchemy import and_, case, func, select

from khabar.ontology import load_ontology
from khabar.store import tables as t
from khabar.store.database import Store
from khabar.store.paging import page_select, page_total, reviewed_events
from khabar.store.query import (
    REVIEW_ON,
    _select,
    effective,
    events_from,
    has_reviews,
    matching,
    query_events,
    stored_event_from_row,
)
from khabar.store.records import EventQuery, StoredEvent
from khabar.store.view_models import (  # noqa: F401  (re-exported)
    SORT_KEYS,
    ActorCount,
    ActorSummary,
    Bucket,
    Dyad,
    EventDetail,
    EventPage,
    MapPoint,
    MapPoints,
    SortKey,
    StoredArticle,
    Timeline,
    TimelineBucket,
    _View,
)

__all__ = [
    "SORT_KEYS",
    "ActorCount",
    "ActorSummary",
    "Dyad",
    "EventDetail",
    "EventPage",
    "MapPoint",
    "MapPoints",
    "SortKey",
    "StoredArticle",
    "Timeline",
    "TimelineBucket",
    "actor_summary",
    "get_article",
    "get_event",
    "map_points",
    "page_events",
    "timeline",
]

#: What a count counts: every stored report of an event (``mentions``), or each real-world
#: event once (``events``: one per cross-source cluster; an unclustered event is its own).
Unit = Literal["mentions", "events"]


def _n(unit: Unit) -> Any:
    if unit == "events":
        return func.count(func.distinct(func.coalesce(t.events.c.cluster_id, t.events.c.id)))
    return func.count()


# -- helpers --------------------------------------------------------------------------------


def _stored(row: Any) -> StoredEvent:
    return stored_event_from_row(row)


def _filtered(store: Store, q: EventQuery, reviewed: bool = True) -> Any:
    """A SQL condition on ``REVIEWED_EVENTS`` (events joined to their review) meaning "the
    event matches ``q``".

    It is the WHERE clause of ``khabar.store.query``'s statement, so both always agree; that
    statement's other joins (the article, on a non-null foreign key, and the optional
    cluster) neither add nor remove events, so counting and grouping need only
    ``REVIEWED_EVENTS``. ``near`` is exact only after the haversine check ``query_events``
    makes in Python, so with ``near`` the matching ids are listed.
    """
    q = q.model_copy(update={"limit": None})
    if q.near:
        return t.events.c.id.in_([se.id for se in query_events(store, q)])
    return matching(q, reviewed)


# -- views ----------------------------------------------------------------------------------


def page_events(
    store: Store,
    q: EventQuery | None = None,
    *,
    offset: int = 0,
    limit: int = 50,
    sort: SortKey = "date",
    known_total: int | None = None,
) -> EventPage:
    """Events matching ``q``, sorted by ``sort`` (``-`` for descending), one page
    (``known_total``: the count of ``q`` if the caller has it, so it is not counted again)."""
    q = (q or EventQuery()).model_copy(update={"limit": None})
    if q.near:  # the haversine filter is applied in Python: page the filtered list there
        matches = list(query_events(store, q))
        key = sort.lstrip("-")
        matches.sort(key=lambda se: se.id, reverse=sort.startswith("-"))
        if key != "id":

            def value(se: StoredEvent) -> Any:
                if key == "type":
                    return se.event.type
                if key == "confidence":
                    return se.event.confidence
                if key == "sources":
                    return se.cluster.n_sources if se.cluster else 0
                return se.event.date.value if se.event.date else ""

            matches.sort(key=value, reverse=sort.startswith("-"))
        return EventPage(
            total=len(matches),
            offset=offset,
            limit=limit,
            sort=sort,
            items=matches[offset : offset + limit],
        )
    with store.reader.connect() as conn:
        listed = reviewed_events(conn)
        total = known_total if known_total is not None else page_total(conn, q, listed)
        stmt = page_select(q, sort, offset, limit, listed != [], reviewed_ids=listed)
        items = [_stored(row) for row in conn.execute(stmt)]
    return EventPage(total=total, offset=offset, limit=limit, sort=sort, items=items)


def get_event(store: Store, event_id: str) -> EventDetail | None:
    """One stored event and the other events of its cluster; ``None`` if there is none."""
    stmt = _select(EventQuery(), has_reviews(store)).where(t.events.c.id == event_id)
    with store.reader.connect() as conn:
        row = conn.execute(stmt).first()
    if row is None:
        return None
    se = _stored(row)
    members: list[StoredEvent] = []
    if se.cluster:
        members = [
            m for m in query_events(store, EventQuery(cluster=se.cluster.id)) if m.id != se.id
        ]
    return EventDetail(event=se, cluster_members=members)


def get_article(store: Store, article_id: str) -> StoredArticle | None:
    """A stored article with its text and all its events (in text order)."""
    art = t.articles
    with store.reader.connect() as conn:
        row = conn.execute(select(art).where(art.c.id == article_id)).first()
        if row is None:
            return None
        stmt = (
            _select(EventQuery(), has_reviews(store))
            .where(t.events.c.article_id == article_id)
            .order_by(None)
            .order_by(t.events.c.seq)
        )
        events = [_stored(r) for r in conn.execute(stmt)]
    return StoredArticle(
        id=row.id,
        url=row.url,
        title=row.title,
        outlet=row.outlet,
        published=row.published,
        language=row.language,
        text=row.text,
        events=events,
    )


def actor_summary(
    store: Store, q: EventQuery | None = None, *, top: int = 50, unit: Unit = "mentions"
) -> ActorSummary:
    """The ``top`` actors by events (as actor or recipient) and the ``top`` actor→recipient
    pairs, over the events matching ``q``."""
    q = q or EventQuery()
    ac = t.actors
    rv = has_reviews(store)
    matching_ids = (
        select(t.events.c.id).select_from(events_from(rv)).where(_filtered(store, q, rv))
    ).scalar_subquery()
    where = ac.c.event_id.in_(matching_ids)
    ev = t.events
    key = func.coalesce(ev.c.cluster_id, ev.c.id) if unit == "events" else ac.c.event_id
    is_actor = func.count(func.distinct(case((ac.c.role == "actor", key))))
    is_recipient = func.count(func.distinct(case((ac.c.role == "recipient", key))))
    n = func.count(func.distinct(key))
    counts = (
        select(ac.c.name, is_actor.label("a"), is_recipient.label("r"), n.label("n"))
        .select_from(ac.join(ev, ev.c.id == ac.c.event_id))
        .where(where)
        .group_by(ac.c.name)
        .order_by(n.desc(), ac.c.name)
        .limit(top)
    )
    a, r = ac.alias("a"), ac.alias("r")
    pair_key = func.coalesce(ev.c.cluster_id, ev.c.id) if unit == "events" else a.c.event_id
    pair_n = func.count(func.distinct(pair_key))
    dyads = (
        select(a.c.name.label("actor"), r.c.name.label("recipient"), pair_n.label("n"))
        .select_from(a.join(ev, ev.c.id == a.c.event_id))
        .join(r, and_(r.c.event_id == a.c.event_id, r.c.role == "recipient"))
        .where(
            a.c.role == "actor",
            a.c.event_id.in_(matching_ids),
        )
        .group_by(a.c.name, r.c.name)
        .order_by(pair_n.desc(), a.c.name, r.c.name)
        .limit(top)
    )
    by_type = (
        select(a.c.name, r.c.name.label("recipient"), effective("type", rv), pair_n.label("n"))
        .select_from(a.join(ev, ev.c.id == a.c.event_id))
        .join(r, and_(r.c.event_id == a.c.event_id, r.c.role == "recipient"))
        .where(a.c.role == "actor", a.c.event_id.in_(matching_ids))
        .group_by(a.c.name, r.c.name, effective("type", rv))
    )
    if rv:
        by_type = by_type.outerjoin(t.event_reviews, REVIEW_ON)
    with store.reader.connect() as conn:
        actors = [
            ActorCount(name=x.name, as_actor=int(x.a), as_recipient=int(x.r), total=int(x.n))
            for x in conn.execute(counts)
        ]
        rows = list(conn.execute(dyads))
        quads: dict[tuple[str, str], Counter[str]] = {}
        types = load_ontology().types
        for name, recipient, type_, n_ in conn.execute(by_type) if rows else []:
            quad = types[type_].quad if type_ in types else None
            if quad:
                quads.setdefault((name, recipient), Counter())[quad] += int(n_)
    pairs = []
    for x in rows:
        top_quads = sorted(quads.get((x.actor, x.recipient), Counter()).items())
        quad = max(top_quads, key=lambda kv: kv[1])[0] if top_quads else None
        pairs.append(Dyad(actor=x.actor, recipient=x.recipient, count=int(x.n), quad_class=quad))
    return ActorSummary(actors=actors, dyads=pairs)


def _bucket_start(day: dt.date, bucket: Bucket) -> dt.date:
    if bucket == "week":
        return day - dt.timedelta(days=day.weekday())
    if bucket == "month":
        return day.replace(day=1)
    return day


def timeline(
    store: Store, q: EventQuery | None = None, *, bucket: Bucket = "day", unit: Unit = "mentions"
) -> Timeline:
    """Events per day, week or month and type, over the events matching ``q``."""
    q = q or EventQuery()
    rv = has_reviews(store)
    day, type_ = effective("date_start", rv), effective("type", rv)
    stmt = (
        select(day.label("date_start"), type_.label("type"), _n(unit).label("n"))
        .select_from(events_from(rv))
        .where(_filtered(store, q, rv))
        .group_by(day, type_)
    )
    counts: Counter[tuple[dt.date, str]] = Counter()
    undated = 0
    with store.reader.connect() as conn:
        for row in conn.execute(stmt):
            if row.date_start is None:
                undated += int(row.n)
                continue
            counts[(_bucket_start(row.date_start, bucket), row.type)] += int(row.n)
    buckets = [
        TimelineBucket(start=day, type=type_, count=n) for (day, type_), n in sorted(counts.items())
    ]
    return Timeline(bucket=bucket, buckets=buckets, undated=undated)


def map_points(store: Store, q: EventQuery | None = None, *, limit: int = 5000) -> MapPoints:
    """Matching events with coordinates, as compact points for a map (newest first)."""
    q = q or EventQuery()
    ev = t.events
    rv = has_reviews(store)
    cond = and_(_filtered(store, q, rv), ev.c.lat.is_not(None), ev.c.lon.is_not(None))
    stmt = (
        select(
            ev.c.id,
            ev.c.lat,
            ev.c.lon,
            effective("type", rv).label("type"),
            ev.c.quad_class,
            effective("factuality", rv).label("factuality"),
            effective("date_start", rv).label("date_start"),
            func.coalesce(ev.c.loc_name, ev.c.loc_text).label("place"),
            ev.c.geo_precision,
            effective("country", rv).label("country"),
            ev.c.article_id,
        )
        .select_from(events_from(rv))
        .where(cond)
        .order_by(ev.c.date_start.desc().nulls_last(), ev.c.id)
        .limit(limit)
    )
    with store.reader.connect() as conn:
        total = int(
            conn.execute(select(func.count()).select_from(events_from(rv)).where(cond)).scalar_one()
        )
        points = [
            MapPoint(
                id=r.id,
                lat=r.lat,
                lon=r.lon,
                type=r.type,
                quad_class=r.quad_class,
                factuality=r.factuality,
                date=r.date_start,
                place=r.place,
                precision=r.geo_precision,
                country=r.country,
                article_id=r.article_id,
            )
            for r in conn.execute(stmt)
        ]
    return MapPoints(total=total, truncated=total > len(points), points=points)
