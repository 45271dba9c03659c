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


def _scale(page: Any) -> tuple[float, float, float]:
    """(km shown, bar pixels, km per screen pixel from the viewBox at the centre latitude)."""
    got: list[float] = page.evaluate(
        """() => {
            const svg = document.getElementById('map'); const vb = svg.viewBox.baseVal;
            const lat = 90 - (vb.y + vb.height / 2) / 500 * 180;
            const perPx = 0.36 * 111.32 * Math.cos(lat * Math.PI / 180) * vb.width
                / svg.getBoundingClientRect().width;
            return [+svg.dataset.scaleKm,
                    document.getElementById('scale-bar').getBoundingClientRect().width, perPx];
        }"""
    )
    return got[0], got[1], got[2]


def test_scale_bar_measures_the_view(page: Any, live_server: str) -> None:
    _open_map(page, live_server)
    km, px, per_px = _scale(page)
    assert str(int(km))[0] in "125" and set(str(int(km))[1:]) <= {"0"}  # a round distance
    assert abs(px * per_px - km) / km < 0.03 and 40 <= px <= 125
    assert page.inner_text("#scale-text").replace(",", "") == f"{int(km)} km"
    page.click("#zoom-in")
    page.click("#zoom-in")
    km2, px2, per_px2 = _scale(page)
    assert km2 < km and abs(px2 * per_px2 - km2) / km2 < 0.03


def _shown_labels(page: Any) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = page.eval_on_selector_all(
        "#labels g.place",
        """els => els.filter(g => getComputedStyle(g).display !== 'none').map(g => ({
            name: g.dataset.name, lat: +g.dataset.lat, lon: +g.dataset.lon,
            x: +g.querySelector('text').getAttribute('x'),
            y: +g.querySelector('text').getAttribute('y'),
            h: g.querySelector('text').getBoundingClientRect().height}))""",
    )
    return found


def test_place_labels_grow_with_zoom(page: Any, live_server: str) -> None:
    _open_map(page, live_server)
    page.wait_for_selector("svg#map[data-labels]")
    world = _shown_labels(page)
    assert 0 < len(world) < int(page.get_attribute("svg#map", "data-labels") or 0)
    for lb in world:  # each at its coordinates in the map's projection
        x, y = page.evaluate(f"window.khabarMap.project({lb['lat']}, {lb['lon']})")
        assert abs(lb["x"] - x) < 0.01 and abs(lb["y"] - y) < 0.01
    for _ in range(3):
        page.click("#zoom-in")
    zoomed = page.eval_on_selector_all(
        "#labels g.place", "els => els.filter(g => g.style.display !== 'none').length"
    )
    assert zoomed > len(world)
    heights = [lb["h"] for lb in _shown_labels(page) if lb["h"] > 0]
    assert heights and max(heights) < 30  # constant on-screen size, not scaled with the map


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
    # Each edge is coloured by the quad class of its events: the class names it and the
    # stroke comes from that class's colour, not the neutral default.
    pair = '#edges line.edge[data-actor="Soldiers"][data-recipient="Taliban"]'
    assert page.get_attribute(pair, "data-quad") == "material_conflict"
    assert "q-MATERIAL_CONFLICT" in (page.get_attribute(pair, "class") or "")
    stroke = page.eval_on_selector(pair, "e => getComputedStyle(e).stroke")
    assert stroke == "rgb(192, 57, 43)"  # --mconf
    page.locator('#nodes g.node[data-name="Soldiers"]').click()
    page.wait_for_url(re.compile(r"/\?actor=Soldiers"))
    page.wait_for_selector('svg#map[data-ready="1"]')
    assert len(_markers(page)) == 1


def _artifact(name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS / name


# -- the analyst's pages and the review flow (their own server: the review writes) ----------


@pytest.fixture(scope="module")
def review_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Any]]:
    """A server over the sample database plus a second report of the Kabul assault (one
    cross-source cluster) and a reviewer account ``ana``."""
    import threading
    import time

    import uvicorn

    from khabar.api import ApiSettings, create_app
    from khabar.store import open_store
    from khabar.store.dedup import recluster
    from tests.api.sample import add_reviewer, fill, second_report
    from tests.fakes.extractor import load_fake_extractor

    store = open_store(f"sqlite:///{tmp_path_factory.mktemp('review') / 'review.db'}")
    fill(store)
    store.add_result(second_report())
    recluster(store)
    add_reviewer(store)
    app = create_app(store, settings=ApiSettings(extractor_loader=load_fake_extractor))
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}", store
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        store.close()


def _doc_image(name: str, page: Any) -> None:
    page.screenshot(path=str(_artifact(name)), full_page=True)
    doc_copy = ROOT / "docs" / "img" / name
    if not doc_copy.exists():  # the docs' pictures; refresh one by deleting it
        shutil.copy(_artifact(name), doc_copy)


