"""Polite HTTP fetching: robots.txt, per-host rate limit and concurrency cap, retries.

``Fetcher.get`` follows redirects itself (each hop checked against robots.txt and
counted, loops refused), sends conditional-GET validators, retries 5xx/429/timeouts with
exponential backoff, and refuses a body over the size cap while it streams — a 20 MB
page costs at most ``max_bytes`` of memory. Thread-safe: pages of one feed are fetched
by a small pool, and each host sees at most ``per_host_concurrency`` requests at a time,
started at least ``per_host_delay_s`` apart (or robots.txt's Crawl-delay, if larger).
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from collections.abc import Callable
from typing import Literal
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx
from pydantic import BaseModel, ConfigDict

from khabar.errors import WatchError
from khabar.watch.config import CrawlPolicy

#: robots.txt is read again after this long (after a failure to read it: ROBOTS_RETRY_S).
ROBOTS_TTL_S = 3600.0
ROBOTS_RETRY_S = 300.0

FailureKind = Literal["http", "timeout", "network", "too-large", "redirects", "disallowed"]


class FetchError(WatchError):
    """A URL could not be fetched; ``retryable`` failures are tried again on a later poll."""

    def __init__(self, url: str, kind: FailureKind, detail: str) -> None:
        super().__init__(f"{url}: {detail}")
        self.url = url
        self.kind = kind
        self.retryable = kind in ("timeout", "network") or detail.startswith("HTTP 5")


class Fetched(BaseModel):
    """A fetched response (``not_modified``: the server answered 304 to our validators)."""

    model_config = ConfigDict(extra="forbid")

    url: str
    status: int
    content: bytes = b""
    content_type: str = ""
    charset: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False


def host_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


class Fetcher:
    """Fetches URLs under a ``CrawlPolicy``. Build with ``Fetcher(policy)``; ``close()`` it."""

    def __init__(
        self,
        policy: CrawlPolicy,
        *,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.policy = policy
        self._transport = transport
        self._client: httpx.Client | None = None
        self._sleep = sleep
        self._lock = threading.Lock()
        self._next_slot: dict[str, float] = defaultdict(float)
        self._slots: dict[str, threading.BoundedSemaphore] = {}
        self._robots: dict[str, tuple[float, RobotFileParser | bool]] = {}
        self.requests = 0

    @property
    def client(self) -> httpx.Client:
        with self._lock:
            if self._client is None:
                self._client = httpx.Client(
                    headers={"User-Agent": self.policy.user_agent},
                    timeout=self.policy.timeout_s,
                    follow_redirects=False,
                    transport=self._transport,
                    trust_env=False,
                )
            return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- etiquette ------------------------------------------------------------------------

    def _slot(self, host: str) -> threading.BoundedSemaphore:
        with self._lock:
            if host not in self._slots:
                self._slots[host] = threading.BoundedSemaphore(self.policy.per_host_concurrency)
            return self._slots[host]

    def _wait_turn(self, host: str) -> None:
        delay = self.policy.per_host_delay_s
        robots = self._robots.get(host, (0.0, True))[1]
        if isinstance(robots, RobotFileParser):
            crawl_delay = robots.crawl_delay(self.policy.user_agent)
            if crawl_delay is not None:
                delay = max(delay, min(float(crawl_delay), 60.0))
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next_slot[host])
            self._next_slot[host] = start + delay
        if start > now:
            self._sleep(start - now)

    def _robots_for(self, host: str) -> RobotFileParser | bool:
        now = time.monotonic()
        with self._lock:
            cached = self._robots.get(host)
        if cached is not None and cached[0] > now:
            return cached[1]
        robots = self._load_robots(host)
        ttl = ROBOTS_TTL_S if robots is not False else ROBOTS_RETRY_S
        with self._lock:
            self._robots[host] = (now + ttl, robots)
        return robots

    def allowed(self, url: str) -> bool:
        """Whether robots.txt lets our User-Agent fetch ``url`` (RFC 9309 semantics)."""
        if not self.policy.obey_robots:
            return True
        robots = self._robots_for(host_of(url))
        if isinstance(robots, bool):
            return robots
        return robots.can_fetch(self.policy.user_agent, url)

    def _load_robots(self, host: str) -> RobotFileParser | bool:
        """The host's robots.txt; ``True`` (allow all) if it has none, ``False`` if unreachable."""
        try:
            got = self._get_once(f"{host}/robots.txt", {}, max_bytes=500_000)
        except FetchError as exc:
            return exc.kind == "too-large"  # unreachable: assume complete disallow (RFC 9309)
        if got.status >= 500:
            return False
        if got.status >= 300:
            return True  # no robots.txt (4xx; a redirect is not followed): all allowed
        parser = RobotFileParser()
        parser.parse(got.content.decode("utf-8", errors="replace").splitlines())
        return parser

    # -- fetching -------------------------------------------------------------------------

    def get(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> Fetched:
        """GET ``url`` politely; raises ``FetchError`` (with ``kind``) when it cannot."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        seen = {url}
        current = url
        for _hop in range(self.policy.max_redirects + 1):
            if not self.allowed(current):
                raise FetchError(current, "disallowed", "robots.txt disallows this URL")
            got = self._get_with_retries(current, headers)
            if got.status in (301, 302, 303, 307, 308) and got.url != current:
                if got.url in seen:
                    raise FetchError(url, "redirects", f"redirect loop through {got.url}")
                seen.add(got.url)
                current = got.url
                continue
            if got.status == 304:
                return got.model_copy(update={"not_modified": True})
            if got.status >= 400:
                raise FetchError(current, "http", f"HTTP {got.status}")
            return got
        raise FetchError(url, "redirects", f"more than {self.policy.max_redirects} redirects")

    def _get_with_retries(self, url: str, headers: dict[str, str]) -> Fetched:
        attempt = 0
        while True:
            try:
                got = self._get_once(url, headers, max_bytes=self.policy.max_bytes)
            except FetchError as exc:
                if not exc.retryable or attempt >= self.policy.retries:
                    raise
            else:
                if not (got.status >= 500 or got.status == 429) or attempt >= self.policy.retries:
                    return got
            self._sleep(self.policy.backoff_s * 2**attempt)
            attempt += 1

    def _get_once(self, url: str, headers: dict[str, str], *, max_bytes: int) -> Fetched:
        host = host_of(url)
        with self._slot(host):
            self._wait_turn(host)
            self.requests += 1
            try:
                with self.client.stream("GET", url, headers=headers) as resp:
                    return self._read(url, resp, max_bytes)
            except httpx.TimeoutException:
                raise FetchError(
                    url, "timeout", f"no answer within {self.policy.timeout_s:g} s"
                ) from None
            except httpx.HTTPError as exc:
                raise FetchError(url, "network", f"{type(exc).__name__}: {exc}") from None

    def _read(self, url: str, resp: httpx.Response, max_bytes: int) -> Fetched:
        if resp.is_redirect:
            target = urljoin(url, resp.headers.get("location", ""))
            return Fetched(url=target, status=resp.status_code)
        declared = resp.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > max_bytes:
            raise FetchError(
                url, "too-large", f"{int(declared):,} bytes is over the {max_bytes:,}-byte cap"
            )
        body = bytearray()
        for chunk in resp.iter_bytes():
            body += chunk
            if len(body) > max_bytes:
                raise FetchError(url, "too-large", f"over the {max_bytes:,}-byte cap")
        return Fetched(
            url=str(resp.url),
            status=resp.status_code,
            content=bytes(body),
            content_type=resp.headers.get("content-type", "").split(";")[0].strip().lower(),
            charset=resp.charset_encoding,
            etag=resp.headers.get("etag"),
            last_modified=resp.headers.get("last-modified"),
        )
