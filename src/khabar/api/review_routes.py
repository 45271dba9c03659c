"""Routes that write or concern review: ``POST /api/events/{id}/review``, the audit trail,
the review queue and ``/api/me``.

No ``from __future__ import annotations`` here: FastAPI reads the routes' annotations when
they are defined, and they name values (``ID_PATTERN``) imported inside the function."""

from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, Path, Query, Request
from fastapi.responses import Response

from khabar.api.auth import Caller, caller, require_writer
from khabar.api.cache import CountCache
from khabar.api.filters import event_query
from khabar.store import EventQuery, Store
from khabar.store.records import StoredEvent
from khabar.store.review import (
    AuditEntry,
    ReviewError,
    ReviewRequest,
    review_event,
    review_history,
    review_queue,
)
from khabar.store.views import get_event

Filters = Annotated[EventQuery, Depends(event_query)]


def register_review_routes(app: FastAPI, store: Store, totals: CountCache) -> None:
    from khabar.api.app import ID_PATTERN, NEEDS_USER, NOT_FOUND, Me, Problem, Unprocessable, _json

    @app.get(
        "/api/events/{event_id}/history",
        response_model=list[AuditEntry],
        responses=NOT_FOUND,
        tags=["review"],
    )
    def history(event_id: Annotated[str, Path(pattern=ID_PATTERN)]) -> list[AuditEntry]:
        """The review audit trail of an event: who did what when, before and after."""
        if get_event(store, event_id) is None:
            raise HTTPException(404, f"no event {event_id!r} in this database")
        return review_history(store, event_id)

    @app.post(
        "/api/events/{event_id}/review",
        response_model=StoredEvent,
        responses={
            **NOT_FOUND,
            **NEEDS_USER,
            400: {"model": Problem},
            413: {"model": Problem},
            422: {"model": Unprocessable},
        },
        tags=["review"],
    )
    def review(
        request: Request,
        event_id: Annotated[str, Path(pattern=ID_PATTERN)],
        body: ReviewRequest,
    ) -> Response:
        """Confirm, reject or edit an event, or add a note (needs a reviewer's token, or a
        signed-in session and its ``X-CSRF-Token``). The machine output is kept; the
        correction is applied on every read and export and recorded in the audit trail."""
        who = require_writer(request, store)
        return _json(_review(store, event_id, who, body, totals))

    @app.get("/api/review/queue", response_model=list[StoredEvent], tags=["review"])
    def queue(
        q: Filters,
        offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
        limit: Annotated[int, Query(ge=1, le=500)] = 50,
    ) -> list[StoredEvent]:
        """Unreviewed events matching the filters: lowest confidence, then most sources."""
        return review_queue(store, q, limit=limit, offset=offset)

    @app.get("/api/me", response_model=Me, responses=NEEDS_USER, tags=["accounts"])
    def me(request: Request) -> Me:
        """Who the request's token or session belongs to (401 for nobody)."""
        who = caller(request, store)
        if who is None:
            raise HTTPException(401, "not signed in", headers={"WWW-Authenticate": "Bearer"})
        return Me(name=who.user.name, role=who.user.role, via=who.via)


def _review(
    store: Store, event_id: str, who: Caller, body: ReviewRequest, totals: CountCache
) -> StoredEvent:
    try:
        result = review_event(store, event_id, who.user, body)
    except ReviewError as exc:
        status = 404 if "no event" in str(exc) else 422
        raise HTTPException(status, str(exc)) from None
    totals.clear()
    return result
