"""spaCy component registrations: the one module that declares khabar's pipeline stages.

Each factory name is versioned (``khabar_events_v2``); a change of behaviour gets a new
version. Components hold no data until ``configure()`` is called by
:func:`khabar.nlp.pipeline.load_pipeline` (nothing is read from disk in a constructor).
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from khabar.geo.countries import CountryTable
from khabar.nlp.actors import ActorContext, find_actor_mentions, find_framing
from khabar.nlp.annotations import actors_of, dates_of, events_of, places_of
from khabar.nlp.context import (
    assign_background,
    attach_dates,
    attach_locations,
    find_date_mentions,
    find_place_mentions,
)
from khabar.nlp.context.story import attach_story_dates, attach_story_places
from khabar.nlp.conventions import apply_conventions
from khabar.nlp.events import find_events
from khabar.nlp.events.story import read_story_events
from khabar.nlp.events.story_roles import fill_story_roles
from khabar.nlp.factuality import assign_factuality, assign_history
from khabar.nlp.lexicon import TriggerLexicon
from khabar.nlp.story.frame import story_frame
from khabar.nlp.typing_stage import SentenceTyper, classify_events


class _Stage:
    """A component that must be configured before use."""

    def _need(self, value: Any, what: str) -> Any:
        if value is None:
            raise RuntimeError(f"{type(self).__name__} used before configure() set its {what}")
        return value


DATELINE_DASHES = {"-", "--", "–", "—", ":"}


def mark_line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence, and a dateline ('DUSHANBE -') is a sentence of its own."""
    starts = [0] + [t.i + 1 for t in doc[:-1] if t.is_space and "\n" in t.text]
    for start in starts:
        if start >= len(doc):
            continue
        if start > 0:
            doc[start].is_sent_start = True
        # A paragraph opening with capitalised place words (and an agency in brackets)
        # then a dash: "KABUL, Afghanistan (AP) -", "DUSHANBE -".
        i = start
        while (
            i < len(doc)
            and i - start < 8
            and (doc[i].is_upper or doc[i].text in {",", "(", ")"} or doc[i].is_title)
        ):
            i += 1
        if (
            i > start
            and i + 1 < len(doc)
            and doc[i].text in DATELINE_DASHES
            and doc[start].is_upper
            and len(doc[start]) > 1
        ):
            doc[i + 1].is_sent_start = True
    return doc


@Language.component("khabar_line_breaks_v1", assigns=["token.is_sent_start"], requires=[])
def line_break_stage(doc: Doc) -> Doc:
    return mark_line_breaks(doc)


#: Capitalised words that continue a place name rather than start a person's.
GEO_WORDS = {
    "province",
    "valley",
    "river",
    "district",
    "city",
    "region",
    "county",
    "state",
    "mountains",
    "mountain",
    "lake",
    "sea",
    "island",
    "islands",
    "gorge",
    "oblast",
    "governorate",
    "prefecture",
    "airport",
    "border",
    "strait",
    "bay",
    "desert",
}


#: Capitalised words that make a place the modifier of an organisation or office
#: ("Riverton Police Department", "Lakeside Mayor …", "Ohio House"): the place stays.
INSTITUTION_WORDS = {
    "police", "department", "mayor", "governor", "house", "senate", "assembly", "council",
    "chief", "county", "school", "schools", "board", "bureau", "club", "chamber", "national",
    "highway", "society", "university", "college", "city", "public", "library", "center",
    "centre", "hospital", "church", "guard", "army", "court", "fire", "historical", "law",
    "education", "times", "post", "herald", "news", "daily", "tribune", "journal", "state",
    "association", "union", "party", "ministry", "government", "parliament", "airport",
    "station", "port", "zoo", "museum", "institute", "authority", "commission", "committee",
    "company", "bank", "group", "team", "sheriff", "attorney", "district", "metro",
    "international", "federal", "municipal", "regional", "provincial", "republic", "forces",
}  # fmt: skip
DIRECTION_WORDS = {"north", "south", "east", "west", "northeast", "northwest", "southeast",
                   "southwest", "northern", "southern", "eastern", "western", "central",
                   "greater", "upper", "lower", "downtown", "new"}  # fmt: skip


