"""``query_events`` filters and ``store_stats`` on both backends."""

from __future__ import annotations

import datetime as dt

import pytest

from khabar.store import EventQuery, Store, open_store
from khabar.store.query import query_events, store_stats
from tests.store.factories import actor, make_event, make_result

ROWS = [
    # text, type, date, place, actor, factuality
    ("Rebels attacked Kabul.", "ASSAULT", "2026-01-05", ("Kabul", "AFG", 34.53, 69.17), "Taliban",
     "asserted"),
    ("Crowds protested in Paris.", "PROTEST", "2026-02-10", ("Paris", "FRA", 48.86, 2.35),
     "Unions", "asserted"),
    ("Troops may attack Lyon.", "ASSAULT", "2026-03-15", ("Lyon", "FRA", 45.76, 4.84), "Army",
     "hypothetical"),
    ("Officials met in Kyiv.", "CONSULT", "2026-03", ("Kyiv", "UKR", 50.45, 30.52), "Zelensky",
     "asserted"),
    ("Someone attacked somewhere.", "ASSAULT", None, None, "taliban", "negated"),
]  # fmt: skip


@pytest.fixture
def store(store_url: str) -> Store:
    s = open_store(store_url)
    for text, type_, date, place, name, fact in ROWS:
        ev = make_event(
            text, type_=type_, date=date, place=place, actors=[actor(name)], factuality=fact
        )
        s.add_result(make_result(text, [ev], url="https://www.example.org/" + text[:5]))
    return s


def texts(store: Store, **kw: object) -> list[str]:
    return [se.event.evidence.text for se in query_events(store, EventQuery(**kw))]  # type: ignore[arg-type]


def test_filters(store: Store) -> None:
    assert len(texts(store)) == 5
    assert texts(store, types=["assault"])[0] == ROWS[0][0]  # by date, undated last
    assert set(texts(store, types=["ASSAULT"])) == {ROWS[0][0], ROWS[2][0], ROWS[4][0]}
    assert set(texts(store, actor="TALIBAN")) == {ROWS[0][0], ROWS[4][0]}
    assert set(texts(store, country="fra")) == {ROWS[1][0], ROWS[2][0]}
    assert set(texts(store, since=dt.date(2026, 2, 1))) == {ROWS[1][0], ROWS[2][0], ROWS[3][0]}
    assert set(texts(store, until=dt.date(2026, 2, 10))) == {ROWS[0][0], ROWS[1][0]}
    assert set(texts(store, near=(48.86, 2.35, 100.0))) == {ROWS[1][0]}
    assert set(texts(store, near=(48.86, 2.35, 450.0))) == {ROWS[1][0], ROWS[2][0]}
    assert set(texts(store, factuality=["hypothetical", "negated"])) == {ROWS[2][0], ROWS[4][0]}
    assert len(texts(store, limit=2)) == 2
    assert texts(store, types=["ASSAULT"], country="FRA", factuality=["asserted"]) == []


def test_cite_info(store: Store) -> None:
    first = next(iter(query_events(store, EventQuery(country="AFG"))))
    assert first.article.outlet == "example.org"
    assert first.article.url == "https://www.example.org/Rebel"


def test_stats(store: Store) -> None:
    s = store_stats(store)
    assert (s.articles, s.events) == (5, 5)
    assert {r.key: r.count for r in s.by_type} == {"ASSAULT": 3, "PROTEST": 1, "CONSULT": 1}
    assert {r.key: r.count for r in s.by_month} == {
        "2026-01": 1,
        "2026-02": 1,
        "2026-03": 2,
        "?": 1,
    }
