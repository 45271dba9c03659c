"""The progress display: model load as its own step, rate and ETA over a moving window."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from khabar.cli.main import app
from khabar.cli.progress import Progress, ProgressMode, RateWindow, progress_mode
from tests.fakes.cli import use_fake_extractor

runner = CliRunner()


class Clock:
    def __init__(self) -> None:
        self.t = 0.0

    def __call__(self) -> float:
        return self.t


def test_rate_and_eta_follow_the_recent_window_not_the_start() -> None:
    window = RateWindow(window_s=10)
    window.add(0.0, 1)
    assert window.rate() is None and window.eta(100) is None
    for i in range(2, 11):  # 1 article/s for 9 s
        window.add(float(i - 1), i)
    assert window.rate() == pytest.approx(1.0)
    for i in range(11, 111):  # then 10 articles/s for 10 s
        window.add(9.0 + (i - 10) / 10, i)
    assert window.rate() == pytest.approx(10.0, rel=0.02)
    assert window.eta(210) == pytest.approx(10.0, rel=0.02)


def test_jsonl_progress_times_the_load_step_apart() -> None:
    clock, out = Clock(), io.StringIO()
    with Progress("articles", 3, ProgressMode.jsonl, stream=out, clock=clock) as bar:

        def load() -> str:
            clock.t += 12.0
            return "model"

        assert bar.run_step("load-model", "loading the model", load) == "model"
        for status in ("stored", "stored", "rejected"):
            clock.t += 0.5
            bar.advance(status)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert lines[1] == {
        "event": "step",
        "step": "load-model",
        "status": "done",
        "seconds": 12.0,
        "elapsed_s": 12.0,
    }
    last = lines[-2]
    assert (last["done"], last["total"], last["rate"], last["eta_s"]) == (3, 3, 2.0, 0.0)
    assert lines[-1]["counts"] == {"rejected": 1, "stored": 2}


def test_quiet_wins_and_none_prints_nothing() -> None:
    assert progress_mode(ProgressMode.jsonl, quiet=True) is ProgressMode.none
    assert progress_mode(None, quiet=False) is ProgressMode.bar
    out = io.StringIO()
    with Progress("x", 1, ProgressMode.none, stream=out) as bar:
        bar.advance()
    assert out.getvalue() == ""


def test_ingest_progress_jsonl(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    use_fake_extractor(monkeypatch)
    news = tmp_path / "news"
    news.mkdir()
    for i in range(3):
        (news / f"a{i}.txt").write_text(f"Rebels attacked Police in Kabul, report {i}.")
    db = f"sqlite:///{tmp_path / 'k.db'}"
    res = runner.invoke(app, ["ingest", str(news), "--db", db, "--progress", "jsonl"])
    assert res.exit_code == 0, res.output
    events = [json.loads(line) for line in res.stderr.splitlines() if line.startswith("{")]
    assert [e["event"] for e in events] == ["step", "step"] + ["progress"] * 3 + ["end"]
    assert events[-2]["done"] == 3 and events[-2]["total"] == 3
