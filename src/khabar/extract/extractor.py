"""The orchestrator: article in, ``ExtractionResult`` out. Models load once in ``load()``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from spacy.language import Language

from khabar import __version__
from khabar.extract.fallbacks import (
    NEWS_PLACE_WITHIN_WEIGHT,
    doubtful_place,
    nearest_resolved,
    resolved_near,
    within_country,
)
from khabar.ingest.read import RawArticle, article_from_raw
from khabar.model import Article, Event, ExtractionResult, Place, Warning
from khabar.nlp.context.seats import SPEAKER_SEAT
from khabar.nlp.convert import to_entities, to_events, to_places
from khabar.nlp.language import detect_language
from khabar.nlp.pipeline import PipelineOptions, load_pipeline, run_many
from khabar.nlp.ruler import RulerName
from khabar.nlp.story.frame import StoryFrame
from khabar.ontology import Ontology, load_ontology
from khabar.text.dateline import find_dateline as parse_dateline

MIN_WORDS = 5


class PlaceResolver(Protocol):
    """What the extractor needs from a geocoder (khabar.geo.resolve.Geocoder fits)."""

    def resolve(
        self, text: str, mentions: list[Place], *, dateline: str | None = None
    ) -> list[Place]: ...

    def resolve_name(self, name: str) -> Place: ...


@dataclass(frozen=True)
class ExtractorOptions:
    model: str = "sm"
    actor_files: tuple[Path, ...] = ()
    geocode: bool = True
    classify: bool = True
    batch_size: int = 16


class Extractor:
    """Holds the loaded pipeline (and optional geocoder); build it with :meth:`load`."""

    def __init__(
        self,
        nlp: Language,
        *,
        ontology: Ontology,
        geocoder: PlaceResolver | None = None,
        batch_size: int = 16,
    ) -> None:
        self.nlp = nlp
        self.ontology = ontology
        self.geocoder = geocoder
        self.batch_size = batch_size

    @classmethod
    def load(cls, options: ExtractorOptions | None = None) -> Extractor:
        options = options or ExtractorOptions()
        geocoder = _load_geocoder() if options.geocode else None
        extra_names = _geo_ruler_names() if options.geocode else ()
        nlp = load_pipeline(
            PipelineOptions(
                model=options.model,
                classify=options.classify,
                actor_files=options.actor_files,
                extra_names=extra_names,
            )
        )
        return cls(nlp, ontology=load_ontology(), geocoder=geocoder, batch_size=options.batch_size)

    def extract_text(
        self, text: str, published: dt.date | None = None, url: str | None = None
    ) -> ExtractionResult:
        return self.extract(RawArticle(text=text), published=published, url=url)

    def extract(
        self, raw: RawArticle, published: dt.date | None = None, url: str | None = None
    ) -> ExtractionResult:
        return next(self.extract_many([(raw, published, url)]))

    def extract_many(
        self, items: Iterable[tuple[RawArticle, dt.date | None, str | None] | RawArticle]
    ) -> Iterator[ExtractionResult]:
        """Extract a stream of articles, batching the NLP with ``nlp.pipe``."""
        prepared: list[tuple[Article, list[Warning], bool]] = []
        for item in items:
            raw, published, url = item if isinstance(item, tuple) else (item, None, None)
            prepared.append(self._prepare(raw, published, url))
            if len(prepared) >= self.batch_size:
                yield from self._run(prepared)
                prepared = []
        if prepared:
            yield from self._run(prepared)

    def _prepare(
        self, raw: RawArticle, published: dt.date | None, url: str | None
    ) -> tuple[Article, list[Warning], bool]:
        article = article_from_raw(raw, published=published, url=url)
        warnings: list[Warning] = []
        guess = detect_language(article.text)
        article = article.model_copy(update={"language": guess.code})
        runnable = True
        if guess.code != "en" and guess.confidence >= 0.5:
            warnings.append(
                Warning(
                    code="non-english",
                    message=f"the article looks like '{guess.code}' (p={guess.confidence:.2f}), "
                    "not English; khabar extracts events from English text only, so none "
                    "were extracted",
                )
            )
            runnable = False
        if len(article.text.split()) < MIN_WORDS:
            warnings.append(Warning(code="too-short", message="the article has under 5 words"))
        if article.published is None:
            warnings.append(
                Warning(
                    code="no-publication-date",
                    message="no publication date given: dates without a year keep an unknown "
                    "year (--MM-DD) and relative dates ('yesterday') are left unresolved; "
                    "pass --published YYYY-MM-DD",
                )
            )
        return article, warnings, runnable

    def _run(
        self, prepared: list[tuple[Article, list[Warning], bool]]
    ) -> Iterator[ExtractionResult]:
        todo = [(a.text, a.published) for a, _, ok in prepared if ok]
        docs = iter(run_many(self.nlp, todo, batch_size=self.batch_size))
        for article, warnings, ok in prepared:
            if not ok:
                yield ExtractionResult(
                    khabar_version=__version__, article=article, warnings=warnings
                )
                continue
            doc = next(docs)
            frame = doc._.khabar_frame
            if article.outlet is None and frame is not None and frame.outlet:
                article = article.model_copy(update={"outlet": frame.outlet})
            events = to_events(doc, article.id, self.ontology)
            places = to_places(doc)
            if self.geocoder is not None:
                lead = (frame.lead.start, frame.lead.end) if frame and frame.lead else None
                places, events = self._geocode(
                    article.text, places, events, _dateline_of(frame), lead,
                    outlet=frame.outlet if frame is not None else None,
                )  # fmt: skip
            yield ExtractionResult(
                khabar_version=__version__,
                article=article,
                events=events,
                entities=to_entities(doc),
                places=places,
                warnings=warnings,
            )

    def _geocode(
        self,
        text: str,
        places: list[Place],
        events: list[Event],
        dateline: Place | None = None,
        lead: tuple[int, int] | None = None,
        outlet: str | None = None,
    ) -> tuple[list[Place], list[Event]]:
        """Geocode the places and the events' locations; an event placed nowhere in the text
        takes the dateline (the story frame's, else the one parser's), with a low score. The
        wire or outlet the story credits ("(Xinhua)") is no place (``outlet-not-place``)."""
        assert self.geocoder is not None
        if outlet:
            places = [p for p in places if p.text.strip() != outlet]
            events = [_not_at_outlet(ev, outlet) for ev in events]
        dateline = dateline or find_dateline(text)
        mentions = list(places)
        if dateline is not None and all(p.start != dateline.start for p in mentions):
            mentions.append(dateline)
        resolved = self.geocoder.resolve(
            text, mentions, dateline=dateline.text if dateline is not None else None
        )
        by_offset = {(p.start, p.end): p for p in resolved}
        place_out = [by_offset[(p.start, p.end)] for p in places if (p.start, p.end) in by_offset]
        line_place = by_offset.get((dateline.start, dateline.end)) if dateline else None
        lead_places = [p for p in place_out if lead and lead[0] <= p.start < lead[1]]
        line_opt = [line_place] if line_place is not None else []
        out_events = []
        for ev in events:
            if (
                ev.location is not None
                and line_place is not None
                and ev.location.rule == SPEAKER_SEAT
            ):
                ev = ev.model_copy(update={"location": None})  # the dateline says where
            if ev.location is not None and ev.location.name and ev.location.lat is None:
                # a place description ("the Kenyan capital") or a state's seat stands for a
                # named place
                geo = self.geocoder.resolve_name(ev.location.name)
                ev = ev.model_copy(update={"location": _described(ev.location, geo)})
            elif ev.location is not None and (ev.location.start, ev.location.end) in by_offset:
                geo = by_offset[(ev.location.start, ev.location.end)]
                how = f"{ev.location.how}; {geo.how}" if geo.how else ev.location.how
                geo = geo.model_copy(update={"how": how, "rule": ev.location.rule})
                geo = doubtful_place(ev, geo, place_out, [*lead_places, *line_opt]) or geo
                if geo.lat is None:
                    geo = (
                        nearest_resolved(ev, geo, place_out)
                        or resolved_near(ev, geo, place_out, text)
                        or geo
                    )
                else:
                    geo = (
                        within_country(geo, lead_places, line_place, text, tuple(place_out))
                        or self._visited_capital(ev, geo)
                        or geo
                    )
                ev = ev.model_copy(update={"location": geo})
            elif (
                ev.location is None
                and line_place is not None
                and line_place.lat is not None
                and ev.factuality == "asserted"
            ):
                # Where a report was filed is weaker evidence than a place in the text, and
                # weaker still for a paragraph below the one that carries the dateline (a wire
                # story's dateline governs the story; a place named in the paragraph wins).
                if _same_paragraph(text, line_place.start, ev.evidence.start):
                    where, factor = "the paragraph", DATELINE_PARAGRAPH_WEIGHT
                else:
                    where, factor = "the article", DATELINE_ARTICLE_WEIGHT
                how = f"dateline of {where} (where the report was filed); {line_place.how}"
                score = round((line_place.score or 0.0) * factor, 3)
                ev = ev.model_copy(
                    update={"location": line_place.model_copy(update={"how": how, "score": score})}
                )
            out_events.append(ev)
        return place_out, out_events

    def _visited_capital(self, ev: Event, geo: Place) -> Place | None:
        """A meeting or visit placed only at the country it is held with ("state visits to
        X"), where the story names no town in it: that state's capital, where states
        receive (``visited-capital``, a lower score)."""
        from khabar.geo.countries import load_countries

        if ev.type != "CONSULT" or geo.precision != "country" or geo.country is None:
            return None
        if all(r.country != geo.country for r in ev.recipient):
            return None
        country = load_countries().get(geo.country)
        if country is None or not country.capital or self.geocoder is None:
            return None
        seat = self.geocoder.resolve_name(country.capital)
        if seat.lat is None or seat.country != geo.country:
            return None
        how = f"{VISITED_CAPITAL}: only '{geo.text}' (country) is named; its capital; {seat.how}"
        score = round((seat.score or 0.0) * NEWS_PLACE_WITHIN_WEIGHT, 3)
        return seat.model_copy(
            update={"text": geo.text, "start": geo.start, "end": geo.end, "how": how,
                    "score": score}
        )  # fmt: skip


#: ``how`` of a meeting placed at the capital of the country it is held with
VISITED_CAPITAL = "visited-capital"

#: Event-location score factors for a place taken from a dateline (not from the event's text).
DATELINE_PARAGRAPH_WEIGHT = 0.5
DATELINE_ARTICLE_WEIGHT = 0.3


def _dateline_of(frame: StoryFrame | None) -> Place | None:
    """The story frame's dateline place, as an unresolved Place."""
    if frame is None or frame.dateline is None or frame.dateline.place is None:
        return None
    p = frame.dateline.place
    return Place(text=p.text, start=p.start, end=p.end)


def find_dateline(text: str) -> Place | None:
    """The place of a dateline in the article's first paragraphs, as an unresolved Place."""
    line = parse_dateline(text)
    if line is None:
        return None
    return Place(text=line.place, start=line.start, end=line.end)


def _described(description: Place, geo: Place) -> Place:
    """The description's text and offsets, with the coordinates of the place it names."""
    how = f"{description.how}: {description.name}; {geo.how}" if geo.how else description.how
    return geo.model_copy(
        update={"text": description.text, "start": description.start, "end": description.end,
                "name": geo.name or description.name, "how": how}
    )  # fmt: skip


def _not_at_outlet(ev: Event, outlet: str) -> Event:
    if ev.location is None or ev.location.text.strip() != outlet:
        return ev
    return ev.model_copy(update={"location": None})


def _same_paragraph(text: str, a: int, b: int) -> bool:
    lo, hi = sorted((a, b))
    return "\n" not in text[lo:hi]


def _load_geocoder() -> PlaceResolver | None:
    """The offline geocoder, when khabar.geo's index is available."""
    try:
        from khabar.geo.index import load_default_index
        from khabar.geo.resolve import Geocoder
    except ImportError:
        return None
    return Geocoder(load_default_index())


def _geo_ruler_names() -> tuple[RulerName, ...]:
    try:
        from khabar.geo.index import load_default_index
        from khabar.geo.names import ruler_names
    except ImportError:
        return ()
    label_map = {"PLACE": "GPE", "DEMONYM": "NORP"}
    return tuple(
        RulerName(n.text, label_map.get(n.label, "GPE")) for n in ruler_names(load_default_index())
    )
