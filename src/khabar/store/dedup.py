"""Cross-source de-duplication: link events from different articles that report one event.

The rule (``DedupRule``; every parameter explicit) links two events when **all** hold:

1. they come from different articles;
2. same PLOVER type (``same_type``), or, with ``same_type=False``, the same quad class;
3. both have a start date and they are at most ``date_window_days`` apart;
4. places are compatible: if both are geocoded finer than ``coarse_precisions`` (a city,
   a district), at most ``max_km`` apart (haversine); otherwise — a point that stands for a
   whole country or province says only that — if both name a country, the same country;
5. actors are compatible: for each role (actor, recipient) where both events name someone,
   at least one name (case-blind) or one (country, sector) pair is shared. For symmetric
   types (``symmetric_types``: meetings, agreements — "A met B" is "B met A") roles are
   ignored and the smaller set of names must be contained in the larger;
6. the evidence sentences are similar: ``similarity >= min_similarity``, where similarity is
   the cosine of sentence embeddings when an embedding function is given
   (``khabar.nlp.embed.Embedder.encode``), else the overlap coefficient of content-word
   stems (|A∩B| / min(|A|, |B|)) — see ``token_overlap``.

Clusters are the connected components of that link graph (single linkage), so they do not
depend on the order articles arrived in; a cluster's id is its smallest event id. Nothing
is deleted: each event keeps its own row and evidence and gains a ``cluster_id``; the
``clusters`` table holds ``n_events``, ``n_articles`` and ``n_sources`` (distinct outlets,
or articles when the outlet is unknown).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import ColumnElement, bindparam, delete, func, or_, select, true, update

from khabar.geo.distance import haversine_km
from khabar.store import tables as t
from khabar.store.database import Store

EmbedFn = Callable[[Sequence[str]], np.ndarray]
_PG_RECLUSTER_LOCK_KEY = 0x6B686163

_WORD = re.compile(r"[^\W\d_]{3,}")
_STOP_WORDS = """the and for that with was were are has have had from this his her their its
into over
after about said says say who which when where while also been being not but they them
than then there these those will would could should may might can did does per more most
some any all one two three on in at by of to as an or is be it he she we you our your
monday tuesday wednesday thursday friday saturday sunday yesterday today"""
_STOP = frozenset(_STOP_WORDS.split())


class DedupRule(BaseModel):
    """Parameters of the de-duplication rule (module docstring has the rule)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    same_type: bool = True
    date_window_days: int = Field(default=1, ge=0)
    max_km: float = Field(default=50.0, gt=0)
    min_similarity: float = Field(default=0.25, ge=0, le=1)
    #: used instead of ``min_similarity`` when an embedding function is given
    min_cosine: float = Field(default=0.5, ge=-1, le=1)
    symmetric_types: tuple[str, ...] = ("CONSULT", "AGREE", "COOPERATE")
    #: place precisions too coarse for a distance (their point is a country's or province's)
    coarse_precisions: tuple[str, ...] = ("country", "admin1")


class DedupEvent(BaseModel):
    """What the rule looks at for one event."""

    model_config = ConfigDict(extra="forbid")

    id: str
    article_id: str
    source: str
    type: str
    quad_class: str | None = None
    date: dt.date | None = None
    lat: float | None = None
    lon: float | None = None
    geo_precision: str | None = None
    country: str | None = None
    evidence: str
    actors: list[tuple[str, str | None, str | None]] = Field(default_factory=list)
    recipients: list[tuple[str, str | None, str | None]] = Field(default_factory=list)


