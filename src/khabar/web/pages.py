"""Routes of the browser UI: the map and timeline, the actor graph, the article view; the
events table, event and cluster pages and review live in ``web.events``, sign-in in
``web.account``.

Pages are rendered by Jinja2 with autoescaping on; the filter bar is a plain GET form, so
the filter state lives in the URL and every view of it can be bookmarked and shared. The
scripts in ``static/`` read the same URL parameters and call the JSON API.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from typing import Any
from urllib.parse import urlencode, urlsplit

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import Scope

from khabar.api.auth import Caller, caller
from khabar.store import Store
from khabar.store.views import get_article
from khabar.web.highlight import segments

#: URL parameters of the filter bar (also the API's filter parameters).
FILTER_KEYS = (
    "type",
    "actor",
    "country",
    "since",
    "until",
    "factuality",
    "cluster",
    "actor_country",
    "sector",
    "outlet",
    "min_confidence",
    "text",
    "review",
)
MULTI_KEYS = ("type", "factuality", "review")
FACTUALITIES = ("asserted", "negated", "hypothetical", "future", "historical")
REVIEW_STATUSES = ("unreviewed", "confirmed", "rejected", "edited")
QUAD_CLASSES = (
    "VERBAL_COOPERATION",
    "MATERIAL_COOPERATION",
    "VERBAL_CONFLICT",
    "MATERIAL_CONFLICT",
)


def safe_url(url: str | None) -> str | None:
    """``url`` if it is an http(s) link, else ``None`` (never a ``javascript:`` href)."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


def _filters(request: Request) -> dict[str, Any]:
    params = request.query_params
    return {key: params.getlist(key) if key in MULTI_KEYS else params.get(key, "")
            for key in FILTER_KEYS}  # fmt: skip


def filter_query(request: Request, **extra: Any) -> str:
    """The filter parameters of this page's URL (empty values dropped), plus ``extra``."""
    pairs = [(k, v) for k, v in request.query_params.multi_items() if k in FILTER_KEYS and v]
    pairs += [(k, str(v)) for k, v in extra.items() if v not in (None, "")]
    return urlencode(pairs)


class SafeStatic(StaticFiles):
    """Static files where an impossible path (a NUL byte, an over-long name) is a 404."""

    async def get_response(self, path: str, scope: Scope) -> Response:
        if "\x00" in path or len(path) > 255:
            raise StarletteHTTPException(404)
        try:
            return await super().get_response(path, scope)
        except (ValueError, OSError):
            raise StarletteHTTPException(404) from None


@dataclass
class UI:
    """What every page needs: templates, the store, settings, and the caller."""

    env: Environment
    store: Store
    secure_cookies: bool = False
    extras: dict[str, Any] = field(default_factory=dict)

    def who(self, request: Request) -> Caller | None:
        return caller(request, self.store)

    def render(
        self,
        template: str,
        request: Request,
        status: int = 200,
        who: Caller | None = None,
        **context: Any,
    ) -> HTMLResponse:
        from khabar.api.filters import plover_types

        who = who if who is not None else self.who(request)
        html = self.env.get_template(template).render(
            filters=_filters(request),
            query=filter_query(request),
            types=plover_types(),
            factualities=FACTUALITIES,
            review_statuses=REVIEW_STATUSES,
            quad_classes=QUAD_CLASSES,
            path=request.url.path,
            count_unit="events" if request.query_params.get("count") == "events" else "mentions",
            user=who.user if who and who.via == "session" else None,
            csrf=who.csrf if who and who.via == "session" else None,
            **context,
        )
        return HTMLResponse(html, status_code=status, headers={"cache-control": "no-store"})

    def missing(self, request: Request, what: str) -> HTMLResponse:
        return self.render("missing.html", request, status=404, page="missing", what=what)


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("khabar.web", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["safe_url"] = safe_url
    return env


def mount_ui(app: FastAPI, store: Store) -> None:
    """Add the UI's pages and static files to ``app``."""
    from khabar.web import account, events

    settings = getattr(app.state, "settings", None)
    ui = UI(
        env=_environment(),
        store=store,
        secure_cookies=bool(getattr(settings, "secure_cookies", False)),
    )
    static = resources.files("khabar.web").joinpath("static")
    app.mount("/static", SafeStatic(directory=str(static)), name="static")
    favicon = static.joinpath("favicon.svg").read_bytes()

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon_ico() -> Response:
        return Response(favicon, media_type="image/svg+xml")

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def map_page(request: Request) -> HTMLResponse:
        return ui.render("map.html", request, page="map")

    @app.get("/actors", response_class=HTMLResponse, include_in_schema=False)
    def actors_page(request: Request) -> HTMLResponse:
        return ui.render("actors.html", request, page="actors")

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(request: Request, article_id: str) -> HTMLResponse:
        article = get_article(store, article_id[:64])
        if article is None:
            return ui.missing(request, f"article {article_id[:64]}")
        focus = request.query_params.get("event")
        if focus not in {se.id for se in article.events}:
            focus = None
        return ui.render(
            "article.html",
            request,
            page="article",
            article=article,
            focus=focus,
            segments=segments(article.text, article.events, focus),
        )

    events.register(app, ui)
    account.register(app, ui, attempts=int(getattr(settings, "login_attempts", 5)))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        if request.url.path.startswith("/api/"):
            from fastapi.exception_handlers import request_validation_exception_handler

            return await request_validation_exception_handler(request, exc)
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'][1:])}: {e['msg']}" for e in exc.errors()
        )
        return ui.render("invalid.html", request, status=422, page="missing", problems=problems)

    @app.exception_handler(404)
    async def not_found(request: Request, exc: Exception) -> Response:
        if request.url.path.startswith(("/api/", "/static/", "/docs/")):
            from fastapi.exception_handlers import http_exception_handler

            return await http_exception_handler(request, exc)  # type: ignore[arg-type]
        return ui.missing(request, f"page {request.url.path[:100]}")
