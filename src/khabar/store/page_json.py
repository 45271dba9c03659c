"""A page of ``/api/events`` as JSON text, built from the stored event JSON without
re-validating it (the hot path of the API: most of a page's CPU went to parsing each
event into pydantic models and serialising them again).

Rows without a review are spliced in as stored (``events.event_json`` is written by
``Store.add_result`` from a validated ``Event``); a reviewed row goes through the models so
its corrections are applied. The result parses to the same ``EventPage`` as
``views.page_events`` (a test checks it).
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import func, select

from khabar.store.actor_names import matching_names
from khabar.store.database import Store
from khabar.store.query import any_review, events_from, matching, stored_event_from_row
from khabar.store.records import EventQuery
from khabar.store.views import SortKey, page_events, page_select

__all__ = ["page_events_json"]


def _item(row: Any) -> str:
    if row.review_status:
        return stored_event_from_row(row).model_dump_json()
    published = row.published.isoformat() if row.published is not None else None
    article = {
        "id": row.article_id,
        "url": row.url,
        "title": row.title,
        "outlet": row.outlet,
        "published": published,
    }
    cluster = (
        {
            "id": row.cluster_id,
            "n_events": row.n_events,
            "n_articles": row.n_articles,
            "n_sources": row.n_sources,
        }
        if row.cluster_id
        else None
    )
    dumps = json.dumps
    return (
        f'{{"id":{dumps(row.id)},"event":{row.event_json},'
        f'"article":{dumps(article, ensure_ascii=False)},"cluster":{dumps(cluster)},'
        '"review":null}'
    )


def page_events_json(
    store: Store,
    q: EventQuery | None = None,
    *,
    offset: int = 0,
    limit: int = 50,
    sort: SortKey = "date",
    known_total: int | None = None,
) -> tuple[str, int]:
    """(the ``EventPage`` JSON of ``page_events(store, q, …)``, its total)."""
    q = (q or EventQuery()).model_copy(update={"limit": None})
    if q.near:  # filtered in Python: the model path
        page = page_events(store, q, offset=offset, limit=limit, sort=sort)
        return page.model_dump_json(), page.total
    with store.reader.connect() as conn:  # one connection, one read transaction
        rv = any_review(conn)
        names = matching_names(conn, q.actor) if q.actor else None
        if known_total is None:
            count = select(func.count()).select_from(events_from(rv))
            count = count.where(matching(q, rv, names))
            known_total = int(conn.execute(count).scalar_one())
        stmt = page_select(q, sort, offset, limit, rv, names)
        items = ",".join(_item(row) for row in conn.execute(stmt))
    head = json.dumps({"total": known_total, "offset": offset, "limit": limit, "sort": sort})
    return f'{head[:-1]},"items":[{items}]}}', known_total
