"""The analyst's pages: the events table, one event with every source side by side, a
cross-source cluster, the review queue, and the review form.

All of them work without JavaScript: the table sorts and pages by links, the review form
is a plain POST with the session's CSRF token.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, FastAPI, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from khabar.api.auth import require_writer
from khabar.api.filters import event_query
from khabar.store import EventQuery
from khabar.store.query import query_events
from khabar.store.records import ReviewChanges, StoredEvent
from khabar.store.review import (
    ReviewError,
    ReviewRequest,
    review_event,
    review_history,
    review_queue,
)
from khabar.store.views import SORT_KEYS, SortKey, get_event, page_events
from khabar.web.highlight import evidence_parts
from khabar.web.pages import filter_query

PAGE_SIZES = (25, 50, 100, 200)
#: Table columns that sort, and the sort key each one uses.
SORTABLE = {"date": "date", "type": "type", "confidence": "confidence", "sources": "sources"}
REVIEW_FIELDS = (
    "type",
    "mode",
    "actor",
    "recipient",
    "date",
    "place",
    "country",
    "factuality",
    "fatalities",
)


def _sources(se: StoredEvent) -> int:
    return se.cluster.n_sources if se.cluster else 1


def _row(se: StoredEvent) -> dict[str, Any]:
    ev = se.event
    before, trigger, after = evidence_parts(se)
    loc = ev.location
    return {
        "se": se,
        "ev": ev,
        "actor": "; ".join(a.name for a in ev.actor),
        "recipient": "; ".join(a.name for a in ev.recipient),
        "place": ", ".join(x for x in ((loc.name or loc.text), loc.country) if x) if loc else "",
        "fatalities": (
            (ev.fatalities.value if ev.fatalities.value is not None else ev.fatalities.text)
            if ev.fatalities
            else None
        ),
        "sources": _sources(se),
        "status": se.review.status if se.review else "unreviewed",
        "before": before,
        "trigger": trigger,
        "after": after,
    }


def _sort_links(request: Request, sort: str, limit: int) -> dict[str, dict[str, str]]:
    out = {}
    for column, key in SORTABLE.items():
        current = sort.lstrip("-") == key
        target = f"-{key}" if current and not sort.startswith("-") else key
        arrow = ("▼" if sort.startswith("-") else "▲") if current else ""
        qs = filter_query(request, sort=target, limit=limit)
        aria = "descending" if current and sort.startswith("-") else "ascending"
        out[column] = {"href": f"?{qs}", "arrow": arrow, "aria": aria if current else "none"}
    return out


def register(app: FastAPI, ui: Any) -> None:
    store = ui.store
    has_fatalities = "fatalities" in StoredEvent.model_fields["event"].annotation.model_fields  # type: ignore[union-attr]

    @app.get("/events", response_class=HTMLResponse, include_in_schema=False)
    def events_page(
        request: Request,
        q: Annotated[EventQuery, Depends(event_query)],
        offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
        limit: Annotated[int, Query(ge=1, le=200)] = 50,
        sort: Annotated[SortKey, Query()] = "date",
    ) -> HTMLResponse:
        page = page_events(store, q, offset=offset, limit=limit, sort=sort)
        stored = store.count("events")

        def at(new_offset: int) -> str:
            return "?" + filter_query(request, sort=sort, limit=limit, offset=new_offset)

        return ui.render(
            "events.html",
            request,
            page="events",
            result=page,
            rows=[_row(se) for se in page.items],
            stored=stored,
            sort=sort,
            sort_keys=SORT_KEYS,
            sorts=_sort_links(request, sort, limit),
            page_sizes=PAGE_SIZES,
            prev=at(max(0, offset - limit)) if offset > 0 else None,
            next=at(offset + limit) if offset + limit < page.total else None,
            has_fatalities=has_fatalities,
        )

    def event_view(
        request: Request, event_id: str, status: int = 200, error: str | None = None
    ) -> HTMLResponse:
        found = get_event(store, event_id[:64])
        if found is None:
            return ui.missing(request, f"event {event_id[:64]}")
        reports = [found.event, *found.cluster_members]
        return ui.render(
            "event.html",
            request,
            status=status,
            page="event",
            se=found.event,
            row=_row(found.event),
            reports=[_row(r) for r in reports],
            history=review_history(store, found.event.id),
            error=error,
            review_fields=REVIEW_FIELDS,
            has_fatalities=has_fatalities,
        )

    @app.get("/events/{event_id}", response_class=HTMLResponse, include_in_schema=False)
    def event_page(request: Request, event_id: str) -> HTMLResponse:
        return event_view(request, event_id)

    @app.post("/events/{event_id}/review", include_in_schema=False)
    def review_form(
        request: Request,
        event_id: str,
        action: Annotated[str, Form(max_length=16)],
        csrf: Annotated[str, Form(max_length=100)] = "",
        note: Annotated[str, Form(max_length=4000)] = "",
        type: Annotated[str, Form(max_length=24)] = "",
        mode: Annotated[str, Form(max_length=48)] = "",
        actor: Annotated[str, Form(max_length=255)] = "",
        recipient: Annotated[str, Form(max_length=255)] = "",
        date: Annotated[str, Form(max_length=10)] = "",
        place: Annotated[str, Form(max_length=255)] = "",
        country: Annotated[str, Form(max_length=3)] = "",
        factuality: Annotated[str, Form(max_length=16)] = "",
        fatalities: Annotated[str, Form(max_length=9)] = "",
    ) -> Response:
        try:
            who = require_writer(request, store, form_csrf=csrf)
        except HTTPException as exc:
            if exc.status_code == 401:
                return RedirectResponse(f"/login?next=/events/{event_id[:64]}", status_code=303)
            return event_view(request, event_id, status=exc.status_code, error=str(exc.detail))
        given = {
            "type": type.strip().upper(),
            "mode": mode.strip(),
            "actor": actor.strip(),
            "recipient": recipient.strip(),
            "date": date.strip(),
            "place": place.strip(),
            "country": country.strip().upper(),
            "factuality": factuality.strip(),
            "fatalities": fatalities.strip(),
        }
        try:
            changes = ReviewChanges.model_validate({k: v for k, v in given.items() if v})
            body = ReviewRequest(
                action=action,
                changes=changes if action == "edit" else ReviewChanges(),
                note=note or None,
            )
            review_event(store, event_id[:64], who.user, body)
        except ValidationError as exc:
            problems = "; ".join(
                f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()
            )
            return event_view(request, event_id, status=422, error=problems)
        except ReviewError as exc:
            return event_view(request, event_id, status=422, error=str(exc))
        cache = getattr(app.state, "count_cache", None)
        if cache is not None:
            cache.clear()
        return RedirectResponse(f"/events/{event_id[:64]}", status_code=303)

    @app.get("/clusters/{cluster_id}", response_class=HTMLResponse, include_in_schema=False)
    def cluster_page(request: Request, cluster_id: str) -> HTMLResponse:
        members = list(query_events(store, EventQuery(cluster=cluster_id[:64])))
        if not members:
            return ui.missing(request, f"cluster {cluster_id[:64]}")
        articles: dict[str, list[dict[str, Any]]] = {}
        for se in members:
            articles.setdefault(se.article.id, []).append(_row(se))
        return ui.render(
            "cluster.html",
            request,
            page="cluster",
            cluster=members[0].cluster,
            cluster_id=cluster_id[:64],
            columns=list(articles.values()),
        )

    @app.get("/review", response_class=HTMLResponse, include_in_schema=False)
    def review_page(
        request: Request,
        q: Annotated[EventQuery, Depends(event_query)],
        offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
    ) -> HTMLResponse:
        items = review_queue(store, q, limit=50, offset=offset)
        return ui.render(
            "review.html",
            request,
            page="review",
            rows=[_row(se) for se in items],
            offset=offset,
            next=f"?{filter_query(request, offset=offset + 50)}" if len(items) == 50 else None,
        )
