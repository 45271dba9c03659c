"""``khabar extract FILE.jsonl --batch``: one document per line, in order, errors inline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from khabar.cli.main import app
from khabar.extract.batch import extract_lines
from khabar.model import ExtractionResult
from tests.fakes.cli import use_fake_extractor
from tests.fakes.extractor import FakeExtractor

runner = CliRunner()

LINES = [
    b'{"text": "Rebels attacked Police in Kabul.", "published": "2026-03-02"}',
    b"{not json",
    b"",
    b'{"title": "no text"}',
    b'{"text": "Crowds protested in Paris.", "url": "https://example.org/p"}',
    b"[1, 2]",
    b'{"text": "Envoys met Ministers in Nairobi.", "published": "someday"}',
]


def test_one_document_per_line_in_order_with_errors_as_documents() -> None:
    results = list(extract_lines(LINES, FakeExtractor(), name="in.jsonl", chunk_size=2))
    assert len(results) == 6  # the blank line is skipped
    codes = [r.warnings[0].code if r.warnings else None for r in results]
    bad = "malformed-json"
    assert codes == [None, bad, bad, None, bad, bad]
    assert results[0].events[0].type == "ASSAULT"
    assert results[0].article.published is not None
    assert results[3].article.url == "https://example.org/p"
    assert "in.jsonl:2" in results[1].warnings[0].message
    assert "in.jsonl:7" in results[5].warnings[0].message


class Exploding(FakeExtractor):
    def extract_many(self, items: object) -> list[ExtractionResult]:
        raise RuntimeError("batch failed")

    def extract(self, raw, published=None, url=None):  # type: ignore[no-untyped-def]
        if "boom" in raw.text:
            raise RuntimeError("the model choked")
        return super().extract(raw, published, url)


def test_a_crashing_article_gets_an_error_document_and_the_others_go_on() -> None:
    lines = [b'{"text": "Rebels attacked Police in Kabul."}', b'{"text": "The boom went boom."}']
    results = list(extract_lines(lines, Exploding(), name="x"))
    assert results[0].events and not results[0].warnings
    assert results[1].warnings[0].code == "extract-error"
    message = results[1].warnings[0].message  # names the failure, shows no internals
    assert "RuntimeError" in message and "the model choked" not in message


def test_cli_batch_streams_json_lines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    use_fake_extractor(monkeypatch)
    path = tmp_path / "in.jsonl"
    path.write_bytes(b"\n".join(LINES) + b"\n")
    res = runner.invoke(app, ["extract", str(path), "--batch", "-q"])
    assert res.exit_code == 0, res.output
    docs = [ExtractionResult.model_validate(json.loads(line)) for line in res.stdout.splitlines()]
    assert len(docs) == 6 and docs[0].events and docs[1].warnings
    missing = runner.invoke(app, ["extract", str(tmp_path / "nope.jsonl"), "--batch"])
    assert missing.exit_code == 2 and "no such file" in missing.stderr
