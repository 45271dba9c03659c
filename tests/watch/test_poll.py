"""``khabar.watch`` against a real HTTP server on 127.0.0.1 serving the project's fixtures."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from khabar.store import Store, open_store
from khabar.store import tables as t
from khabar.store.feeds import feed_states
from khabar.watch.config import FeedConfig, WatchConfig
from khabar.watch.poll import FeedReport, run_watch
from tests.watch.server import (
    FixtureServer,
    Route,
    article_html,
    atom,
    fixture_server,
    rss,
    sitemap,
)

DAY = dt.date(2026, 3, 2)
ROBOTS = b"User-agent: *\nDisallow: /private/\n"


@pytest.fixture
def server() -> Iterator[FixtureServer]:
    with fixture_server() as srv:
        srv.routes["/robots.txt"] = Route(ROBOTS, content_type="text/plain")
        for i in range(1, 9):
            srv.routes[f"/news/{i}"] = Route(article_html(i).encode("utf-8"))
        srv.routes["/private/secret"] = Route(article_html(99).encode("utf-8"))
        yield srv


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with open_store(f"sqlite:///{tmp_path / 'watch.db'}") as st:
        yield st


def config(server: FixtureServer, *paths: str, **policy: object) -> WatchConfig:
    defaults: dict[str, object] = {
        "per_host_delay_s": 0,
        "timeout_s": 0.5,
        "retries": 1,
        "backoff_s": 0.01,
        "max_bytes": 1_000_000,
    }
    feeds = [FeedConfig(name=p.strip("/"), url=server.url(p)) for p in paths]
    return WatchConfig(feeds=feeds, **(defaults | policy))  # type: ignore[arg-type]


def items(*numbers: int) -> list[tuple[str, str, dt.date]]:
    return [(f"/news/{i}", f"Feed title {i}", DAY - dt.timedelta(days=i)) for i in numbers]


Poll = Callable[..., list[FeedReport]]


@pytest.fixture
def poll(store: Store, fake_loader: object) -> Poll:
    def run(cfg: WatchConfig, **kw: object) -> list[FeedReport]:
        return run_watch(cfg, store, fake_loader, once=True, **kw)  # type: ignore[arg-type]

    return run


def stored_articles(store: Store) -> dict[str, tuple[str | None, dt.date | None]]:
    a = t.articles.c
    with store.engine.connect() as conn:
        rows = conn.execute(select(a.url, a.title, a.published)).all()
    return {r.url: (r.title, r.published) for r in rows}


def test_once_stores_each_new_article_once_and_a_second_poll_stores_nothing(
    server: FixtureServer, store: Store, poll: Poll
) -> None:
    base = server.base
    server.routes["/feed.xml"] = Route(
        rss(base, [*items(1, 2), ("/private/secret", "Hidden", DAY)]),
        content_type="application/rss+xml",
        etag='"v1"',
    )
    server.routes["/atom.xml"] = Route(atom(base, items(3, 4)), content_type="application/xml")
    server.routes["/sitemap.xml"] = Route(sitemap(base, items(4, 5)), content_type="text/xml")
    cfg = config(server, "/feed.xml", "/atom.xml", "/sitemap.xml")

    reports = {r.feed: r for r in poll(cfg)}
    assert [reports[f].stored for f in ("feed.xml", "atom.xml", "sitemap.xml")] == [2, 2, 1]
    assert reports["feed.xml"].disallowed == 1  # robots.txt: /private/ is off limits
    assert reports["sitemap.xml"].already == 1  # /news/4 came through the Atom feed first
    arts = stored_articles(store)
    assert set(arts) == {server.url(f"/news/{i}") for i in range(1, 6)}
    # the feed's title and date win over the page's
    assert arts[server.url("/news/1")] == ("Feed title 1", DAY - dt.timedelta(days=1))
    assert server.count("/private/secret") == 0
    assert {h.headers["User-Agent"] for h in server.hits} == {cfg.user_agent}
    before = store.dump()

    again = poll(cfg)
    assert sum(r.stored for r in again) == 0
    assert store.count("articles") == 5
    assert {k: v for k, v in store.dump().items() if not k.startswith("feed")} == {
        k: v for k, v in before.items() if not k.startswith("feed")
    }
    assert next(r for r in again if r.feed == "feed.xml").not_modified  # answered 304
    feed_hits = [h for h in server.hits if h.path == "/feed.xml"]
    assert feed_hits[-1].headers.get("If-None-Match") == '"v1"'
    assert all(server.count(f"/news/{i}") == 1 for i in range(1, 5))
    assert server.count("/robots.txt") == 2  # once per run (and host)


def test_a_failing_feed_does_not_stop_the_others_and_its_error_is_kept(
    server: FixtureServer, store: Store, poll: Poll
) -> None:
    server.routes["/broken.xml"] = Route(
        b'<?xml version="1.0"?><rss><channel><item><title>half', content_type="text/xml"
    )
    server.routes["/down.xml"] = Route(b"oops", status=500, content_type="text/plain")
    server.routes["/slow.xml"] = Route(rss(server.base, items(6)), delay_s=1.5)
    server.routes["/feed.xml"] = Route(rss(server.base, items(1, 2)), content_type="text/xml")
    cfg = config(server, "/broken.xml", "/down.xml", "/slow.xml", "/missing.xml", "/feed.xml")

    reports = {r.feed: r for r in poll(cfg)}
    assert reports["feed.xml"].stored == 2 and reports["feed.xml"].error is None
    assert "not a readable feed" in (reports["broken.xml"].error or "")
    assert "HTTP 500" in (reports["down.xml"].error or "")
    assert "no answer within 0.5 s" in (reports["slow.xml"].error or "")
    assert "HTTP 404" in (reports["missing.xml"].error or "")
    assert server.count("/down.xml") == 2  # one retry after a 5xx (retries: 1)
    states = {s.name: s for s in feed_states(store)}
    assert states["down.xml"].consecutive_errors == 1 and states["down.xml"].last_success_at is None
    assert "HTTP 500" in (states["down.xml"].last_error or "")
    assert states["feed.xml"].articles_today == 2 and states["feed.xml"].last_error is None


def test_bad_pages_are_refused_with_a_reason_and_good_ones_stored(
    server: FixtureServer, store: Store, poll: Poll
) -> None:
    base = server.base
    server.routes["/loop/a"] = Route(status=302, headers={"Location": "/loop/b"})
    server.routes["/loop/b"] = Route(status=302, headers={"Location": "/loop/a"})
    server.routes["/moved"] = Route(status=301, headers={"Location": "/news/3"})
    server.routes["/big"] = Route(b"<html><body><p>" + b"word " * 4_000_000 + b"</p></body></html>")
    cp1252 = article_html(7, title="Caf\u00e9 talks \u201cstalled\u201d", charset="windows-1252")
    server.routes["/cp1252"] = Route(
        cp1252.encode("cp1252"), content_type="text/html; charset=windows-1252"
    )
    server.routes["/flaky"] = Route(article_html(8).encode("utf-8"), fail_first=1)
    pages = ["/loop/a", "/moved", "/big", "/cp1252", "/flaky", "/gone"]
    server.routes["/feed.xml"] = Route(
        rss(base, [(p, "", DAY) for p in pages]), content_type="text/xml"
    )
    (report,) = poll(config(server, "/feed.xml"))
    assert (report.stored, report.rejected, report.failed) == (3, 3, 0)
    e = t.feed_entries.c
    with store.engine.connect() as conn:
        status = {
            r.url.removeprefix(base): (r.status, r.reason or "")
            for r in conn.execute(select(e.url, e.status, e.reason))
        }
    assert status["/loop/a"][0] == "rejected" and "redirect loop" in status["/loop/a"][1]
    assert status["/big"][0] == "rejected" and "1,000,000-byte cap" in status["/big"][1]
    assert status["/gone"][0] == "rejected" and "HTTP 404" in status["/gone"][1]
    assert {p for p, (s, _) in status.items() if s == "stored"} == {"/moved", "/cp1252", "/flaky"}
    with store.engine.connect() as conn:
        texts = conn.execute(select(t.articles.c.title, t.articles.c.text)).all()
    cafe = [r for r in texts if "Caf" in (r.title or "")]
    assert cafe and cafe[0].title == "Caf\u00e9 talks \u201cstalled\u201d"
    assert "Residents of Kabul" in cafe[0].text or "Residents of" in cafe[0].text
    assert server.count("/flaky") == 2  # a 503, then the page


def test_a_feed_repeating_old_entries_fetches_only_the_new_one(
    server: FixtureServer, store: Store, poll: Poll
) -> None:
    server.routes["/feed.xml"] = Route(rss(server.base, items(1, 2)), etag='"a"')
    poll(config(server, "/feed.xml"))
    server.routes["/feed.xml"] = Route(rss(server.base, items(1, 2, 3)), etag='"b"')
    (report,) = poll(config(server, "/feed.xml"))
    assert (report.entries, report.new, report.stored) == (3, 1, 1)
    assert [server.count(f"/news/{i}") for i in (1, 2, 3)] == [1, 1, 1]


def test_failed_entries_are_tried_again_on_the_next_poll(
    server: FixtureServer, store: Store, poll: Poll
) -> None:
    server.routes["/feed.xml"] = Route(rss(server.base, items(1, 2)), etag='"a"')
    server.routes["/news/2"] = Route(article_html(2).encode(), delay_s=1.0)
    (first,) = poll(config(server, "/feed.xml"))
    assert (first.stored, first.failed) == (1, 1)
    server.routes["/news/2"] = Route(article_html(2).encode())
    (second,) = poll(config(server, "/feed.xml"))
    # the validators were not saved (an entry failed): the feed is read in full again
    assert not second.not_modified and second.stored == 1 and second.new == 1
    assert store.count("articles") == 2


def test_per_host_rate_limit_and_concurrency_cap(server: FixtureServer, poll: Poll) -> None:
    server.routes["/feed.xml"] = Route(rss(server.base, items(1, 2, 3, 4)))
    for i in range(1, 5):
        server.routes[f"/news/{i}"] = Route(article_html(i).encode(), delay_s=0.1)
    poll(config(server, "/feed.xml", per_host_delay_s=0.15, per_host_concurrency=1))
    starts = sorted(h.at for h in server.hits)
    gaps = [b - a for a, b in itertools.pairwise(starts)]
    # robots, feed, 4 pages; the first gap includes the connection setup, so it is left out
    assert len(starts) == 6 and min(gaps[1:]) >= 0.1
    assert server.max_active == 1


def test_robots_unreachable_means_nothing_is_fetched(server: FixtureServer, poll: Poll) -> None:
    server.routes["/robots.txt"] = Route(b"down", status=503, content_type="text/plain")
    server.routes["/feed.xml"] = Route(rss(server.base, items(1)))
    (report,) = poll(config(server, "/feed.xml", retries=0))
    assert "robots.txt disallows" in (report.error or "")
    assert server.count("/feed.xml") == 0


def test_redirect_hops_obey_robots_and_sitemap_indexes_are_followed(
    server: FixtureServer, store: Store, poll: Poll
) -> None:
    server.routes["/sneaky"] = Route(status=302, headers={"Location": "/private/secret"})
    server.routes["/index.xml"] = Route(
        b'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        + f"<sitemap><loc>{server.url('/sm1.xml')}</loc></sitemap></sitemapindex>".encode(),
        content_type="application/xml",
    )
    server.routes["/sm1.xml"] = Route(
        sitemap(server.base, [*items(1), ("/sneaky", "x", DAY)]), content_type="application/xml"
    )
    (report,) = poll(config(server, "/index.xml"))
    assert (report.entries, report.stored, report.disallowed) == (2, 1, 1)
    assert server.count("/private/secret") == 0


def test_watch_polls_again_after_the_interval_until_stopped(
    server: FixtureServer, store: Store, fake_loader: object
) -> None:
    import threading

    server.routes["/feed.xml"] = Route(rss(server.base, items(1)), etag='"x"')
    stop = threading.Event()
    seen: list[FeedReport] = []

    def on_feed(rep: FeedReport) -> None:
        seen.append(rep)
        if len(seen) == 3:
            stop.set()

    reports = run_watch(
        config(server, "/feed.xml"),
        store,
        fake_loader,  # type: ignore[arg-type]
        interval_s=0.05,
        stop=stop,
        on_feed=on_feed,
    )
    assert [r.stored for r in reports] == [1, 0, 0]
    assert [r.not_modified for r in reports] == [False, True, True]
