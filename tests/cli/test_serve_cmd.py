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