def test_events_table_without_javascript_and_sorting(
    chromium: Any, review_server: tuple[str, Any]
) -> None:
    base, _ = review_server
    context = chromium.new_context(
        java_script_enabled=False, viewport={"width": 1400, "height": 900}
    )
    page = context.new_page()
    page.goto(f"{base}/events")
    assert "of 5 matching" in page.inner_text("#events-count")
    assert page.locator("#events-table tbody tr").count() == 5
    page.click("#sort-date")  # already by date: the second click sorts descending
    page.wait_for_url(re.compile(r"sort=-date"))
    dates = page.eval_on_selector_all("td.date", "els => els.map(e => e.textContent)")
    assert dates == sorted(dates, reverse=True)
    assert page.locator("#events-table mark.trigger").first.inner_text() == "protest"
    page.goto(f"{base}/events?type=ASSAULT")
    assert "of 3 matching" in page.inner_text("#events-count")
    context.close()


def test_cluster_page_shows_the_sources_side_by_side(
    page: Any, review_server: tuple[str, Any]
) -> None:
    base, _ = review_server
    page.goto(f"{base}/events?country=AFG")
    page.locator("td.sources a").first.click()
    page.wait_for_url(re.compile(r"/clusters/"))
    columns = page.locator("#cluster-articles section.source")
    assert columns.count() == 2
    outlets = sorted(columns.locator("h2").all_inner_texts())
    assert outlets == ["news.example.org", "wire.example.com"]
    _doc_image("cluster.png", page)


def test_review_flow_sign_in_correct_export_and_reextract(
    page: Any, review_server: tuple[str, Any]
) -> None:
    from sqlalchemy import delete, select

    from khabar.store import tables as t
    from tests.api.sample import REVIEWER_PASSWORD, sample_results

    base, store = review_server
    page.goto(f"{base}/events?country=FRA")
    page.locator("a.event-link").first.click()
    page.wait_for_url(re.compile(r"/events/[^?]+$"))
    event_url = page.url
    assert page.locator("#review-form").count() == 0  # no writing without signing in
    page.click("#review-login")
    page.fill("#login-name", "ana")
    page.fill("#login-password", REVIEWER_PASSWORD)
    page.click("#login-submit")
    page.wait_for_url(event_url)
    page.select_option("#r-factuality", "asserted")
    page.fill("#r-note", "the union did protest")
    page.click("#review-edit")
    page.wait_for_url(event_url)
    assert page.inner_text("#review-status") == "edited"
    assert "factuality" in page.inner_text("#audit")
    page.goto(f"{base}/events?country=FRA")
    row = page.locator("#events-table tbody tr").first
    assert "asserted" in row.inner_text() and "edited" in row.inner_text()
    page.goto(f"{base}/events?sort=-sources")
    _doc_image("events.png", page)
    csv_text = httpx.get(f"{base}/api/export.csv", params={"country": "FRA"}).text
    assert ",asserted," in csv_text and ",edited,ana," in csv_text
    # re-extraction rewrites the article's events: the correction stays
    article_id = event_url.rsplit("/", 1)[1].split("-")[0]
    result = next(r for r in sample_results() if r.article.id == article_id)
    with store.transaction() as conn:
        ids = select(t.events.c.id).where(t.events.c.article_id == article_id)
        conn.execute(delete(t.actors).where(t.actors.c.event_id.in_(ids)))
        conn.execute(delete(t.events).where(t.events.c.article_id == article_id))
        conn.execute(delete(t.articles).where(t.articles.c.id == article_id))
    assert store.add_result(result)
    page.goto(f"{base}/events?country=FRA")
    row = page.locator("#events-table tbody tr").first
    assert "asserted" in row.inner_text() and "edited" in row.inner_text()


def test_review_form_refuses_a_forged_csrf_token(page: Any, review_server: tuple[str, Any]) -> None:
    base, _ = review_server
    from tests.api.sample import REVIEWER_PASSWORD

    page.goto(f"{base}/login")
    page.fill("#login-name", "ana")
    page.fill("#login-password", REVIEWER_PASSWORD)
    page.click("#login-submit")
    page.goto(f"{base}/events?country=KEN")
    page.locator("a.event-link").first.click()
    page.wait_for_selector("#review-form")
    page.eval_on_selector("#review-form input[name=csrf]", "e => e.value = 'forged'")
    page.click("#review-reject")
    assert "CSRF" in page.inner_text("#review-error")
    assert page.inner_text("#review-status") != "rejected"


def test_hostile_text_inert_on_the_new_pages(page: Any, review_server: tuple[str, Any]) -> None:
    base, _ = review_server
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    for path in ("/events", "/events?country=NGA", "/review", "/login"):
        page.goto(f"{base}{path}")
    page.goto(f"{base}/events?country=NGA")
    page.locator("a.event-link").first.click()
    page.wait_for_load_state("networkidle")
    assert page.locator('a[href^="javascript:"]').count() == 0
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.dialogs == [] and errors == []  # type: ignore[attr-defined]
