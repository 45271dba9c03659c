"""Every command has help, and docs/cli.md is the generated reference, up to date."""

from __future__ import annotations

from pathlib import Path

from khabar.cli.main import app
from khabar.cli.reference import commands, render

DOC = Path(__file__).resolve().parents[2] / "docs" / "cli.md"


def test_every_command_has_help() -> None:
    missing = [name for name, cmd in commands(app) if not (cmd.help or "").strip()]
    assert missing == []


def test_every_option_has_help() -> None:
    missing = [
        f"{name} {param.name}"
        for name, cmd in commands(app)
        for param in cmd.params
        if getattr(param, "help", "x") in (None, "") and param.name != "help"
    ]
    assert missing == []


def test_cli_reference_is_up_to_date() -> None:
    assert DOC.read_text(encoding="utf-8") == render(app), "run `make docs`"
