"""Pydantic models for articles, events, actors, places, dates and evidence.

Every span carries ``start``/``end`` character offsets into ``Article.text``
exactly as khabar stores it, so ``text[start:end] == span.text`` always holds.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

SCHEMA_VERSION = "1.0"

Factuality = Literal["asserted", "negated", "hypothetical", "future", "historical"]
DatePrecision = Literal["day", "month", "year"]
DateHow = Literal[
    "sentence",  # a date expression in the event's own sentence
    "paragraph",  # a date expression earlier in the same paragraph
    "publication",  # no date in the text; the publication date is used
    "sentence-no-year",  # a date in the sentence, but no publication date to anchor the year
    "paragraph-no-year",
    "review",  # set by a human reviewer (see the event's ``review`` in the store)
    "tied",  # a clause or phrase ties the event to a dated event of the story
    "sentence-day",  # the one day its sentence names, on another clause (the report's day)
    "news-day",  # told as the story's news: the day the lead names
    "offset",  # counted from a dated clause: "two days after" it
]
PlacePrecision = Literal["country", "admin1", "admin2", "city", "sub-city"]
EntityLabel = Literal["PERSON", "ORG", "GROUP", "PLACE", "DEMONYM"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False)


class Span(_Model):
    """A piece of the article text, with its character offsets."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end < self.start:
            raise ValueError(f"span end {self.end} is before start {self.start}")
        return self


class Evidence(Span):
    """The sentence that states the event, plus the trigger words inside it."""

    trigger: Span


class ActorRef(Span):
    """An actor mention resolved to a canonical name, country and PLOVER sector."""

    name: str = Field(description="canonical name, e.g. 'Taliban'")
    country: str | None = Field(
        default=None, description="ISO 3166 alpha-3, or an IGO/NGO-style code such as 'IGO'"
    )
    sector: str | None = Field(default=None, description="PLOVER/CAMEO sector code: GOV, MIL, REB…")
    how: str = Field(default="", description="how the mention was resolved (knowledge base, rule…)")


class DateValue(_Model):
    """When an event happened, and how khabar knows it.

    ``value`` is ISO 8601: ``YYYY-MM-DD`` / ``YYYY-MM`` / ``YYYY`` — or, when the year is
    unknown because no publication date was given, the ISO 8601 partial form ``--MM-DD``.
    """

    value: str
    precision: DatePrecision
    text: str | None = None
    start: int | None = None
    end: int | None = None
    how: DateHow
    end_value: str | None = Field(default=None, description="end of a range, e.g. 1992-1997")


class Place(_Model):
    """A place mention; geocoding fields are filled by khabar.geo when it resolves it."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    name: str | None = None
    kind: str | None = None
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    precision: PlacePrecision | None = None
    score: float | None = None
    how: str | None = None
    rule: str | None = Field(
        default=None, description="id of the rule that placed an event here (logic keys on it)"
    )


class Attribution(Span):
    """Who claims the event (the source of a report), e.g. 'some media outlets'."""

    kind: Literal["named", "unnamed", "self"] = "named"


class Fatalities(_Model):
    """How many people the text says a violent event killed, and where it says so.

    ``value`` is the lowest stated number ("at least 14" -> 14, "12 to 15" -> 12); a vague
    count ("dozens") keeps ``value`` null and its ``text``. ``rule`` names the rule that read it.
    """

    value: int | None = Field(default=None, ge=0)
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    how: str = Field(default="", description="how the number was attached to the event")
    rule: str = Field(default="", description="id of the rule that read the number")


class Event(_Model):
    """One PLOVER event: who did what to whom, when, where, how certain, and the evidence."""

    id: str
    type: str
    mode: str | None = None
    context: list[str] = Field(default_factory=list)
    quad_class: str | None = None
    actor: list[ActorRef] = Field(default_factory=list)
    recipient: list[ActorRef] = Field(default_factory=list)
    date: DateValue | None = None
    location: Place | None = None
    factuality: Factuality
    attribution: Attribution | None = None
    evidence: Evidence
    mentions: list[Evidence] = Field(
        default_factory=list,
        description="other sentences of the article telling the same event (headline, lead, "
        "later paragraphs); ``evidence`` is the best one",
    )
    fatalities: Fatalities | None = Field(
        default=None, description="people killed, for violent events whose text says so"
    )
    framing: list[Span] = Field(
        default_factory=list,
        description="value-laden words in the evidence sentence ('terrorists', 'genocide', "
        "'freedom fighters'): the source's framing, reported, never adopted",
    )
    confidence: float = Field(ge=0.0, le=1.0)
    how: str = Field(default="", description="which rule or model typed the event")
    ontology_version: str


class Entity(Span):
    """A person, organisation, group, place or demonym mentioned in the article."""

    label: EntityLabel
    name: str | None = None
    country: str | None = None
    sector: str | None = None


class Article(_Model):
    """An article as khabar stores it; every offset elsewhere indexes into ``text``."""

    id: str = Field(description="stable id derived from the content (sha256 prefix)")
    url: str | None = None
    title: str | None = None
    published: dt.date | None = None
    language: str | None = None
    outlet: str | None = Field(
        default=None,
        description="the outlet or wire credited by the article ('Reuters', 'AP') or its "
        "web site, when known",
    )
    text_sha256: str
    text: str


class Warning(_Model):
    """Something the user should know about the extraction (not fatal)."""

    code: str
    message: str


class ExtractionResult(_Model):
    """What ``khabar extract`` prints for one article."""

    schema_version: str = SCHEMA_VERSION
    khabar_version: str
    article: Article
    events: list[Event] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    warnings: list[Warning] = Field(default_factory=list)
