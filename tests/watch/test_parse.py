"""Feeds, sitemaps and pages (bytes the project wrote) → entries and articles."""

from __future__ import annotations

import datetime as dt

import pytest

from khabar.errors import WatchError
from khabar.watch.fetch import Fetched
from khabar.watch.parse import FeedEntry, decode_page, page_article, parse_feed
from tests.watch.server import article_html, atom, rss, sitemap

BASE = "http://127.0.0.1:9"
ITEMS = [("/a", "First", dt.date(2026, 3, 1)), ("/b", "Second", dt.date(2026, 3, 2))]


@pytest.mark.parametrize("build", [rss, atom, sitemap])
def test_entries_of_rss_atom_and_news_sitemaps(build: object) -> None:
    parsed = parse_feed(build(BASE, ITEMS), BASE + "/feed")  # type: ignore[operator]
    assert parsed.entries == [
        FeedEntry(url=BASE + "/a", title="First", published=dt.date(2026, 3, 1)),
        FeedEntry(url=BASE + "/b", title="Second", published=dt.date(2026, 3, 2)),
    ]


def test_a_sitemap_index_lists_its_sitemaps() -> None:
    index = (
        b'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<sitemap><loc>http://127.0.0.1:9/s1.xml</loc></sitemap></sitemapindex>"
    )
    parsed = parse_feed(index, "x")
    assert parsed.entries == [] and parsed.sitemaps == ["http://127.0.0.1:9/s1.xml"]


@pytest.mark.parametrize(
    "content",
    [b"<rss><channel><item><title>cut off", b"plain words, not a feed", b"<html><p>hi</p></html>"],
)
def test_unreadable_feeds_are_errors(content: bytes) -> None:
    with pytest.raises(WatchError, match="not a readable feed"):
        parse_feed(content, "http://127.0.0.1:9/feed")


def test_a_sitemap_with_an_entity_bomb_is_refused_not_expanded() -> None:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE u [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>&b;</loc></url>'
        b"</urlset>"
    )
    parsed = parse_feed(bomb, "x")
    assert all("aaaaaaaaaa" not in e.url for e in parsed.entries)


@pytest.mark.parametrize(
    ("declared", "meta"), [("windows-1252", "windows-1252"), (None, "windows-1252"), (None, "")]
)
def test_non_utf8_pages_decode_to_the_right_text(declared: str | None, meta: str) -> None:
    title = "Caf\u00e9 owners \u201cprotest\u201d in Paris"
    html = article_html(3, title=title, charset=meta or "x-none").encode("cp1252")
    page = Fetched(url="http://127.0.0.1:9/p", status=200, content=html, charset=declared)
    text, charset = decode_page(page)
    assert title in text
    # declared or in <meta>: that charset; neither: detected (cp1250 and cp1252 agree here)
    assert charset == "windows-1252" if meta else charset in ("cp1250", "cp1252")
    raw = page_article(page, FeedEntry(url=page.url))
    assert raw.title == title and "Residents of" in raw.text and raw.url == page.url
