"""Typed records that cross the store's boundary: stored events, queries, rejections, stats."""

from __future__ import annotations

import datetime as dt

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


class StoredEvent(_Record):
    """One event as stored: the PLOVER ``Event`` plus its article and cluster."""

    id: str = Field(description="database id: '<article id>-<seq>'")
    event: Event
    article: ArticleCite
    cluster: ClusterInfo | None = None


class EventQuery(_Record):
    """Filters of ``khabar events``; all given filters must hold (AND)."""

    types: list[str] = Field(default_factory=list)
    actor: str | None = Field(default=None, description="actor or recipient name (case-blind)")
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
