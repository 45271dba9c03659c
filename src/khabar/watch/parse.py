"""Feeds, sitemaps and article pages → typed entries and ``RawArticle``s.

RSS and Atom go through feedparser; sitemaps (``<urlset>``, ``<sitemapindex>``, Google
News sitemaps) through lxml with entities and network access switched off. A page's
bytes are decoded with the charset its server declared (else the page's own ``<meta>``,
else UTF-8, else a detected one), then read like any HTML article by ``khabar.ingest``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Any

from pydantic import BaseModel, ConfigDict

from khabar.errors import WatchError
from khabar.ingest.read import InputFormat, RawArticle, read_article_bytes
from khabar.watch.fetch import Fetched


class FeedEntry(BaseModel):
    """One article a feed or sitemap lists; metadata the feed gives wins over the page's."""

    model_config = ConfigDict(extra="forbid")

    url: str
    title: str | None = None
    published: dt.date | None = None


class ParsedFeed(BaseModel):
    model_config = ConfigDict(extra="forbid")

    entries: list[FeedEntry]
    sitemaps: list[str] = []  # child sitemaps of a sitemap index


_SITEMAP_ROOT = re.compile(rb"<(?:\w+:)?(urlset|sitemapindex)\b")


def is_sitemap(content: bytes) -> bool:
    return _SITEMAP_ROOT.search(content[:4000]) is not None


def _struct_date(value: Any) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.datetime.fromtimestamp(calendar.timegm(value), dt.UTC).date()
    except (TypeError, ValueError, OverflowError):
        return None


def _iso_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def parse_rss(content: bytes, url: str) -> ParsedFeed:
    """Entries of an RSS or Atom feed; malformed XML with no readable entry is an error."""
    import feedparser

    parsed = feedparser.parse(content, sanitize_html=False, resolve_relative_uris=False)
    entries = []
    for e in parsed.entries:
        link = e.get("link") or (e.get("id") if str(e.get("id", "")).startswith("http") else None)
        if not link:
            continue
        published = _struct_date(e.get("published_parsed")) or _struct_date(e.get("updated_parsed"))
        title = e.get("title")
        entries.append(
            FeedEntry(url=link, title=title.strip() or None if title else None, published=published)
        )
    if not entries and (parsed.get("bozo") or not parsed.get("version")):
        reason = parsed.get("bozo_exception") or "no RSS or Atom entries found"
        raise WatchError(f"{url}: not a readable feed ({type(reason).__name__}: {reason})")
    return ParsedFeed(entries=entries)


def parse_sitemap(content: bytes, url: str) -> ParsedFeed:
    """Entries of a sitemap (with Google News titles and dates), or its child sitemaps."""
    from lxml import etree

    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False
    )
    try:
        root = etree.fromstring(content, parser)
    except etree.XMLSyntaxError as exc:
        raise WatchError(f"{url}: malformed sitemap XML ({exc})") from None

    def local(el: Any) -> str:
        return str(etree.QName(el).localname) if isinstance(el.tag, str) else ""

    def child_text(el: Any, name: str) -> str | None:
        for sub in el.iter():
            if local(sub) == name and sub.text and sub.text.strip():
                return str(sub.text).strip()
        return None

    if local(root) == "sitemapindex":
        locs = [child_text(s, "loc") for s in root if local(s) == "sitemap"]
        return ParsedFeed(entries=[], sitemaps=[loc for loc in locs if loc])
    entries = []
    for node in root:
        if local(node) != "url":
            continue
        loc = child_text(node, "loc")
        if loc:
            entries.append(
                FeedEntry(
                    url=loc,
                    title=child_text(node, "title"),
                    published=_iso_date(child_text(node, "publication_date")),
                )
            )
    return ParsedFeed(entries=entries)


def parse_feed(content: bytes, url: str, kind: str = "auto") -> ParsedFeed:
    if kind == "sitemap" or (kind == "auto" and is_sitemap(content)):
        return parse_sitemap(content, url)
    return parse_rss(content, url)


_META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([\w-]+)""", re.IGNORECASE)


def decode_page(page: Fetched) -> tuple[str, str]:
    """The page's text and the charset used: declared, else ``<meta>``, else UTF-8/detected."""
    candidates = [page.charset]
    m = _META_CHARSET.search(page.content[:4096])
    if m:
        candidates.append(m.group(1).decode("ascii", errors="ignore"))
    candidates.append("utf-8")
    for charset in candidates:
        if not charset:
            continue
        try:
            return page.content.decode(charset), charset.lower()
        except (UnicodeDecodeError, LookupError):
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(page.content).best()
    if best is None:
        raise WatchError(f"{page.url}: the page's bytes are in no recognisable text encoding")
    return str(best), best.encoding


def page_article(page: Fetched, entry: FeedEntry) -> RawArticle:
    """The article on a fetched page, with the feed entry's metadata where it has some."""
    text, _charset = decode_page(page)
    fmt: InputFormat = "text" if page.content_type == "text/plain" else "html"
    raw = read_article_bytes(text.encode("utf-8"), entry.url, fmt=fmt)
    return raw.model_copy(
        update={
            "url": entry.url,
            "title": entry.title or raw.title,
            "published": entry.published or raw.published,
        }
    )
