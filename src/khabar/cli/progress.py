"""Progress that tells the truth: the model load as its own step, then articles done/total,
articles per second and ETA over a moving window (not since the start, which the load
would skew), as a rich display, as JSON lines for schedulers (``--progress jsonl``), or
not at all (``--quiet``).

``--progress jsonl`` writes one object per line to stderr:
``{"event": "step", "step": "load-model", "status": "start"|"done", "seconds": …}``,
``{"event": "progress", "done": n, "total": N|null, "status": "stored"|…,
"rate": articles/s|null, "eta_s": seconds|null, "elapsed_s": …}`` and a final
``{"event": "end", "done": n, "counts": {status: n}, "elapsed_s": …}``.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter, deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from typing import Any, TextIO, TypeVar

T = TypeVar("T")

#: Rate and ETA are computed over the articles finished in the last this many seconds.
WINDOW_S = 30.0


class ProgressMode(StrEnum):
    bar = "bar"
    jsonl = "jsonl"
    none = "none"


def progress_mode(progress: ProgressMode | None, quiet: bool) -> ProgressMode:
    if quiet:
        return ProgressMode.none
    return progress or ProgressMode.bar


class RateWindow:
    """Articles per second over the last ``window_s`` seconds, and the ETA from it."""

    def __init__(self, window_s: float = WINDOW_S) -> None:
        self.window_s = window_s
        self._marks: deque[tuple[float, int]] = deque()

    def add(self, t: float, done: int) -> None:
        self._marks.append((t, done))
        while len(self._marks) > 2 and t - self._marks[1][0] >= self.window_s:
            self._marks.popleft()

    def rate(self) -> float | None:
        if len(self._marks) < 2:
            return None
        (t0, d0), (t1, d1) = self._marks[0], self._marks[-1]
        return (d1 - d0) / (t1 - t0) if t1 > t0 else None

    def eta(self, total: int | None) -> float | None:
        rate = self.rate()
        if total is None or not rate:
            return None
        return max(0, total - self._marks[-1][1]) / rate


class Progress:
    """One run's progress; use as a context manager, call ``step`` and ``advance``."""

    def __init__(
        self,
        label: str,
        total: int | None,
        mode: ProgressMode,
        *,
        stream: TextIO | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.label = label
        self.total = total
        self.mode = mode
        self.stream = stream or sys.stderr
        self.clock = clock
        self.done = 0
        self.counts: Counter[str] = Counter()
        self.window = RateWindow()
        self._started = clock()
        self._rich: Any = None
        self._task: Any = None
        self._step: tuple[str, str, float, Any] | None = None

    def __enter__(self) -> Progress:
        if self.mode is ProgressMode.bar:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                SpinnerColumn,
                TextColumn,
                TimeElapsedColumn,
            )
            from rich.progress import Progress as RichProgress

            console = Console(file=self.stream)
            self._rich = RichProgress(
                SpinnerColumn(),
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[rate]}"),
                TimeElapsedColumn(),
                TextColumn("{task.fields[eta]}"),
                console=console,
                disable=not console.is_terminal,
            )
            self._rich.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self._emit({"event": "end", "done": self.done, "counts": dict(sorted(self.counts.items()))})
        if self._rich is not None:
            self._rich.__exit__(None, None, None)

    def _emit(self, obj: dict[str, Any]) -> None:
        if self.mode is ProgressMode.jsonl:
            obj["elapsed_s"] = round(self.clock() - self._started, 3)
            self.stream.write(json.dumps(obj) + "\n")
            self.stream.flush()

    def note(self, event: str, **fields: Any) -> None:
        """A line of its own in ``jsonl`` mode (e.g. one feed's poll report)."""
        self._emit({"event": event, **fields})

    def begin_step(self, name: str, description: str) -> None:
        """Start a step before the articles (e.g. loading the model), timed on its own."""
        self._step = (name, description, self.clock(), None)
        self._emit({"event": "step", "step": name, "status": "start"})
        if self._rich is not None:
            task = self._rich.add_task(description, total=None, rate="", eta="")
            self._step = (name, description, self._step[2], task)

    def end_step(self) -> None:
        if self._step is None:
            return
        name, description, t0, task = self._step
        self._step = None
        seconds = round(self.clock() - t0, 3)
        self._emit({"event": "step", "step": name, "status": "done", "seconds": seconds})
        if task is not None:
            self._rich.update(task, description=f"{description} done ({seconds:.1f} s)", total=1)
            self._rich.update(task, completed=1)

    @contextmanager
    def step(self, name: str, description: str) -> Iterator[None]:
        self.begin_step(name, description)
        try:
            yield
        finally:
            self.end_step()

    def run_step(self, name: str, description: str, fn: Callable[[], T]) -> T:
        with self.step(name, description):
            return fn()

    def advance(self, status: str = "done") -> None:
        """One article finished (``status``: stored, already, rejected, …); ends an open step."""
        self.end_step()
        now = self.clock()
        self.done += 1
        self.counts[status] += 1
        self.window.add(now, self.done)
        rate, eta = self.window.rate(), self.window.eta(self.total)
        self._emit(
            {
                "event": "progress",
                "done": self.done,
                "total": self.total,
                "status": status,
                "rate": None if rate is None else round(rate, 3),
                "eta_s": None if eta is None else round(eta, 1),
            }
        )
        if self._rich is not None:
            if self._task is None:
                self._task = self._rich.add_task(self.label, total=self.total, rate="", eta="")
            self._rich.update(
                self._task,
                advance=1,
                rate=f"{rate:6.1f} articles/s" if rate else "",
                eta=f"ETA {eta:5.0f} s" if eta is not None else "",
            )


def preloaded(extractor: T) -> Callable[[], T]:
    """A loader returning an object loaded already (in a timed step), for in-process runs."""
    return lambda: extractor
