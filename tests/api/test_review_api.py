"""The review endpoint and tokens, the new filters on every endpoint, 422 on unknown
parameters, and the safe-exposure rules (extract needs a user, HEAD, NUL paths, headers)."""

from __future__ import annotations

import csv
import io
import threading

import pytest
from fastapi.testclient import TestClient

from khabar.api import ApiSettings, create_app
from khabar.api.security import SECURITY_HEADERS
from khabar.store import Store
from tests.api.sample import add_reviewer
from tests.fakes.extractor import load_fake_extractor


def _first(client: TestClient, **params: object) -> str:
    return str(client.get("/api/events", params=params).json()["items"][0]["id"])  # type: ignore[arg-type]


def test_review_needs_a_token(api_client: TestClient, api_store: Store) -> None:
    eid = _first(api_client, country="AFG")
    body = {"action": "edit", "changes": {"type": "PROTEST"}, "note": "misread"}
    assert api_client.post(f"/api/events/{eid}/review", json=body).status_code == 401
    bad = {"Authorization": "Bearer khb_not-a-token"}
    assert api_client.post(f"/api/events/{eid}/review", json=body, headers=bad).status_code == 401
    token = add_reviewer(api_store)
    auth = {"Authorization": f"Bearer {token}"}
    assert api_client.get("/api/me", headers=auth).json()["name"] == "ana"
    r = api_client.post(f"/api/events/{eid}/review", json=body, headers=auth)
    assert r.status_code == 200, r.text
    assert r.json()["event"]["type"] == "PROTEST" and r.json()["review"]["reviewed_by"] == "ana"
    rows = list(csv.DictReader(io.StringIO(api_client.get("/api/export.csv").text)))
    mine = next(row for row in rows if row["event_id"] == eid)
    assert (mine["event_type"], mine["review_status"], mine["reviewed_by"]) == (
        "PROTEST",
        "edited",
        "ana",
    )
    history = api_client.get(f"/api/events/{eid}/history").json()
    assert history[0]["before"]["type"] == "ASSAULT" and history[0]["after"]["type"] == "PROTEST"
    assert api_client.get("/api/events", params={"review": "edited"}).json()["total"] == 1
    wrong = {"action": "edit", "changes": {"type": "NOPE"}}
    assert api_client.post(f"/api/events/{eid}/review", json=wrong, headers=auth).status_code == 422


def test_session_writes_need_the_csrf_token(api_client: TestClient, api_store: Store) -> None:
    from khabar.store.accounts import start_session, verify_password
    from tests.api.sample import REVIEWER_PASSWORD

    add_reviewer(api_store)
    user = verify_password(api_store, "ana", REVIEWER_PASSWORD)
    assert user is not None
    sid, csrf = start_session(api_store, user)
    api_client.cookies.set("khabar_session", sid)
    eid = _first(api_client)
    body = {"action": "confirm"}
    assert api_client.post(f"/api/events/{eid}/review", json=body).status_code == 403
    ok = api_client.post(f"/api/events/{eid}/review", json=body, headers={"X-CSRF-Token": csrf})
    assert ok.status_code == 200 and ok.json()["review"]["status"] == "confirmed"


@pytest.mark.parametrize(
    ("params", "n"),
    [
        ({"actor": "SOLD"}, 1),  # case-blind substring
        ({"actor": "unio"}, 1),
        ({"outlet": "news.example"}, 3),  # the hostile article has no http URL
        ({"min_confidence": 0.99}, 0),
        ({"text": "attacked kabul"}, 1),  # every word, anywhere in the sentence
        ({"text": "protest kabul"}, 0),
        ({"text": "attacked taliban"}, 1),
        ({"review": "unreviewed"}, 4),
        ({"type": ["ASSAULT", "PROTEST"]}, 3),
    ],
)
@pytest.mark.parametrize("path", ["/api/events", "/api/stats", "/api/timeline", "/api/map"])
def test_every_filter_on_every_endpoint(
    api_client: TestClient, path: str, params: dict[str, object], n: int
) -> None:
    body = api_client.get(path, params=params).json()  # type: ignore[arg-type]
    got = {
        "/api/events": lambda b: b["total"],
        "/api/stats": lambda b: b["events"],
        "/api/timeline": lambda b: sum(x["count"] for x in b["buckets"]) + b["undated"],
        "/api/map": lambda b: b["total"],
    }[path](body)
    assert got == n


@pytest.mark.parametrize(
    "path", ["/api/events", "/api/stats", "/api/actors", "/api/timeline", "/api/export.csv"]
)
def test_unknown_parameters_are_422(api_client: TestClient, path: str) -> None:
    r = api_client.get(path, params={"contry": "AFG"})
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["query", "contry"]


def test_stats_honour_filters_and_count_units(api_client: TestClient) -> None:
    assert api_client.get("/api/stats", params={"country": "AFG"}).json()["events"] == 1
    assert api_client.get("/api/stats", params={"count": "events"}).json()["events"] == 4


def test_extract_without_credentials_is_401(api_client: TestClient) -> None:
    r = api_client.post("/api/extract", json={"text": "Rebels attacked Kabul."})
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"


def test_extract_has_its_own_slots_and_body_cap(api_store: Store) -> None:
    gate = threading.Event()

    class Slow:
        def extract(self, raw, **kw):  # type: ignore[no-untyped-def]
            gate.wait(10)
            return load_fake_extractor().extract(raw, **kw)

    settings = ApiSettings(extract_max_bytes=2000, extractor_loader=lambda: Slow())
    token = add_reviewer(api_store)
    auth = {"Authorization": f"Bearer {token}"}
    with TestClient(create_app(api_store, settings=settings)) as client:
        big = client.post("/api/extract", json={"text": "x " * 2000}, headers=auth)
        assert big.status_code == 413
        body = {"text": "Rebels attacked Kabul."}
        first = threading.Thread(target=client.post, args=("/api/extract",),
                                 kwargs={"json": body, "headers": auth})  # fmt: skip
        first.start()
        busy = None
        for _ in range(100):
            busy = client.post("/api/extract", json=body, headers=auth)
            if busy.status_code == 429:
                break
        gate.set()
        first.join()
        assert busy is not None and busy.status_code == 429


def test_head_nul_paths_and_headers_on_errors(api_store: Store) -> None:
    settings = ApiSettings(allowed_hosts=["127.0.0.1"], extractor_loader=load_fake_extractor)
    app = create_app(api_store, settings=settings)
    client = TestClient(app, base_url="http://127.0.0.1")
    for path in ("/", "/api/events", "/api/stats"):
        head = client.head(path)
        assert head.status_code == 200 and head.content == b""
    assert client.get("/static/map.js%00.png").status_code == 404
    evil = TestClient(app, base_url="http://evil.example")
    refused = evil.get("/api/stats")
    assert refused.status_code == 400
    for name in SECURITY_HEADERS:
        assert name in refused.headers

    @app.get("/api/boom")
    def boom() -> None:
        raise RuntimeError("boom")

    crashed = TestClient(app, base_url="http://127.0.0.1", raise_server_exceptions=False)
    r = crashed.get("/api/boom")
    assert r.status_code == 500 and "content-security-policy" in r.headers


def test_offline_docs_and_favicon(api_client: TestClient) -> None:
    page = api_client.get("/docs")
    assert page.status_code == 200 and "/docs/assets/swagger-ui-bundle.js" in page.text
    assert "cdn" not in page.text.lower() and "<script>" not in page.text
    assert api_client.get("/docs/assets/swagger-ui-bundle.js").status_code == 200
    assert api_client.get("/favicon.ico").headers["content-type"].startswith("image/svg")
