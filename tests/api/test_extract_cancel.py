"""POST /api/extract stops its work when the client goes away, and keeps a time limit."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from khabar.api import ApiSettings, create_app
from khabar.store import Store
from tests.api.sample import add_reviewer
from tests.fakes.extractor import load_fake_extractor


class Endless:
    """An extractor that never finishes on its own; it records how its work ended."""

    def __init__(self) -> None:
        self.started = threading.Event()
        self.stopped = threading.Event()

    def extract(self, raw: Any, **kw: Any) -> Any:
        self.started.set()
        try:
            while True:  # pure-Python work, as NLP is between C calls
                time.sleep(0.01)
        finally:
            self.stopped.set()


def _serve(app: Any) -> Iterator[int]:
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    try:
        yield port
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def _post(port: int, token: str, text: str) -> socket.socket:
    body = json.dumps({"text": text}).encode()
    sock = socket.create_connection(("127.0.0.1", port))
    head = (
        f"POST /api/extract HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {token}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    )
    sock.sendall(head.encode() + body)
    return sock


@pytest.fixture
def endless(api_store: Store) -> Iterator[tuple[int, str, Endless]]:
    work = Endless()
    settings = ApiSettings(extractor_loader=lambda: work, extract_seconds=None)
    token = add_reviewer(api_store)
    for port in _serve(create_app(api_store, settings=settings)):
        yield port, token, work


def test_work_stops_when_the_client_disconnects(endless: tuple[int, str, Endless]) -> None:
    port, token, work = endless
    sock = _post(port, token, "Rebels attacked Kabul. " * 50)
    assert work.started.wait(10)
    assert not work.stopped.wait(0.5)  # still running while the client waits
    sock.close()  # the client goes away
    assert work.stopped.wait(5)  # the extraction unwound, its finally clause ran
    # The slot was released: the next request runs (and is cancelled in turn).
    work.started.clear()
    work.stopped.clear()
    again = _post(port, token, "Police attacked protesters in Paris.")
    assert work.started.wait(10)
    again.close()
    assert work.stopped.wait(5)


def test_an_article_over_the_time_limit_is_422(api_store: Store) -> None:
    work = Endless()
    settings = ApiSettings(extractor_loader=lambda: work, extract_seconds=0.3)
    token = add_reviewer(api_store)
    with TestClient(create_app(api_store, settings=settings)) as client:
        r = client.post(
            "/api/extract",
            json={"text": "Rebels attacked Kabul."},
            headers={"Authorization": f"Bearer {token}"},
        )
    assert r.status_code == 422 and "0.3-second budget" in r.json()["detail"]
    assert work.stopped.is_set()


def test_a_quick_article_still_returns_its_events(api_store: Store) -> None:
    token = add_reviewer(api_store)
    app = create_app(api_store, settings=ApiSettings(extractor_loader=load_fake_extractor))
    with TestClient(app) as client:
        r = client.post(
            "/api/extract",
            json={"text": "Rebels attacked Kabul on Monday."},
            headers={"Authorization": f"Bearer {token}"},
        )
    assert r.status_code == 200 and r.json()["events"]
