"""Long work that stops when the client goes away.

``run_until_disconnect(request, fn)`` runs ``fn()`` in a worker thread and, while it runs,
asks the ASGI server every ``poll`` seconds whether the client is still connected. When the
client has closed the connection, an exception is raised *inside* the worker thread
(CPython's ``PyThreadState_SetAsyncExc``, as ``khabar.ingest.budget`` does for its time
limit): the work unwinds at its next Python bytecode (``with`` blocks and ``finally``
clauses run, so locks and extraction slots are released) and the request ends with
``ClientGone``. Work stuck in one long C call stops when that call returns to Python.
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request

T = TypeVar("T")

#: Seconds between two checks of the connection.
POLL_SECONDS = 0.1


class ClientGone(Exception):
    """The client closed the connection; the work was stopped."""


class _Cancelled(BaseException):
    """Raised inside the worker thread (BaseException: ``except Exception`` can't swallow it)."""


def _raise_in(thread_id: int, exc: type[BaseException] | None) -> None:
    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread_id), ctypes.py_object(exc) if exc is not None else None
    )


class _Work:
    """``fn`` run once in a worker thread, which ``cancel`` can interrupt until it is done."""

    def __init__(self, fn: Callable[[], Any]) -> None:
        self.fn = fn
        self.lock = threading.Lock()
        self.thread: int | None = None
        self.done = False
        self.fired = False

    def run(self) -> Any:
        with self.lock:
            self.thread = threading.get_ident()
            if self.fired:  # cancelled before it started
                raise _Cancelled
        try:
            return self.fn()
        finally:
            with self.lock:
                self.done = True
                if self.fired:
                    _raise_in(threading.get_ident(), None)  # an interrupt not delivered yet

    def cancel(self) -> None:
        with self.lock:
            self.fired = True
            if self.thread is not None and not self.done:
                _raise_in(self.thread, _Cancelled)


async def run_until_disconnect(
    request: Request, fn: Callable[[], T], *, poll: float = POLL_SECONDS
) -> T:
    """``fn()`` in a worker thread; ``ClientGone`` (and ``fn`` stopped) if the client leaves."""
    work = _Work(fn)
    task = asyncio.ensure_future(run_in_threadpool(work.run))
    try:
        while True:
            finished, _ = await asyncio.wait({task}, timeout=poll)
            if finished:
                break
            if await request.is_disconnected():
                work.cancel()
                with contextlib.suppress(_Cancelled):
                    await task
                raise ClientGone
        try:
            result: T = task.result()
        except _Cancelled:  # pragma: no cover - only if cancel raced the end of the work
            raise ClientGone from None
        return result
    except asyncio.CancelledError:  # the server cancelled the request itself
        work.cancel()
        raise
