"""Interactive API docs at ``/docs``, offline: Swagger UI's files come from the
``swagger-ui-bundle`` package and are served by this server (no CDN), and the page starts
them from a script file, not an inline script, so the strict CSP holds."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>khabar API</title>
<link rel="icon" href="/favicon.ico">
<link rel="stylesheet" href="/docs/assets/swagger-ui.css">
</head><body>
<p><a href="/">← khabar</a> · the spec: <a href="/openapi.json">/openapi.json</a></p>
<div id="swagger-ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/start.js"></script>
</body></html>
"""

START = """window.ui = SwaggerUIBundle({url: "/openapi.json", dom_id: "#swagger-ui",
  deepLinking: true, validatorUrl: null, presets: [SwaggerUIBundle.presets.apis]});
"""


def mount_docs(app: FastAPI) -> None:
    """Add ``/docs`` (Swagger UI) when ``swagger-ui-bundle`` is installed; else nothing."""
    try:
        from swagger_ui_bundle import swagger_ui_path
    except ImportError:  # pragma: no cover - it is a dependency; docs are optional
        return
    app.mount("/docs/assets", StaticFiles(directory=str(swagger_ui_path)), name="docs-assets")

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse(PAGE)

    @app.get("/docs/start.js", include_in_schema=False)
    def start() -> Response:
        return Response(START, media_type="text/javascript")
