"""A page of ``/api/events`` as JSON text, built from the stored event JSON without
re-validating it (the hot path of the API: most of a page's CPU went to parsing each
event into pydantic models and serialising them again).

Rows without a review are spliced in as stored (``events.event_json`` is written by
``Store.add_result`` from a validated ``Event``); a reviewed row goes through the models so
its corrections are applied. The result parses to the same ``EventPage`` as
``views.page_events`` (a test checks it).
"""

from __future__ import annotations

from typing import Any

import orjson

from khabar.store.actor_names import matching_names
from khabar.store.database import Store
from khabar.store.paging import page_select, page_total, reviewed_events
from khabar.store.query import stored_event_from_row
from khabar.store.records import EventQuery
from khabar.store.views import SortKey, page_events

__all__ = ["page_events_json"]


def _item(row: Any) -> Any:
    """One page item: the stored event JSON goes in as it is (an ``orjson.Fragment``)."""
    if row.review_status:
        return orjson.Fragment(stored_event_from_row(row).model_dump_json())
    cluster_id = row.cluster_id
    return {
        "id": row.id,
        "event": orjson.Fragment(row.event_json),
        "article": {
            "id": row.article_id,
            "url": row.url,
            "title": row.title,
            "outlet": row.outlet,
            "published": row.published,  # a date: written YYYY-MM-DD
        },
        "cluster": {
            "id": cluster_id,
            "n_events": row.n_events,
            "n_articles": row.n_articles,
            "n_sources": row.n_sources,
        }
        if cluster_id
        else None,
        "review": None,
    }


def page_events_json(
    store: Store,
    q: EventQuery | None = None,
    *,
    offset: int = 0,
    limit: int = 50,
    sort: SortKey = "date",
    known_total: int | None = None,
) -> tuple[bytes, int]:
    """(the ``EventPage`` JSON of ``page_events(store, q, …)``, its total)."""
    q = (q or EventQuery()).model_copy(update={"limit": None})
    if q.near:  # filtered in Python: the model path
        return _model_page(store, q, offset, limit, sort, None)
    with store.reader.connect() as conn:  # one connection, one read transaction
        listed = reviewed_events(conn)
        names = matching_names(conn, q.actor) if q.actor else None
        if known_total is None:
            known_total = page_total(conn, q, listed, names)
        stmt = page_select(q, sort, offset, limit, listed != [], names, listed)
        items = [_item(row) for row in conn.execute(stmt)]
    head = {"total": known_total, "offset": offset, "limit": limit, "sort": sort}
    try:
        return orjson.dumps({**head, "items": items}), known_total
    except orjson.JSONEncodeError:  # a text orjson refuses (a lone surrogate): the models
        return _model_page(store, q, offset, limit, sort, known_total)


def _model_page(
    store: Store, q: EventQuery, offset: int, limit: int, sort: SortKey, total: int | None
) -> tuple[bytes, int]:
    page = page_events(store, q, offset=offset, limit=limit, sort=sort, known_total=total)
    return page.model_dump_json().encode(), page.total
