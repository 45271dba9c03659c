"""Reading one article: formats recognised from content, stable ids, clear refusals."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from khabar.errors import InputError
from khabar.ingest.read import MAX_ARTICLE_BYTES, article_from_raw, read_article_bytes


def test_same_content_same_id_whatever_the_line_endings() -> None:
    a = article_from_raw(read_article_bytes(b"Police detained six people.\r\nMore text."))
    b = article_from_raw(
        read_article_bytes("\ufeffPolice detained six people.\nMore text.".encode())
    )
    assert a.id == b.id and a.text_sha256 == b.text_sha256
    assert a.text == "Police detained six people.\nMore text."


def test_json_line_carries_metadata() -> None:
    line = {
        "text": "Rebels attacked Herat.",
        "published": "2026-03-14",
        "url": "https://x.example/a",
    }
    raw = read_article_bytes(json.dumps(line).encode())
    assert raw.source_format == "jsonl"
    art = article_from_raw(raw)
    assert (art.published, art.url) == (dt.date(2026, 3, 14), "https://x.example/a")


def test_command_line_values_override_the_file() -> None:
    raw = read_article_bytes(json.dumps({"text": "A b c d.", "published": "2020-01-01"}).encode())
    art = article_from_raw(raw, published=dt.date(2026, 1, 2), url="https://y.example")
    assert (art.published, art.url) == (dt.date(2026, 1, 2), "https://y.example")


def test_oversized_input_is_refused() -> None:
    with pytest.raises(InputError, match="limit"):
        read_article_bytes(b"a" * (MAX_ARTICLE_BYTES + 1))


def test_several_json_lines_are_not_one_article() -> None:
    data = b'{"text": "one"}\n{"text": "two"}\n'
    with pytest.raises(InputError, match="khabar ingest"):
        read_article_bytes(data)


def test_plain_text_headline_becomes_the_title() -> None:
    raw = read_article_bytes(b"Border guards clash with smugglers\n\nDUSHANBE - Guards fired.")
    assert raw.title == "Border guards clash with smugglers"
    assert read_article_bytes(b"One sentence only. Then another.\n\nMore.").title is None
