"""A per-article time budget: run one piece of work, give up on it when time is out.

``run_with_budget(fn, seconds, name=...)`` calls ``fn()`` in the calling thread. If it is
still running after ``seconds``, a watchdog timer raises an exception *inside* that thread
(CPython's ``PyThreadState_SetAsyncExc``) at the next Python bytecode, which unwinds the
work (``with`` blocks and ``finally`` clauses run) and surfaces as ``ArticleTimeout`` —
an ``InputError`` whose ``code`` is ``"timeout"``. It works in any thread (the main thread,
a process-pool worker, a Dask worker thread, an API request thread), so ``khabar ingest``,
``khabar extract`` and the API share it.

The interrupt derives from ``BaseException`` so that ``except Exception`` inside the
extractor cannot swallow it. Work stuck inside one long C call is interrupted when that
call returns to Python.
"""

from __future__ import annotations

import ctypes
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from khabar.ingest.hygiene import ReadError

T = TypeVar("T")

#: Seconds one article may take to extract before it is rejected as ``timeout``.
DEFAULT_ARTICLE_SECONDS = 120.0


class ArticleTimeout(ReadError):
    """An article took longer than its budget; recorded as rejected ``timeout``."""

    def __init__(self, name: str, seconds: float) -> None:
        super().__init__(
            f"{name}: extraction took longer than the {seconds:g}-second budget for one "
            "article and was stopped (raise it with --time-limit, or split the article)",
            "timeout",
        )
        self.seconds = seconds


class _Expired(BaseException):
    """Raised inside the worker thread by the watchdog (never escapes ``run_with_budget``)."""


def _raise_in(thread_id: int, exc: type[BaseException] | None) -> None:
    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread_id), ctypes.py_object(exc) if exc is not None else None
    )


def run_with_budget(fn: Callable[[], T], seconds: float | None, *, name: str = "article") -> T:
    """``fn()``, or ``ArticleTimeout`` if it runs longer than ``seconds`` (``None``/0: no limit)."""
    if not seconds or seconds <= 0:
        return fn()
    target = threading.get_ident()
    lock = threading.Lock()
    state = {"done": False, "fired": False}

    def expire() -> None:
        with lock:
            if not state["done"]:
                state["fired"] = True
                _raise_in(target, _Expired)

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    try:
        try:
            timer.start()
            result = fn()
        finally:
            timer.cancel()
            with lock:
                state["done"] = True
                if state["fired"]:
                    _raise_in(target, None)  # clear an interrupt not delivered yet
        if state["fired"]:
            raise _Expired
        return result
    except _Expired:
        raise ArticleTimeout(name, seconds) from None


class Budgeted:
    """An extractor whose ``extract`` runs within ``seconds`` per article.

    ``extract_many`` (batched NLP) gets twice one article's budget for the whole batch;
    callers that fall back to ``extract`` one article at a time on an error then reject
    only the slow article. ``seconds`` ``None``/0: no limit.
    """

    def __init__(self, inner: Any, seconds: float | None) -> None:
        self.inner = inner
        self.seconds = seconds
        if hasattr(inner, "extract_many"):
            self.extract_many = self._extract_many

    def extract(self, raw: Any, published: Any = None, url: Any = None) -> Any:
        name = getattr(raw, "url", None) or "article"
        return run_with_budget(
            lambda: self.inner.extract(raw, published=published, url=url), self.seconds, name=name
        )

    def _extract_many(self, items: Iterable[Any]) -> Iterator[Any]:
        todo = list(items)
        budget = 2 * self.seconds if self.seconds else None
        return iter(run_with_budget(lambda: list(self.inner.extract_many(todo)), budget))
