"""``khabar serve``: the query API and the browser UI over an event database (uvicorn)."""

from __future__ import annotations

import ipaddress
from typing import Any

import typer

from khabar.cli.common import fail, run_or_exit
from khabar.cli.store_cmd import DB_HELP

DEFAULT_HOST = "127.0.0.1"


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def serve(
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    host: str = typer.Option(
        DEFAULT_HOST, "--host", help="Address to bind (loopback by default; others need --public)."
    ),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="TCP port."),
    public: bool = typer.Option(
        False, "--public", help="Allow binding a non-loopback address (exposes the server)."
    ),
    allowed_host: list[str] = typer.Option(
        [], "--allowed-host", help="Host name clients use (repeatable; needed with --public)."
    ),
    workers: int = typer.Option(1, "--workers", min=1, max=64, help="Server processes."),
    secure_cookies: bool = typer.Option(
        False, "--secure-cookies", help="Mark session cookies Secure (behind an HTTPS proxy)."
    ),
    allow_ingest: bool = typer.Option(
        False, "--allow-ingest", help="Enable POST /api/ingest (stores articles); needs --token."
    ),
    token: str | None = typer.Option(
        None, "--token", envvar="KHABAR_TOKEN", help="Bearer token for /api/ingest (16+ chars)."
    ),
    no_extract: bool = typer.Option(
        False, "--no-extract", help="Disable POST /api/extract (needs a signed-in user)."
    ),
    extract_concurrency: int = typer.Option(
        1, "--extract-concurrency", min=1, max=64, help="Extractions at once per process."
    ),
) -> None:
    """Serve the event API (/api, docs at /docs) and the browser UI (map, timeline, events
    table, actor graph, article, event and cluster pages, review). Reading needs no login;
    reviewing and POST /api/extract need an account (`khabar user add`)."""
    if allow_ingest and (not token or len(token) < 16):
        raise fail("--allow-ingest needs --token (or $KHABAR_TOKEN) of at least 16 characters")
    loopback = is_loopback(host)
    if not loopback and not public:
        raise fail(
            f"--host {host} is not a loopback address: anyone who can reach it could read the "
            "database. Add --public (and --allowed-host NAME for each name clients use) to "
            "expose it on purpose."
        )
    if not loopback and not allowed_host:
        raise fail(
            "--public needs at least one --allowed-host NAME (the host name or address clients "
            "use): the Host check stays on to stop DNS-rebinding pages"
        )

    def run() -> None:
        import os

        import uvicorn

        from khabar.api import ApiSettings, create_app
        from khabar.api.settings import LOOPBACK_HOSTS
        from khabar.api.worker import DB_ENV, SETTINGS_ENV
        from khabar.store import open_store
        from khabar.store.accounts import list_users

        hosts = list(dict.fromkeys([*LOOPBACK_HOSTS, *allowed_host]))
        settings = ApiSettings(
            allow_ingest=allow_ingest,
            token=token,
            extract=not no_extract,
            allowed_hosts=hosts,
            secure_cookies=secure_cookies,
            extract_concurrency=extract_concurrency,
        )
        options: dict[str, Any] = {
            "host": host,
            "port": port,
            "log_level": "warning",
            "server_header": False,
            "timeout_keep_alive": 30,  # fewer reconnects (and races) under many clients
            "backlog": 4096,
        }
        with open_store(db) as store:
            shown = f"[{host}]" if ":" in host else host
            typer.echo(f"khabar: serving {store.url} on http://{shown}:{port}/", err=True)
            if not loopback:
                n = len(list_users(store))
                typer.echo(
                    f"khabar: EXPOSED on {host}: anyone who reaches it can read every event and "
                    f"article; hosts accepted: {', '.join(allowed_host)}; writing (review, "
                    f"extract{', ingest' if allow_ingest else ''}) needs one of {n} account(s)"
                    f"{'' if secure_cookies else '; cookies are not Secure (no --secure-cookies)'}",
                    err=True,
                )
            if workers > 1:
                os.environ[DB_ENV] = store.engine.url.render_as_string(hide_password=False)
                os.environ[SETTINGS_ENV] = settings.model_dump_json(exclude={"extractor_loader"})
                uvicorn.run(
                    "khabar.api.worker:app_from_env", factory=True, workers=workers, **options
                )
                return
            app = create_app(store, settings=settings)
            uvicorn.run(app, **options)

    run_or_exit(run)
