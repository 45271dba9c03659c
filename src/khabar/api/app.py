"""``create_app(store, settings=…)``: the FastAPI application of ``khabar serve``.

Nothing happens at import: the app is built by an explicit call over an open ``Store``,
the extractor is loaded on the first ``POST /api/extract``, and every route is a thin
shell over ``khabar.store`` views and ``khabar.export`` writers.
"""

import datetime as dt
import hmac
import threading
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, HTTPException, Path, Query, Request
from fastapi.responses import Response, StreamingResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool
from starlette.middleware.trustedhost import TrustedHostMiddleware

from khabar import __version__
from khabar.api.auth import require_writer
from khabar.api.cache import CountCache
from khabar.api.cancel import ClientGone, run_until_disconnect
from khabar.api.exports import EXPORTS, stream_export
from khabar.api.filters import event_query, plover_types
from khabar.api.security import BodyLimit, HeadAsGet, SecurityHeaders, StrictQuery
from khabar.api.settings import ApiSettings
from khabar.errors import KhabarError
from khabar.ingest.budget import run_with_budget
from khabar.model import ExtractionResult
from khabar.store import EventQuery, Store, StoreStats
from khabar.store.filtered_stats import filtered_stats
from khabar.store.views import (
    ActorSummary,
    EventDetail,
    EventPage,
    MapPoints,
    SortKey,
    StoredArticle,
    Timeline,
    Unit,
    actor_summary,
    get_article,
    get_event,
    map_points,
    timeline,
)

ID_PATTERN = r"^[A-Za-z0-9_-]{1,64}$"
#: Most events one export returns (an analyst wanting more uses ``khabar events``).
EXPORT_MAX = 1_000_000

#: What the spec promises an export body is (GeoJSON is parsed as JSON by clients).
EXPORT_SCHEMAS: dict[str, dict[str, Any]] = {
    "csv": {"type": "string"},
    "jsonl": {"type": "string"},
    "geojson": {"type": "object", "required": ["type", "features"]},
    "parquet": {"type": "string", "format": "binary"},
}

Filters = Annotated[EventQuery, Depends(event_query)]


class Problem(BaseModel):
    """An error answer: what was wrong and what to do."""

    detail: str


class Unprocessable(BaseModel):
    """A request that cannot be processed: invalid fields (a list, as FastAPI reports them)
    or a text the extractor refuses (a sentence saying why)."""

    detail: str | list[dict[str, Any]]


