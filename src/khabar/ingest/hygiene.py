"""Text hygiene in one place: decoding bytes, cleaning strings, safe JSON, the junk test.

Every reader (``khabar extract``, ``khabar ingest``, the API) goes through these functions,
so an input is judged the same way everywhere:

* **decoding** — a byte-order mark decides UTF-8/16/32; otherwise UTF-8, and failing that
  the encoding charset-normalizer detects (recorded as a ``charset`` warning); bytes that
  are no text in any encoding are refused as ``binary``;
* **cleaning** — NUL, other C0 control characters and lone surrogates are removed (recorded
  as a ``cleaned`` warning); a text that is mostly control characters is ``binary``;
* **JSON** — parsed with the interpreter's limits turned into clean ``malformed-json``
  rejections (huge integers, deep nesting), never a traceback;
* **junk** — a text with no letters, or under ``MIN_WORDS`` words, is ``no-text``;
* **size** — at most ``MAX_ARTICLE_BYTES`` bytes read and ``MAX_ARTICLE_CHARS`` characters of
  article text (spaCy's per-document limit; a longer text is refused with a clear message).
"""

from __future__ import annotations

import codecs
import json
import re
import unicodedata
from typing import Any, Literal

from khabar.errors import InputError
from khabar.model import Warning

#: Bytes read for one article (a file, a JSONL line, a stdin document).
MAX_ARTICLE_BYTES = 2_000_000
#: Characters of article text khabar extracts from (spaCy's default ``nlp.max_length``).
MAX_ARTICLE_CHARS = 1_000_000
#: A text with fewer words than this (a word has at least one letter) is not an article.
MIN_WORDS = 3
#: A decoded text whose control characters exceed this share of its characters is binary.
MAX_CONTROL_SHARE = 0.10

#: Why an input was not stored. ``non-english`` comes from the extractor's warning.
RejectionCode = Literal[
    "empty",
    "binary",
    "not-utf8",
    "oversized",
    "malformed-json",
    "malformed-csv",
    "malformed-html",
    "bad-metadata",
    "no-text",
    "non-english",
    "unreadable",
    "symlink",
    "not-a-file",
    "timeout",
    "extract-error",
    "store-error",
]


class ReadError(InputError):
    """An ``InputError`` with the rejection code it is recorded under."""

    def __init__(self, message: str, code: RejectionCode) -> None:
        super().__init__(message)
        self.code: RejectionCode = code


# -- decoding ------------------------------------------------------------------------------

#: Byte-order marks, longest first (the UTF-32-LE mark starts with the UTF-16-LE one).
_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)
#: Among encodings that decode the bytes to the same text, the one named in the warning.
_PREFERRED = ("cp1252", "latin_1", "iso8859_15")


def _detect(data: bytes) -> tuple[str, str] | None:
    """``(text, encoding)`` as charset-normalizer reads non-UTF-8 bytes; ``None``: no text.

    khabar reads English, whose legacy files are overwhelmingly Windows-1252/Latin-1: among
    the candidates about as plausible as the best, one of those is preferred.
    """
    from charset_normalizer import from_bytes

    results = from_bytes(data)
    best = results.best()
    if best is None:
        return None
    for match in results:
        if match.chaos > best.chaos + 0.05:
            continue
        encoding = next((e for e in _PREFERRED if e in match.could_be_from_charset), None)
        if encoding is not None:
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                continue
    return str(best), best.encoding


