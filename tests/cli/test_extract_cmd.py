"""``khabar extract`` on bad input: a clear error, a non-zero exit, no events printed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from khabar.cli.main import app

runner = CliRunner()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"   \n\t ", "empty"),
        (b"\x00\x01\x02binary\xff\xfe" * 50, "binary"),
        (b'{"text": "unterminated', "malformed JSON"),
        # issue 13, item 2: a huge integer and deep nesting are clean refusals, no traceback
        (b'{"text": "Rebels attacked the town.", "n": 1' + b"0" * 5000 + b"}", "too long"),
        (
            b'{"text": "Rebels attacked the town.", "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
            "nested too deeply",
        ),
        # item 5: junk and over-long texts, with no spaCy internals in the message
        ("\u200b\u200b 🙂 .".encode(), "no text"),
        (b"word " * 210_000, "1,000,000-character limit"),
        (b'{"title": "no text field"}', "'text'"),
        (b'{"text": "A text.", "published": "last Tuesday"}', "published"),
        (b"<html><body><script>var x = 1;</script></body></html>", "no article text"),
    ],
)
def test_bad_input_fails_clearly(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "article"
    path.write_bytes(content)
    result = runner.invoke(app, ["extract", str(path)])
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr and "max_length" not in result.stderr
    assert "set_int_max_str_digits" not in result.stderr
    assert result.stdout == ""


class _SlowExtractor:
    """Stands in for the real extractor: spins far past any time limit."""

    def extract(self, raw: object, published: object = None, url: object = None) -> object:
        while True:
            pass


def test_extract_stops_at_the_time_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import khabar.extract

    monkeypatch.setattr(
        khabar.extract.Extractor, "load", classmethod(lambda cls, opts: _SlowExtractor())
    )
    path = tmp_path / "a.txt"
    path.write_text("Rebels attacked the town of Osh on Monday.", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(path), "--time-limit", "0.3"])
    assert result.exit_code == 2
    assert "0.3-second budget" in result.stderr and result.stdout == ""


def test_missing_file_and_bad_date(tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", str(tmp_path / "nope.txt")])
    assert result.exit_code == 2 and "no such file" in result.stderr
    ok = tmp_path / "a.txt"
    ok.write_text("Police detained six protesters.", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(ok), "--published", "14/03/2026"])
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.stderr


@pytest.mark.slow
def test_extract_reads_jsonl_line_with_its_metadata(tmp_path: Path) -> None:
    line = {
        "text": "Police detained six protesters in Osh on Monday.",
        "published": "2026-03-14",
        "url": "https://news.example/osh",
    }
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(path)])
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["article"]["url"] == "https://news.example/osh"
    assert doc["article"]["published"] == "2026-03-14"
    assert [e["type"] for e in doc["events"]] == ["COERCE"]
    assert doc["events"][0]["date"]["value"] == "2026-03-09"


@pytest.mark.slow
def test_extract_reads_html_main_text(tmp_path: Path) -> None:
    html = (
        "<html><head><title>Osh news</title></head><body><nav>Home | World</nav>"
        "<article><h1>Arrests in Osh</h1><p>Police detained six protesters in Osh on Monday, "
        "witnesses said.</p><p>The protesters had demanded the release of a journalist.</p>"
        "</article><footer>Copyright</footer></body></html>"
    )
    path = tmp_path / "a.html"
    path.write_text(html, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(path), "--format", "jsonl"])
    assert result.exit_code == 0, result.stderr
    types = [json.loads(line)["type"] for line in result.stdout.splitlines()]
    assert "COERCE" in types
    assert "Copyright" not in result.stdout


def test_extract_reads_a_sidecar_and_warns_about_a_re_encoded_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import khabar.extract
    from tests.fakes.extractor import FakeExtractor

    monkeypatch.setattr(
        khabar.extract.Extractor, "load", classmethod(lambda cls, opts: FakeExtractor())
    )
    path = tmp_path / "a.txt"
    path.write_bytes("Rebels attacked Police in Kabul, the café owner said.".encode("cp1252"))
    (tmp_path / "a.meta.yaml").write_text("published: 2026-03-14\noutlet: Kabul Times\n")
    result = runner.invoke(app, ["extract", str(path)])
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["article"]["published"] == "2026-03-14"
    assert doc["article"]["outlet"] == "Kabul Times"
    assert "café" in doc["article"]["text"]
    assert [w["code"] for w in doc["warnings"]] == ["charset"]
    assert "decoded as cp1252" in result.stderr