class ArticleIn(BaseModel):
    """An article to extract events from (``/api/extract``) or to store (``/api/ingest``)."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, description="the article text (plain text)")
    title: str | None = Field(default=None, max_length=1000)
    url: str | None = Field(default=None, max_length=2048)
    published: dt.date | None = Field(default=None, description="anchors relative dates")


class Me(BaseModel):
    """The signed-in user of a request."""

    name: str
    role: str
    via: str = Field(description="'token' or 'session'")


class IngestOut(BaseModel):
    article_id: str
    stored: bool = Field(description="false when the article was already in the database")
    events: int


class _LazyExtractor:
    """The extractor, loaded on first use (seconds), then shared under a lock."""

    def __init__(self, settings: ApiSettings) -> None:
        self._loader = settings.extractor_loader
        self._extractor: Any = None
        self._lock = threading.Lock()

    def extract(self, body: ArticleIn) -> ExtractionResult:
        from khabar.ingest.read import RawArticle

        with self._lock:
            if self._extractor is None:
                loader = self._loader
                if loader is None:
                    from khabar.store.pipeline import default_loader

                    loader = default_loader()
                self._extractor = loader()
            raw = RawArticle(text=body.text, title=body.title, url=body.url)
            result: ExtractionResult = self._extractor.extract(
                raw, published=body.published, url=body.url
            )
            return result


NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": Problem}}
NEEDS_USER: dict[int | str, dict[str, Any]] = {401: {"model": Problem}, 403: {"model": Problem}}
CountUnit = Annotated[
    Unit,
    Query(
        alias="count",
        description="'mentions': every stored report; 'events': each cross-source event once",
    ),
]


def _json(model: BaseModel) -> Response:
    """A typed view as JSON, serialised once by pydantic (the hot path skips FastAPI's
    re-validation of the response; the route's ``response_model`` still documents it)."""
    return Response(model.model_dump_json(), media_type="application/json")


def create_app(store: Store, *, settings: ApiSettings | None = None) -> FastAPI:
    """The API (and, unless ``settings.ui`` is false, the browser UI) over ``store``."""
    settings = settings or ApiSettings()
    app = FastAPI(
        title="khabar",
        version=__version__,
        summary="Verifiable, geocoded PLOVER political events from news articles.",
        description="Read-only query API over a khabar event database. Every event cites "
        "the sentence (evidence) and the article it was read from.",
        docs_url=None,  # FastAPI's Swagger page loads a CDN; /docs serves packaged assets
        redoc_url=None,
    )
    app.state.store = store
    app.state.settings = settings
    extractor = _LazyExtractor(settings)
    plover_types()  # the ontology is read now, not on the event loop by the first request
    totals = CountCache(settings.count_cache_s)
    extract_slots = threading.BoundedSemaphore(settings.extract_concurrency)

    @app.get("/api/events", response_model=EventPage, tags=["events"])
    def list_events(
        q: Filters,
        offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
        limit: Annotated[int, Query(ge=1, le=settings.page_max)] = 50,
        sort: Annotated[SortKey, Query(description="'-' sorts descending")] = "date",
    ) -> Response:
        """Stored events matching every filter (the filters of ``khabar events``), paged.
        Reviewed events carry their corrections and ``review``."""
        from khabar.store.page_json import page_events_json

        key = q.model_dump_json()
        body, total = page_events_json(
            store, q, offset=offset, limit=limit, sort=sort, known_total=totals.get(key)
        )
        totals.put(key, total)
        return Response(body, media_type="application/json")

    @app.get(
        "/api/events/{event_id}", response_model=EventDetail, responses=NOT_FOUND, tags=["events"]
    )
    def one_event(event_id: Annotated[str, Path(pattern=ID_PATTERN)]) -> EventDetail:
        """One event with its evidence and the other events of its cross-source cluster."""
        found = get_event(store, event_id)
        if found is None:
            raise HTTPException(404, f"no event {event_id!r} in this database")
        return found

    @app.get(
        "/api/articles/{article_id}",
        response_model=StoredArticle,
        responses=NOT_FOUND,
        tags=["articles"],
    )
    def one_article(article_id: Annotated[str, Path(pattern=ID_PATTERN)]) -> StoredArticle:
        """An article's text and all its events; every span offset indexes into ``text``."""
        found = get_article(store, article_id)
        if found is None:
            raise HTTPException(404, f"no article {article_id!r} in this database")
        return found

    from khabar.api.review_routes import register_review_routes

    register_review_routes(app, store, totals)

    @app.get("/api/actors", response_model=ActorSummary, tags=["aggregates"])
    def actors(
        q: Filters, top: Annotated[int, Query(ge=1, le=500)] = 50, unit: CountUnit = "mentions"
    ) -> ActorSummary:
        """The most frequent actors and actor→recipient pairs over the matching events."""
        return actor_summary(store, q, top=top, unit=unit)

    @app.get("/api/stats", response_model=StoreStats, tags=["aggregates"])
    def stats(q: Filters, unit: CountUnit = "mentions") -> StoreStats:
        """Counts of articles, events, clusters and rejections, by type, country, month,
        over the events matching the filters."""
        return filtered_stats(store, q, unit=unit)

    @app.get("/api/timeline", response_model=Timeline, tags=["aggregates"])
    def events_over_time(
        q: Filters,
        bucket: Annotated[str, Query(pattern="^(day|week|month)$")] = "day",
        unit: CountUnit = "mentions",
    ) -> Timeline:
        """Matching events per day, week or month and event type."""
        return timeline(store, q, bucket=bucket, unit=unit)  # type: ignore[arg-type]

    @app.get("/api/map", response_model=MapPoints, tags=["aggregates"])
    def points(
        q: Filters, limit: Annotated[int, Query(ge=1, le=settings.map_max)] = settings.map_max
    ) -> MapPoints:
        """Matching events with coordinates, newest first, as compact map points."""
        return map_points(store, q, limit=limit)

    for fmt, media_type in EXPORTS.items():
        _add_export(app, store, fmt, media_type)

    if settings.extract:

        @app.post(
            "/api/extract",
            response_model=ExtractionResult,
            responses={
                400: {"model": Problem},
                401: {"model": Problem},
                403: {"model": Problem},
                413: {"model": Problem},
                422: {"model": Unprocessable},
                429: {"model": Problem},
            },
            tags=["extraction"],
        )
        async def extract(request: Request, body: ArticleIn) -> Any:
            """Extract events from a text and return them; nothing is stored. Needs a
            user (token, or session with ``X-CSRF-Token``); 429 while every extraction
            slot is busy; 422 for a text over the per-article time limit. The work stops
            when the client disconnects."""
            await run_in_threadpool(require_writer, request, store)
            if not extract_slots.acquire(blocking=False):
                raise HTTPException(
                    429,
                    "every extraction slot is busy; retry in a few seconds",
                    headers={"Retry-After": "5"},
                )
            budget = settings.extract_seconds

            def work() -> ExtractionResult:
                return run_with_budget(
                    lambda: extractor.extract(body), budget, name="the posted article"
                )

            try:
                return await run_until_disconnect(request, work)
            except KhabarError as exc:
                raise HTTPException(422, str(exc)) from None
            except ClientGone:
                return Response(status_code=499)  # nobody reads it; logged as 499
            finally:
                extract_slots.release()

    if settings.allow_ingest:
        token = settings.token or ""

        @app.post(
            "/api/ingest",
            response_model=IngestOut,
            responses={
                400: {"model": Problem},
                401: {"model": Problem},
                413: {"model": Problem},
                422: {"model": Unprocessable},
            },
            tags=["extraction"],
        )
        def ingest(
            body: ArticleIn, authorization: Annotated[str | None, Header()] = None
        ) -> IngestOut:
            """Extract events from a text and store them (needs ``Authorization: Bearer``)."""
            given = (authorization or "").removeprefix("Bearer ").strip()
            if not hmac.compare_digest(given.encode(), token.encode()):
                raise HTTPException(401, "ingest needs the server's token: Bearer <token>")
            try:
                result = extractor.extract(body)
            except KhabarError as exc:
                raise HTTPException(422, str(exc)) from None
            stored = store.add_result(result, input_name="api", source_format="text")
            if stored:  # cluster the new events with what is stored, as `khabar ingest` does
                from khabar.store.dedup import recluster

                recluster(store)
            return IngestOut(article_id=result.article.id, stored=stored, events=len(result.events))

    from khabar.api.docs import mount_docs

    mount_docs(app)
    if settings.ui:
        from khabar.web import mount_ui

        mount_ui(app, store)

    _publish_type_enum(app)
    app.state.count_cache = totals
    # added innermost first: the security headers wrap everything, the Host check's 400s too
    app.add_middleware(StrictQuery, routes=_query_names(app))
    app.add_middleware(
        BodyLimit,
        limit=settings.max_body_bytes,
        per_path={"/api/extract": min(settings.extract_max_bytes, settings.max_body_bytes)},
    )
    if settings.allowed_hosts is not None:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=settings.allowed_hosts)
    app.add_middleware(HeadAsGet)
    app.add_middleware(SecurityHeaders)
    return app


