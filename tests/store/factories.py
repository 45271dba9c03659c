"""Hand-built extraction results for store tests (no NLP models)."""

from __future__ import annotations

import datetime as dt

from khabar import __version__
from khabar.ingest.read import RawArticle, article_from_raw
from khabar.model import ActorRef, DateValue, Event, Evidence, ExtractionResult, Place, Span


def actor(name: str, country: str | None = None, sector: str | None = None) -> ActorRef:
    return ActorRef(text=name, start=0, end=len(name), name=name, country=country, sector=sector)


def make_event(
    sentence: str,
    *,
    type_: str = "ASSAULT",
    date: str | None = "2026-03-01",
    place: tuple[str, str, float, float] | None = ("Kabul", "AFG", 34.53, 69.17),
    actors: list[ActorRef] | None = None,
    recipients: list[ActorRef] | None = None,
    factuality: str = "asserted",
    mode: str | None = None,
    eid: str = "e1",
) -> Event:
    word = sentence.split()[1] if len(sentence.split()) > 1 else sentence
    start = sentence.find(word)
    return Event(
        id=eid,
        type=type_,
        mode=mode,
        quad_class="MATERIAL_CONFLICT",
        actor=actors or [],
        recipient=recipients or [],
        date=DateValue(value=date, precision="day", how="sentence") if date else None,
        location=Place(
            text=place[0],
            start=0,
            end=len(place[0]),
            name=place[0],
            country=place[1],
            admin1=place[0],
            lat=place[2],
            lon=place[3],
            precision="city",
        )
        if place
        else None,
        factuality=factuality,  # type: ignore[arg-type]
        evidence=Evidence(
            text=sentence,
            start=0,
            end=len(sentence),
            trigger=Span(text=word, start=start, end=start + len(word)),
        ),
        confidence=0.8,
        ontology_version="0.8-khabar.1",
    )


def make_result(
    text: str,
    events: list[Event] | None = None,
    *,
    url: str | None = None,
    published: dt.date | None = None,
) -> ExtractionResult:
    article = article_from_raw(RawArticle(text=text), url=url, published=published)
    return ExtractionResult(
        khabar_version=__version__,
        article=article,
        events=events if events is not None else [make_event(text.split(".")[0] + ".")],
    )
