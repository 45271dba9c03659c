"""HTTP hardening: security headers on every response and a request body size limit.

The UI never puts article text into HTML except through Jinja's autoescaping or DOM
``textContent``; the Content-Security-Policy is the second line: no inline script, no
``eval``, nothing loaded from anywhere but this server.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable
from typing import Any

log = logging.getLogger("khabar.api")

CSP = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "font-src 'self'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "object-src 'none'",
    ]
)

SECURITY_HEADERS: dict[str, str] = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
    "permissions-policy": "geolocation=(), camera=(), microphone=()",
}

Scope = dict[str, Any]


class SecurityHeaders:
    """ASGI middleware adding ``SECURITY_HEADERS`` to every HTTP response."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        started = False

        async def send_with_headers(message: dict[str, Any]) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = [
                    (k, v)
                    for k, v in message.get("headers", [])
                    if k.decode("latin-1").lower() not in SECURITY_HEADERS
                ]
                headers += [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:  # an unexpected error still gets a 500 with the headers
            log.exception("error serving %s %s", scope.get("method"), scope.get("path"))
            if started:
                raise
            await _reply(send_with_headers, 500, "internal error; the server log has details")


class HeadAsGet:
    """Answer ``HEAD`` like ``GET`` without the body (FastAPI routes only list ``GET``)."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def no_body(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, no_body)


class StrictQuery:
    """422 for a query parameter a GET route under ``/api/`` does not know (a typo such as
    ``?contry=AFG`` would otherwise silently return everything)."""

    def __init__(self, app: Any, routes: Iterable[tuple[str, frozenset[str]]]) -> None:
        self.app = app
        self.routes = [(re.compile(pattern), names) for pattern, names in routes]

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope["method"] in ("GET", "HEAD"):
            from urllib.parse import parse_qsl

            path = scope["path"]
            query = scope.get("query_string", b"").decode("latin-1")
            given = {k for k, _ in parse_qsl(query, keep_blank_values=True)}
            for pattern, names in self.routes:
                if pattern.fullmatch(path):
                    unknown = sorted(given - names)
                    if unknown:
                        known = ", ".join(sorted(names))
                        detail = [
                            {
                                "type": "extra_forbidden",
                                "loc": ["query", name],
                                "msg": f"unknown query parameter; known: {known}",
                                "input": name,
                            }
                            for name in unknown[:10]
                        ]
                        await _reply(send, 422, detail)
                        return
                    break
        await self.app(scope, receive, send)


async def _reply(send: Any, status: int, detail: Any) -> None:
    body = json.dumps({"detail": detail}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


async def _reply_413(send: Any, limit: int) -> None:
    await _reply(send, 413, f"request body too large: at most {limit} bytes; send a shorter text")


class BodyLimit:
    """ASGI middleware answering 413 to any request body larger than ``limit`` bytes.

    A declared ``Content-Length`` over the limit is refused before reading; a chunked body
    is read up to the limit, then replayed to the application.
    """

    def __init__(self, app: Any, limit: int, per_path: dict[str, int] | None = None) -> None:
        self.app = app
        self.default = limit
        self.per_path = per_path or {}

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        limit = self.per_path.get(scope["path"], self.default)
        for key, value in scope.get("headers", []):
            if key == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = limit + 1
                if declared > limit:
                    await _reply_413(send, limit)
                    return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                await _reply_413(send, limit)
                return
            chunks.append(chunk)
            if not message.get("more_body"):
                break
        body = b"".join(chunks)
        sent = False

        async def replay() -> dict[str, Any]:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            message: dict[str, Any] = await receive()
            return message

        await self.app(scope, replay, send)
