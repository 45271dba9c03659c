"""Batch readers: folders, JSONL, CSV/TSV, stdin — every record is an article or a rejection."""

from __future__ import annotations

from pathlib import Path

from khabar.ingest.batch import count_records, iter_records, iter_stdin


def test_folder_is_read_recursively_in_a_stable_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text("Second article text.")
    (tmp_path / "a.txt").write_text("First article text.")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "x.txt").write_text("Not read.")
    recs = list(iter_records([str(tmp_path)]))
    assert [r.name for r in recs] == [str(tmp_path / "a.txt"), str(tmp_path / "b" / "two.txt")]
    assert all(r.raw is not None for r in recs)
    assert count_records([str(tmp_path)]) == 2


def test_jsonl_lines_are_records_with_line_numbers(tmp_path: Path) -> None:
    f = tmp_path / "x.jsonl"
    f.write_text(
        '{"text": "The first article.", "url": "https://a.org/1", "published": "2026-01-02"}\n'
        "\n"
        "{broken\n"
        '["not", "an", "object"]\n'
        '{"title": "no text"}\n'
        '{"text": "Two.", "published": "yesterday"}\n'
    )
    recs = list(iter_records([str(f)]))
    assert [r.name.rsplit(":", 1)[1] for r in recs] == ["1", "3", "4", "5", "6"]
    assert recs[0].raw is not None and recs[0].raw.url == "https://a.org/1"
    assert [r.rejection.code for r in recs[1:] if r.rejection] == ["malformed-json"] * 4
    assert count_records([str(f)]) == 5


def test_csv_and_tsv_with_a_text_column(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text('title,text\nT,"Line one,\nstill one."\nU,\n')
    (tmp_path / "b.tsv").write_text("body\turl\nTab separated text.\thttps://b.org\n")
    (tmp_path / "c.csv").write_text("headline,summary\nx,y\n")
    recs = list(iter_records([str(tmp_path)]))
    by_name = {r.name: r for r in recs}
    first = by_name[f"{tmp_path / 'a.csv'}:2"]
    assert first.raw is not None and first.raw.text == "Line one,\nstill one."
    assert first.raw.title == "T"
    empty = by_name[f"{tmp_path / 'a.csv'}:3"]
    assert empty.rejection is not None
    tsv = by_name[f"{tmp_path / 'b.tsv'}:2"]
    assert tsv.raw is not None and tsv.raw.url == "https://b.org"
    no_column = by_name[str(tmp_path / "c.csv")]
    assert no_column.rejection is not None and no_column.rejection.code == "malformed-csv"


def test_stdin_batch_or_single_article() -> None:
    recs = list(iter_stdin(b'{"text": "A."}\n{"text": "B."}\n'))
    assert [r.name for r in recs] == ["<stdin>:1", "<stdin>:2"]
    (single,) = iter_stdin(b"Just one article.\nWith two lines.")
    assert single.raw is not None and single.name == "<stdin>"


def test_missing_and_oversized_files_are_rejected(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * 2_000_001)
    recs = list(iter_records([str(tmp_path / "nope.txt"), str(big)]))
    assert [r.rejection.code for r in recs if r.rejection] == ["unreadable", "oversized"]