def _query_names(app: FastAPI) -> list[tuple[str, frozenset[str]]]:
    """(path regex, known query parameter names) of every GET route under ``/api/``."""
    from fastapi.dependencies.utils import get_flat_dependant
    from fastapi.routing import APIRoute

    out = []
    for route in app.routes:
        if not isinstance(route, APIRoute) or not route.path.startswith("/api/"):
            continue
        if "GET" in route.methods:
            flat = get_flat_dependant(route.dependant)
            names = frozenset(p.alias for p in flat.query_params)
            out.append((route.path_regex.pattern, names))
    return out


def _publish_type_enum(app: FastAPI) -> None:
    """List the PLOVER types as the ``type`` parameter's enum in the spec (read from the
    ontology when the spec is first asked for, not at import)."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            spec = build()
            for path in spec.get("paths", {}).values():
                for operation in path.values():
                    for param in operation.get("parameters", []):
                        if param["name"] == "type" and param["in"] == "query":
                            param["schema"]["items"]["enum"] = list(plover_types())
        return app.openapi_schema or build()

    app.openapi = openapi  # type: ignore[method-assign]


def _add_export(app: FastAPI, store: Store, fmt: str, media_type: str) -> None:
    def export(
        q: Filters, limit: Annotated[int, Query(ge=1, le=EXPORT_MAX)] = EXPORT_MAX
    ) -> Response:
        if fmt == "parquet":
            from khabar.api.exports import parquet_bytes

            return Response(
                parquet_bytes(store, q.model_copy(update={"limit": limit})),
                media_type=media_type,
                headers={"content-disposition": 'attachment; filename="khabar-events.parquet"'},
            )
        return StreamingResponse(
            stream_export(store, q.model_copy(update={"limit": limit}), fmt),
            media_type=media_type,
            headers={"content-disposition": f'attachment; filename="khabar-events.{fmt}"'},
        )

    export.__doc__ = f"The matching events as {fmt.upper()} (the format of ``khabar events``)."
    app.add_api_route(
        f"/api/export.{fmt}",
        export,
        methods=["GET"],
        response_class=StreamingResponse,
        responses={200: {"content": {media_type: {"schema": EXPORT_SCHEMAS[fmt]}}}},
        tags=["exports"],
        name=f"export_{fmt}",
    )
