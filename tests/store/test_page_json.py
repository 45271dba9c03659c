"""The API's fast page (stored JSON spliced in) equals the model-built page."""

from __future__ import annotations

from pathlib import Path

import pytest

from khabar.store import EventQuery, open_store
from khabar.store.accounts import add_user
from khabar.store.dedup import recluster
from khabar.store.page_json import page_events_json
from khabar.store.records import ReviewChanges
from khabar.store.review import ReviewRequest, review_event
from khabar.store.views import EventPage, page_events
from tests.api.sample import REVIEWER_PASSWORD, fill, second_report


@pytest.mark.parametrize(
    "q",
    [
        EventQuery(),
        EventQuery(types=["ASSAULT"]),
        EventQuery(near=(34.5, 69.2, 50)),
        EventQuery(types=["PROTEST"], review=["edited"]),
    ],
)
@pytest.mark.parametrize("sort", ["date", "-sources", "-confidence"])
def test_fast_page_equals_the_model_page(tmp_path: Path, q: EventQuery, sort: str) -> None:
    with open_store(f"sqlite:///{tmp_path / 'p.db'}") as store:
        fill(store)
        store.add_result(second_report())
        recluster(store)
        user = add_user(store, "ana", "reviewer", REVIEWER_PASSWORD)
        first = page_events(store).items[0]
        edit = ReviewRequest(action="edit", changes=ReviewChanges(type="PROTEST"))
        review_event(store, first.id, user, edit)
        body, total = page_events_json(store, q, limit=3, sort=sort)  # type: ignore[arg-type]
        fast = EventPage.model_validate_json(body)
        slow = page_events(store, q, limit=3, sort=sort)  # type: ignore[arg-type]
        assert fast == slow and total == slow.total
        assert any(se.cluster for se in page_events(store).items)


def test_the_fast_page_is_orjson_and_falls_back_to_the_models(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import orjson

    import khabar.store.page_json as pj

    with open_store(f"sqlite:///{tmp_path / 'o.db'}") as store:
        fill(store)
        want = page_events(store, limit=4)

        def no_models(*args: object, **kw: object) -> EventPage:
            raise AssertionError("the fast path went through the models")

        with monkeypatch.context() as m:
            m.setattr(pj, "page_events", no_models)
            body, _ = page_events_json(store, limit=4)
        assert EventPage.model_validate_json(body) == want

        def refuse(*args: object, **kw: object) -> bytes:
            raise orjson.JSONEncodeError("str is not valid UTF-8: surrogates not allowed")

        monkeypatch.setattr(pj.orjson, "dumps", refuse)
        body, total = page_events_json(store, limit=4)
        assert EventPage.model_validate_json(body) == want and total == want.total
