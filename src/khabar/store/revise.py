"""Replace a stored article's extraction: new metadata or a newer extractor, same article id.

``replace_result`` rewrites one article's row, events and actors in one transaction and
says what changed (events added, removed, retyped — matched by their trigger span). The
clusters the old events belonged to are dissolved (their events become unclustered), so
the next incremental ``recluster`` rebuilds exactly those clusters.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from sqlalchemy import Connection, delete, select, update

from khabar import __version__
from khabar.model import ExtractionResult
from khabar.store import tables as t
from khabar.store.database import (
    Store,
    _actor_rows,
    _event_row,
    ontology_version_of,
    outlet_of,
)
from khabar.store.records import EventChanges

_ID_CHUNK = 500


def event_changes(old: list[tuple[int, int, str]], new: list[tuple[int, int, str]]) -> EventChanges:
    """Compare ``(trigger start, trigger end, type/mode)`` triples of two extractions."""
    old_keys = Counter((s, e) for s, e, _ in old)
    new_keys = Counter((s, e) for s, e, _ in new)
    old_types = {(s, e): k for s, e, k in old}
    new_types = {(s, e): k for s, e, k in new}
    retyped = sum(
        1 for key in old_keys.keys() & new_keys.keys() if old_types[key] != new_types[key]
    )
    return EventChanges(
        added=sum((new_keys - old_keys).values()),
        removed=sum((old_keys - new_keys).values()),
        retyped=retyped,
    )


def _dissolve_clusters(conn: Connection, cluster_ids: set[str]) -> None:
    ids = sorted(cluster_ids)
    for i in range(0, len(ids), _ID_CHUNK):
        chunk = ids[i : i + _ID_CHUNK]
        conn.execute(
            update(t.events).where(t.events.c.cluster_id.in_(chunk)).values(cluster_id=None)
        )
        conn.execute(delete(t.clusters).where(t.clusters.c.id.in_(chunk)))


def replace_result(
    store: Store,
    result: ExtractionResult,
    *,
    input_name: str | None = None,
    source_format: str | None = None,
) -> EventChanges | None:
    """Rewrite a stored article with ``result``; ``None`` if the article is not stored.

    The article keeps its id (its content did not change); metadata the result leaves
    empty keep their stored values.
    """
    art = result.article
    ev = t.events.c
    with store.transaction() as conn:
        row = conn.execute(
            select(t.articles.c.id).where(t.articles.c.sha256 == art.text_sha256)
        ).first()
        if row is None:
            return None
        old = conn.execute(
            select(ev.id, ev.trigger_start, ev.trigger_end, ev.type, ev.mode, ev.cluster_id).where(
                ev.article_id == art.id
            )
        ).all()
        _dissolve_clusters(conn, {r.cluster_id for r in old if r.cluster_id is not None})
        old_ids = [r.id for r in old]
        for i in range(0, len(old_ids), _ID_CHUNK):
            chunk = old_ids[i : i + _ID_CHUNK]
            conn.execute(delete(t.actors).where(t.actors.c.event_id.in_(chunk)))
            conn.execute(delete(t.events).where(ev.id.in_(chunk)))
        values: dict[str, Any] = {
            "language": art.language,
            "khabar_version": result.khabar_version or __version__,
            "ontology_version": ontology_version_of(result),
            "n_events": len(result.events),
        }
        for key in ("url", "title", "published"):
            if getattr(art, key) is not None:
                values[key] = getattr(art, key)
        if art.url is not None:
            values["outlet"] = outlet_of(art.url)
        if input_name is not None:
            values["input_name"] = input_name
        if source_format is not None:
            values["source_format"] = source_format
        conn.execute(update(t.articles).where(t.articles.c.id == art.id).values(**values))
        event_rows = [_event_row(art.id, i, e) for i, e in enumerate(result.events)]
        if event_rows:
            conn.execute(t.events.insert(), event_rows)
        actor_rows = [
            r
            for e, er in zip(result.events, event_rows, strict=True)
            for r in _actor_rows(er["id"], e)
        ]
        if actor_rows:
            conn.execute(t.actors.insert(), actor_rows)
    return event_changes(
        [(r.trigger_start, r.trigger_end, f"{r.type}/{r.mode or ''}") for r in old],
        [
            (e.evidence.trigger.start, e.evidence.trigger.end, f"{e.type}/{e.mode or ''}")
            for e in result.events
        ],
    )
