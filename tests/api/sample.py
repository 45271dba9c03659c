"""A small hand-made event database for the API and UI tests (no NLP models).

Four articles: an assault in Kabul, a negated protest in Paris, a hypothetical meeting in
Nairobi, and a hostile article whose text, title and URL carry ``<script>``, ``onerror=``
and ``javascript:`` payloads that must stay inert everywhere they are shown.
"""

from __future__ import annotations

import datetime as dt

from khabar import __version__
from khabar.ingest.read import RawArticle, article_from_raw
from khabar.model import ActorRef, DateValue, Event, Evidence, ExtractionResult, Place, Span
from khabar.store import Store

PAYLOAD = (
    '<script>window.__pwned = "script"</script> '
    '<img src="x" onerror="window.__pwned = \'onerror\'"> '
    "<a href=\"javascript:window.__pwned = 'href'\">read more</a>"
)
HOSTILE_TITLE = '<script>window.__pwned = "title"</script>Lagos "news"'
HOSTILE_URL = "javascript:window.__pwned='url'"

PLACES = {
    "Kabul": ("AFG", 34.5281, 69.1723),
    "Paris": ("FRA", 48.8566, 2.3522),
    "Nairobi": ("KEN", -1.2864, 36.8172),
    "Lagos": ("NGA", 6.5244, 3.3792),
}


def _span(text: str, part: str, within: tuple[int, int] = (0, -1)) -> tuple[int, int]:
    start = text.index(part, within[0])
    return start, start + len(part)


def _event(
    text: str,
    sentence: str,
    trigger: str,
    type_: str,
    quad: str,
    place: str,
    date: str,
    actor: str,
    recipient: str | None = None,
    factuality: str = "asserted",
    eid: str = "e1",
) -> Event:
    s0, s1 = _span(text, sentence)

    def ref(name: str) -> ActorRef:
        a, b = _span(text, name, (s0, s1))
        return ActorRef(text=name, start=a, end=b, name=name, country=None, sector=None)

    t0, t1 = _span(text, trigger, (s0, s1))
    p0, p1 = _span(text, place, (s0, s1))
    country, lat, lon = PLACES[place]
    return Event(
        id=eid,
        type=type_,
        quad_class=quad,
        actor=[ref(actor)],
        recipient=[ref(recipient)] if recipient else [],
        date=DateValue(value=date, precision="day", how="publication"),
        location=Place(
            text=place,
            start=p0,
            end=p1,
            name=place,
            country=country,
            lat=lat,
            lon=lon,
            precision="city",
        ),
        factuality=factuality,  # type: ignore[arg-type]
        evidence=Evidence(
            text=sentence, start=s0, end=s1, trigger=Span(text=trigger, start=t0, end=t1)
        ),
        confidence=0.9,
        ontology_version="0.8-khabar.1",
    )


def _result(
    text: str, events: list[Event], title: str, url: str | None, published: dt.date
) -> ExtractionResult:
    raw = RawArticle(text=text, title=title, url=url)
    return ExtractionResult(
        khabar_version=__version__,
        article=article_from_raw(raw, published=published),
        events=events,
    )


def sample_results() -> list[ExtractionResult]:
    kabul = "Soldiers attacked Taliban fighters in Kabul on Monday. Residents fled the area."
    paris = "Unions did not protest against the Government in Paris, officials said."
    nairobi = "Diplomats may meet Mediators in Nairobi next week if talks resume."
    lagos = f"Gunmen attacked Villagers in Lagos. {PAYLOAD} Police said more."
    return [
        _result(
            kabul,
            [
                _event(
                    kabul,
                    "Soldiers attacked Taliban fighters in Kabul on Monday.",
                    "attacked",
                    "ASSAULT",
                    "MATERIAL_CONFLICT",
                    "Kabul",
                    "2026-03-02",
                    "Soldiers",
                    "Taliban",
                )
            ],
            "Fighting in Kabul",
            "https://news.example.org/kabul",
            dt.date(2026, 3, 3),
        ),
        _result(
            paris,
            [
                _event(
                    paris,
                    "Unions did not protest against the Government in Paris, officials said.",
                    "protest",
                    "PROTEST",
                    "VERBAL_CONFLICT",
                    "Paris",
                    "2026-03-10",
                    "Unions",
                    "Government",
                    factuality="negated",
                )
            ],
            "No protest in Paris",
            "https://news.example.org/paris",
            dt.date(2026, 3, 10),
        ),
        _result(
            nairobi,
            [
                _event(
                    nairobi,
                    "Diplomats may meet Mediators in Nairobi next week if talks resume.",
                    "meet",
                    "CONSULT",
                    "VERBAL_COOPERATION",
                    "Nairobi",
                    "2026-03-05",
                    "Diplomats",
                    "Mediators",
                    factuality="hypothetical",
                )
            ],
            "Talks in Nairobi?",
            "https://news.example.org/nairobi",
            dt.date(2026, 3, 5),
        ),
        _result(
            lagos,
            [
                _event(
                    lagos,
                    "Gunmen attacked Villagers in Lagos.",
                    "attacked",
                    "ASSAULT",
                    "MATERIAL_CONFLICT",
                    "Lagos",
                    "2026-03-07",
                    "Gunmen",
                    "Villagers",
                )
            ],
            HOSTILE_TITLE,
            HOSTILE_URL,
            dt.date(2026, 3, 7),
        ),
    ]


def fill(store: Store) -> list[ExtractionResult]:
    results = sample_results()
    for result in results:
        store.add_result(result, input_name=result.article.id)
    return results


REVIEWER_PASSWORD = "correct horse battery"


def add_reviewer(store: Store, name: str = "ana") -> str:
    """An account ``name`` (role reviewer, password ``REVIEWER_PASSWORD``); its API token."""
    from khabar.store.accounts import add_user, create_token

    add_user(store, name, "reviewer", REVIEWER_PASSWORD)
    return create_token(store, name)


def second_report() -> ExtractionResult:
    """Another outlet's report of the Kabul assault (clusters with it across sources)."""
    text = "Soldiers attacked Taliban fighters in Kabul on Monday, a witness said."
    event = _event(
        text,
        text,
        "attacked",
        "ASSAULT",
        "MATERIAL_CONFLICT",
        "Kabul",
        "2026-03-02",
        "Soldiers",
        "Taliban",
    )
    return _result(
        text, [event], "Kabul clash", "https://wire.example.com/kabul", dt.date(2026, 3, 2)
    )
