"""A page picked by the narrow id query is the same slice of the same order as sorting
every matching row (each sort key, both directions, with and without reviews)."""

from __future__ import annotations

import pytest

from khabar.store import EventQuery, Store, open_store
from khabar.store.accounts import add_user
from khabar.store.dedup import recluster
from khabar.store.query import _select, has_reviews
from khabar.store.records import ReviewChanges
from khabar.store.review import ReviewRequest, review_event
from khabar.store.views import SORT_KEYS, _order, page_events, page_select
from tests.api.sample import REVIEWER_PASSWORD, fill, second_report

QUERIES = [EventQuery(), EventQuery(types=["ASSAULT", "PROTEST"]), EventQuery(actor="a")]


def _check(store: Store) -> int:
    rv, checked = has_reviews(store), 0
    for q in QUERIES:
        for key in SORT_KEYS:
            for sort in (key, f"-{key}"):
                with store.reader.connect() as conn:
                    every = [r.id for r in conn.execute(_order(_select(q, rv), sort, rv))]
                    for offset in range(len(every) + 1):
                        page = page_select(q, sort, offset, 2, rv)  # type: ignore[arg-type]
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
        if reviewed:
            user = add_user(store, "ana", "reviewer", REVIEWER_PASSWORD)
            first = page_events(store).items[0]
            edit = ReviewRequest(action="edit", changes=ReviewChanges(type="PROTEST"))
            review_event(store, first.id, user, edit)
        assert has_reviews(store) is reviewed
        assert _check(store) > 3 * len(SORT_KEYS) * 2
