"""Page totals of recent filters, shared by the requests of one server process."""

from __future__ import annotations

import threading
import time


class CountCache:
    """Page totals of recent filters, reused for ``ttl`` seconds (paging through a result
    repeats the same COUNT; writes through this app clear it)."""

    def __init__(self, ttl: float) -> None:
        self.ttl = ttl
        self._items: dict[str, tuple[float, int]] = {}
        self._lock = threading.Lock()

    def get(self, key: str) -> int | None:
        with self._lock:
            hit = self._items.get(key)
        if hit is None or time.monotonic() - hit[0] > self.ttl:
            return None
        return hit[1]

    def put(self, key: str, total: int) -> None:
        with self._lock:
            if len(self._items) > 4096:
                self._items.clear()
            self._items[key] = (time.monotonic(), total)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
