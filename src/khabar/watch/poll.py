"""Poll feeds and ingest their new articles through ``khabar.store.pipeline.ingest``.

One poll of a feed: robots.txt → conditional GET → entries → skip the entries already
handled (``feed_entries``) → fetch the new pages (a small pool, polite per host) →
ingest them (one transaction per article) → mark each entry → save the feed's
validators. Validators are saved only when every entry was handled, so entries that
failed, or that a stop (SIGTERM) left, are seen again on the next poll. One feed's
failure is recorded in its state and never stops the others.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor

from pydantic import BaseModel, ConfigDict

from khabar.errors import KhabarError
from khabar.ingest.batch import InputRecord
from khabar.ingest.read import RawArticle, article_from_raw
from khabar.store.database import Store
from khabar.store.feeds import (
    EntryStatus,
    ensure_feed,
    entries_to_skip,
    entry_key,
    feed_state,
    mark_entry,
    record_poll,
    stored_elsewhere,
)
from khabar.store.pipeline import ExtractorLoader, Extracts, ingest
from khabar.watch.config import FeedConfig, WatchConfig
from khabar.watch.fetch import Fetcher, FetchError
from khabar.watch.parse import FeedEntry, ParsedFeed, page_article, parse_feed

#: At most this many child sitemaps of a sitemap index are read per poll.
MAX_CHILD_SITEMAPS = 20


class FeedReport(BaseModel):
    """What one poll of one feed did."""

    model_config = ConfigDict(extra="forbid")

    feed: str
    entries: int = 0
    new: int = 0
    stored: int = 0
    already: int = 0
    rejected: int = 0
    failed: int = 0
    disallowed: int = 0
    not_modified: bool = False
    stopped: bool = False
    error: str | None = None


class SharedExtractor:
    """Loads the extractor on first use (no model load when no feed has news), then keeps it."""

    def __init__(self, loader: ExtractorLoader, on_load: Callable[[str], None] | None = None):
        self._loader = loader
        self._extractor: Extracts | None = None
        self._on_load = on_load

    def __call__(self) -> Extracts:
        if self._extractor is None:
            if self._on_load:
                self._on_load("start")
            self._extractor = self._loader()
            if self._on_load:
                self._on_load("done")
        return self._extractor


def _entries(fetcher: Fetcher, feed: FeedConfig, parsed: ParsedFeed) -> list[FeedEntry]:
    entries = list(parsed.entries)
    for child in parsed.sitemaps[:MAX_CHILD_SITEMAPS]:
        got = fetcher.get(child)
        entries += parse_feed(got.content, child, "sitemap").entries
    unique: dict[str, FeedEntry] = {}
    for e in entries:
        unique.setdefault(e.url, e)
    return list(unique.values())[: feed.max_entries]


def poll_feed(
    feed: FeedConfig,
    store: Store,
    fetcher: Fetcher,
    extractor: SharedExtractor,
    *,
    stop: threading.Event | None = None,
    on_article: Callable[[str], None] | None = None,
) -> FeedReport:
    """Poll one feed once; errors end up in the report and the feed's stored state."""
    stop = stop or threading.Event()
    report = FeedReport(feed=feed.name)
    ensure_feed(store, feed.name, feed.url)
    state = feed_state(store, feed.name)
    try:
        got = fetcher.get(
            feed.url,
            etag=state.etag if state else None,
            last_modified=state.last_modified if state else None,
        )
        if got.not_modified:
            report.not_modified = True
            record_poll(store, feed.name, keep_validators=True)
            return report
        entries = _entries(fetcher, feed, parse_feed(got.content, feed.url, feed.kind))
    except KhabarError as exc:
        report.error = str(exc)
        record_poll(store, feed.name, error=report.error)
        return report
    report.entries = len(entries)
    skip = entries_to_skip(store, feed.name, [entry_key(e.url) for e in entries])
    new = [e for e in entries if entry_key(e.url) not in skip]
    report.new = len(new)
    elsewhere = stored_elsewhere(store, feed.name, [entry_key(e.url) for e in new])
    for e in new:
        if entry_key(e.url) in elsewhere:
            mark_entry(store, feed.name, e.url, "already", article_id=elsewhere[entry_key(e.url)])
            report.already += 1
    new = [e for e in new if entry_key(e.url) not in elsewhere]

    pending: dict[str, tuple[FeedEntry, str, bool]] = {}  # record name -> entry, sha, known

    def finish(entry: FeedEntry, status: EntryStatus, reason: str | None = None) -> None:
        mark_entry(store, feed.name, entry.url, status, reason=reason)
        setattr(report, status, getattr(report, status) + 1)
        if on_article:
            on_article(status)

    def settle(final: bool, reasons: dict[str, str] | None = None) -> None:
        """Mark the entries whose article is stored now (at the end: all, else rejected)."""
        for name, (entry, sha, known) in list(pending.items()):
            meta = store.article_meta(sha)
            if meta is None and not final:
                continue
            del pending[name]
            if meta is None:
                status: EntryStatus = "rejected"
                mark_entry(store, feed.name, entry.url, status, reason=(reasons or {}).get(name))
            else:
                status = "already" if known else "stored"
                mark_entry(store, feed.name, entry.url, status, article_id=meta.id)
            setattr(report, status, getattr(report, status) + 1)
            if on_article:
                on_article(status)

    def records() -> Iterator[InputRecord]:
        for entry, outcome in _fetch_pages(fetcher, new, stop):
            settle(final=False)  # entries whose articles the last chunk stored
            if isinstance(outcome, FetchError):
                kind: EntryStatus = (
                    "disallowed"
                    if outcome.kind == "disallowed"
                    else "failed"
                    if outcome.retryable
                    else "rejected"
                )
                finish(entry, kind, str(outcome))
                continue
            if isinstance(outcome, KhabarError):
                finish(entry, "rejected", str(outcome))
                continue
            try:
                sha = article_from_raw(outcome).text_sha256
            except KhabarError as exc:
                finish(entry, "rejected", f"{entry.url}: {exc}")
                continue
            pending[entry.url] = (entry, sha, store.article_meta(sha) is not None)
            yield InputRecord(name=entry.url, raw=outcome)

    if not new:
        record_poll(store, feed.name, etag=got.etag, last_modified=got.last_modified)
        return report
    # a syndicated copy of a stored article (same text, other URL) is "already", not an update
    result = ingest(records(), store, extractor, update_changed=False)
    settle(final=True, reasons={r.input_name: r.reason for r in result.rejections})
    report.stopped = stop.is_set()
    complete = not report.stopped and report.failed == 0
    record_poll(
        store,
        feed.name,
        etag=got.etag if complete else None,
        last_modified=got.last_modified if complete else None,
    )
    return report


