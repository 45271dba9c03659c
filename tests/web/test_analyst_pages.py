"""The analyst's pages without a browser: the events table (N of M, sorting, paging,
hostile text escaped), event and cluster pages, 404s, sign-in with CSRF and rate limit,
and the review form."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from khabar.store import Store
from tests.api.sample import REVIEWER_PASSWORD, add_reviewer


def _login_csrf(client: TestClient) -> str:
    page = client.get("/login")
    found = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert found is not None
    return found.group(1)


def _sign_in(client: TestClient) -> None:
    csrf = _login_csrf(client)
    r = client.post(
        "/login",
        data={"name": "ana", "password": REVIEWER_PASSWORD, "csrf": csrf, "next": "/events"},
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"] == "/events"
    cookie = r.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie


def test_events_table_counts_sorts_and_escapes(api_client: TestClient) -> None:
    page = api_client.get("/events", params={"sort": "-date", "limit": 2})
    assert page.status_code == 200
    assert "Events 1–2 of 4 matching" in page.text and "(of 4 stored)" in page.text
    assert page.text.index("2026-03-10") < page.text.index("2026-03-07")
    assert 'id="next-page"' in page.text
    everything = api_client.get("/events").text
    assert '<mark class="trigger">attacked</mark>' in everything
    assert "<script>window.__pwned" not in everything  # hostile title/text stay escaped
    only = api_client.get("/events", params={"type": "PROTEST"}).text
    assert "of 1 matching" in only and "export.parquet?type=PROTEST" in only


def test_event_and_cluster_pages_and_404s(api_client: TestClient) -> None:
    eid = api_client.get("/api/events").json()["items"][0]["id"]
    page = api_client.get(f"/events/{eid}")
    assert page.status_code == 200 and "Reported by" in page.text and "Audit trail" in page.text
    assert 'id="review-login"' in page.text  # no review form without signing in
    for path in ("/events/nope-0000", "/clusters/nope", "/articles/nope", "/no-such-page"):
        missing = api_client.get(path)
        assert missing.status_code == 404 and "Not found" in missing.text
    bad = api_client.get("/events", params={"country": "<b>"})
    assert bad.status_code == 422 and "&lt;b&gt;" not in bad.text and "<b>" not in bad.text


def test_sign_in_review_and_csrf(api_client: TestClient, api_store: Store) -> None:
    add_reviewer(api_store)
    eid = api_client.get("/api/events", params={"country": "AFG"}).json()["items"][0]["id"]
    no_login = api_client.post(
        f"/events/{eid}/review", data={"action": "confirm"}, follow_redirects=False
    )
    assert no_login.status_code == 303 and no_login.headers["location"].startswith("/login")
    _sign_in(api_client)
    page = api_client.get(f"/events/{eid}")
    assert 'id="review-form"' in page.text and "ana (reviewer)" in page.text
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert csrf is not None
    forged = api_client.post(f"/events/{eid}/review", data={"action": "reject", "csrf": "forged"})
    assert forged.status_code == 403 and "CSRF" in forged.text
    r = api_client.post(
        f"/events/{eid}/review",
        data={"action": "edit", "csrf": csrf.group(1), "type": "PROTEST", "note": "misread"},
    )
    assert r.status_code == 200 and "edited" in r.text and "misread" in r.text
    table = api_client.get("/events", params={"type": "PROTEST"}).text
    assert eid in table and "review-edited" in table


def test_login_needs_its_csrf_token_and_is_rate_limited(
    api_client: TestClient, api_store: Store
) -> None:
    add_reviewer(api_store)
    forged = api_client.post(
        "/login", data={"name": "ana", "password": REVIEWER_PASSWORD, "csrf": "x"}
    )
    assert forged.status_code == 403
    codes = []
    for _ in range(6):
        csrf = _login_csrf(api_client)
        r = api_client.post("/login", data={"name": "ana", "password": "wrong pass!", "csrf": csrf})
        codes.append(r.status_code)
    assert codes[:5] == [401] * 5 and codes[5] == 429
    csrf = _login_csrf(api_client)
    right = api_client.post(
        "/login", data={"name": "ana", "password": REVIEWER_PASSWORD, "csrf": csrf}
    )
    assert right.status_code == 429  # blocked for the window, even with the right password


def test_count_switch_links_and_units(api_client: TestClient, api_store: Store) -> None:
    from khabar.store.dedup import recluster
    from tests.api.sample import second_report

    api_store.add_result(second_report())
    recluster(api_store)
    page = api_client.get("/", params={"type": "ASSAULT"}).text
    assert 'href="?type=ASSAULT&amp;count=events" id="count-events"' in page
    mentions = api_client.get("/api/timeline", params={"type": "ASSAULT"}).json()
    events = api_client.get("/api/timeline", params={"type": "ASSAULT", "count": "events"}).json()
    assert sum(b["count"] for b in mentions["buckets"]) == 3
    assert sum(b["count"] for b in events["buckets"]) == 2  # the two Kabul reports count once
    actors = api_client.get("/api/actors", params={"count": "events"}).json()
    soldiers = next(a for a in actors["actors"] if a["name"] == "Soldiers")
    assert soldiers["total"] == 1
