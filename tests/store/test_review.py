"""Accounts and human review in the store: hashing, tokens, sessions; corrections applied
on read, in filters and exports, recorded in the audit trail, kept across re-extraction."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import delete, select

from khabar.export import write_csv
from khabar.model import Span
from khabar.store import EventQuery, Store, open_store
from khabar.store import tables as t
from khabar.store.accounts import (
    AccountError,
    add_user,
    create_token,
    end_session,
    session_user,
    start_session,
    user_for_token,
    verify_password,
)
from khabar.store.corrections import ReviewError
from khabar.store.filtered_stats import filtered_stats
from khabar.store.query import query_events
from khabar.store.records import ReviewChanges
from khabar.store.review import ReviewRequest, review_event, review_history, review_queue
from khabar.store.views import page_events
from tests.api.sample import REVIEWER_PASSWORD, fill, sample_results


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with open_store(f"sqlite:///{tmp_path / 'review.db'}") as s:
        fill(s)
        yield s


def _kabul(store: Store) -> str:
    return next(se.id for se in query_events(store, EventQuery(country="AFG")))


def test_passwords_are_hashed_and_checked(store: Store) -> None:
    user = add_user(store, "ana", "reviewer", REVIEWER_PASSWORD)
    with store.engine.connect() as conn:
        stored = conn.execute(select(t.users.c.password_hash)).scalar_one()
    assert stored.startswith("$argon2") and REVIEWER_PASSWORD not in stored
    assert verify_password(store, "ana", REVIEWER_PASSWORD) == user
    assert verify_password(store, "ana", "wrong password!") is None
    assert verify_password(store, "nobody", REVIEWER_PASSWORD) is None


@pytest.mark.parametrize(
    ("name", "role", "password", "message"),
    [
        ("Ana Smith", "reviewer", REVIEWER_PASSWORD, "account name"),
        ("ana", "god", REVIEWER_PASSWORD, "unknown role"),
        ("ana", "reviewer", "short", "too short"),
    ],
)
def test_bad_accounts_are_refused(
    store: Store, name: str, role: str, password: str, message: str
) -> None:
    with pytest.raises(AccountError, match=message):
        add_user(store, name, role, password)


def test_tokens_and_sessions(store: Store) -> None:
    add_user(store, "ana", "admin", REVIEWER_PASSWORD)
    token = create_token(store, "ana")
    found = user_for_token(store, token)
    assert found is not None and found.role == "admin"
    assert user_for_token(store, token + "x") is None
    with store.engine.connect() as conn:
        assert token not in str(conn.execute(select(t.api_tokens)).all())
    sid, csrf = start_session(store, found)
    assert session_user(store, sid) == (found, csrf)
    end_session(store, sid)
    assert session_user(store, sid) is None


def test_edit_is_applied_on_read_filters_and_exports(store: Store) -> None:
    user = add_user(store, "ana", "reviewer", REVIEWER_PASSWORD)
    eid = _kabul(store)
    changes = ReviewChanges(type="PROTEST", actor="Residents", date="2026-03-03")
    after = review_event(store, eid, user, ReviewRequest(action="edit", changes=changes))
    assert after.event.type == "PROTEST" and after.event.quad_class
    assert after.event.actor[0].name == "Residents" and "review by ana" in after.event.actor[0].how
    assert after.event.date is not None and after.event.date.how == "review"
    assert after.review is not None and after.review.status == "edited"
    protests = {se.id for se in query_events(store, EventQuery(types=["PROTEST"]))}
    assert eid in protests
    assert eid not in {se.id for se in query_events(store, EventQuery(types=["ASSAULT"]))}
    assert eid in {se.id for se in query_events(store, EventQuery(actor="resid"))}
    page = page_events(store, EventQuery(since=dt_("2026-03-03"), until=dt_("2026-03-03")))
    assert [se.id for se in page.items] == [eid] and page.total == 1
    out = io.StringIO()
    write_csv(query_events(store, EventQuery(country="AFG")), out)
    assert "PROTEST" in out.getvalue() and ",edited,ana," in out.getvalue()
    stats = filtered_stats(store, EventQuery(types=["PROTEST"]))
    assert stats.events == 2


def dt_(value: str):  # type: ignore[no-untyped-def]
    import datetime as dt

    return dt.date.fromisoformat(value)


def test_audit_trail_records_who_when_before_after(store: Store) -> None:
    user = add_user(store, "ana", "reviewer", REVIEWER_PASSWORD)
    eid = _kabul(store)
    review_event(
        store, eid, user, ReviewRequest(action="edit", changes=ReviewChanges(factuality="negated"))
    )
    review_event(store, eid, user, ReviewRequest(action="reject", note="duplicate report"))
    history = review_history(store, eid)
    assert [h.action for h in history] == ["edit", "reject"]
    assert history[0].before["factuality"] == "asserted"
    assert history[0].after["factuality"] == "negated"
    assert history[1].after["status"] == "rejected" and history[1].note == "duplicate report"
    assert all(h.user == "ana" and h.at for h in history)


def test_review_survives_re_extraction(store: Store) -> None:
    """Re-extraction rewrites the events (here: with new sequence numbers); the review,
    anchored on the article and trigger span, still applies."""
    user = add_user(store, "ana", "reviewer", REVIEWER_PASSWORD)
    eid = _kabul(store)
    review_event(store, eid, user, ReviewRequest(action="confirm"))
    article_id = eid.split("-")[0]
    result = next(r for r in sample_results() if r.article.id == article_id)
    with store.transaction() as conn:
        ids = select(t.events.c.id).where(t.events.c.article_id == article_id)
        conn.execute(delete(t.actors).where(t.actors.c.event_id.in_(ids)))
        conn.execute(delete(t.events).where(t.events.c.article_id == article_id))
        conn.execute(delete(t.articles).where(t.articles.c.id == article_id))
    first = result.events[0]
    ev = first.evidence
    other = Span(text=ev.text[:8], start=ev.start, end=ev.start + 8)  # another trigger
    extra = first.model_copy(
        update={"id": "e0", "evidence": ev.model_copy(update={"trigger": other})}
    )
    assert store.add_result(result.model_copy(update={"events": [extra, first]}))
    again = next(
        se for se in query_events(store, EventQuery(country="AFG")) if se.event.id == first.id
    )
    assert again.id != eid  # a new database id …
    assert again.review is not None and again.review.status == "confirmed"  # … same review
    assert [h.action for h in review_history(store, again.id)] == ["confirm"]


def test_queue_and_refused_actions(store: Store) -> None:
    user = add_user(store, "ana", "reviewer", REVIEWER_PASSWORD)
    queue = review_queue(store)
    assert [se.event.confidence for se in queue] == sorted(se.event.confidence for se in queue)
    review_event(store, queue[0].id, user, ReviewRequest(action="confirm"))
    assert queue[0].id not in {se.id for se in review_queue(store)}
    with pytest.raises(ReviewError, match="no event"):
        review_event(store, "ffff-0001", user, ReviewRequest(action="confirm"))
    with pytest.raises(ReviewError, match="PLOVER"):
        review_event(
            store,
            queue[1].id,
            user,
            ReviewRequest(action="edit", changes=ReviewChanges(type="NOT_A_TYPE")),
        )
    with pytest.raises(ReviewError, match="takes no field"):
        review_event(
            store,
            queue[1].id,
            user,
            ReviewRequest(action="confirm", changes=ReviewChanges(type="PROTEST")),
        )


def test_a_fatalities_edit_is_a_count_object_in_reads_and_exports(store: Store) -> None:
    user = add_user(store, "ana", "reviewer", REVIEWER_PASSWORD)
    eid = _kabul(store)
    edit = ReviewRequest(action="edit", changes=ReviewChanges(fatalities=7))
    after = review_event(store, eid, user, edit)
    assert after.event.fatalities is not None
    assert (after.event.fatalities.value, after.event.fatalities.rule) == (7, "review")
    assert "review by ana" in after.event.fatalities.how
    out = io.StringIO()
    write_csv(query_events(store, EventQuery(country="AFG")), out)
    assert ",7," in out.getvalue()
    history = review_history(store, eid)
    assert history[0].before["fatalities"] is None and history[0].after["fatalities"] == 7
