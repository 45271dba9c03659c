"""``khabar serve``: loopback by default, ingest only with a token, uvicorn gets the app."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from khabar.cli import serve_cmd
from khabar.cli.main import app


def test_default_bind_is_loopback() -> None:
    assert serve_cmd.DEFAULT_HOST == "127.0.0.1"
    help_text = CliRunner().invoke(app, ["serve", "--help"]).output
    assert "127.0.0.1" in help_text


def test_ingest_without_token_is_refused() -> None:
    result = CliRunner().invoke(app, ["serve", "--allow-ingest"])
    assert result.exit_code == 2 and "--token" in result.output


def test_serve_runs_uvicorn_on_loopback(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import uvicorn

    seen: dict[str, Any] = {}

    def fake_run(the_app: Any, **kwargs: Any) -> None:
        seen.update(kwargs, app=the_app)

    monkeypatch.setattr(uvicorn, "run", fake_run)
    result = CliRunner().invoke(app, ["serve", "--db", f"sqlite:///{tmp_path / 'x.db'}"])
    assert result.exit_code == 0, result.output
    assert seen["host"] == "127.0.0.1" and seen["port"] == 8000
    settings = seen["app"].state.settings
    assert not settings.allow_ingest and "localhost" in settings.allowed_hosts


def test_public_address_needs_public_and_allowed_hosts(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'x.db'}"
    refused = CliRunner().invoke(app, ["serve", "--db", db, "--host", "0.0.0.0"])
    assert refused.exit_code == 2 and "--public" in refused.output
    no_hosts = CliRunner().invoke(app, ["serve", "--db", db, "--host", "0.0.0.0", "--public"])
    assert no_hosts.exit_code == 2 and "--allowed-host" in no_hosts.output


def test_public_serve_keeps_the_host_check(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import uvicorn

    seen: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda the_app, **kw: seen.update(kw, app=the_app))
    args = ["serve", "--db", f"sqlite:///{tmp_path / 'x.db'}", "--host", "0.0.0.0", "--public"]
    result = CliRunner().invoke(app, [*args, "--allowed-host", "khabar.example"])
    assert result.exit_code == 0, result.output
    assert "EXPOSED" in result.output
    assert "khabar.example" in seen["app"].state.settings.allowed_hosts


def test_workers_run_the_app_factory(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import uvicorn

    from khabar.api.settings import LOOPBACK_HOSTS
    from khabar.api.worker import DB_ENV, SETTINGS_ENV, app_from_env

    for name in (DB_ENV, SETTINGS_ENV):  # restored after the test
        monkeypatch.setenv(name, "")
    seen: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda the_app, **kw: seen.update(kw, app=the_app))
    db = f"sqlite:///{tmp_path / 'x.db'}"
    result = CliRunner().invoke(app, ["serve", "--db", db, "--workers", "3"])
    assert result.exit_code == 0, result.output
    assert seen["app"] == "khabar.api.worker:app_from_env" and seen["workers"] == 3
    built = app_from_env()  # what each worker builds, from the environment the parent set
    assert built.state.settings.allowed_hosts == list(LOOPBACK_HOSTS)
    built.state.store.close()
