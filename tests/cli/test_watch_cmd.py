"""``khabar watch`` and ``khabar feeds`` end to end against the loopback fixture server."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from khabar.cli.main import app
from khabar.store import open_store
from tests.fakes.cli import use_fake_extractor
from tests.fakes.extractor import DELAY_ENV
from tests.watch.server import FixtureServer, Route, article_html, fixture_server, rss

runner = CliRunner()
DAY = dt.date(2026, 3, 2)
N_PAGES = 24  # three chunks of 8 (the ingest chunk size)


@pytest.fixture
def server() -> Iterator[FixtureServer]:
    with fixture_server() as srv:
        srv.routes["/robots.txt"] = Route(b"User-agent: *\nAllow: /\n", content_type="text/plain")
        for i in range(N_PAGES):
            srv.routes[f"/news/{i}"] = Route(article_html(i).encode("utf-8"))
        items = [(f"/news/{i}", f"Title {i}", DAY) for i in range(N_PAGES)]
        srv.routes["/feed.xml"] = Route(rss(srv.base, items), content_type="application/rss+xml")
        srv.routes["/down.xml"] = Route(b"no", status=500, content_type="text/plain")
        yield srv


def feeds_file(tmp_path: Path, server: FixtureServer, *paths: str) -> Path:
    path = tmp_path / "feeds.yaml"
    path.write_text(
        yaml.safe_dump(
            {
                "per_host_delay_s": 0,
                "retries": 0,
                "timeout_s": 2,
                "feeds": [{"name": p.strip("/"), "url": server.url(p)} for p in paths],
            }
        ),
        encoding="utf-8",
    )
    return path


def test_watch_once_twice_then_feeds_shows_health(
    tmp_path: Path, server: FixtureServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_fake_extractor(monkeypatch)
    db = f"sqlite:///{tmp_path / 'w.db'}"
    cfg = feeds_file(tmp_path, server, "/down.xml", "/feed.xml")
    first = runner.invoke(app, ["watch", "--feeds", str(cfg), "--db", db, "--once"])
    assert first.exit_code == 0, first.output
    assert f"feed.xml: {N_PAGES} entries, {N_PAGES} new: {N_PAGES} stored" in first.stderr
    assert "down.xml: 0 entries" in first.stderr and "HTTP 500" in first.stderr
    second = runner.invoke(app, ["watch", "--feeds", str(cfg), "--db", db, "--once", "-q"])
    assert second.exit_code == 0
    with open_store(db) as store:
        assert store.count("articles") == N_PAGES
    table = runner.invoke(app, ["feeds", "--db", db, "--format", "jsonl"])
    states = {s["name"]: s for s in map(json.loads, table.stdout.splitlines())}
    assert states["feed.xml"]["articles_today"] == N_PAGES
    assert states["feed.xml"]["last_error"] is None
    assert states["down.xml"]["consecutive_errors"] == 2
    assert "HTTP 500" in states["down.xml"]["last_error"]
    shown = runner.invoke(app, ["feeds", "--db", db])
    assert "down.xml" in shown.stdout and "never" in shown.stdout


def test_watch_progress_jsonl_reports_feeds(
    tmp_path: Path, server: FixtureServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_fake_extractor(monkeypatch)
    cfg = feeds_file(tmp_path, server, "/feed.xml")
    db = f"sqlite:///{tmp_path / 'w.db'}"
    res = runner.invoke(
        app, ["watch", "--feeds", str(cfg), "--db", db, "--once", "--progress", "jsonl"]
    )
    lines = [json.loads(line) for line in res.stderr.splitlines()]
    kinds = [line["event"] for line in lines]
    assert kinds[:2] == ["step", "step"] and lines[1]["step"] == "load-model"
    assert kinds.count("progress") == N_PAGES and kinds[-1] == "end"
    feed = next(line for line in lines if line["event"] == "feed")
    assert feed["stored"] == N_PAGES


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("feeds: []", "feeds"),
        ("feeds: [{name: a, url: ftp://x}]", "http"),
        ("feeds: [{name: a, url: 'http://x/1'}, {name: a, url: 'http://x/2'}]", "unique"),
        ("per_host_dealy_s: 0\nfeeds: [{name: a, url: 'http://x/1'}]", "per_host_dealy_s"),
        ("feeds: [oops", "not valid YAML"),
    ],
)
def test_bad_feeds_file_fails_clearly(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "feeds.yaml"
    path.write_text(content, encoding="utf-8")
    res = runner.invoke(app, ["watch", "--feeds", str(path), "--db", "sqlite://", "--once"])
    assert res.exit_code == 2 and message in res.stderr and str(path) in res.stderr


def _articles(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.OperationalError:  # not migrated yet
        return 0


def _content(db: Path) -> dict[str, object]:
    with open_store(f"sqlite:///{db}") as store:
        dump = store.dump()
    return {k: v for k, v in dump.items() if not k.startswith("feed")}


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_a_killed_watch_restarted_loses_and_duplicates_nothing(
    tmp_path: Path, server: FixtureServer, sig: signal.Signals
) -> None:
    cfg = feeds_file(tmp_path, server, "/feed.xml")
    env = {**os.environ, DELAY_ENV: "0.1"}
    cmd = [sys.executable, "-m", "tests.fakes.cli", "watch", "--feeds", str(cfg), "--once", "-q"]
    killed, clean = tmp_path / "killed.db", tmp_path / "clean.db"
    proc = subprocess.Popen([*cmd, "--db", f"sqlite:///{killed}"], env=env, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while _articles(killed) == 0 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    os.kill(proc.pid, sig)
    _, err = proc.communicate(timeout=60)
    if sig == signal.SIGKILL:
        assert proc.returncode == -signal.SIGKILL
    else:  # a clean stop: exit 0 after the article in hand, nothing half-written
        assert proc.returncode == 0 and b"SIGTERM" in err
    assert 0 < _articles(killed) < N_PAGES
    env[DELAY_ENV] = "0"
    subprocess.run([*cmd, "--db", f"sqlite:///{killed}"], env=env, check=True, capture_output=True)
    subprocess.run([*cmd, "--db", f"sqlite:///{clean}"], env=env, check=True, capture_output=True)
    assert _articles(killed) == N_PAGES
    assert _content(killed) == _content(clean)
