"""The UI in headless Chromium (Playwright), served by uvicorn on 127.0.0.1: markers at the
right coordinates, filtering, the article view, and hostile text that stays inert."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture
def page(chromium: Any, live_server: str) -> Iterator[Any]:
    """A fresh page; any dialog (alert, confirm…) is recorded and dismissed."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.dialogs = []  # type: ignore[attr-defined]

    def on_dialog(dialog: Any) -> None:
        pg.dialogs.append(dialog.message)  # type: ignore[attr-defined]
        dialog.dismiss()

    pg.on("dialog", on_dialog)
    pg.set_default_timeout(10_000)
    yield pg
    context.close()


def _open_map(page: Any, base: str, query: str = "") -> None:
    page.goto(f"{base}/{query}")
    page.wait_for_selector('svg#map[data-ready="1"]')
    page.wait_for_selector('svg#timeline[data-ready="1"]')


def _markers(page: Any) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = page.eval_on_selector_all(
        "#markers g.marker",
        """els => els.map(g => {
            const c = g.querySelector('circle'); const r = c.getBoundingClientRect();
            return {id: g.dataset.id, type: g.dataset.type, lat: +g.dataset.lat,
                    lon: +g.dataset.lon, cx: +c.getAttribute('cx'), cy: +c.getAttribute('cy'),
                    sx: r.x + r.width / 2, sy: r.y + r.height / 2};
        })""",
    )
    return found


def test_markers_sit_at_their_coordinates(page: Any, live_server: str) -> None:
    _open_map(page, live_server)
    markers = _markers(page)
    api = httpx.get(f"{live_server}/api/map").json()["points"]
    assert {m["id"] for m in markers} == {p["id"] for p in api}
    box = page.eval_on_selector(
        "svg#map", "s => { const r = s.getBoundingClientRect(); return [r.x, r.y, r.width]; }"
    )
    x0, y0, width = box
    k = width / 1000  # viewBox 0 0 1000 500, scaled to the element's width
    for point in api:
        m = next(m for m in markers if m["id"] == point["id"])
        assert m["cx"] == pytest.approx((point["lon"] + 180) / 360 * 1000, abs=0.01)
        assert m["cy"] == pytest.approx((90 - point["lat"]) / 180 * 500, abs=0.01)
        assert m["sx"] == pytest.approx(x0 + m["cx"] * k, abs=1.5)  # on screen, too
        assert m["sy"] == pytest.approx(y0 + m["cy"] * k, abs=1.5)
    kabul = next(m for m in markers if m["type"] == "ASSAULT" and m["lon"] > 60)
    assert kabul["lat"] == pytest.approx(34.5281)
    assert page.locator("#countries path").count() > 150  # the offline base map drew
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "map.png"), full_page=True)
    doc_copy = ROOT / "docs" / "img" / "map.png"
    if not doc_copy.exists():  # the README's picture; refresh it by deleting it
        doc_copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ARTIFACTS / "map.png", doc_copy)


def test_filter_by_type_through_the_filter_bar(page: Any, live_server: str) -> None:
    _open_map(page, live_server)
    page.select_option("#f-type", "PROTEST")
    page.click("#f-apply")
    page.wait_for_url(re.compile(r"type=PROTEST"))
    page.wait_for_selector('svg#map[data-ready="1"]')
    markers = _markers(page)
    assert [m["type"] for m in markers] == ["PROTEST"]
    assert "actor=" not in page.url  # empty fields stay out of the URL
    href = page.get_attribute("#export-csv", "href")
    assert href == "/api/export.csv?type=PROTEST"


def test_timeline_click_filters_the_map_by_date(page: Any, live_server: str) -> None:
    _open_map(page, live_server)
    bars = page.locator("#timeline g.bar")
    assert bars.count() == 4
    first = bars.first
    day = first.get_attribute("data-start")
    first.locator("rect").first.click()
    page.wait_for_url(re.compile(rf"since={day}"))
    page.wait_for_selector('svg#map[data-ready="1"]')
    assert len(_markers(page)) == 1


def test_open_an_event_and_see_its_evidence(page: Any, live_server: str) -> None:
    _open_map(page, live_server, "?country=AFG")
    page.locator("#markers g.marker").first.click()
    page.locator("#panel a.event-link").first.click()
    page.wait_for_url(re.compile(r"/articles/.+event="))
    focus = page.locator("li.event.focus")
    assert focus.count() == 1 and "ASSAULT" in focus.inner_text()
    trigger = page.locator("#text span.seg.trigger")
    assert trigger.inner_text() == "attacked"
    evidence = page.eval_on_selector_all(
        "#text span.seg.evidence", "els => els.map(e => e.textContent).join('')"
    )
    assert evidence == "Soldiers attacked Taliban fighters in Kabul on Monday."
    assert page.locator("#text span.seg.place").inner_text() == "Kabul"
    assert page.locator("#text span.seg.actor").inner_text() == "Soldiers"
    page.screenshot(path=str(_artifact("article.png")), full_page=True)


def test_negated_event_is_shown_distinctly(page: Any, live_server: str) -> None:
    _open_map(page, live_server, "?country=FRA")
    page.locator("#markers g.marker").first.click()
    page.locator("#panel a.event-link").first.click()
    page.wait_for_url(re.compile(r"/articles/"))
    seg = page.locator("#text span.seg.evidence.fact-negated").first
    decoration = seg.evaluate("e => getComputedStyle(e).textDecorationLine")
    assert "line-through" in decoration


def test_hostile_article_stays_inert(page: Any, live_server: str) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    _open_map(page, live_server, "?country=NGA")
    page.locator("#markers g.marker").first.click()
    page.locator("#panel a.event-link").first.click()
    page.wait_for_url(re.compile(r"/articles/"))
    page.wait_for_load_state("networkidle")
    page.hover("#text")
    text = page.inner_text("#text")
    assert "<script>" in text and "onerror=" in text and "javascript:" in text
    assert page.locator("#text script, #text img, #text a").count() == 0
    assert page.locator("h1").inner_text().startswith("<script>")
    assert page.locator('a[href^="javascript:"]').count() == 0
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.dialogs == []  # type: ignore[attr-defined]
    assert errors == []


def test_bad_filter_in_url_shows_the_reason(page: Any, live_server: str) -> None:
    page.goto(f"{live_server}/?country=%3Cscript%3E")
    page.wait_for_selector('svg#map[data-ready="error"]')
    assert "country" in page.inner_text("#error")
    assert page.locator("#error *").count() == 0  # the message is text, not markup
    assert page.input_value("#f-country") == "<script>"  # echoed into the form as a value
    assert page.evaluate("typeof window.__pwned") == "undefined"


def test_actor_graph_draws_weighted_pairs(page: Any, live_server: str) -> None:
    page.goto(f"{live_server}/actors")
    page.wait_for_selector('svg#graph[data-ready="1"]')
    names = page.eval_on_selector_all("#nodes g.node", "els => els.map(e => e.dataset.name)")
    assert {"Soldiers", "Taliban", "Gunmen", "Villagers"} <= set(names)
    edges = page.locator("#edges line.edge")
    assert edges.count() == 4
    assert page.locator("#dyads tr").count() == 4
    page.locator('#nodes g.node[data-name="Soldiers"]').click()
    page.wait_for_url(re.compile(r"/\?actor=Soldiers"))
    page.wait_for_selector('svg#map[data-ready="1"]')
    assert len(_markers(page)) == 1


def _artifact(name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS / name
