"""Per-feed state of ``khabar watch`` on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

from khabar.store import open_store
from khabar.store.feeds import (
    MAX_ENTRY_ATTEMPTS,
    ensure_feed,
    entries_to_skip,
    entry_key,
    feed_state,
    feed_states,
    mark_entry,
    record_poll,
    stored_elsewhere,
)


def test_validators_health_and_entries(store_url: str) -> None:
    with open_store(store_url) as store:
        ensure_feed(store, "wire", "http://127.0.0.1:9/rss")
        ensure_feed(store, "wire", "http://127.0.0.1:9/rss")  # known: a no-op
        record_poll(store, "wire", etag='"a"', last_modified="Mon, 02 Mar 2026 09:00:00 GMT")
        state = feed_state(store, "wire")
        assert state is not None and state.etag == '"a"' and state.consecutive_errors == 0
        record_poll(store, "wire", error="http://127.0.0.1:9/rss: HTTP 500")
        record_poll(store, "wire", error="http://127.0.0.1:9/rss: HTTP 500")
        state = feed_state(store, "wire")
        assert state is not None and state.consecutive_errors == 2 and state.etag == '"a"'
        assert state.last_error == "http://127.0.0.1:9/rss: HTTP 500"
        assert state.last_success_at is not None and state.last_error_at is not None
        record_poll(store, "wire", keep_validators=True)
        state = feed_state(store, "wire")
        assert state is not None and state.consecutive_errors == 0 and state.etag == '"a"'
        ensure_feed(store, "wire", "http://127.0.0.1:9/new-rss")  # a new URL: new validators
        state = feed_state(store, "wire")
        assert state is not None and state.etag is None and state.url.endswith("new-rss")


def test_entries_final_failed_and_seen_elsewhere(store_url: str) -> None:
    urls = [f"http://127.0.0.1:9/news/{i}" for i in range(4)]
    keys = [entry_key(u) for u in urls]
    with open_store(store_url) as store:
        for name in ("wire", "atom"):
            ensure_feed(store, name, f"http://127.0.0.1:9/{name}")
        mark_entry(store, "wire", urls[0], "stored", article_id="a" * 16)
        mark_entry(store, "wire", urls[1], "rejected", reason="HTTP 404")
        mark_entry(store, "wire", urls[2], "failed", reason="timeout")
        assert entries_to_skip(store, "wire", keys) == {keys[0], keys[1]}
        for _ in range(MAX_ENTRY_ATTEMPTS - 1):
            mark_entry(store, "wire", urls[2], "failed", reason="timeout")
        assert entries_to_skip(store, "wire", keys) == {keys[0], keys[1], keys[2]}
        assert stored_elsewhere(store, "atom", keys) == {keys[0]: "a" * 16}
        assert stored_elsewhere(store, "wire", keys) == {}
        today = {s.name: s for s in feed_states(store)}
        assert (today["wire"].articles_today, today["wire"].entries) == (1, 3)
        tomorrow = feed_states(store, today=dt.date.today() + dt.timedelta(days=2))
        assert {s.name: s.articles_today for s in tomorrow} == {"atom": 0, "wire": 0}
