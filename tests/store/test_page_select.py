"""A page picked by the narrow id query (and, with reviews, from the index candidates and
the reviewed events) is the same slice of the same order as sorting every matching row,
and its total is the full count: each sort key, both directions, with and without
reviews that move events in the order and in or out of a filter."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from khabar.store import EventQuery, Store, open_store
from khabar.store.accounts import add_user
from khabar.store.dedup import recluster
from khabar.store.paging import _order, page_select, page_total, reviewed_events
from khabar.store.query import _select, events_from, matching
from khabar.store.records import ReviewChanges
from khabar.store.review import ReviewRequest, review_event
from khabar.store.views import SORT_KEYS, page_events
from tests.api.sample import REVIEWER_PASSWORD, fill, second_report

QUERIES = [
    EventQuery(),
    EventQuery(types=["ASSAULT", "PROTEST"]),
    EventQuery(actor="a"),
    EventQuery(since="2021-08-20"),  # type: ignore[arg-type]
    EventQuery(review=["edited", "rejected"]),
    EventQuery(review=["unreviewed"], factuality=["asserted"]),
]


def _check(store: Store) -> int:
    checked = 0
    with store.reader.connect() as conn:
        listed = reviewed_events(conn)
        rv = listed != []
        for q in QUERIES:
            full = select(func.count()).select_from(events_from(rv)).where(matching(q, rv))
            assert page_total(conn, q, listed) == conn.execute(full).scalar_one(), q
            for key in SORT_KEYS:
                for sort in (key, f"-{key}"):
                    every = [r.id for r in conn.execute(_order(_select(q, rv), sort, rv))]
                    for offset in range(len(every) + 1):
                        page = page_select(q, sort, offset, 2, rv, reviewed_ids=listed)  # type: ignore[arg-type]
                        got = [r.id for r in conn.execute(page)]
                        assert got == every[offset : offset + 2], (q, sort, offset)
                        checked += 1
    return checked


@pytest.mark.parametrize("reviewed", [False, True])
def test_page_is_a_slice_of_the_full_order(store_url: str, reviewed: bool) -> None:
    with open_store(store_url) as store:
        fill(store)
        store.add_result(second_report())
        recluster(store)
        items = page_events(store).items
        if reviewed:
            user = add_user(store, "ana", "reviewer", REVIEWER_PASSWORD)
            assert len(items) >= 4
            edits = [
                ReviewRequest(action="edit", changes=ReviewChanges(type="PROTEST")),
                ReviewRequest(action="edit", changes=ReviewChanges(date="1999-01-02")),
                ReviewRequest(action="edit", changes=ReviewChanges(factuality="negated")),
                ReviewRequest(action="reject"),
            ]
            for se, edit in zip(items[-4:], edits, strict=True):
                review_event(store, se.id, user, edit)
        with store.reader.connect() as conn:
            listed = reviewed_events(conn)
            assert sorted(listed or []) == sorted(se.id for se in items[-4:] if reviewed)
        assert _check(store) > len(QUERIES) * len(SORT_KEYS) * 2
