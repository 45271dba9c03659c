"""``khabar serve``: the query API and the browser UI over an event database (uvicorn)."""

from __future__ import annotations

import typer

from khabar.cli.common import fail, run_or_exit
from khabar.cli.store_cmd import DB_HELP

DEFAULT_HOST = "127.0.0.1"


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)


def serve(
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    host: str = typer.Option(
        DEFAULT_HOST, "--host", help="Address to bind (loopback by default; 0.0.0.0 exposes it)."
    ),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="TCP port."),
    allow_ingest: bool = typer.Option(
        False, "--allow-ingest", help="Enable POST /api/ingest (stores articles); needs --token."
    ),
    token: str | None = typer.Option(
        None, "--token", envvar="KHABAR_TOKEN", help="Bearer token for /api/ingest (16+ chars)."
    ),
    no_extract: bool = typer.Option(
        False, "--no-extract", help="Disable POST /api/extract (which stores nothing)."
    ),
) -> None:
    """Serve the event API (/api, spec at /openapi.json) and the browser UI (map, timeline,
    actor graph, article view). Read-only unless --allow-ingest and --token are given."""
    if allow_ingest and (not token or len(token) < 16):
        raise fail("--allow-ingest needs --token (or $KHABAR_TOKEN) of at least 16 characters")

    def run() -> None:
        import uvicorn

        from khabar.api import ApiSettings, create_app
        from khabar.api.settings import LOOPBACK_HOSTS
        from khabar.store import open_store

        loopback = host in ("127.0.0.1", "localhost", "::1")
        settings = ApiSettings(
            allow_ingest=allow_ingest,
            token=token,
            extract=not no_extract,
            allowed_hosts=list(LOOPBACK_HOSTS) if loopback else None,
        )
        with open_store(db) as store:
            app = create_app(store, settings=settings)
            shown = f"[{host}]" if ":" in host else host
            typer.echo(f"khabar: serving {store.url} on http://{shown}:{port}/", err=True)
            uvicorn.run(
                app,
                host=host,
                port=port,
                log_level="warning",
                server_header=False,
                timeout_keep_alive=30,  # fewer reconnects (and races) under many clients
            )

    run_or_exit(run)
