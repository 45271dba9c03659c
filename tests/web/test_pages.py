"""Server-rendered pages: the article view marks every span, escapes hostile text, never
links a ``javascript:`` URL; the filter bar keeps its state in the URL."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from khabar.store.records import StoredEvent
from khabar.web.highlight import segments
from khabar.web.pages import safe_url
from tests.api.sample import HOSTILE_URL, sample_results


def _stored(i: int) -> tuple[str, list[StoredEvent]]:
    from khabar.store.records import ArticleCite

    result = sample_results()[i]
    events = [
        StoredEvent(id=f"{result.article.id}-{n:04d}", event=ev, article=ArticleCite(id="a"))
        for n, ev in enumerate(result.events)
    ]
    return result.article.text, events


def test_segments_cover_the_text_and_mark_each_span() -> None:
    text, events = _stored(0)
    segs = segments(text, events)
    assert "".join(s.text for s in segs) == text
    kinds = {s.text: s.classes for s in segs}
    assert "trigger" in kinds["attacked"] and "actor" in kinds["Soldiers"]
    assert "recipient" in kinds["Taliban"] and "place" in kinds["Kabul"]
    assert "evidence" not in kinds[" Residents fled the area."]


def test_segments_skip_offsets_outside_the_text() -> None:
    text, events = _stored(0)
    assert "".join(s.text for s in segments(text[:10], events)) == text[:10]


def test_focus_keeps_other_events_evidence_only() -> None:
    text, events = _stored(0)
    segs = segments(text, events, focus="other")
    assert {m.kind for s in segs for m in s.marks} == {"evidence"}


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("https://example.org/a", "https://example.org/a"),
        ("http://example.org", "http://example.org"),
        (HOSTILE_URL, None),
        (" JavaScript:alert(1)", None),
        ("data:text/html,<script>", None),
        ("//evil.example", None),
        (None, None),
    ],
)
def test_safe_url(url: str | None, safe: str | None) -> None:
    assert safe_url(url) == safe


def _article_html(client: TestClient, country: str) -> str:
    ev = client.get("/api/events", params={"country": country}).json()["items"][0]
    r = client.get(f"/articles/{ev['article']['id']}", params={"event": ev["id"]})
    assert r.status_code == 200
    return r.text


@pytest.mark.parametrize("view", ["article", "event", "events", "cluster-less"])
def test_hostile_article_is_escaped(api_client: TestClient, view: str) -> None:
    html = _article_html(api_client, "NGA")
    if view == "event":
        ev = api_client.get("/api/events", params={"country": "NGA"}).json()["items"][0]
        html = api_client.get(f"/events/{ev['id']}").text
        assert "&lt;script&gt;window.__pwned" in html  # the hostile title, as text
        assert "<img" not in html and 'href="javascript:' not in html.lower()
        assert "<script" not in html.replace('<script src="/static/', "")
        return
    if view == "events":
        html = api_client.get("/events", params={"country": "NGA"}).text
        assert "&lt;img" not in html  # the table shows the evidence, not the article text
        assert "<img" not in html and "<script>window" not in html
        return
    elif view == "cluster-less":
        html = api_client.get("/review").text
        assert "<script>window" not in html and "<img" not in html
        return
    assert "<script>window.__pwned" not in html
    assert "&lt;script&gt;window.__pwned" in html
    assert "<img" not in html and "&lt;img" in html
    assert 'href="javascript:' not in html.lower()
    assert "javascript:" in html  # shown as text, not as a link
    assert "<script" not in html.replace('<script src="/static/', "")


def test_article_view_shows_factuality_distinctly(api_client: TestClient) -> None:
    html = _article_html(api_client, "FRA")
    assert "fact-negated" in html and 'class="badge factuality fact-negated"' in html
    html = _article_html(api_client, "KEN")
    assert "fact-hypothetical" in html


def test_event_page_links_the_focused_article(api_client: TestClient) -> None:
    ev = api_client.get("/api/events", params={"country": "AFG"}).json()["items"][0]
    r = api_client.get(f"/events/{ev['id']}", follow_redirects=False)
    assert r.status_code == 200
    assert f"?event={ev['id']}#event-{ev['id']}" in r.text
    assert api_client.get("/events/nope", follow_redirects=False).status_code == 404
    assert api_client.get("/articles/nope").status_code == 404


def test_filter_bar_state_comes_from_the_url(api_client: TestClient) -> None:
    html = api_client.get(
        "/", params={"type": "PROTEST", "actor": '"><b>x', "since": "2026-03-01"}
    ).text
    assert '<option value="PROTEST" selected>' in html
    assert 'value="&#34;&gt;&lt;b&gt;x"' in html or 'value="&quot;&gt;&lt;b&gt;x"' in html
    assert (
        'href="/api/export.csv?type=PROTEST&amp;actor=%22%3E%3Cb%3Ex&amp;since=2026-03-01"' in html
    )


def test_static_files_and_base_map_ship(api_client: TestClient) -> None:
    for name in ("common.js", "map.js", "timeline.js", "actors.js", "article.js", "khabar.css"):
        assert api_client.get(f"/static/{name}").status_code == 200
    world = api_client.get("/static/world.json").json()
    assert len(world["features"]) > 150
