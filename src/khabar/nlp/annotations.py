"""The annotations khabar's stages put on a spaCy ``Doc`` (``doc._.khabar_*``).

These are internal to the NLP layer; :mod:`khabar.nlp.convert` is the one place that turns
them into domain objects from :mod:`khabar.model`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from spacy.tokens import Doc

from khabar.model import Fatalities


@dataclass
class ActorMention:
    """A span that names or describes an actor, resolved as far as the rules can."""

    start: int  # token offsets in the Doc
    end: int
    head: int
    name: str
    kind: str  # PERSON | ORG | GROUP | COUNTRY | NOMINAL | PRONOUN
    country: str | None = None
    sector: str | None = None
    plural: bool = False
    how: str = ""
    title: str | None = None
    loaded: bool = False  # described with a value-laden word ("terrorists")
    rule: str = ""  # the id of the rule that found it (khabar.nlp.rules)
    # a pronoun resolved to a mention: that mention's token span, the text that names it
    antecedent: tuple[int, int] | None = None
    # the other parties the same words name ("Rwandan and Mozambican forces", "both sides")
    partners: list[ActorMention] = field(default_factory=list)

    def copy_resolution(self, other: ActorMention, how: str) -> None:
        self.name, self.country, self.sector = other.name, other.country, other.sector
        self.how = how


@dataclass
class DateMention:
    """A date expression resolved against the publication date (when there is one)."""

    start_char: int
    end_char: int
    text: str
    value: str  # ISO date, YYYY-MM, YYYY, or --MM-DD when the year is unknown
    precision: str  # day | month | year
    year_known: bool
    sent_start: int  # token index of the sentence start, to find the sentence
    end_value: str | None = None
    as_date: dt.date | None = None  # a representative day, for history checks


@dataclass
class PlaceMention:
    start: int
    end: int
    label: str  # PLACE | DEMONYM
    #: a place description ("the Kenyan capital") stands for this place name when it names
    #: none in the text; the geocoder resolves the name
    name: str | None = None


@dataclass
class EventCandidate:
    """One event found by the rules, before conversion to a ``khabar.model.Event``."""

    type: str
    mode: str | None
    context: list[str]
    trigger_start: int  # token offsets of the trigger (may be two words: "fired at")
    trigger_end: int
    trigger_tokens: list[int]
    how: str
    actor: list[ActorMention] = field(default_factory=list)
    recipient: list[ActorMention] = field(default_factory=list)
    factuality: str = "asserted"
    factuality_cue: str | None = None
    attribution: tuple[int, int, str] | None = None  # char start, end, kind
    date: DateMention | None = None
    date_how: str | None = None
    location: PlaceMention | None = None
    location_how: str | None = None
    salience: float = 0.0  # main-clause events rank above those in subordinate clauses
    confidence: float = 0.5
    classifier_type: str | None = None
    classifier_score: float | None = None
    rule: str = ""  # the id of the rule that found it (khabar.nlp.rules)
    fatalities: Fatalities | None = None  # people killed (violent events; nlp/story)
    # other sentences telling the same event: (trigger start, trigger end) token offsets
    mentions: list[tuple[int, int]] = field(default_factory=list)
    joint: bool = False  # one of several events split from one clause with joint actors


EXTENSIONS: dict[str, object] = {
    "khabar_published": None,
    "khabar_actors": None,
    "khabar_places": None,
    "khabar_dates": None,
    "khabar_events": None,
    "khabar_non_events": None,
    "khabar_framing": None,
    "khabar_frame": None,
}


def register_extensions() -> None:
    """Register the ``doc._.khabar_*`` attributes (idempotent; called by ``load_pipeline``)."""
    for name, default in EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


def actors_of(doc: Doc) -> list[ActorMention]:
    value = doc._.khabar_actors
    return list(value) if value else []


def events_of(doc: Doc) -> list[EventCandidate]:
    value = doc._.khabar_events
    return list(value) if value else []


def non_events_of(doc: Doc) -> list[int]:
    """Tokens of trigger words the event rules judged figurative ("fighting fires")."""
    value = doc._.khabar_non_events
    return list(value) if value else []


def dates_of(doc: Doc) -> list[DateMention]:
    value = doc._.khabar_dates
    return list(value) if value else []


def framing_of(doc: Doc) -> list[tuple[int, int]]:
    value = doc._.khabar_framing
    return list(value) if value else []


def places_of(doc: Doc) -> list[PlaceMention]:
    value = doc._.khabar_places
    return list(value) if value else []
