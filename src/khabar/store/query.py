"""Read events back: filtered queries (``khabar events``) and counts (``khabar stats``)."""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from functools import lru_cache
from importlib import resources
from typing import Any

from sqlalchemy import Connection, Select, and_, func, literal, null, or_, select, true

from khabar.model import Event
from khabar.store import tables as t
from khabar.store.corrections import apply_review, review_from_row
from khabar.store.database import Store
from khabar.store.dedup import haversine_km
from khabar.store.fulltext import text_condition
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


#: Events joined to their human review (if any): reviews are anchored on the article and
#: the trigger span, which survive re-extraction (the ``<article>-<seq>`` id may not).
REVIEW_ON = and_(
    t.event_reviews.c.article_id == t.events.c.article_id,
    t.event_reviews.c.trigger_start == t.events.c.trigger_start,
    t.event_reviews.c.trigger_end == t.events.c.trigger_end,
)
REVIEWED_EVENTS = t.events.outerjoin(t.event_reviews, REVIEW_ON)


def effective(column: str, reviewed: bool = True) -> Any:
    """The reviewed value of an ``events`` column where a reviewer corrected it (with
    ``reviewed`` false — no review in the database — the plain, indexable column)."""
    if not reviewed:
        return t.events.c[column]
    return func.coalesce(t.event_reviews.c[column], t.events.c[column])


def has_reviews(store: Store) -> bool:
    """Whether any event has a review: without one, queries skip the join (and keep the
    indexes on type, date and country usable)."""
    with store.reader.connect() as conn:
        return any_review(conn)


def any_review(conn: Connection) -> bool:
    """``has_reviews`` on an open connection."""
    return conn.execute(select(t.event_reviews.c.event_id).limit(1)).first() is not None


def events_from(reviewed: bool) -> Any:
    """What the event queries select from: events joined to their review, or events."""
    return REVIEWED_EVENTS if reviewed else t.events


def review_status() -> Any:
    return func.coalesce(t.event_reviews.c.status, "unreviewed")


@lru_cache(maxsize=1)
def _alias_table() -> dict[str, list[str]]:
    """Knowledge-base aliases (case-folded) → canonical actor names (``nlp/data/actors.yaml``)."""
    import yaml

    raw = resources.files("khabar.nlp").joinpath("data/actors.yaml").read_text(encoding="utf-8")
    table: dict[str, list[str]] = {}
    for entry in yaml.safe_load(raw).get("actors", []):
        for alias in [entry["name"], *entry.get("aliases", [])]:
            table.setdefault(str(alias).casefold(), []).append(str(entry["name"]).casefold())
    return table


@lru_cache(maxsize=256)
def _country_code(term: str) -> str | None:
    """The ISO alpha-3 code a country name, demonym or code stands for ("Russia" → RUS)."""
    from khabar.geo.countries import load_countries

    table = load_countries()
    found = table.lookup_name(term) or table.lookup_demonym(term)
    if found is not None:
        return found.alpha3
    upper = term.upper()
    return upper if len(upper) == 3 and upper in table.countries else None


def actor_condition(term: str, reviewed: bool = True, names: Sequence[str] | None = None) -> Any:
    """Events whose actor or recipient matches ``term``: part of the name (case-blind), a
    knowledge-base alias of the name, the actor's country by name or code, or a name a
    reviewer gave. ``names``: the name keys containing ``term``, when the caller has
    listed them (``store.actor_names``)."""
    ac = t.actors
    key = term.casefold().strip()
    parts: list[Any]
    if names is not None:
        parts = [ac.c.name_key.in_(list(names))]
    else:  # the distinct names first (an index-only scan of the short name keys), then
        # their events through the name index: cheaper than testing every actor row
        found = select(ac.c.name_key).where(ac.c.name_key.contains(key, autoescape=True))
        parts = [ac.c.name_key.in_(found.distinct())]
    canonical = _alias_table().get(key)
    if canonical:
        parts.append(ac.c.name_key.in_(canonical))
    code = _country_code(term.strip()) if len(key) >= 3 else None
    if code:
        parts.append(ac.c.country == code)
    in_actors = t.events.c.id.in_(select(ac.c.event_id).where(or_(*parts)))
    if not reviewed:
        return in_actors
    corrected = func.lower(t.event_reviews.c.actor_names).contains(key, autoescape=True)
    return or_(in_actors, corrected)


