"""A real HTTP server on 127.0.0.1 serving fixture feeds and article pages the project wrote.

Routes are plain data (``Route``: status, headers, body, delay, times to fail first);
tests change them between polls. Every request is logged (path, headers) so tests can
check conditional GETs, the User-Agent and that nothing is fetched twice.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0
    fail_first: int = 0  # answer 503 this many times first
    etag: str | None = None  # answer 304 to If-None-Match with this tag


@dataclass
class Hit:
    path: str
    headers: dict[str, str]
    at: float


class FixtureServer:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: list[Hit] = []
        self.active = 0
        self.max_active = 0  # most requests in flight at once
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None

    @property
    def base(self) -> str:
        assert self._server is not None
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def count(self, path: str) -> int:
        with self._lock:
            return sum(1 for h in self.hits if h.path == path)

    def start(self) -> None:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:  # keep test output clean
                pass

            def do_GET(self) -> None:
                path = self.path.split("?")[0]
                with server._lock:
                    server.hits.append(Hit(path, dict(self.headers.items()), time.monotonic()))
                    route = server.routes.get(path)
                    failing = route is not None and route.fail_first > 0
                    if failing:
                        assert route is not None
                        route.fail_first -= 1
                if route is None:
                    return self._send(404, {"Content-Type": "text/plain"}, b"not found")
                with server._lock:
                    server.active += 1
                    server.max_active = max(server.max_active, server.active)
                try:
                    self._answer(route, failing)
                finally:
                    with server._lock:
                        server.active -= 1

            def _answer(self, route: Route, failing: bool) -> None:
                if route.delay_s:
                    time.sleep(route.delay_s)
                if failing:
                    return self._send(503, {"Content-Type": "text/plain"}, b"try later")
                headers = {"Content-Type": route.content_type, **route.headers}
                if route.etag:
                    headers["ETag"] = route.etag
                    if self.headers.get("If-None-Match") == route.etag:
                        return self._send(304, headers, b"")
                self._send(route.status, headers, route.body)

            def _send(self, status: int, headers: dict[str, str], body: bytes) -> None:
                try:
                    self.send_response(status)
                    for k, v in headers.items():
                        self.send_header(k, v)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    if body and status != 304:
                        self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):  # the client gave up (size cap)
                    pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()


@contextmanager
def fixture_server() -> Iterator[FixtureServer]:
    server = FixtureServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()


# -- content written for these tests ----------------------------------------------------------

CITIES = ["Kabul", "Paris", "Nairobi", "Lagos", "Khartoum", "Kyiv"]
ACTORS = ["Rebels", "Militants", "Gunmen", "Insurgents", "Fighters", "Raiders"]


def article_html(i: int, *, title: str | None = None, charset: str = "utf-8") -> str:
    """An article page: a headline and three paragraphs; the fake extractor finds an ASSAULT."""
    city = CITIES[i % len(CITIES)]
    actor = ACTORS[i % len(ACTORS)]
    title = title or f"Report {i}: clash near {city}"
    paras = [
        f"{actor} attacked Police in {city} on Monday, officials said in report number {i}. "
        "The officials said the attack began before dawn and lasted for several hours.",
        f"Residents of {city} described hearing gunfire across the district for most of the "
        f"morning. Shops stayed closed and the main road was blocked until noon (item {i}).",
        "A spokesman for the local administration said an investigation had been opened and "
        "that more security forces were being sent to the area to restore order.",
    ]
    body = "".join(f"<p>{p}</p>" for p in paras)
    return (
        f'<!doctype html><html><head><meta charset="{charset}"><title>{title}</title></head>'
        f"<body><header><nav>Home | World | Sport</nav></header><article><h1>{title}</h1>"
        f"{body}</article><footer>Copyright the fixture press</footer></body></html>"
    )


def rss(base: str, items: list[tuple[str, str, dt.date]]) -> bytes:
    """An RSS 2.0 feed of ``(path, title, published)`` items."""
    out = [
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>',
        f"<title>Fixture wire</title><link>{base}/</link><description>test</description>",
    ]
    for path, title, day in items:
        when = format_datetime(dt.datetime.combine(day, dt.time(9, 30), tzinfo=dt.UTC))
        out.append(
            f"<item><title>{title}</title><link>{base}{path}</link>"
            f"<guid>{base}{path}</guid><pubDate>{when}</pubDate></item>"
        )
    out.append("</channel></rss>")
    return "".join(out).encode("utf-8")


def atom(base: str, items: list[tuple[str, str, dt.date]]) -> bytes:
    out = [
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">',
        f"<title>Fixture atom</title><id>{base}/atom</id><updated>2026-03-02T00:00:00Z</updated>",
    ]
    for path, title, day in items:
        out.append(
            f'<entry><title>{title}</title><link href="{base}{path}"/><id>{base}{path}</id>'
            f"<updated>{day.isoformat()}T08:00:00Z</updated></entry>"
        )
    out.append("</feed>")
    return "".join(out).encode("utf-8")


def sitemap(base: str, items: list[tuple[str, str, dt.date]]) -> bytes:
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
    ]
    for path, title, day in items:
        out.append(
            f"<url><loc>{base}{path}</loc><news:news><news:publication_date>{day.isoformat()}"
            f"</news:publication_date><news:title>{title}</news:title></news:news></url>"
        )
    out.append("</urlset>")
    return "".join(out).encode("utf-8")
