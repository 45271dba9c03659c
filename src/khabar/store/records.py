"""Typed records that cross the store's boundary: stored events, queries, rejections, stats."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from khabar.ingest.batch import Rejection, RejectionCode
from khabar.model import Event, Factuality

__all__ = [
    "ArticleCite",
    "ClusterInfo",
    "CountRow",
    "EventChanges",
    "EventQuery",
    "Rejection",
    "RejectionCode",
    "ReviewChanges",
    "ReviewInfo",
    "ReviewStatus",
    "StoreStats",
    "StoredEvent",
    "StoredMeta",
]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ArticleCite(_Record):
    """Where a stored event was read: enough to cite and re-open the article."""

    id: str
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: dt.date | None = None


class ClusterInfo(_Record):
    """The cross-source cluster an event belongs to (see ``khabar.store.dedup``)."""

    id: str
    n_events: int
    n_articles: int
    n_sources: int


ReviewStatus = Literal["unreviewed", "confirmed", "rejected", "edited"]
ISO_DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"


class ReviewChanges(_Record):
    """Fields a reviewer corrected (``None``: the machine's value stands)."""

    type: str | None = Field(default=None, pattern=r"^[A-Z_]{2,24}$")
    mode: str | None = Field(default=None, pattern=r"^[a-z_]{1,48}$")
    actor: str | None = Field(default=None, min_length=1, max_length=255)
    recipient: str | None = Field(default=None, min_length=1, max_length=255)
    date: str | None = Field(default=None, pattern=ISO_DATE_PATTERN, description="ISO date")
    place: str | None = Field(default=None, min_length=1, max_length=255)
    country: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")
    fatalities: int | None = Field(default=None, ge=0, le=10_000_000)
    factuality: Factuality | None = None


class ReviewInfo(_Record):
    """The human review of a stored event: applied to ``event`` on every read and export."""

    status: ReviewStatus
    reviewed_by: str
    reviewed_at: str = Field(description="UTC time of the last review action (ISO 8601)")
    changes: ReviewChanges = Field(default_factory=ReviewChanges)
    note: str | None = None


class StoredEvent(_Record):
    """One event as stored: the PLOVER ``Event`` plus its article, cluster and review.

    With a review, ``event`` already carries the reviewer's corrections (each corrected
    field's ``how`` says so); the machine's values are in the review's audit trail."""

    id: str = Field(description="database id: '<article id>-<seq>'")
    event: Event
    article: ArticleCite
    cluster: ClusterInfo | None = None
    review: ReviewInfo | None = None


class EventQuery(_Record):
    """Filters of ``khabar events``; all given filters must hold (AND). Reviewed events are
    filtered on their corrected values (type, factuality, date, country, actor)."""

    types: list[str] = Field(default_factory=list)
    actor: str | None = Field(
        default=None,
        description="actor or recipient: part of its name (case-blind), a knowledge-base "
        "alias, or a country name or code",
    )
    actor_country: str | None = Field(default=None, description="actor's country code")
    sector: str | None = Field(default=None, description="actor's PLOVER sector (GOV, MIL…)")
    outlet: str | None = Field(default=None, description="part of the outlet's host name")
    min_confidence: float | None = Field(default=None, ge=0, le=1)
    text: str | None = Field(default=None, description="words of the evidence sentence")
    review: list[ReviewStatus] = Field(default_factory=list)
    country: str | None = Field(default=None, description="country code of the event location")
    since: dt.date | None = None
    until: dt.date | None = None
    near: tuple[float, float, float] | None = Field(default=None, description="lat, lon, km")
    factuality: list[Factuality] = Field(default_factory=list)
    cluster: str | None = None
    min_fatalities: int | None = Field(
        default=None, ge=0, description="events whose text says at least this many were killed"
    )
    limit: int | None = Field(default=None, ge=1)


class CountRow(_Record):
    key: str
    count: int


class StoreStats(_Record):
    """What ``khabar stats`` prints."""

    articles: int
    events: int
    clusters: int
    multi_source_clusters: int
    rejections: int
    by_type: list[CountRow]
    by_country: list[CountRow]
    by_month: list[CountRow]
    by_rejection: list[CountRow]


class StoredMeta(_Record):
    """The metadata stored with an article (compared on re-ingest: changed → updated)."""

    id: str
    url: str | None = None
    title: str | None = None
    published: dt.date | None = None


class EventChanges(_Record):
    """How an article's events changed when it was extracted again (matched by trigger span)."""

    added: int = 0
    removed: int = 0
    retyped: int = 0

    def __add__(self, other: EventChanges) -> EventChanges:
        return EventChanges(
            added=self.added + other.added,
            removed=self.removed + other.removed,
            retyped=self.retyped + other.retyped,
        )

    @property
    def any(self) -> bool:
        return bool(self.added or self.removed or self.retyped)
