"""Apply a human review to a machine-coded event (pure functions, no database).

The machine's event is never rewritten in the database; every read applies the review's
corrections to a copy. Each corrected field says so in its ``how`` ("review by NAME"), so
an output field stays traceable to a person as it is to a rule.
"""

from __future__ import annotations

import json
from typing import Any

from khabar.errors import KhabarError
from khabar.model import ActorRef, DateValue, Event, Fatalities, Place
from khabar.store.records import ReviewChanges, ReviewInfo

__all__ = ["ReviewError", "apply_review", "check_changes", "review_from_row"]


class ReviewError(KhabarError):
    """A review action that cannot be applied (unknown event, invalid field value)."""


def check_changes(changes: ReviewChanges) -> ReviewChanges:
    """``changes`` with the type and mode checked against the PLOVER ontology."""
    from khabar.ontology.plover import load_ontology

    onto = load_ontology()
    if changes.type is not None and changes.type not in onto.types:
        raise ReviewError(
            f"unknown PLOVER event type {changes.type!r}; one of {', '.join(onto.types)}"
        )
    if (
        changes.mode is not None
        and changes.type is not None
        and changes.mode not in onto.types[changes.type].modes
    ):
        modes = ", ".join(onto.types[changes.type].modes) or "none"
        raise ReviewError(f"mode {changes.mode!r} is not a mode of {changes.type}: {modes}")
    return changes


def _precision(value: str) -> str:
    return {4: "year", 7: "month"}.get(len(value), "day")


def _actor(ev: Event, refs: list[ActorRef], name: str, how: str) -> list[ActorRef]:
    """The corrected party: the first mention renamed, or (with no mention) the evidence
    sentence as the span that names it."""
    if refs:
        first = refs[0].model_copy(update={"name": name, "country": None, "sector": None})
        return [first.model_copy(update={"how": how})]
    span = ev.evidence
    return [ActorRef(text=span.text, start=span.start, end=span.end, name=name, how=how)]


def apply_review(event: Event, review: ReviewInfo) -> Event:
    """``event`` as the reviewer corrected it (a copy; the machine's event is untouched)."""
    ch = review.changes
    how = f"review by {review.reviewed_by}"
    update: dict[str, Any] = {}
    if ch.type is not None and ch.type != event.type:
        from khabar.ontology.plover import load_ontology

        update["type"] = ch.type
        update["quad_class"] = load_ontology().types[ch.type].quad
        update["mode"] = ch.mode
    elif ch.mode is not None:
        update["mode"] = ch.mode
    if ch.actor is not None:
        update["actor"] = _actor(event, event.actor, ch.actor, how)
    if ch.recipient is not None:
        update["recipient"] = _actor(event, event.recipient, ch.recipient, how)
    if ch.date is not None:
        update["date"] = DateValue(value=ch.date, precision=_precision(ch.date), how="review")
    if ch.place is not None or ch.country is not None:
        loc = event.location
        if loc is None:
            span = event.evidence
            loc = Place(text=span.text, start=span.start, end=span.end)
        fields: dict[str, Any] = {"how": how, "score": None}
        if ch.place is not None:  # a renamed place has no coordinates until geocoded again
            fields.update(name=ch.place, lat=None, lon=None, geonameid=None, kind=None)
            fields["precision"] = None
        if ch.country is not None:
            fields["country"] = ch.country
            if loc.country != ch.country and ch.place is None:
                fields.update(name=None, lat=None, lon=None, geonameid=None, precision="country")
        update["location"] = loc.model_copy(update=fields)
    if ch.factuality is not None:
        update["factuality"] = ch.factuality
    if ch.fatalities is not None:
        old = event.fatalities
        start, end = (old.start, old.end) if old else (event.evidence.start, event.evidence.end)
        update["fatalities"] = Fatalities(
            value=ch.fatalities, text=str(ch.fatalities), start=start, end=end,
            how=how, rule="review",
        )  # fmt: skip
    if update:
        update["how"] = f"{event.how}; {how}: {', '.join(sorted(ch.model_dump(exclude_none=True)))}"
    return event.model_copy(update=update)


def review_from_row(row: Any) -> ReviewInfo | None:
    """The review columns of a joined events row (``None`` when there is no review)."""
    status = getattr(row, "review_status", None)
    if not status:
        return None
    return ReviewInfo(
        status=status,
        reviewed_by=row.reviewed_by,
        reviewed_at=row.reviewed_at,
        changes=ReviewChanges.model_validate(json.loads(row.changes_json or "{}")),
        note=row.review_note,
    )
