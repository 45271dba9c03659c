"""store.views: pages, one event, one article, actors and dyads, timeline, map points."""

from __future__ import annotations

import datetime as dt

import pytest

from khabar.store import EventQuery, Store, open_store
from khabar.store.views import (
    actor_summary,
    get_article,
    get_event,
    map_points,
    page_events,
    timeline,
)
from tests.store.factories import actor, make_event, make_result


@pytest.fixture
def store(store_url: str) -> Store:
    s = open_store(store_url)
    s.add_result(
        make_result(
            "The army attacked rebels in Kabul. Police protested in Paris.",
            [
                make_event(
                    "The army attacked rebels in Kabul.",
                    actors=[actor("Army")],
                    recipients=[actor("Rebels")],
                    date="2026-03-02",
                ),
                make_event(
                    "Police protested in Paris.",
                    type_="PROTEST",
                    date="2026-03-10",
                    place=("Paris", "FRA", 48.85, 2.35),
                    actors=[actor("Police")],
                    factuality="negated",
                    eid="e2",
                ),
            ],
            published=dt.date(2026, 3, 11),
        )
    )
    s.add_result(
        make_result(
            "The army bombed rebels again.",
            [
                make_event(
                    "The army bombed rebels again.",
                    actors=[actor("Army")],
                    recipients=[actor("Rebels")],
                    date=None,
                    place=None,
                )
            ],
        )
    )
    return s


def test_page_counts_all_matches_and_slices(store: Store) -> None:
    page = page_events(store, EventQuery(), offset=1, limit=1, sort="date")
    assert page.total == 3 and len(page.items) == 1
    assert page.items[0].event.type == "PROTEST"  # undated events sort last


@pytest.mark.parametrize(
    ("sort", "first"),
    [("date", "ASSAULT"), ("-date", "PROTEST"), ("type", "ASSAULT"), ("-type", "PROTEST")],
)
def test_page_sorts(store: Store, sort: str, first: str) -> None:
    page = page_events(store, sort=sort)  # type: ignore[arg-type]
    assert page.items[0].event.type == first


def test_page_filters_like_query_events(store: Store) -> None:
    assert page_events(store, EventQuery(types=["protest"])).total == 1
    assert page_events(store, EventQuery(factuality=["negated"])).items[0].event.type == "PROTEST"
    near = page_events(store, EventQuery(near=(34.5, 69.2, 50)))
    assert near.total == 1 and near.items[0].event.type == "ASSAULT"


def test_get_event_and_article(store: Store) -> None:
    first = page_events(store).items[0]
    detail = get_event(store, first.id)
    assert detail is not None and detail.event == first and detail.cluster_members == []
    assert get_event(store, "nope") is None
    article = get_article(store, first.article.id)
    assert article is not None
    assert [se.event.id for se in article.events] == ["e1", "e2"]
    ev = article.events[0].event
    assert article.text[ev.evidence.start : ev.evidence.end] == ev.evidence.text
    assert get_article(store, "nope") is None


def test_actor_counts_and_dyads(store: Store) -> None:
    summary = actor_summary(store)
    army = next(a for a in summary.actors if a.name == "Army")
    assert (army.as_actor, army.as_recipient, army.total) == (2, 0, 2)
    assert summary.dyads[0].model_dump() == {
        "actor": "Army",
        "recipient": "Rebels",
        "count": 2,
        "quad_class": "material_conflict",
    }
    only_paris = actor_summary(store, EventQuery(country="FRA"))
    assert [a.name for a in only_paris.actors] == ["Police"] and only_paris.dyads == []


def test_timeline_buckets(store: Store) -> None:
    days = timeline(store, bucket="day")
    assert [(b.start, b.type, b.count) for b in days.buckets] == [
        (dt.date(2026, 3, 2), "ASSAULT", 1),
        (dt.date(2026, 3, 10), "PROTEST", 1),
    ]
    assert days.undated == 1
    weeks = timeline(store, bucket="week")
    assert [b.start for b in weeks.buckets] == [dt.date(2026, 3, 2), dt.date(2026, 3, 9)]
    assert [b.start for b in timeline(store, bucket="month").buckets] == [dt.date(2026, 3, 1)] * 2


def test_map_points_only_with_coordinates(store: Store) -> None:
    pts = map_points(store)
    assert pts.total == 2 and not pts.truncated
    assert {(p.lat, p.lon) for p in pts.points} == {(34.53, 69.17), (48.85, 2.35)}
    assert map_points(store, limit=1).truncated