def unforce_name_parts(doc: Doc) -> Doc:
    """Drop gazetteer place matches that are part of a longer name ("Dara Vance",
    "Jordan Peterson"): a capitalised word right before or after them, that is neither a
    place word nor the start of the sentence, means the name is someone's, so ``ner``
    decides."""
    keep = []
    for ent in doc.ents:
        if ent.label_ in {"GPE", "LOC"}:
            after = doc[ent.end] if ent.end < len(doc) else None
            before = doc[ent.start - 1] if ent.start > 0 else None
            glued_after = (
                after is not None
                and after.is_title
                and after.is_alpha
                and after.lower_ not in GEO_WORDS
                and after.lower_ not in INSTITUTION_WORDS
                and not after.ent_type_
            )
            glued_before = (
                before is not None
                and before.is_title
                and before.is_alpha
                and not before.is_sent_start
                and not before.ent_type_
                and before.lower_ not in {"the", "in", "of", "from", "to"}
                and before.lower_ not in DIRECTION_WORDS
                and before.lower_ not in INSTITUTION_WORDS
            )
            if glued_after or glued_before:
                continue
        keep.append(ent)
    if len(keep) != len(doc.ents):
        doc.set_ents(keep, default="outside")
    return doc


@Language.component("khabar_name_parts_v1", assigns=["doc.ents"], requires=["doc.ents"])
def name_parts_stage(doc: Doc) -> Doc:
    return unforce_name_parts(doc)


class PlaceStage(_Stage):
    def __call__(self, doc: Doc) -> Doc:
        doc._.khabar_places = find_place_mentions(doc)
        return doc


class DateStage(_Stage):
    def __call__(self, doc: Doc) -> Doc:
        dates = find_date_mentions(doc, doc._.khabar_published)
        frame = doc._.khabar_frame
        line = frame.dateline.date if frame is not None and frame.dateline else None
        if line is not None:  # the dateline's date is when the report was filed
            dates = [d for d in dates if not (line.start <= d.start_char < line.end)]
        doc._.khabar_dates = dates
        return doc


class ActorStage(_Stage):
    def __init__(self) -> None:
        self.context: ActorContext | None = None

    def configure(self, context: ActorContext) -> None:
        self.context = context

    def __call__(self, doc: Doc) -> Doc:
        context = self._need(self.context, "actor context")
        doc._.khabar_actors = find_actor_mentions(doc, context)
        doc._.khabar_framing = find_framing(doc, context)
        return doc


class EventStage(_Stage):
    def __init__(self) -> None:
        self.lexicon: TriggerLexicon | None = None
        self.countries: CountryTable | None = None

    def configure(self, lexicon: TriggerLexicon, countries: CountryTable | None = None) -> None:
        self.lexicon = lexicon
        self.countries = countries

    def __call__(self, doc: Doc) -> Doc:
        lexicon = self._need(self.lexicon, "trigger lexicon")
        non_events: list[int] = []
        doc._.khabar_events = find_events(
            doc, actors_of(doc), lexicon, self.countries, non_events=non_events
        )
        doc._.khabar_non_events = non_events
        return doc


class ClassifierStage(_Stage):
    def __init__(self) -> None:
        self.typer: SentenceTyper | None = None

    def configure(self, typer: SentenceTyper | None) -> None:
        self.typer = typer

    def __call__(self, doc: Doc) -> Doc:
        if self.typer is not None:  # without a classifier the stage passes docs through
            classify_events(doc, self.typer)
        return doc


class StoryFrameStage(_Stage):
    """Reads the whole article (dateline, outlet credit, lead, news day and news place)
    before any event is dated or placed."""

    def __call__(self, doc: Doc) -> Doc:
        places = [
            (doc[p.start].idx, doc[p.end - 1].idx + len(doc[p.end - 1]))
            for p in places_of(doc)
            if p.label == "PLACE"
        ]
        doc._.khabar_frame = story_frame(doc, doc._.khabar_published, places=places)
        return doc


class EventContextStage(_Stage):
    """Dates and places events, sentence first, then from the story frame; then news or
    background."""

    def __init__(self) -> None:
        self.countries: CountryTable | None = None

    def configure(self, countries: CountryTable) -> None:
        self.countries = countries

    def __call__(self, doc: Doc) -> Doc:
        events = events_of(doc)
        published = doc._.khabar_published
        frame = doc._.khabar_frame
        attach_dates(doc, events, dates_of(doc), published)
        attach_story_dates(doc, events, frame)
        # a country or capital named as an actor ("Kenya's capital Nairobi said") is still a
        # place where events happen; other actor mentions make their places qualifiers
        spans = [(m.start, m.end) for m in actors_of(doc) if m.kind != "COUNTRY"]
        attach_locations(doc, events, places_of(doc), spans)
        countries = self._need(self.countries, "country table")
        attach_story_places(doc, events, places_of(doc), frame, countries)
        assign_history(doc, events, published)
        assign_background(doc, events, dates_of(doc), published, frame)
        return doc


