"""Text hygiene: decoding by BOM/charset, cleaning, safe JSON, junk, size (issue 13 items 2, 5)."""

from __future__ import annotations

import json

import pytest

from khabar.errors import InputError
from khabar.ingest.hygiene import MAX_ARTICLE_CHARS, ReadError, decode, load_json
from khabar.ingest.read import RawArticle, read_article_bytes

ARTICLE = "Rebels attacked the police station in Kabul on Monday, officials said."


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-8-sig"])
def test_a_byte_order_mark_decides_the_encoding(encoding: str) -> None:
    data = (
        ("\ufeff" + ARTICLE).encode(encoding) if "-" in encoding[6:] else ARTICLE.encode(encoding)
    )
    text, warnings = decode(data, "a")
    assert text.lstrip("\ufeff") == ARTICLE and warnings == []


def test_windows_1252_is_detected_and_warned_about() -> None:
    source = ARTICLE + " Café owners called it “déjà vu” — again."
    raw = read_article_bytes(source.encode("cp1252"), "a")
    assert raw.text == source
    assert [w.code for w in raw.warnings] == ["charset"]
    assert "cp1252" in raw.warnings[0].message


def test_nuls_and_lone_surrogates_are_removed_with_a_warning() -> None:
    raw = read_article_bytes(
        json.dumps({"text": ARTICLE + "\udfff\x00", "title": "T\ud800"}).encode()
    )
    assert raw.text == ARTICLE and raw.title == "T"
    assert [w.code for w in raw.warnings] == ["cleaned"]
    # on any construction (the API builds RawArticle itself)
    assert RawArticle(text="a\x00b").text == "ab"


def test_a_nul_after_the_first_8_kb_is_cleaned_not_binary() -> None:
    text = ARTICLE + " " + "more words here " * 1000 + "\x00 end of the story"
    raw = read_article_bytes(text.encode(), "a")
    assert "\x00" not in raw.text and raw.warnings[0].code == "cleaned"


def test_nine_control_characters_in_250_are_cleaned_not_binary() -> None:
    text = (ARTICLE * 4)[:241]
    noisy = "".join(ch + ("\x07" if i % 27 == 5 else "") for i, ch in enumerate(text))
    assert sum(ch == "\x07" for ch in noisy) == 9
    raw = read_article_bytes(noisy.encode(), "a")
    assert raw.text == text


def test_mostly_control_characters_are_binary() -> None:
    with pytest.raises(ReadError) as err:
        read_article_bytes(("Text " + "\x01\x02\x03" * 50).encode(), "a")
    assert err.value.code == "binary"


@pytest.mark.parametrize(
    "text",
    [
        "[Updated] " + ARTICLE,
        "{Corrected} " + ARTICLE,
        "[1] " + ARTICLE,
    ],
)
def test_text_starting_with_a_bracket_is_text_not_json(text: str) -> None:
    raw = read_article_bytes(text.encode(), "a")
    assert raw.source_format == "text" and raw.text == text


@pytest.mark.parametrize(
    ("doc", "needle"),
    [
        ('{"text": "x", "n": 1' + "0" * 4400 + "}", "too long"),
        ('{"text": "x", "n": ' + "[" * 50_000 + "]" * 50_000 + "}", "nested too deeply"),
        ('{"text": "unterminated', "malformed JSON"),
    ],
)
def test_json_limits_are_clean_rejections(doc: str, needle: str) -> None:
    with pytest.raises(ReadError) as err:
        load_json(doc, "a")
    assert err.value.code == "malformed-json" and needle in str(err.value)
    assert "set_int_max_str_digits" not in str(err.value)


@pytest.mark.parametrize("junk", [".", "🙂🙂 🔥", "\u200b\u200b\u200c", "12 34 56", "Ok."])
def test_junk_is_no_text(junk: str) -> None:
    with pytest.raises(ReadError) as err:
        read_article_bytes(junk.encode(), "a")
    assert err.value.code == "no-text"


def test_the_character_limit_is_a_clean_message() -> None:
    text = "word " * (MAX_ARTICLE_CHARS // 5 + 1)
    with pytest.raises(InputError, match="1,000,000-character limit") as err:
        read_article_bytes(json.dumps({"text": text}).encode(), "a")
    assert "max_length" not in str(err.value)
    ok = ("word " * (MAX_ARTICLE_CHARS // 5 - 10)).encode()  # just under: read
    assert len(read_article_bytes(ok, "b").text) < MAX_ARTICLE_CHARS


def test_front_matter_gives_metadata_and_is_not_text() -> None:
    data = f"---\npublished: 2026-04-02\nurl: https://x.example/a\noutlet: X\n---\n{ARTICLE}"
    raw = read_article_bytes(data.encode(), "a")
    assert raw.text == ARTICLE
    assert (str(raw.published), raw.url, raw.outlet) == ("2026-04-02", "https://x.example/a", "X")
    rule = f"---\n{ARTICLE}\n---\nmore text after a rule"  # no metadata key: plain text
    assert read_article_bytes(rule.encode(), "b").text == rule


def test_a_url_that_is_not_a_url_is_dropped_with_a_warning() -> None:
    raw = RawArticle(text=ARTICLE, url="http://[::1")
    assert raw.url is None and [w.code for w in raw.warnings] == ["bad-url"]