def _fetch_pages(
    fetcher: Fetcher, entries: list[FeedEntry], stop: threading.Event
) -> Iterator[tuple[FeedEntry, RawArticle | KhabarError]]:
    """``(entry, RawArticle | KhabarError)`` in feed order; a few pages fetched ahead."""

    def one(entry: FeedEntry) -> RawArticle | KhabarError:
        try:
            return page_article(fetcher.get(entry.url), entry)
        except KhabarError as exc:
            return exc

    ahead = max(2, fetcher.policy.per_host_concurrency)
    with ThreadPoolExecutor(max_workers=ahead, thread_name_prefix="khabar-fetch") as pool:
        queue: list[tuple[FeedEntry, Future[RawArticle | KhabarError]]] = []
        todo = iter(entries)
        while True:
            while len(queue) < ahead and not stop.is_set():
                entry = next(todo, None)
                if entry is None:
                    break
                queue.append((entry, pool.submit(one, entry)))
            if not queue or stop.is_set():
                for _, fut in queue:
                    fut.cancel()
                return
            entry, fut = queue.pop(0)
            yield entry, fut.result()


def run_watch(
    config: WatchConfig,
    store: Store,
    loader: ExtractorLoader,
    *,
    once: bool = False,
    interval_s: float = 900.0,
    stop: threading.Event | None = None,
    fetcher: Fetcher | None = None,
    on_feed: Callable[[FeedReport], None] | None = None,
    on_article: Callable[[str], None] | None = None,
    on_load: Callable[[str], None] | None = None,
) -> list[FeedReport]:
    """Poll every feed, then again every ``interval_s`` until ``stop`` (or once)."""
    stop = stop or threading.Event()
    extractor = SharedExtractor(loader, on_load)
    own_fetcher = fetcher is None
    fetcher = fetcher or Fetcher(config.policy)
    reports: list[FeedReport] = []
    try:
        while not stop.is_set():
            started = time.monotonic()
            for feed in config.feeds:
                if stop.is_set():
                    break
                try:
                    rep = poll_feed(
                        feed, store, fetcher, extractor, stop=stop, on_article=on_article
                    )
                except KhabarError as exc:  # e.g. the database: recorded, the others go on
                    rep = FeedReport(feed=feed.name, error=str(exc))
                    record_poll(store, feed.name, error=rep.error)
                reports.append(rep)
                if on_feed:
                    on_feed(rep)
            if once:
                break
            stop.wait(max(0.0, interval_s - (time.monotonic() - started)))
    finally:
        if own_fetcher:
            fetcher.close()
    return reports
