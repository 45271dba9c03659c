"""``khabar ingest`` / ``events`` / ``stats`` through the CLI (fake extractor injected)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import khabar.store.pipeline as pipeline
from khabar.cli.main import app
from tests.fakes.extractor import load_fake_extractor
from tests.store.test_pipeline import write_corpus

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    tmp = tmp_path_factory.mktemp("cli")
    url = f"sqlite:///{tmp / 'k.db'}"
    folder = write_corpus(tmp / "in", 6)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(pipeline, "default_loader", lambda: load_fake_extractor)
        result = runner.invoke(
            app, ["ingest", str(folder), "--db", url, "--published-default", "2026-03-01"]
        )
    assert result.exit_code == 0, result.output
    assert "8 stored" in result.output
    assert "4 rejected" in result.output and "non-english" in result.output
    return url


def test_events_formats(db: str, tmp_path: Path) -> None:
    res = runner.invoke(app, ["events", "--db", db, "--format", "jsonl", "--type", "ASSAULT"])
    assert res.exit_code == 0, res.output
    lines = [json.loads(x) for x in res.stdout.splitlines()]
    assert lines and all(x["event"]["type"] == "ASSAULT" for x in lines)
    res = runner.invoke(
        app, ["events", "--db", db, "--format", "geojson", "--near", "34.5,69.2,20"]
    )
    assert json.loads(res.stdout)["type"] == "FeatureCollection"
    res = runner.invoke(app, ["events", "--db", db, "--format", "csv", "--country", "FRA"])
    assert res.stdout.startswith("event_id,event_date,")
    out = tmp_path / "e.parquet"
    res = runner.invoke(app, ["events", "--db", db, "--format", "parquet", "-o", str(out)])
    assert res.exit_code == 0 and out.stat().st_size > 0
    res = runner.invoke(app, ["events", "--db", db])
    assert res.exit_code == 0 and "ASSAULT" in res.stdout
    first = lines[0]
    res = runner.invoke(
        app, ["events", "--db", db, "--format", "jsonl", "--cluster", first["cluster"]["id"]]
    )
    assert [json.loads(x)["id"] for x in res.stdout.splitlines()] == [first["id"]]


@pytest.mark.parametrize(
    "args",
    [
        ["--near", "1,2"],
        ["--since", "March"],
        ["--format", "xml"],
        ["--format", "parquet"],
        ["--factuality", "maybe"],
    ],
)
def test_bad_options_say_what_is_wrong(db: str, args: list[str]) -> None:
    res = runner.invoke(app, ["events", "--db", db, *args])
    assert res.exit_code == 2
    assert "khabar: error:" in res.output


def test_stats(db: str) -> None:
    res = runner.invoke(app, ["stats", "--db", db])
    assert res.exit_code == 0, res.output
    assert "8 articles" in res.stdout and "events by type" in res.stdout


def test_bad_database_url() -> None:
    res = runner.invoke(app, ["stats", "--db", "nonsense://"])
    assert res.exit_code == 2 and "khabar: error:" in res.output


def test_ingest_warns_about_undated_and_re_encoded_articles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline, "default_loader", lambda: load_fake_extractor)
    folder = tmp_path / "in"
    folder.mkdir()
    text = "Rebels attacked Police in Kabul. The café in the town was closed, the army said."
    (folder / "a.txt").write_bytes(text.encode("cp1252"))
    secret = tmp_path / "secret.txt"
    secret.write_text("Officials met Envoys in Paris and the talks went on.")
    (folder / "s.txt").symlink_to(secret)
    url = f"sqlite:///{tmp_path / 'k.db'}"
    res = runner.invoke(app, ["ingest", str(folder), "--db", url])
    out = " ".join(res.output.split())  # rich wraps long lines
    assert res.exit_code == 0, res.output
    assert "1 stored" in out and "symlink" in out
    assert "decoded in a detected encoding" in out
    assert "no publication date" in out
    res = runner.invoke(app, ["ingest", str(folder), "--db", url, "--follow-symlinks"])
    out = " ".join(res.output.split())
    assert res.exit_code == 0 and "1 stored" in out and "1 already" in out
