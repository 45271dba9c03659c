"""Re-ingesting a file with a publication date it lacked updates the article, visibly."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from khabar.cli.main import app
from khabar.store import open_store
from tests.fakes.cli import use_fake_extractor

runner = CliRunner()


def test_a_second_ingest_with_a_date_updates_instead_of_skipping(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_fake_extractor(monkeypatch)
    news = tmp_path / "news"
    news.mkdir()
    (news / "a.txt").write_text("Rebels attacked Police in Kabul on Tuesday.", encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'k.db'}"
    first = runner.invoke(app, ["ingest", str(news), "--db", db, "-q"])
    assert first.exit_code == 0 and "1 stored" in first.output
    args = ["ingest", str(news), "--db", db, "-q", "--published-default", "2026-03-05"]
    second = runner.invoke(app, args)
    assert second.exit_code == 0
    assert "1 updated" in second.output and "0 already" in second.output
    with open_store(db) as store:
        ((published,),) = [(r[4],) for r in store.dump()["articles"]]
        assert str(published) == "2026-03-05"
        assert all(r[10] == "2026-03-05" for r in store.dump()["events"])
    third = runner.invoke(app, args)
    assert "1 already" in third.output and "updated" not in third.output
