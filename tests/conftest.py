"""Fixtures shared by the whole test suite (the one conftest.py of the repository)."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from khabar.nlp.classify import EventTypeClassifier
    from khabar.nlp.embed import Embedder


@pytest.fixture(scope="session")
def embedder() -> Iterator[Embedder]:
    """The all-MiniLM-L6-v2 embedder, loaded once per session (ONNX export cached)."""
    from khabar.nlp.embed import Embedder

    yield Embedder.load()


@pytest.fixture(scope="session")
def event_classifier(embedder: Embedder) -> Iterator[EventTypeClassifier]:
    """The event-type classifier over ``embedder`` (trained once, then cached)."""
    from khabar.nlp.classify import EventTypeClassifier

    yield EventTypeClassifier.load(embedder)


# -- event database (khabar.store) ----------------------------------------------------------
# ``store_url`` runs each store test on SQLite and, marked ``postgres``, on a throwaway
# PostgreSQL cluster that ``postgres_server`` starts on loopback (initdb + pg_ctl, as the
# ``postgres`` user when the tests run as root) and stops at the end of the session.


def _pg_bindir() -> Path | None:
    for cand in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if Path(cand, "initdb").exists() and Path(cand, "pg_ctl").exists():
            return Path(cand)
    found = shutil.which("initdb")
    return Path(found).resolve().parent if found and shutil.which("pg_ctl") else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PostgresServer:
    def __init__(self, bindir: Path, root: Path, port: int, as_user: list[str]) -> None:
        self.bindir, self.root, self.port, self.as_user = bindir, root, port, as_user
        self.data = root / "data"
        self._n = 0

    def run(self, *args: str) -> None:
        subprocess.run(
            [*self.as_user, *args], check=True, capture_output=True, timeout=120, cwd=self.root
        )

    def start(self) -> None:
        self.run(str(self.bindir / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "khabar")
        opts = f"-p {self.port} -k {self.root} -h 127.0.0.1 -c fsync=off -c full_page_writes=off"
        self.run(
            str(self.bindir / "pg_ctl"), "-D", str(self.data), "-o", opts, "-w", "-t", "60",
            "-l", str(self.root / "log"), "start",
        )  # fmt: skip

    def stop(self) -> None:
        self.run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop")

    def new_database(self) -> str:
        import psycopg

        self._n += 1
        name = f"khabar_test_{self._n}"
        with psycopg.connect(
            f"postgresql://khabar@127.0.0.1:{self.port}/postgres", autocommit=True
        ) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        return f"postgresql://khabar@127.0.0.1:{self.port}/{name}"


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    bindir = _pg_bindir()
    if bindir is None:
        pytest.skip("no PostgreSQL binaries (initdb, pg_ctl): run scripts/system-deps.sh")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.skip("psycopg is not installed (pip install -e '.[dev]')")
    root = Path(tempfile.mkdtemp(prefix="khabar-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    server = PostgresServer(bindir, root, _free_port(), as_user)
    server.start()
    try:
        yield server
    finally:
        server.stop()
        time.sleep(0.2)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty database URL on each backend."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'khabar.db'}"
    server: PostgresServer = request.getfixturevalue("postgres_server")
    return server.new_database()


# -- gazetteer (khabar.geo) ----------------------------------------------------------------
@pytest.fixture(scope="session")
def gazetteer() -> Iterator[object]:
    """The real gazetteer index, built once into the user cache dir (~20 s) and reused."""
    from khabar.geo.index import load_default_index

    index = load_default_index(progress=False)
    yield index
    index.close()


# -- extraction (khabar.extract / khabar.nlp) ------------------------------------------------

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="session")
def extractor():  # type: ignore[no-untyped-def]
    """The full extractor (spaCy model, ruler, classifier, geocoder), loaded once a session."""
    from khabar.extract import Extractor

    return Extractor.load()


@pytest.fixture(scope="session")
def nlp_rules():  # type: ignore[no-untyped-def]
    """The spaCy pipeline with khabar's rule stages only (no classifier, no gazetteer)."""
    from khabar.nlp.pipeline import PipelineOptions, load_pipeline

    return load_pipeline(PipelineOptions(classify=False))


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """``../shared`` beside the repository (third-party gold data; never copied in)."""
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is absent: third-party gold data is read from there, not copied")
    return SHARED


# -- khabar serve (khabar.api, khabar.web) ---------------------------------------------------
# ``api_store`` is a SQLite file holding the hand-made articles of tests/api/sample.py;
# ``api_client`` is a TestClient over it (fake extractor); ``live_server`` runs the same app
# in uvicorn on a free loopback port in a background thread, for the browser tests.


@pytest.fixture
def api_store(tmp_path: Path) -> Iterator[object]:
    from khabar.store import open_store
    from tests.api.sample import fill

    store = open_store(f"sqlite:///{tmp_path / 'serve.db'}")
    fill(store)
    yield store
    store.close()


def _api_settings(**overrides: object) -> object:
    from khabar.api import ApiSettings
    from tests.fakes.extractor import load_fake_extractor

    return ApiSettings(extractor_loader=load_fake_extractor, **overrides)  # type: ignore[arg-type]


@pytest.fixture
def api_client(api_store: object) -> Iterator[object]:
    from fastapi.testclient import TestClient

    from khabar.api import create_app

    app = create_app(api_store, settings=_api_settings())  # type: ignore[arg-type]
    with TestClient(app) as client:
        yield client


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of ``khabar serve``'s app over the sample database, on 127.0.0.1."""
    import threading

    import uvicorn

    from khabar.api import create_app
    from khabar.store import open_store
    from tests.api.sample import fill

    store = open_store(f"sqlite:///{tmp_path_factory.mktemp('serve') / 'serve.db'}")
    fill(store)
    app = create_app(store, settings=_api_settings())  # type: ignore[arg-type]
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        store.close()


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def chromium() -> Iterator[object]:
    """Debian's headless Chromium driven by Playwright (never `playwright install`)."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent: run scripts/system-deps.sh (Debian's chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def fake_loader():  # type: ignore[no-untyped-def]
    """The loader of the keyword test extractor (instant; no model), for store/watch tests."""
    from tests.fakes.extractor import load_fake_extractor

    return load_fake_extractor
