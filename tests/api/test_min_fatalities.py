"""The API's ``min_fatalities`` filter (the sample events state no fatalities)."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_min_fatalities_keeps_only_events_with_a_stated_count(api_client: TestClient) -> None:
    assert api_client.get("/api/events").json()["total"] == 4
    body = api_client.get("/api/events", params={"min_fatalities": 0}).json()
    assert body["total"] == 0  # no sample event states a number killed


def test_a_negative_min_fatalities_is_refused(api_client: TestClient) -> None:
    r = api_client.get("/api/events", params={"min_fatalities": -1})
    assert r.status_code == 422
