"""Hostile input: filters reject injection and out-of-range values (422), bodies are
size-limited (413), every response carries the security headers, hosts are checked."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from khabar.api import ApiSettings, create_app
from khabar.api.security import SECURITY_HEADERS
from khabar.store import Store
from tests.api.sample import add_reviewer
from tests.fakes.extractor import load_fake_extractor


@pytest.mark.parametrize(
    "params",
    [
        {"type": "ASSAULT' OR '1'='1"},
        {"type": "NOT_A_TYPE"},
        {"country": "AF; DROP TABLE events"},
        {"country": "ABCD"},
        {"actor": "<script>alert(1)</script>"},
        {"actor": "a" * 101},
        {"since": "2026-13-45"},
        {"since": "0001-01-01"},
        {"until": "9999-12-31"},
        {"since": "2026-03-10", "until": "2026-03-01"},
        {"near_lat": 91, "near_lon": 0, "near_km": 10},
        {"near_lat": 0, "near_lon": -181, "near_km": 10},
        {"near_lat": 0, "near_lon": 0, "near_km": 0},
        {"near_lat": 0, "near_lon": 0},
        {"factuality": "certain"},
        {"cluster": "../../etc/passwd"},
        {"limit": 0},
        {"limit": 100000},
        {"offset": -1},
        {"sort": "date; DROP TABLE events"},
    ],
)
def test_bad_filters_are_422(api_client: TestClient, params: dict[str, object]) -> None:
    r = api_client.get("/api/events", params=params)  # type: ignore[arg-type]
    assert r.status_code == 422, r.text
    assert r.json()["detail"]


@pytest.mark.parametrize("path", ["/api/actors", "/api/timeline", "/api/map", "/api/export.csv"])
def test_every_filtered_endpoint_validates(api_client: TestClient, path: str) -> None:
    assert api_client.get(path, params={"country": "<x>"}).status_code == 422


def test_quotes_in_names_are_data_not_sql(api_client: TestClient) -> None:
    """Names may hold apostrophes (O'Neill), so a quote is accepted, and bound as data."""
    r = api_client.get("/api/events", params={"actor": "x' UNION SELECT text FROM articles --"})
    assert r.status_code == 200 and r.json()["total"] == 0
    assert (
        api_client.get("/api/events", params={"actor": "x'; DROP TABLE events"}).status_code == 422
    )
    assert api_client.get("/api/stats").json()["events"] == 4


def test_oversized_extract_is_413(api_store: Store) -> None:
    settings = ApiSettings(max_body_bytes=1000, extractor_loader=load_fake_extractor)
    with TestClient(create_app(api_store, settings=settings)) as client:
        r = client.post("/api/extract", json={"text": "Rebels attacked Kabul. " * 100})
        assert r.status_code == 413 and "too large" in r.json()["detail"]

        def chunks():  # type: ignore[no-untyped-def]
            yield b'{"text": "'
            for _ in range(100):
                yield b"Rebels attacked Kabul. "
            yield b'"}'

        chunked = client.post(
            "/api/extract", content=chunks(), headers={"content-type": "application/json"}
        )
        assert chunked.status_code == 413
        token = add_reviewer(api_store)
        small = client.post(
            "/api/extract",
            json={"text": "Rebels attacked Kabul."},
            headers={"Authorization": f"Bearer {token}"},
        )
        assert small.status_code == 200


def test_default_body_limit_applies(api_client: TestClient) -> None:
    r = api_client.post("/api/extract", json={"text": "word " * 100_000})
    assert r.status_code == 413


@pytest.mark.parametrize("path", ["/", "/actors", "/api/events", "/api/stats", "/nope"])
def test_security_headers_everywhere(api_client: TestClient, path: str) -> None:
    r = api_client.get(path)
    for name, value in SECURITY_HEADERS.items():
        assert r.headers[name] == value
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp


def test_unknown_host_is_refused_when_hosts_are_set(api_store: Store) -> None:
    settings = ApiSettings(allowed_hosts=["127.0.0.1"], extractor_loader=load_fake_extractor)
    client = TestClient(create_app(api_store, settings=settings), base_url="http://evil.example")
    assert client.get("/api/stats").status_code == 400
    local = TestClient(create_app(api_store, settings=settings), base_url="http://127.0.0.1")
    assert local.get("/api/stats").status_code == 200
