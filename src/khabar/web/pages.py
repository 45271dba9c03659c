"""Routes of the browser UI: the map and timeline, the actor graph and the article view.

Pages are rendered by Jinja2 with autoescaping on; the filter bar is a plain GET form, so
the filter state lives in the URL and every view of it can be bookmarked and shared. The
scripts in ``static/`` read the same URL parameters and call the JSON API.
"""

from __future__ import annotations

from importlib import resources
from typing import Any
from urllib.parse import urlencode, urlsplit

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, PackageLoader, select_autoescape

from khabar.store import Store
from khabar.store.views import get_article, get_event
from khabar.web.highlight import segments

#: URL parameters of the filter bar (also the API's filter parameters).
FILTER_KEYS = ("type", "actor", "country", "since", "until", "factuality", "cluster")
FACTUALITIES = ("asserted", "negated", "hypothetical", "future", "historical")
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
    return {key: params.getlist(key) if key in ("type", "factuality") else params.get(key, "")
            for key in FILTER_KEYS}  # fmt: skip


def _query_string(request: Request) -> str:
    pairs = [(k, v) for k, v in request.query_params.multi_items() if k in FILTER_KEYS and v]
    return urlencode(pairs)


def mount_ui(app: FastAPI, store: Store) -> None:
    """Add the UI's pages and static files to ``app``."""
    from khabar.api.filters import plover_types

    env = Environment(
        loader=PackageLoader("khabar.web", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["safe_url"] = safe_url
    static = resources.files("khabar.web").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")

    def render(name: str, request: Request, status: int = 200, **context: Any) -> HTMLResponse:
        html = env.get_template(name).render(
            filters=_filters(request),
            query=_query_string(request),
            types=plover_types(),
            factualities=FACTUALITIES,
            quad_classes=QUAD_CLASSES,
            path=request.url.path,
            **context,
        )
        return HTMLResponse(html, status_code=status)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def map_page(request: Request) -> HTMLResponse:
        return render("map.html", request, page="map")

    @app.get("/actors", response_class=HTMLResponse, include_in_schema=False)
    def actors_page(request: Request) -> HTMLResponse:
        return render("actors.html", request, page="actors")

    @app.get("/events/{event_id}", include_in_schema=False)
    def event_page(event_id: str) -> RedirectResponse:
        found = get_event(store, event_id[:64])
        if found is None:
            raise HTTPException(404, "no such event")
        target = f"/articles/{found.event.article.id}?{urlencode({'event': found.event.id})}"
        return RedirectResponse(target + f"#event-{found.event.id}", status_code=303)

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(request: Request, article_id: str) -> HTMLResponse:
        article = get_article(store, article_id[:64])
        if article is None:
            return render("missing.html", request, status=404, page="article", what=article_id)
        focus = request.query_params.get("event")
        if focus not in {se.id for se in article.events}:
            focus = None
        return render(
            "article.html",
            request,
            page="article",
            article=article,
            focus=focus,
            segments=segments(article.text, article.events, focus),
        )
