"""khabar's stateful pipeline stages: the class is the algorithm, its tables come in through
``initialize()`` and are saved by ``to_disk`` (read back by ``from_disk``), as in spaCy's
``Lemmatizer``. The factories that register them are in :mod:`khabar.nlp.components`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from spacy import util
from spacy.language import Language
from spacy.tokens import Doc

from khabar.geo.countries import CountryTable, load_countries
from khabar.nlp.actors import ActorContext, find_actor_mentions, find_framing
from khabar.nlp.annotations import actors_of, dates_of, events_of, places_of
from khabar.nlp.context import (
    assign_background,
    attach_dates,
    attach_locations,
    find_date_mentions,
    find_place_mentions,
)
from khabar.nlp.context.story import attach_story_dates
from khabar.nlp.context.story_places import attach_story_places
from khabar.nlp.conventions import apply_conventions
from khabar.nlp.events import find_events
from khabar.nlp.events.story import read_story_events
from khabar.nlp.events.story_roles import fill_story_roles
from khabar.nlp.factuality import assign_factuality, assign_history
from khabar.nlp.lexicon import (
    ActorTables,
    TriggerLexicon,
    actor_lexicon_from,
    load_actor_tables,
    trigger_lexicon_from,
    trigger_tables,
)
from khabar.nlp.story.frame import story_frame
from khabar.nlp.typing_stage import SentenceTyper, classify_events


class _Stage:
    """A component; one holding tables must be initialized before use."""

    def _need(self, value: Any, what: str) -> Any:
        if value is None:
            raise RuntimeError(f"{type(self).__name__} used before initialize() set its {what}")
        return value


GetExamples = Callable[[], Iterable[Any]] | None


def _write_json(path: Path, data: object) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, sort_keys=True), encoding="utf-8")


def _read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def _write_countries(path: Path, countries: CountryTable) -> None:
    path.write_text(countries.model_dump_json(), encoding="utf-8")


def _read_countries(path: Path) -> CountryTable:
    return CountryTable.model_validate_json(path.read_text(encoding="utf-8"))


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
    """Actor mentions and framing; tables: the actor entries and nominals, the countries."""

    def __init__(self, story_acronyms: bool = False, pairs: bool = False) -> None:
        self.story_acronyms = story_acronyms  # khabar_actors_v2: the story's acronyms
        self.pairs = pairs  # khabar_actors_v3: two parties under one noun phrase
        self.tables: ActorTables | None = None
        self.countries: CountryTable | None = None
        self.context: ActorContext | None = None

    def initialize(
        self,
        get_examples: GetExamples = None,
        *,
        nlp: Language | None = None,
        tables: ActorTables | None = None,
        countries: CountryTable | None = None,
    ) -> None:
        """Take the actor tables (default: the packaged ones) and the country table."""
        self._set(tables or load_actor_tables(), countries or load_countries())

    def _set(self, tables: ActorTables, countries: CountryTable) -> None:
        self.tables, self.countries = tables, countries
        self.context = ActorContext(lexicon=actor_lexicon_from(tables), countries=countries)

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        tables = self._need(self.tables, "actor tables")
        countries = self._need(self.countries, "country table")
        writers = {
            "actors.json": lambda p: p.write_text(tables.model_dump_json(), encoding="utf-8"),
            "countries.json": lambda p: _write_countries(p, countries),
        }
        util.to_disk(path, writers, exclude)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> ActorStage:
        read: dict[str, Any] = {}
        readers = {
            "actors.json": lambda p: read.update(
                tables=ActorTables.model_validate_json(p.read_text(encoding="utf-8"))
            ),
            "countries.json": lambda p: read.update(countries=_read_countries(p)),
        }
        util.from_disk(path, readers, exclude)
        self._set(read["tables"], read["countries"])
        return self

    def __call__(self, doc: Doc) -> Doc:
        context = self._need(self.context, "actor context")
        doc._.khabar_actors = find_actor_mentions(doc, context, self.story_acronyms, self.pairs)
        doc._.khabar_framing = find_framing(doc, context)
        return doc


class EventStage(_Stage):
    """Trigger rules; tables: the trigger lexicon (``data/triggers.yaml``), the countries."""

    def __init__(self) -> None:
        self.tables: dict[str, object] | None = None
        self.lexicon: TriggerLexicon | None = None
        self.countries: CountryTable | None = None

    def initialize(
        self,
        get_examples: GetExamples = None,
        *,
        nlp: Language | None = None,
        tables: dict[str, object] | None = None,
        countries: CountryTable | None = None,
    ) -> None:
        """Take the trigger tables (default: the packaged ones) and the country table."""
        self._set(tables or trigger_tables(), countries or load_countries())

    def _set(self, tables: dict[str, object], countries: CountryTable) -> None:
        self.tables, self.countries = tables, countries
        self.lexicon = trigger_lexicon_from(tables)

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        tables = self._need(self.tables, "trigger tables")
        countries = self._need(self.countries, "country table")
        writers = {
            "triggers.json": lambda p: _write_json(p, tables),
            "countries.json": lambda p: _write_countries(p, countries),
        }
        util.to_disk(path, writers, exclude)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> EventStage:
        read: dict[str, Any] = {}
        readers = {
            "triggers.json": lambda p: read.update(tables=_read_json(p)),
            "countries.json": lambda p: read.update(countries=_read_countries(p)),
        }
        util.from_disk(path, readers, exclude)
        self._set(read["tables"], read["countries"])
        return self

    def __call__(self, doc: Doc) -> Doc:
        lexicon = self._need(self.lexicon, "trigger lexicon")
        non_events: list[int] = []
        doc._.khabar_events = find_events(
            doc, actors_of(doc), lexicon, self.countries, non_events=non_events
        )
        doc._.khabar_non_events = non_events
        return doc


class StoryRolesStage(EventStage):
    """Fills the actor and recipient an event's clause leaves empty, from its sentence and the
    story (``nlp/events/story_roles.py``); the same tables as the event stage."""

    implied = False  # khabar_story_roles_v2: the implied addressee (step 8)
    mutual = False  # khabar_story_roles_v3: the other side of a mutual act (step 9)
    quoted = False  # khabar_story_roles_v4: steps 10-11 and the v4 extensions of steps 3 and 8

    def __call__(self, doc: Doc) -> Doc:
        lexicon = self._need(self.lexicon, "trigger lexicon")
        events, mentions = events_of(doc), actors_of(doc)
        filled = fill_story_roles(
            doc, events, mentions, lexicon, self.countries, self.implied, self.mutual, self.quoted
        )
        doc._.khabar_events = filled
        return doc


class ClassifierStage(_Stage):
    """Sentence typing; table: the classifier (its weights are saved, the embedding model is
    the installed package's). Without one the stage passes docs through."""

    def __init__(self) -> None:
        self.typer: SentenceTyper | None = None

    def initialize(
        self,
        get_examples: GetExamples = None,
        *,
        nlp: Language | None = None,
        typer: SentenceTyper | None = None,
    ) -> None:
        self.typer = typer

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        from khabar.nlp.classify import EventTypeClassifier

        typer = self.typer
        writers: dict[str, Callable[[Path], None]] = {}
        if isinstance(typer, EventTypeClassifier):
            writers["classifier.npz"] = typer.save
        elif typer is not None:
            raise TypeError(f"cannot save a {type(typer).__name__} with the pipeline")
        util.to_disk(path, writers, exclude)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> ClassifierStage:
        from khabar.nlp.classify import EventTypeClassifier

        def read(p: Path) -> None:
            self.typer = EventTypeClassifier.from_weights(p) if p.is_file() else None

        util.from_disk(path, {"classifier.npz": read}, exclude)
        return self

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

    def initialize(
        self,
        get_examples: GetExamples = None,
        *,
        nlp: Language | None = None,
        countries: CountryTable | None = None,
    ) -> None:
        self.countries = countries or load_countries()

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        countries = self._need(self.countries, "country table")
        util.to_disk(path, {"countries.json": lambda p: _write_countries(p, countries)}, exclude)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> EventContextStage:
        def read(p: Path) -> None:
            self.countries = _read_countries(p)

        util.from_disk(path, {"countries.json": read}, exclude)
        return self

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


class FactualityStage(_Stage):
    def __call__(self, doc: Doc) -> Doc:
        events = events_of(doc)
        assign_factuality(doc, events)
        apply_conventions(doc, events)
        return doc
