"""Sign in and out of the browser UI.

The sign-in form is protected by a double-submit CSRF token (a random cookie echoed in a
hidden field, so another site cannot post it); failed sign-ins are rate-limited per client
address and per account name. A session is an HttpOnly, SameSite=Strict cookie holding a
random id (the database keeps only its digest).
"""

from __future__ import annotations

import secrets
from typing import Annotated, Any
from urllib.parse import urlsplit

from fastapi import FastAPI, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from khabar.api.auth import (
    LOGIN_CSRF_COOKIE,
    SESSION_COOKIE,
    LoginLimiter,
    same_token,
)
from khabar.store.accounts import SESSION_HOURS, end_session, start_session, verify_password


def _cookie(ui: Any, response: Response, name: str, value: str, max_age: int) -> None:
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        path="/",
        httponly=True,
        samesite="strict",
        secure=ui.secure_cookies,
    )


def _next(target: str | None) -> str:
    """A local path to return to after signing in (never another site)."""
    if not target or not target.startswith("/") or target.startswith("//"):
        return "/"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or "\\" in target:
        return "/"
    return target[:500]


def register(app: FastAPI, ui: Any, *, attempts: int = 5) -> None:
    limiter = LoginLimiter(attempts=attempts)

    def login_form(
        request: Request, error: str | None = None, status: int = 200, name: str = ""
    ) -> HTMLResponse:
        token = secrets.token_urlsafe(32)
        response = ui.render(
            "login.html",
            request,
            status=status,
            page="login",
            login_csrf=token,
            error=error,
            name=name,
            next=_next(request.query_params.get("next")),
        )
        _cookie(ui, response, LOGIN_CSRF_COOKIE, token, 3600)
        return response

    @app.get("/login", response_class=HTMLResponse, include_in_schema=False)
    def login_page(request: Request) -> HTMLResponse:
        return login_form(request)

    @app.post("/login", include_in_schema=False)
    def login(
        request: Request,
        name: Annotated[str, Form(max_length=64)],
        password: Annotated[str, Form(max_length=1024)],
        csrf: Annotated[str, Form(max_length=100)],
        next: Annotated[str, Form(max_length=500)] = "/",
    ) -> Response:
        if not same_token(csrf, request.cookies.get(LOGIN_CSRF_COOKIE)):
            return login_form(request, "The form expired: please sign in again.", 403, name)
        client = request.client.host if request.client else "?"
        keys = (f"ip:{client}", f"user:{name.casefold()}")
        wait = limiter.blocked(*keys)
        if wait > 0:
            refused = login_form(
                request, f"Too many failed sign-ins: wait {int(wait) + 1} s.", 429, name
            )
            refused.headers["retry-after"] = str(int(wait) + 1)
            return refused
        user = verify_password(ui.store, name, password)
        if user is None:
            limiter.failed(*keys)
            return login_form(request, "Wrong name or password.", 401, name)
        limiter.succeeded(*keys)
        sid, _csrf = start_session(ui.store, user)
        response = RedirectResponse(_next(next), status_code=303)
        _cookie(ui, response, SESSION_COOKIE, sid, SESSION_HOURS * 3600)
        response.delete_cookie(LOGIN_CSRF_COOKIE, path="/")
        return response

    @app.post("/logout", include_in_schema=False)
    def logout(request: Request, csrf: Annotated[str, Form(max_length=100)]) -> Response:
        who = ui.who(request)
        sid = request.cookies.get(SESSION_COOKIE)
        if who is not None and who.via == "session" and sid and same_token(csrf, who.csrf):
            end_session(ui.store, sid)
        response = RedirectResponse("/", status_code=303)
        response.delete_cookie(SESSION_COOKIE, path="/")
        return response
