"""Batch readers: folders, JSONL, CSV/TSV, stdin — every record is an article or a rejection."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

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


ARTICLE = "Rebels attacked the police station in Kabul on Monday, officials said."


def test_a_symlink_out_of_the_folder_is_refused_unless_asked(tmp_path: Path) -> None:
    secret = tmp_path / "outside" / "passwd"
    secret.parent.mkdir()
    secret.write_text("root:x:0:0:root:/root:/bin/bash and more words")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE)
    (folder / "evil.txt").symlink_to(secret)
    (folder / "linked-dir").symlink_to(secret.parent, target_is_directory=True)
    (folder / "same.txt").symlink_to(folder / "a.txt")  # inside the folder: read
    recs = {Path(r.name).name: r for r in iter_records([str(folder)])}
    assert recs["evil.txt"].rejection is not None
    assert recs["evil.txt"].rejection.code == "symlink"
    assert "--follow-symlinks" in recs["evil.txt"].rejection.reason
    assert recs["linked-dir"].rejection is not None
    assert recs["a.txt"].raw is not None and recs["same.txt"].raw is not None
    followed = {Path(r.name).name: r for r in iter_records([str(folder)], follow_symlinks=True)}
    assert followed["evil.txt"].raw is not None and "passwd" in followed


def test_a_fifo_in_a_folder_is_refused_without_blocking(tmp_path: Path) -> None:
    import os

    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "a.txt").write_text(ARTICLE)
    recs = list(iter_records([str(tmp_path)]))
    codes = {Path(r.name).name: r.rejection.code if r.rejection else "ok" for r in recs}
    assert codes == {"a.txt": "ok", "pipe.txt": "not-a-file"}


def test_a_csv_field_over_131072_characters_keeps_the_later_rows(tmp_path: Path) -> None:
    big = (ARTICLE + " ") * 3000  # ~216 k characters
    rows = [big, ARTICLE.replace("Kabul", "Herat"), ARTICLE.replace("Kabul", "Kunduz")]
    body = "text\n" + "".join(f'"{r}"\n' for r in rows)
    (tmp_path / "a.csv").write_text(body)
    recs = list(iter_records([str(tmp_path / "a.csv")]))
    assert [r.raw is not None for r in recs] == [True, True, True]
    assert recs[0].raw is not None and len(recs[0].raw.text) > 131_072


def test_csv_metadata_columns_and_aliases(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text(
        "headline,body,link,date,source\n"
        f'Attack,"{ARTICLE}",https://x.example/1,2026-03-02,X News\n'
    )
    (rec,) = iter_records([str(tmp_path / "a.csv")])
    assert rec.raw is not None
    assert (rec.raw.title, rec.raw.url, str(rec.raw.published), rec.raw.outlet) == (
        "Attack",
        "https://x.example/1",
        "2026-03-02",
        "X News",
    )


@pytest.mark.parametrize("suffix", [".meta.json", ".meta.yaml"])
def test_a_sidecar_gives_the_metadata_and_is_not_an_article(tmp_path: Path, suffix: str) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE)
    meta = {"published": "2026-03-04", "url": "https://x.example/a", "outlet": "X", "title": "T"}
    (tmp_path / f"a{suffix}").write_text(json.dumps(meta))  # JSON is YAML too
    (rec,) = iter_records([str(tmp_path)])
    assert rec.raw is not None
    assert (str(rec.raw.published), rec.raw.url, rec.raw.outlet, rec.raw.title) == (
        "2026-03-04",
        "https://x.example/a",
        "X",
        "T",
    )


def test_a_bad_sidecar_rejects_its_article_with_the_reason(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "a.meta.yaml").write_text("published: next week\n")
    (rec,) = iter_records([str(tmp_path)])
    assert rec.rejection is not None and rec.rejection.code == "bad-metadata"
    assert "published" in rec.rejection.reason


def test_a_file_name_with_undecodable_bytes_is_a_storable_name(tmp_path: Path) -> None:
    import os

    raw_name = os.fsencode(str(tmp_path)) + b"/caf\xe9.txt"
    with open(raw_name, "wb") as fh:
        fh.write(ARTICLE.encode())
    (rec,) = iter_records([str(tmp_path)])
    rec.name.encode("utf-8")  # no lone surrogate left
    assert rec.raw is not None


def test_a_bad_date_is_rejected_under_its_format(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text(f'text,date\n"{ARTICLE}",14/03/2026\n')
    (tmp_path / "b.txt").write_text(f"---\npublished: last week\n---\n{ARTICLE}")
    codes = {
        Path(r.name).name: r.rejection.code for r in iter_records([str(tmp_path)]) if r.rejection
    }
    assert codes == {"a.csv:2": "malformed-csv", "b.txt": "bad-metadata"}


def test_a_reader_bug_in_one_file_ends_that_file_not_the_batch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import khabar.ingest.batch as batch

    (tmp_path / "a.jsonl").write_text(json.dumps({"text": ARTICLE}) + "\n")
    (tmp_path / "b.txt").write_text(ARTICLE)

    def broken(text: str, name: str):  # type: ignore[no-untyped-def]
        raise KeyError("bug")
        yield

    monkeypatch.setattr(batch, "iter_jsonl", broken)
    recs = {Path(r.name).name: r for r in iter_records([str(tmp_path)])}
    assert recs["a.jsonl"].rejection is not None and recs["a.jsonl"].rejection.code == "unreadable"
    assert recs["b.txt"].raw is not None
