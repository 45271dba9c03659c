"""Helpers shared by command modules: printing errors the same way everywhere."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TypeVar

import typer

from khabar.errors import KhabarError

T = TypeVar("T")


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print ``message`` to stderr and return the Exit to raise."""
    typer.echo(f"khabar: error: {message}", err=True)
    return typer.Exit(code)


def run_or_exit(fn: Callable[[], T]) -> T:
    """Run ``fn``; a ``KhabarError`` becomes a one-line message and exit code 2."""
    try:
        return fn()
    except KhabarError as exc:
        raise fail(str(exc)) from None
    except BrokenPipeError:  # pragma: no cover - e.g. `khabar extract … | head`
        sys.stderr.close()
        raise typer.Exit(0) from None
