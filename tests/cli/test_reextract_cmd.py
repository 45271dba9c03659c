"""``khabar reextract`` on a database extracted by an older (simulated) khabar version."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from khabar.cli.main import app
from khabar.store import open_store
from khabar.store import reextract as reextract_module
from khabar.store.reextract import ExtractionVersion
from tests.store.test_reextract import NEW, NewFake, build

runner = CliRunner()


def test_reextract_reports_changes_then_finds_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "k.db"
    from tests.fakes.extractor import load_fake_extractor

    build(db, load_fake_extractor).close()
    monkeypatch.setattr(reextract_module, "current_version", lambda: NEW)
    monkeypatch.setattr("khabar.store.pipeline.default_loader", lambda: NewFake)
    res = runner.invoke(app, ["reextract", "--db", f"sqlite:///{db}"])
    assert res.exit_code == 0, res.output
    assert "5 of 5 stale articles re-extracted (khabar 0.2.0" in res.stderr
    assert "+1 added, -2 removed, 2 retyped" in res.stderr
    again = runner.invoke(app, ["reextract", "--db", f"sqlite:///{db}", "-q"])
    assert "0 of 0 stale articles" in again.stderr
    with open_store(f"sqlite:///{db}") as store:
        assert store.count("articles") == 5


def test_since_version_limits_the_articles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "k.db"
    from tests.fakes.extractor import load_fake_extractor

    build(db, load_fake_extractor).close()
    monkeypatch.setattr(
        reextract_module, "current_version", lambda: ExtractionVersion(khabar="9.0", ontology="x")
    )
    monkeypatch.setattr("khabar.store.pipeline.default_loader", lambda: NewFake)
    res = runner.invoke(app, ["reextract", "--db", f"sqlite:///{db}", "--since-version", "0.5"])
    assert res.exit_code == 0 and "0 of 0 stale articles" in res.stderr
