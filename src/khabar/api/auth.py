"""Who is asking: API tokens, browser sessions, CSRF checks and the login rate limit.

Reading needs nobody. Writing (review, extraction) needs a user: an API client sends
``Authorization: Bearer <token>`` (``khabar user token NAME``); a browser signs in and gets
an HttpOnly, SameSite=Strict session cookie (Secure with ``--secure-cookies``), and every
form or script that writes with that cookie must echo the session's CSRF token.
"""

from __future__ import annotations

import hmac
import threading
import time
from collections import deque
from dataclasses import dataclass

from fastapi import HTTPException, Request

from khabar.store import Store
from khabar.store.accounts import User, session_user, user_for_token

SESSION_COOKIE = "khabar_session"
LOGIN_CSRF_COOKIE = "khabar_login_csrf"
CSRF_HEADER = "x-csrf-token"


@dataclass(frozen=True)
class Caller:
    """A signed-in user, how they signed in, and (for a browser) the session's CSRF token."""

    user: User
    via: str  # "token" or "session"
    csrf: str | None = None


def caller(request: Request, store: Store) -> Caller | None:
    """The user behind a request (token first, then session cookie), or ``None``."""
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        user = user_for_token(store, auth[7:].strip())
        return Caller(user, "token") if user else None
    sid = request.cookies.get(SESSION_COOKIE)
    if sid:
        found = session_user(store, sid)
        if found:
            return Caller(found[0], "session", found[1])
    return None


def same_token(given: str | None, expected: str | None) -> bool:
    if not given or not expected:
        return False
    return hmac.compare_digest(given.encode(), expected.encode())


def require_writer(request: Request, store: Store, *, form_csrf: str | None = None) -> Caller:
    """The caller if they may write; 401 without credentials, 403 on a bad CSRF token.

    A bearer token is not sent by browsers on their own, so it needs no CSRF token; a
    session cookie is, so the request must carry the session's CSRF token (form field or
    ``X-CSRF-Token`` header).
    """
    who = caller(request, store)
    if who is None:
        raise HTTPException(
            401,
            "sign in first: send 'Authorization: Bearer <token>' (khabar user token NAME) "
            "or sign in at /login",
            headers={"WWW-Authenticate": "Bearer"},
        )
    if who.via == "session":
        given = form_csrf if form_csrf is not None else request.headers.get(CSRF_HEADER)
        if not same_token(given, who.csrf):
            raise HTTPException(403, "missing or wrong CSRF token: reload the page and retry")
    return who


class LoginLimiter:
    """At most ``attempts`` failed sign-ins per ``window_s`` per client address and per
    account name (in this process; each ``--workers`` process counts on its own)."""

    def __init__(self, attempts: int = 5, window_s: float = 300.0) -> None:
        self.attempts = attempts
        self.window_s = window_s
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> deque[float]:
        q = self._failures.setdefault(key, deque())
        while q and q[0] < now - self.window_s:
            q.popleft()
        return q

    def blocked(self, *keys: str) -> float:
        """Seconds until another attempt is allowed (0: allowed now)."""
        now = time.monotonic()
        with self._lock:
            waits = [
                q[0] + self.window_s - now
                for q in (self._recent(k, now) for k in keys)
                if len(q) >= self.attempts
            ]
        return max(waits, default=0.0)

    def failed(self, *keys: str) -> None:
        now = time.monotonic()
        with self._lock:
            if len(self._failures) > 100_000:  # a flood of addresses: forget the oldest
                self._failures.clear()
            for k in keys:
                self._recent(k, now).append(now)

    def succeeded(self, *keys: str) -> None:
        with self._lock:
            for k in keys:
                self._failures.pop(k, None)
