"""Clean stops: SIGTERM and Ctrl-C set an event that long runs check between articles."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import typer


@contextmanager
def stop_on_signals(what: str = "stopping after this article") -> Iterator[threading.Event]:
    """An event set by SIGTERM/SIGINT while the block runs; the old handlers come back after."""
    stop = threading.Event()

    def handler(signum: int, _frame: object) -> None:
        typer.echo(f"khabar: {signal.Signals(signum).name}: {what}", err=True)
        stop.set()

    previous: dict[signal.Signals, Any] = {}
    for sig in (signal.SIGTERM, signal.SIGINT):
        previous[sig] = signal.signal(sig, handler)
    try:
        yield stop
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)