def decode(
    data: bytes, name: str, *, limit: int | None = MAX_ARTICLE_BYTES
) -> tuple[str, list[Warning]]:
    """Bytes to text by BOM, UTF-8 or detection, then cleaned; ``ReadError`` if not text."""
    if not data.strip():
        raise ReadError(f"{name}: the input is empty; give an article with some text", "empty")
    if limit is not None and len(data) > limit:
        raise ReadError(
            f"{name}: the input is {len(data):,} bytes, over the {limit:,}-byte limit for one "
            "article; split it into articles (e.g. one JSONL line each)",
            "oversized",
        )
    warnings: list[Warning] = []
    bom = next(((enc, label) for mark, enc, label in _BOMS if data.startswith(mark)), None)
    if bom is not None:
        try:
            text = data.decode(bom[0])
        except UnicodeDecodeError as exc:
            raise ReadError(
                f"{name}: the input starts with a {bom[1]} byte-order mark but is not valid "
                f"{bom[1]} (byte {exc.start}); re-encode it as UTF-8",
                "not-utf8",
            ) from None
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            found = None if data.count(0) > len(data) // 20 else _detect(data)
            if found is None:
                raise ReadError(
                    f"{name}: the input is not valid UTF-8 (byte {exc.start}) nor text in an "
                    "encoding khabar recognises; it looks binary. Give UTF-8 text or HTML",
                    "binary",
                ) from None
            text, encoding = found
            warnings.append(
                Warning(
                    code="charset",
                    message=f"the input is not UTF-8; it was decoded as {encoding} (detected)",
                )
            )
    text, cleaned = clean(text)
    if cleaned:
        if cleaned > 8 and cleaned > MAX_CONTROL_SHARE * len(text + " " * cleaned):
            raise ReadError(
                f"{name}: the input has {cleaned:,} control characters in "
                f"{len(text) + cleaned:,}; it looks binary. Give UTF-8 text or HTML",
                "binary",
            )
        warnings.append(cleaned_warning(cleaned))
    return text, warnings


# -- cleaning ------------------------------------------------------------------------------

#: NUL and lone UTF-16 surrogates (from JSON ``\\udfff`` escapes or file names): no database
#: stores them (PostgreSQL refuses NUL, UTF-8 cannot encode a surrogate).
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
#: ... and, in decoded files, the other C0 controls except tab, newline, form feed and
#: carriage return, and DEL: no news text holds them.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f\ud800-\udfff]")


def clean(text: str, *, controls: bool = True) -> tuple[str, int]:
    """``text`` without unstorable (and, with ``controls``, control) characters; how many."""
    cleaned, n = (_CONTROLS if controls else _UNSTORABLE).subn("", text)
    return cleaned, n


def clean_name(text: str) -> str:
    """A display name (file name, record name) safe to store: unstorable characters → ``?``."""
    return _UNSTORABLE.sub("?", text)


def cleaned_warning(n: int) -> Warning:
    return Warning(
        code="cleaned",
        message=f"{n:,} NUL, control or lone-surrogate character(s) were removed from the input",
    )


# -- JSON ----------------------------------------------------------------------------------


def load_json(text: str, name: str) -> Any:
    """``json.loads`` whose failures are ``ReadError('malformed-json')`` with a clear reason."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ReadError(
            f"{name}: malformed JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}",
            "malformed-json",
        ) from None
    except RecursionError:
        raise ReadError(
            f"{name}: malformed JSON: nested too deeply; an article is one flat object",
            "malformed-json",
        ) from None
    except ValueError:  # an integer literal with thousands of digits
        raise ReadError(
            f"{name}: malformed JSON: a number is too long (thousands of digits)",
            "malformed-json",
        ) from None


_JSON_OBJECT_START = re.compile(r'\{\s*"[^"\n]{0,200}"\s*:')


def looks_like_json_object(text: str) -> bool:
    """The text begins like a JSON object (``{"key":``), so a parse failure is malformed JSON."""
    return _JSON_OBJECT_START.match(text.lstrip()) is not None


# -- junk and size -------------------------------------------------------------------------


def count_words(text: str, stop: int) -> int:
    """Whitespace-separated words holding at least one letter, counted up to ``stop``."""
    n = 0
    for word in text.split():
        if any(unicodedata.category(ch).startswith("L") for ch in word):
            n += 1
            if n >= stop:
                break
    return n


def check_article_text(text: str, name: str) -> None:
    """Refuse junk (no letters, under ``MIN_WORDS`` words) and texts over the size limit."""
    if len(text) > MAX_ARTICLE_CHARS:
        raise ReadError(
            f"{name}: the article text is {len(text):,} characters, over the "
            f"{MAX_ARTICLE_CHARS:,}-character limit for one article; split it into articles",
            "oversized",
        )
    words = count_words(text, MIN_WORDS)
    if words < MIN_WORDS:
        what = "no letters" if words == 0 else f"only {words} word(s)"
        raise ReadError(
            f"{name}: no text to extract from: the article has {what} "
            f"(at least {MIN_WORDS} words are needed)",
            "no-text",
        )
