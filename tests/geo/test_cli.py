"""``khabar evaluate geo`` on a hand-made corpus; ``khabar geocode`` help."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from khabar.cli.main import app
from khabar.geo.index import GazetteerIndex
from tests.geo.tiny import ENTRIES

LGL_LIKE = """<?xml version="1.0" encoding="utf-8"?>
<articles>
  <article docid="1">
    <text>Protesters marched in Jalalabad, the capital of Nangarhar.</text>
    <toponyms>
      <toponym><start>22</start><end>31</end><phrase>Jalalabad</phrase>
        <gaztag geonameid="1"><lat>34.43</lat><lon>70.45</lon></gaztag></toponym>
      <toponym><start>48</start><end>57</end><phrase>Nangarhar</phrase>
        <gaztag geonameid="2"><lat>34.2</lat><lon>70.4</lon></gaztag></toponym>
    </toponyms>
  </article>
</articles>
"""


@pytest.fixture()
def tiny_gazetteer(tmp_path: Path) -> Path:
    import sqlite3

    from khabar.geo import index as index_mod

    path = tmp_path / "tiny.sqlite"
    conn = sqlite3.connect(path)
    index_mod._write(conn, ENTRIES, index_mod._expected_meta())
    conn.close()
    assert not GazetteerIndex.open(path).is_stale
    return path


def test_evaluate_geo_json(tmp_path: Path, tiny_gazetteer: Path) -> None:
    corpus = tmp_path / "lgl-like.xml"
    corpus.write_text(LGL_LIKE, encoding="utf-8")
    result = CliRunner().invoke(
        app,
        ["evaluate", "geo", "--corpus", str(corpus), "--gazetteer", str(tiny_gazetteer),
         "--resolution-only", "--json"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    metrics = json.loads(result.output)
    assert metrics["n"] == 2 and metrics["acc161"] == 1.0
    assert metrics["median_km"] < 5 and metrics["span_f1"] is None
    assert {"mean_km", "auc"} <= metrics.keys()
    # Both places resolved: they are in the score buckets, 2 resolved, both right.
    buckets = metrics["calibration"]
    assert sum(b["n"] for b in buckets) == 2 and sum(b["right"] for b in buckets) == 2
    assert metrics["articles_with_home_region"] == 0  # one article: no other story to read


def test_evaluate_geo_without_home(tmp_path: Path, tiny_gazetteer: Path) -> None:
    corpus = tmp_path / "lgl-like.xml"
    corpus.write_text(LGL_LIKE, encoding="utf-8")
    args = ["evaluate", "geo", "--corpus", str(corpus), "--gazetteer", str(tiny_gazetteer),
            "--resolution-only", "--json"]  # fmt: skip
    with_home = json.loads(CliRunner().invoke(app, args).output)
    without = json.loads(CliRunner().invoke(app, [*args, "--no-home"]).output)
    assert without["articles_with_home_region"] == 0
    assert without["acc161"] == with_home["acc161"] == 1.0


def test_evaluate_geo_table(tmp_path: Path, tiny_gazetteer: Path) -> None:
    corpus = tmp_path / "lgl-like.xml"
    corpus.write_text(LGL_LIKE, encoding="utf-8")
    result = CliRunner().invoke(
        app,
        ["evaluate", "geo", "--corpus", str(corpus), "--gazetteer", str(tiny_gazetteer),
         "--resolution-only"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "acc161" in result.output and "score 0.95" in result.output


def test_evaluate_geo_bad_corpus(tmp_path: Path, tiny_gazetteer: Path) -> None:
    bad = tmp_path / "bad.xml"
    bad.write_text("<nothing/>", encoding="utf-8")
    result = CliRunner().invoke(
        app,
        ["evaluate", "geo", "--corpus", str(bad), "--gazetteer", str(tiny_gazetteer),
         "--resolution-only"],
    )  # fmt: skip
    assert result.exit_code == 2
    assert "no <article>" in result.output


def test_geocode_has_help() -> None:
    result = CliRunner().invoke(app, ["geocode", "--help"])
    assert result.exit_code == 0 and "resolved to coordinates" in result.output


@pytest.mark.slow
def test_geocode_json_through_the_extractor() -> None:
    text = (
        "Taliban fighters entered the Panjshir valley on Monday, residents said. "
        "Hundreds of people protested in Jalalabad, the capital of Nangarhar province, "
        "and officials in Dushanbe, Tajikistan, called for talks."
    )
    result = CliRunner().invoke(app, ["geocode", "-", "--format", "json"], input=text)
    assert result.exit_code == 0, result.output
    places = {p["text"]: p for p in json.loads(result.output)}
    assert places["Nangarhar"]["country"] == "AFG"
    assert places["Nangarhar"]["precision"] == "admin1"
    assert places["Dushanbe"]["country"] == "TJK"
    for p in places.values():
        assert text[p["start"] : p["end"]] == p["text"]
        assert {"lat", "lon", "geonameid", "score", "how"} <= p.keys()
