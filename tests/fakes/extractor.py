"""A fast, deterministic stand-in for ``khabar.extract.Extractor`` (tests and benchmarks only).

It types a sentence by a keyword (``attacked`` → ASSAULT, ``protested`` → PROTEST, …),
takes the capitalised word before the keyword as actor and the one after as recipient,
and geocodes a handful of capitals from a built-in table. Text with almost no English
function words comes back with a ``non-english`` warning and no events, like the real
extractor.

Tests inject it: into ``khabar.store.pipeline.ingest`` as the loader, into the CLI by
monkeypatching ``khabar.store.pipeline.default_loader`` (``tests/fakes/cli.py`` does that for
a child process), into the API through ``ApiSettings.extractor_loader``. Production code
never reads a test switch. ``FAKE_EXTRACTOR_DELAY=<seconds>`` (read here, in the tests)
makes it sleep per article so a test can kill a batch half-way.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import time

from khabar import __version__
from khabar.ingest.read import RawArticle, article_from_raw
from khabar.model import (
    ActorRef,
    DateValue,
    Event,
    Evidence,
    ExtractionResult,
    Place,
    Span,
    Warning,
)

KEYWORDS: dict[str, tuple[str, str]] = {
    "attacked": ("ASSAULT", "MATERIAL_CONFLICT"),
    "bombed": ("ASSAULT", "MATERIAL_CONFLICT"),
    "protested": ("PROTEST", "VERBAL_CONFLICT"),
    "met": ("CONSULT", "VERBAL_COOPERATION"),
    "accused": ("ACCUSE", "VERBAL_CONFLICT"),
    "sanctioned": ("SANCTION", "MATERIAL_CONFLICT"),
}

PLACES: dict[str, tuple[str, str, float, float]] = {
    "Kabul": ("AFG", "Kabul", 34.5281, 69.1723),
    "Paris": ("FRA", "Ile-de-France", 48.8566, 2.3522),
    "Nairobi": ("KEN", "Nairobi", -1.2864, 36.8172),
    "Lagos": ("NGA", "Lagos", 6.5244, 3.3792),
    "Khartoum": ("SDN", "Khartoum", 15.5007, 32.5599),
    "Kyiv": ("UKR", "Kyiv City", 50.4501, 30.5234),
}

#: Seconds to sleep per article (tests that kill a batch half-way set it).
DELAY_ENV = "FAKE_EXTRACTOR_DELAY"

_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")
_WORD = re.compile(r"\b\w+\b")
_CAP = re.compile(r"\b[A-Z][a-z]+\b")
_ENGLISH = {"the", "a", "an", "of", "in", "on", "and", "to", "was", "were", "is", "by", "with"}


def _looks_english(text: str) -> bool:
    words = [w.lower() for w in _WORD.findall(text[:5000])]
    if len(words) < 4:
        return True
    return sum(w in _ENGLISH for w in words) / len(words) >= 0.04


def _actor(sentence: str, offset: int, m: re.Match[str] | None) -> list[ActorRef]:
    if m is None or m.group() in PLACES:
        return []
    name = m.group()
    return [
        ActorRef(
            text=name,
            start=offset + m.start(),
            end=offset + m.end(),
            name=name,
            country=None,
            sector="GOV",
            how="fake",
        )
    ]


class FakeExtractor:
    """Callable like ``Extractor.extract``: ``(raw, published=None, url=None) -> result``."""

    def __init__(self, delay_s: float = 0.0) -> None:
        self.delay_s = delay_s

    def extract(
        self, raw: RawArticle, published: dt.date | None = None, url: str | None = None
    ) -> ExtractionResult:
        if self.delay_s:
            time.sleep(self.delay_s)
        article = article_from_raw(raw, published=published, url=url, language="en")
        text = article.text
        if not _looks_english(text):
            article = article.model_copy(update={"language": "xx"})
            return ExtractionResult(
                khabar_version=__version__,
                article=article,
                warnings=[Warning(code="non-english", message="the article is not in English")],
            )
        events: list[Event] = []
        for sm in _SENTENCE.finditer(text):
            sentence, s0 = sm.group(), sm.start()
            for word, (etype, quad) in KEYWORDS.items():
                km = re.search(rf"\b{word}\b", sentence)
                if km is None:
                    continue
                before = list(_CAP.finditer(sentence[: km.start()]))
                after = _CAP.search(sentence, km.end())
                place = None
                for name, (country, admin1, lat, lon) in PLACES.items():
                    pm = re.search(rf"\b{name}\b", sentence)
                    if pm:
                        place = Place(
                            text=name,
                            start=s0 + pm.start(),
                            end=s0 + pm.end(),
                            name=name,
                            country=country,
                            admin1=admin1,
                            lat=lat,
                            lon=lon,
                            precision="city",
                            how="fake",
                        )
                        break
                pub = article.published
                events.append(
                    Event(
                        id=f"e{len(events) + 1}",
                        type=etype,
                        quad_class=quad,
                        actor=_actor(sentence, s0, before[-1] if before else None),
                        recipient=_actor(sentence, s0, after),
                        date=DateValue(value=pub.isoformat(), precision="day", how="publication")
                        if pub
                        else None,
                        location=place,
                        factuality="asserted",
                        evidence=Evidence(
                            text=sentence,
                            start=s0,
                            end=sm.end(),
                            trigger=Span(text=word, start=s0 + km.start(), end=s0 + km.end()),
                        ),
                        confidence=0.5,
                        how="fake",
                        ontology_version="0.8-khabar.1",
                    )
                )
        return ExtractionResult(khabar_version=__version__, article=article, events=events)


def load_fake_extractor() -> FakeExtractor:
    """A loader (picklable, zero-argument) for ``ingest`` and the process pool workers."""
    return FakeExtractor(delay_s=float(os.environ.get(DELAY_ENV, "0") or 0))
