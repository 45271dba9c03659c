"""The per-article time budget: work over budget stops with ``ArticleTimeout``, in any thread."""

from __future__ import annotations

import contextlib
import threading
import time

import pytest

from khabar.ingest.budget import ArticleTimeout, run_with_budget


def spin_swallowing_exceptions() -> None:
    while True:
        with contextlib.suppress(Exception):
            time.sleep(0.001)


def test_work_over_budget_stops_with_a_timeout() -> None:
    with pytest.raises(ArticleTimeout) as err:
        run_with_budget(spin_swallowing_exceptions, 0.2, name="slow.txt")
    assert err.value.code == "timeout" and "slow.txt" in str(err.value)


def test_work_within_budget_returns_and_leaves_no_interrupt_behind() -> None:
    assert [run_with_budget(lambda i=i: i * 2, 0.05) for i in range(300)] == list(range(0, 600, 2))
    time.sleep(0.1)  # a stray interrupt would surface here


def test_no_limit_and_errors_pass_through() -> None:
    assert run_with_budget(lambda: "x", None) == "x"
    with pytest.raises(ZeroDivisionError):
        run_with_budget(lambda: 1 / 0, 1.0)


def test_the_budget_works_outside_the_main_thread() -> None:
    seen: list[str] = []

    def worker() -> None:
        try:
            run_with_budget(spin_swallowing_exceptions, 0.2)
        except ArticleTimeout as exc:
            seen.append(exc.code)

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join(timeout=10)
    assert seen == ["timeout"]