def _stem(word: str) -> str:
    for suffix in ("ings", "ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    return word[:6]


def content_stems(text: str) -> frozenset[str]:
    return frozenset(_stem(w) for w in _WORD.findall(text.lower()) if w not in _STOP)


def token_overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Overlap coefficient of two stem sets (1.0 when one contains the other)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def _parties_compatible(
    a: list[tuple[str, str | None, str | None]], b: list[tuple[str, str | None, str | None]]
) -> bool:
    if not a or not b:
        return True
    names_a = {n.casefold() for n, _, _ in a}
    if any(n.casefold() in names_a for n, _, _ in b):
        return True
    codes_a = {(c, s) for _, c, s in a if c and s}
    return any((c, s) in codes_a for _, c, s in b if c and s)


def structurally_compatible(a: DedupEvent, b: DedupEvent, rule: DedupRule) -> bool:
    """Rules 1–5 (everything but text similarity)."""
    if a.article_id == b.article_id:
        return False
    if rule.same_type:
        if a.type != b.type:
            return False
    elif (a.quad_class or a.type) != (b.quad_class or b.type):
        return False
    if a.date is None or b.date is None or abs((a.date - b.date).days) > rule.date_window_days:
        return False
    coarse = a.geo_precision in rule.coarse_precisions or b.geo_precision in rule.coarse_precisions
    if None not in (a.lat, a.lon, b.lat, b.lon) and not coarse:
        if haversine_km(a.lat, a.lon, b.lat, b.lon) > rule.max_km:  # type: ignore[arg-type]
            return False
    elif a.country and b.country and a.country != b.country:
        return False
    if a.type in rule.symmetric_types and b.type in rule.symmetric_types:
        pa = {n.casefold() for n, _, _ in a.actors + a.recipients}
        pb = {n.casefold() for n, _, _ in b.actors + b.recipients}
        return not pa or not pb or pa <= pb or pb <= pa
    return _parties_compatible(a.actors, b.actors) and _parties_compatible(
        a.recipients, b.recipients
    )


def cluster_events(
    events: Sequence[DedupEvent], rule: DedupRule | None = None, embed: EmbedFn | None = None
) -> dict[str, str]:
    """Map each event id to its cluster id (the smallest event id of its component)."""
    rule = rule or DedupRule()
    parent = {e.id: e.id for e in events}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(x: str, y: str) -> None:
        rx, ry = find(x), find(y)
        if rx != ry:
            parent[max(rx, ry)] = min(rx, ry)

    blocks: dict[str, list[int]] = defaultdict(list)
    for i, e in enumerate(events):
        if e.date is not None:
            blocks[e.type if rule.same_type else (e.quad_class or e.type)].append(i)
    stems = [content_stems(e.evidence) for e in events]
    vectors: np.ndarray | None = None
    for idxs in blocks.values():
        idxs.sort(key=lambda i: (events[i].date, events[i].id))
        for pos, i in enumerate(idxs):
            a = events[i]
            for j in idxs[pos + 1 :]:
                b = events[j]
                if (b.date - a.date).days > rule.date_window_days:  # type: ignore[operator]
                    break
                if not structurally_compatible(a, b, rule):
                    continue
                if embed is not None:
                    if vectors is None:
                        vectors = np.asarray(embed([e.evidence for e in events]))
                    similar = float(vectors[i] @ vectors[j]) >= rule.min_cosine
                else:
                    similar = token_overlap(stems[i], stems[j]) >= rule.min_similarity
                if similar:
                    union(a.id, b.id)
    return {e.id: find(e.id) for e in events}


#: Ids per ``IN (…)`` list when loading a part of the events.
_ID_CHUNK = 5000


def _dedup_rows(conn: Any, where: Any) -> list[DedupEvent]:
    ev, art, act = t.events, t.articles, t.actors
    rows = conn.execute(
        select(
            ev.c.id,
            ev.c.article_id,
            art.c.outlet,
            ev.c.type,
            ev.c.quad_class,
            ev.c.date_start,
            ev.c.lat,
            ev.c.lon,
            ev.c.geo_precision,
            ev.c.country,
            ev.c.evidence_text,
        )
        .join(art, art.c.id == ev.c.article_id)
        .where(where)
    ).all()
    parties: dict[str, dict[str, list[tuple[str, str | None, str | None]]]] = defaultdict(
        lambda: {"actor": [], "recipient": []}
    )
    ids = [r.id for r in rows]
    for i in range(0, len(ids), _ID_CHUNK):
        for row in conn.execute(
            select(act.c.event_id, act.c.role, act.c.name, act.c.country, act.c.sector)
            .where(act.c.event_id.in_(ids[i : i + _ID_CHUNK]))
            .order_by(act.c.event_id, act.c.role, act.c.idx)
        ):
            parties[row.event_id][row.role].append((row.name, row.country, row.sector))
    return [
        DedupEvent(
            id=r.id,
            article_id=r.article_id,
            source=r.outlet or r.article_id,
            type=r.type,
            quad_class=r.quad_class,
            date=r.date_start,
            lat=r.lat,
            lon=r.lon,
            geo_precision=r.geo_precision,
            country=r.country,
            evidence=r.evidence_text,
            actors=parties[r.id]["actor"],
            recipients=parties[r.id]["recipient"],
        )
        for r in rows
    ]


def load_dedup_events(store: Store) -> list[DedupEvent]:
    """Every stored event, as the rule sees it."""
    with store.engine.connect() as conn:
        return sorted(_dedup_rows(conn, true()), key=lambda e: e.id)


def _affected_events(conn: Any, rule: DedupRule) -> tuple[list[DedupEvent], set[str]]:
    """Unclustered events, every event they could link to, and those events' whole clusters.

    Links only ever involve a new (unclustered) event, and a new event can only link to
    events at most ``date_window_days`` away; existing clusters are closed under the rule,
    so re-running it on this set and its clusters gives the same result as on everything.
    """
    ev = t.events
    lo, hi = conn.execute(
        select(func.min(ev.c.date_start), func.max(ev.c.date_start)).where(
            ev.c.cluster_id.is_(None)
        )
    ).one()
    window: ColumnElement[bool] = ev.c.cluster_id.is_(None)
    if lo is not None:
        pad = dt.timedelta(days=rule.date_window_days)
        window = or_(window, ev.c.date_start.between(lo - pad, hi + pad))
    events = {e.id: e for e in _dedup_rows(conn, window)}
    touched = {
        r.cluster_id
        for r in conn.execute(select(ev.c.cluster_id).where(window).distinct())
        if r.cluster_id is not None
    }
    old = sorted(touched)
    for i in range(0, len(old), _ID_CHUNK):
        for e in _dedup_rows(conn, ev.c.cluster_id.in_(old[i : i + _ID_CHUNK])):
            events.setdefault(e.id, e)
    return sorted(events.values(), key=lambda e: e.id), touched


def recluster(
    store: Store, rule: DedupRule | None = None, embed: EmbedFn | None = None, force: bool = False
) -> int:
    """Cluster the events not yet clustered (all events with ``force``); returns #clusters.

    Incremental: only the new events, their date window and the clusters found there are
    re-examined, so a batch costs the same on a large database as on a small one.
    """
    rule = rule or DedupRule()
    # One write transaction for read + compute + write: concurrent batches recluster in
    # turn (SQLite: BEGIN IMMEDIATE; PostgreSQL: an advisory lock) and see each other's work.
    with store.transaction() as conn:
        if store.dialect == "postgresql":
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_PG_RECLUSTER_LOCK_KEY})")
        pending = conn.execute(
            select(t.events.c.id).where(t.events.c.cluster_id.is_(None)).limit(1)
        ).first()
        if pending is None and not force:
            return int(conn.execute(select(func.count()).select_from(t.clusters)).scalar_one())
        if force:
            events = sorted(_dedup_rows(conn, true()), key=lambda e: e.id)
            touched: set[str] = set()
        else:
            events, touched = _affected_events(conn, rule)
        assignment = cluster_events(events, rule, embed)
        members: dict[str, list[DedupEvent]] = defaultdict(list)
        for e in events:
            members[assignment[e.id]].append(e)
        cluster_rows = [_cluster_row(cid, group) for cid, group in sorted(members.items())]
        if force:
            conn.execute(delete(t.clusters))
        else:
            stale = sorted(touched | set(members))
            for i in range(0, len(stale), _ID_CHUNK):
                chunk = stale[i : i + _ID_CHUNK]
                conn.execute(delete(t.clusters).where(t.clusters.c.id.in_(chunk)))
        if cluster_rows:
            conn.execute(t.clusters.insert(), cluster_rows)
        updates = [{"eid": e.id, "cid": assignment[e.id]} for e in events]
        if updates:
            conn.execute(
                update(t.events)
                .where(t.events.c.id == bindparam("eid"))
                .values(cluster_id=bindparam("cid")),
                updates,
            )
        return int(conn.execute(select(func.count()).select_from(t.clusters)).scalar_one())


def _cluster_row(cid: str, group: list[DedupEvent]) -> dict[str, Any]:
    dates = [e.date for e in group if e.date is not None]
    countries = Counter(e.country for e in group if e.country)
    return {
        "id": cid,
        "type": group[0].type,
        "date_start": min(dates) if dates else None,
        "date_end": max(dates) if dates else None,
        "country": sorted(countries.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        if countries
        else None,
        "n_events": len(group),
        "n_articles": len({e.article_id for e in group}),
        "n_sources": len({e.source for e in group}),
    }
