"""The query API over the sample database: filters, paging, sorting, one event or article,
aggregates, exports, extraction, and the ingest switch."""

from __future__ import annotations

import csv
import io
import json

import pytest
from fastapi.testclient import TestClient

from khabar.api import ApiSettings, create_app
from khabar.store import Store
from tests.api.sample import add_reviewer
from tests.fakes.extractor import load_fake_extractor


def test_events_page_has_total_and_items(api_client: TestClient) -> None:
    body = api_client.get("/api/events", params={"limit": 2}).json()
    assert body["total"] == 4 and len(body["items"]) == 2
    assert body["items"][0]["event"]["date"]["value"] == "2026-03-02"  # oldest first
    rest = api_client.get("/api/events", params={"limit": 2, "offset": 2}).json()["items"]
    ids = {i["id"] for i in body["items"]} | {i["id"] for i in rest}
    assert len(ids) == 4


@pytest.mark.parametrize(
    ("params", "types"),
    [
        ({"type": "assault"}, ["ASSAULT", "ASSAULT"]),
        ({"type": ["PROTEST", "CONSULT"]}, ["CONSULT", "PROTEST"]),
        ({"country": "fra"}, ["PROTEST"]),
        ({"actor": "unions"}, ["PROTEST"]),
        ({"factuality": "hypothetical"}, ["CONSULT"]),
        ({"since": "2026-03-05", "until": "2026-03-07"}, ["CONSULT", "ASSAULT"]),
        ({"near_lat": 34.5, "near_lon": 69.2, "near_km": 50}, ["ASSAULT"]),
    ],
)
def test_filters_match_khabar_events(
    api_client: TestClient, params: dict[str, object], types: list[str]
) -> None:
    items = api_client.get("/api/events", params=params).json()["items"]  # type: ignore[arg-type]
    got = [i["event"]["type"] for i in items]
    assert sorted(got) == sorted(types)


def test_sort_descending_by_date(api_client: TestClient) -> None:
    items = api_client.get("/api/events", params={"sort": "-date"}).json()["items"]
    dates = [i["event"]["date"]["value"] for i in items]
    assert dates == sorted(dates, reverse=True)


def test_event_detail_and_404(api_client: TestClient) -> None:
    first = api_client.get("/api/events").json()["items"][0]
    detail = api_client.get(f"/api/events/{first['id']}").json()
    assert detail["event"]["event"]["evidence"]["trigger"]["text"] == "attacked"
    assert detail["cluster_members"] == []
    missing = api_client.get("/api/events/0000000000000000-0000")
    assert missing.status_code == 404 and "no event" in missing.json()["detail"]


def test_article_has_text_events_and_spans(api_client: TestClient) -> None:
    first = api_client.get("/api/events").json()["items"][0]
    art = api_client.get(f"/api/articles/{first['article']['id']}").json()
    ev = art["events"][0]["event"]
    assert art["text"][ev["evidence"]["start"] : ev["evidence"]["end"]] == ev["evidence"]["text"]
    assert art["text"][ev["location"]["start"] : ev["location"]["end"]] == "Kabul"
    assert api_client.get("/api/articles/ffffffffffffffff").status_code == 404


def test_actors_counts_and_dyads(api_client: TestClient) -> None:
    body = api_client.get("/api/actors").json()
    assert {a["name"] for a in body["actors"]} >= {"Soldiers", "Taliban", "Unions"}
    pair = {"actor": "Soldiers", "recipient": "Taliban", "count": 1}
    assert pair | {"quad_class": "material_conflict"} in body["dyads"]
    only = api_client.get("/api/actors", params={"country": "AFG"}).json()
    assert [d["actor"] for d in only["dyads"]] == ["Soldiers"]


def test_stats_timeline_and_map(api_client: TestClient) -> None:
    stats = api_client.get("/api/stats").json()
    assert stats["events"] == 4 and stats["articles"] == 4
    tl = api_client.get("/api/timeline", params={"bucket": "week"}).json()
    assert sum(b["count"] for b in tl["buckets"]) == 4
    pts = api_client.get("/api/map", params={"type": "ASSAULT"}).json()
    assert pts["total"] == 2 and {p["place"] for p in pts["points"]} == {"Kabul", "Lagos"}


def test_exports_follow_the_filter(api_client: TestClient) -> None:
    r = api_client.get("/api/export.csv", params={"type": "PROTEST"})
    assert r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert [row["event_type"] for row in rows] == ["PROTEST"]
    lines = api_client.get("/api/export.jsonl").text.splitlines()
    assert len(lines) == 4 and json.loads(lines[0])["event"]["type"] == "ASSAULT"
    geo = api_client.get("/api/export.geojson", params={"country": "KEN"}).json()
    assert geo["features"][0]["geometry"]["coordinates"] == [36.8172, -1.2864]


def test_extract_returns_events_without_storing(api_client: TestClient, api_store: Store) -> None:
    body = {"text": "Rebels attacked Kabul on Monday."}
    assert api_client.post("/api/extract", json=body).status_code == 401
    token = add_reviewer(api_store)
    r = api_client.post("/api/extract", json=body, headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 200, r.text
    assert r.json()["events"][0]["type"] == "ASSAULT"
    assert api_client.get("/api/stats").json()["articles"] == 4


def test_ingest_is_off_by_default(api_client: TestClient) -> None:
    assert api_client.post("/api/ingest", json={"text": "x"}).status_code in (404, 405)


def test_ingest_needs_the_token(api_store: Store) -> None:
    token = "t0ken-of-16-chars-or-more"
    settings = ApiSettings(allow_ingest=True, token=token, extractor_loader=load_fake_extractor)
    with TestClient(create_app(api_store, settings=settings)) as client:
        body = {"text": "Police attacked protesters in Paris on Friday."}
        assert client.post("/api/ingest", json=body).status_code == 401
        bad = {"Authorization": "Bearer wrong-token-of-some-length"}
        assert client.post("/api/ingest", json=body, headers=bad).status_code == 401
        ok = client.post("/api/ingest", json=body, headers={"Authorization": f"Bearer {token}"})
        assert ok.status_code == 200 and ok.json()["stored"] is True
        assert client.get("/api/stats").json()["articles"] == 5
        stored = client.get("/api/events", params={"country": "FRA", "type": "ASSAULT"}).json()
        assert stored["items"][0]["cluster"] is not None  # clustered like `khabar ingest`


def test_ingest_without_token_is_refused_at_startup() -> None:
    with pytest.raises(ValueError, match="token"):
        ApiSettings(allow_ingest=True)
