"""Human review of stored events: confirm, reject, edit, note — with an audit trail.

A review is stored apart from the machine output (``event_reviews``), anchored on the
event's article and trigger span, so re-extraction, which rewrites ``events``, never loses
it: the next read joins it to whichever event has that trigger. Every action appends a
row to ``review_audit`` (who, when, the action, the event before and after, the note).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import select

from khabar.store import tables as t
from khabar.store.accounts import User
from khabar.store.corrections import ReviewError, check_changes
from khabar.store.database import Store, date_start
from khabar.store.query import REVIEWED_EVENTS, _select, review_status, stored_event_from_row
from khabar.store.records import EventQuery, ReviewChanges, StoredEvent

__all__ = [
    "AuditEntry",
    "ReviewAction",
    "ReviewError",
    "ReviewRequest",
    "review_event",
    "review_history",
    "review_queue",
]

ReviewAction = Literal["confirm", "reject", "edit", "note"]
_STATUS = {"confirm": "confirmed", "reject": "rejected", "edit": "edited"}


class ReviewRequest(BaseModel):
    """One review action (the body of ``POST /api/events/{id}/review``)."""

    model_config = ConfigDict(extra="forbid")

    action: ReviewAction
    changes: ReviewChanges = Field(default_factory=ReviewChanges)
    note: str | None = Field(default=None, max_length=4000)


class AuditEntry(BaseModel):
    """One review action as recorded: who, when, what, and the event before and after."""

    model_config = ConfigDict(extra="forbid")

    event_id: str
    user: str
    at: str
    action: ReviewAction
    before: dict[str, object]
    after: dict[str, object]
    note: str | None = None


def _summary(se: StoredEvent) -> dict[str, object]:
    """The reviewable fields of an event, for the audit trail."""
    ev = se.event
    return {
        "status": se.review.status if se.review else "unreviewed",
        "type": ev.type,
        "mode": ev.mode,
        "actor": "; ".join(a.name for a in ev.actor) or None,
        "recipient": "; ".join(a.name for a in ev.recipient) or None,
        "date": ev.date.value if ev.date else None,
        "place": (ev.location.name or ev.location.text) if ev.location else None,
        "country": ev.location.country if ev.location else None,
        "factuality": ev.factuality,
        "fatalities": ev.fatalities.value if ev.fatalities else None,
    }


def _load(store: Store, event_id: str) -> StoredEvent | None:
    stmt = _select(EventQuery()).where(t.events.c.id == event_id)
    with store.reader.connect() as conn:
        row = conn.execute(stmt).first()
    return stored_event_from_row(row) if row is not None else None


def review_event(store: Store, event_id: str, user: User, request: ReviewRequest) -> StoredEvent:
    """Apply one review action by ``user`` to the event ``event_id``; the event as now read."""
    se = _load(store, event_id)
    if se is None:
        raise ReviewError(f"no event {event_id!r} in this database")
    changes = request.changes
    if request.action == "edit":
        if not changes.model_dump(exclude_none=True):
            raise ReviewError("an edit needs at least one changed field")
        if changes.mode is not None and changes.type is None:
            changes = changes.model_copy(update={"type": se.event.type})
        check_changes(changes)
    elif changes.model_dump(exclude_none=True):
        raise ReviewError(f"'{request.action}' takes no field changes; use the action 'edit'")
    if request.action == "note" and not (request.note or "").strip():
        raise ReviewError("a note needs text")
    old = se.review
    merged = (old.changes if old else ReviewChanges()).model_dump(exclude_none=True)
    merged.update(changes.model_dump(exclude_none=True))
    total = ReviewChanges.model_validate(merged)
    status = _STATUS.get(request.action, old.status if old else "unreviewed")
    note = request.note.strip() if request.note and request.note.strip() else None
    if note is None and old is not None:
        note = old.note
    now = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
    trig = se.event.evidence.trigger
    anchor = {"article_id": se.article.id, "trigger_start": trig.start, "trigger_end": trig.end}
    names = [total.actor, total.recipient]
    values = {
        "event_id": se.id,
        "status": status,
        "reviewed_by": user.name,
        "reviewed_at": now,
        "type": total.type,
        "factuality": total.factuality,
        "date_start": date_start(total.date) if total.date else None,
        "country": total.country,
        "actor_names": " | ".join(n for n in names if n) or None,
        "changes_json": total.model_dump_json(exclude_none=True),
        "note": note,
    }
    rv = t.event_reviews
    with store.transaction() as conn:
        exists = conn.execute(
            select(rv.c.event_id).where(*(rv.c[k] == v for k, v in anchor.items()))
        ).first()
        if exists:
            conn.execute(
                rv.update().where(*(rv.c[k] == v for k, v in anchor.items())).values(**values)
            )
        else:
            conn.execute(rv.insert().values(**anchor, **values))
    after = _load(store, event_id)
    assert after is not None  # the event was there a moment ago and reviews delete nothing
    with store.transaction() as conn:
        conn.execute(
            t.review_audit.insert().values(
                **anchor,
                event_id=se.id,
                user_name=user.name,
                at=now,
                action=request.action,
                before_json=json.dumps(_summary(se), sort_keys=True, ensure_ascii=False),
                after_json=json.dumps(_summary(after), sort_keys=True, ensure_ascii=False),
                note=request.note.strip() if request.note else None,
            )
        )
    return after


def review_history(store: Store, event_id: str) -> list[AuditEntry]:
    """Every review action on the event ``event_id`` (by its anchor), oldest first."""
    ev, au = t.events, t.review_audit
    with store.reader.connect() as conn:
        anchor = conn.execute(
            select(ev.c.article_id, ev.c.trigger_start, ev.c.trigger_end).where(ev.c.id == event_id)
        ).first()
        if anchor is None:
            return []
        rows = conn.execute(
            select(au)
            .where(
                au.c.article_id == anchor.article_id,
                au.c.trigger_start == anchor.trigger_start,
                au.c.trigger_end == anchor.trigger_end,
            )
            .order_by(au.c.id)
        ).all()
    return [
        AuditEntry(
            event_id=r.event_id,
            user=r.user_name,
            at=r.at,
            action=r.action,
            before=json.loads(r.before_json),
            after=json.loads(r.after_json),
            note=r.note,
        )
        for r in rows
    ]


def review_queue(
    store: Store, q: EventQuery | None = None, *, limit: int = 50, offset: int = 0
) -> list[StoredEvent]:
    """Unreviewed events matching ``q``: lowest confidence first, then most sources."""
    q = (q or EventQuery()).model_copy(update={"review": ["unreviewed"], "limit": None})
    ev, cl = t.events, t.clusters
    stmt = (
        _select(q)
        .order_by(None)
        .order_by(ev.c.confidence.asc(), cl.c.n_sources.desc().nulls_last(), ev.c.id)
        .offset(offset)
        .limit(limit)
    )
    with store.reader.connect() as conn:
        return [stored_event_from_row(r) for r in conn.execute(stmt)]


def count_by_status(store: Store) -> dict[str, int]:
    """How many events have each review status."""
    from sqlalchemy import func

    status = review_status()
    stmt = select(status.label("s"), func.count().label("n")).select_from(REVIEWED_EVENTS)
    with store.reader.connect() as conn:
        rows = conn.execute(stmt.group_by(status)).all()
    return {r.s: int(r.n) for r in rows}
