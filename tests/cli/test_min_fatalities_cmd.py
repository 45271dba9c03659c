"""``khabar events --min-fatalities`` on a small database built here."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from khabar.cli.main import app
from khabar.model import Fatalities
from khabar.store import open_store
from tests.store.factories import make_event, make_result

runner = CliRunner()
TEXT = "Gunmen attacked a convoy, killing 12 people. Crowds protested in the city."


def test_min_fatalities_filters_and_exports(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'k.db'}"
    words = "12"
    start = TEXT.index(words)
    deadly = make_event("Gunmen attacked a convoy, killing 12 people.").model_copy(
        update={"fatalities": Fatalities(value=12, text=words, start=start, end=start + 2)}
    )
    calm = make_event("Crowds protested in the city.", type_="PROTEST", eid="e2")
    with open_store(url) as store:
        store.add_result(make_result(TEXT, [deadly, calm]))
    res = runner.invoke(app, ["events", "--db", url, "--format", "jsonl", "--min-fatalities", "10"])
    assert res.exit_code == 0, res.output
    lines = [json.loads(line) for line in res.output.splitlines()]
    assert [line["event"]["fatalities"]["value"] for line in lines] == [12]
    res = runner.invoke(app, ["events", "--db", url, "--format", "csv", "--min-fatalities", "13"])
    assert res.exit_code == 0 and len(res.output.splitlines()) == 1  # the header only
    bad = runner.invoke(app, ["events", "--db", url, "--min-fatalities", "-1"])
    assert bad.exit_code != 0
