"""The typed results of the store's views (``khabar.store.views``): pages, details,
summaries, timelines and map points, as the API and the web pages receive them."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from khabar.store.records import StoredEvent

SortKey = Literal[
    "date",
    "-date",
    "confidence",
    "-confidence",
    "type",
    "-type",
    "sources",
    "-sources",
    "id",
    "-id",
]
SORT_KEYS: tuple[str, ...] = SortKey.__args__  # type: ignore[attr-defined]
Bucket = Literal["day", "week", "month"]


class _View(BaseModel):
    model_config = ConfigDict(extra="forbid")


class EventPage(_View):
    """One page of a filtered, sorted event list."""

    total: int = Field(description="events matching the filters (all pages)")
    offset: int
    limit: int
    sort: SortKey
    items: list[StoredEvent]


class EventDetail(_View):
    """An event with the other events of its cross-source cluster."""

    event: StoredEvent
    cluster_members: list[StoredEvent] = Field(
        default_factory=list, description="the other events of the same cluster"
    )


class StoredArticle(_View):
    """A stored article: its text (every event offset indexes into it) and its events."""

    id: str
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    language: str | None = None
    text: str
    events: list[StoredEvent]


class ActorCount(_View):
    name: str
    as_actor: int
    as_recipient: int
    total: int


class Dyad(_View):
    """``actor`` acted on ``recipient`` in ``count`` events; ``quad_class`` is the PLOVER
    quad class of most of them (of the reviewed type; ties by name)."""

    actor: str
    recipient: str
    count: int
    quad_class: str | None = None


class ActorSummary(_View):
    actors: list[ActorCount]
    dyads: list[Dyad]


class TimelineBucket(_View):
    start: dt.date = Field(description="first day of the bucket (Monday for weeks)")
    type: str
    count: int


class Timeline(_View):
    bucket: Bucket
    buckets: list[TimelineBucket]
    undated: int = Field(description="matching events without a usable date")


class MapPoint(_View):
    id: str
    lat: float
    lon: float
    type: str
    quad_class: str | None
    factuality: str
    date: dt.date | None
    place: str | None
    precision: str | None = Field(
        default=None, description="country/admin1 places are drawn as areas, not pins"
    )
    country: str | None = Field(default=None, description="ISO alpha-3 code of the place")
    article_id: str | None = None


class MapPoints(_View):
    total: int = Field(description="matching events with coordinates")
    truncated: bool
    points: list[MapPoint]