class StoryEventsStage(_Stage):
    def __call__(self, doc: Doc) -> Doc:
        doc._.khabar_events = read_story_events(doc, events_of(doc))
        return doc


class StoryRolesStage(_Stage):
    """Fills the actor and recipient an event's clause leaves empty, from its sentence and
    the story (nlp/events/story_roles.py)."""

    def __init__(self) -> None:
        self.lexicon: TriggerLexicon | None = None
        self.countries: CountryTable | None = None

    def configure(self, lexicon: TriggerLexicon, countries: CountryTable | None = None) -> None:
        self.lexicon = lexicon
        self.countries = countries

    def __call__(self, doc: Doc) -> Doc:
        lexicon = self._need(self.lexicon, "trigger lexicon")
        fill_story_roles(doc, events_of(doc), actors_of(doc), lexicon, self.countries)
        return doc


class FactualityStage(_Stage):
    def __call__(self, doc: Doc) -> Doc:
        events = events_of(doc)
        assign_factuality(doc, events)
        apply_conventions(doc, events)
        return doc


@Language.factory("khabar_places_v1", assigns=["doc._.khabar_places"], requires=["doc.ents"])
def make_place_stage(nlp: Language, name: str) -> PlaceStage:
    return PlaceStage()


@Language.factory(
    "khabar_dates_v2",
    assigns=["doc._.khabar_dates"],
    requires=["doc.ents", "doc._.khabar_published", "doc._.khabar_frame"],
)
def make_date_stage(nlp: Language, name: str) -> DateStage:
    return DateStage()


@Language.factory(
    "khabar_actors_v1",
    assigns=["doc._.khabar_actors", "doc._.khabar_framing"],
    requires=["doc.ents", "token.dep", "token.lemma", "token.pos"],
)
def make_actor_stage(nlp: Language, name: str) -> ActorStage:
    return ActorStage()


@Language.factory(
    "khabar_events_v2",
    assigns=["doc._.khabar_events", "doc._.khabar_non_events"],
    requires=["doc._.khabar_actors", "token.dep", "token.lemma", "token.pos"],
)
def make_event_stage(nlp: Language, name: str) -> EventStage:
    return EventStage()


@Language.factory(
    "khabar_event_classifier_v2",
    assigns=["doc._.khabar_events"],
    requires=["doc._.khabar_events", "doc._.khabar_non_events", "doc._.khabar_actors", "doc.sents"],
)
def make_classifier_stage(nlp: Language, name: str) -> ClassifierStage:
    return ClassifierStage()


@Language.factory(
    "khabar_story_frame_v1",
    assigns=["doc._.khabar_frame"],
    requires=["doc._.khabar_places", "doc._.khabar_published"],
)
def make_story_frame_stage(nlp: Language, name: str) -> StoryFrameStage:
    return StoryFrameStage()


@Language.factory(
    "khabar_event_context_v2",
    assigns=["doc._.khabar_events"],
    requires=[
        "doc._.khabar_events",
        "doc._.khabar_dates",
        "doc._.khabar_places",
        "doc._.khabar_published",
        "doc._.khabar_frame",
    ],
)
def make_event_context_stage(nlp: Language, name: str) -> EventContextStage:
    return EventContextStage()


@Language.factory(
    "khabar_factuality_v1",
    assigns=["doc._.khabar_events"],
    requires=["doc._.khabar_events", "token.dep"],
)
def make_factuality_stage(nlp: Language, name: str) -> FactualityStage:
    return FactualityStage()


@Language.factory(
    "khabar_story_events_v1",
    assigns=["doc._.khabar_events"],
    requires=["doc._.khabar_events", "doc._.khabar_actors", "doc.sents"],
)
def make_story_events_stage(nlp: Language, name: str) -> StoryEventsStage:
    return StoryEventsStage()


@Language.factory(
    "khabar_story_roles_v1",
    assigns=["doc._.khabar_events"],
    requires=["doc._.khabar_events", "doc._.khabar_actors", "token.dep"],
)
def make_story_roles_stage(nlp: Language, name: str) -> StoryRolesStage:
    return StoryRolesStage()