def _where(
    q: EventQuery, reviewed: bool = True, actor_names: Sequence[str] | None = None
) -> list[Any]:
    """The conditions of ``q`` on ``events_from(reviewed)`` (and the article, for
    ``outlet``); ``actor_names``: see ``actor_condition``."""
    ev, rv = t.events, t.event_reviews
    conds: list[Any] = []

    def eff(column: str) -> Any:
        return effective(column, reviewed)

    if q.types:
        conds.append(eff("type").in_([x.upper() for x in q.types]))
    if q.country:
        conds.append(eff("country") == q.country.upper())
    if q.since:
        conds.append(eff("date_start") >= q.since)
    if q.until:
        conds.append(eff("date_start") <= q.until)
    if q.factuality:
        conds.append(eff("factuality").in_(q.factuality))
    if q.cluster:
        conds.append(ev.c.cluster_id == q.cluster)
    if q.actor:
        conds.append(actor_condition(q.actor, reviewed, actor_names))
    if q.actor_country or q.sector:
        ac = t.actors
        sub = select(ac.c.event_id)
        if q.actor_country:
            sub = sub.where(ac.c.country == q.actor_country.upper())
        if q.sector:
            sub = sub.where(ac.c.sector == q.sector.upper())
        conds.append(ev.c.id.in_(sub))
    if q.outlet:
        art = t.articles
        conds.append(
            ev.c.article_id.in_(
                select(art.c.id).where(
                    func.lower(art.c.outlet).contains(q.outlet.casefold(), autoescape=True)
                )
            )
        )
    if q.min_confidence is not None:
        conds.append(ev.c.confidence >= q.min_confidence)
    if q.min_fatalities is not None:
        conds.append(ev.c.fatalities >= q.min_fatalities)
    if q.text:
        conds.append(text_condition(q.text))
    if q.review:
        status = func.coalesce(rv.c.status, "unreviewed") if reviewed else literal("unreviewed")
        conds.append(status.in_(q.review))
    if q.near:
        lat, lon, km = q.near
        dlat = km / 111.0
        dlon = km / (111.0 * max(0.01, math.cos(math.radians(lat))))
        lat0, lat1 = max(-90.0, lat - dlat), min(90.0, lat + dlat)
        lon0, lon1 = max(-180.0, lon - dlon), min(180.0, lon + dlon)
        conds += [ev.c.lat.between(lat0, lat1), ev.c.lon.between(lon0, lon1)]
        cells = [
            t.geocell(a, b)
            for a in range(math.floor(lat0), math.floor(lat1) + 1)
            for b in range(math.floor(lon0), math.floor(lon1) + 1)
        ]
        if len(cells) <= MAX_NEAR_CELLS:  # else a lat/lon range scan is as good
            conds.append(ev.c.geocell.in_(cells))
    return conds


def matching(q: EventQuery, reviewed: bool = True, actor_names: Sequence[str] | None = None) -> Any:
    """One SQL condition on ``events_from(reviewed)``: the event matches ``q`` (``near``
    only by its bounding box; ``query_events`` applies the exact distance)."""
    conds = _where(q, reviewed, actor_names)
    return and_(*conds) if conds else true()


def _select(q: EventQuery, reviewed: bool = True) -> Select[Any]:
    ev, art, cl, rv = t.events, t.articles, t.clusters, t.event_reviews
    if reviewed:
        review_cols = [
            rv.c.status.label("review_status"),
            rv.c.reviewed_by,
            rv.c.reviewed_at,
            rv.c.changes_json,
            rv.c.note.label("review_note"),
        ]
    else:
        names = ("review_status", "reviewed_by", "reviewed_at", "changes_json", "review_note")
        review_cols = [null().label(n) for n in names]
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
            *review_cols,
        )
        .select_from(events_from(reviewed))
        .join(art, art.c.id == ev.c.article_id)
        .outerjoin(cl, cl.c.id == ev.c.cluster_id)
    )
    conds = _where(q, reviewed)
    if conds:
        stmt = stmt.where(*conds)
    return stmt.order_by(effective("date_start", reviewed).asc().nulls_last(), ev.c.id)


def query_events(store: Store, q: EventQuery | None = None) -> Iterator[StoredEvent]:
    """Events matching every filter of ``q``, by date then id (lazily, in batches)."""
    q = q or EventQuery()
    stmt = _select(q, has_reviews(store))
    if q.limit and not q.near:
        stmt = stmt.limit(q.limit)
    n = 0
    with store.reader.connect() as conn:
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
    with store.reader.connect() as conn:
        return [
            CountRow(key=str(r.key) if r.key is not None else "?", count=r.n)
            for r in conn.execute(stmt)
        ]


def store_stats(store: Store, top: int = 20) -> StoreStats:
    """Counts of articles, events, clusters and rejections, by type, country and month."""
    month = func.substr(func.cast(t.events.c.date_start, t.events.c.date_value.type), 1, 7)
    with store.reader.connect() as conn:
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
    """A ``StoredEvent`` from a row of the events query (event JSON, article, cluster and
    review); a review's corrections are applied to the event."""
    event = Event.model_validate_json(row.event_json)
    review = review_from_row(row)
    if review is not None:
        event = apply_review(event, review)
    return StoredEvent(
        id=row.id,
        event=event,
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
        review=review,
    )
