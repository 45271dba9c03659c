"""Turn bytes from a file or stdin into an ``Article``, or a clear ``InputError``.

Formats are recognised from content, not only from the file name: a JSON object
(one JSONL line) with a ``text`` field, an HTML document, or plain text.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sys
import unicodedata
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict

from khabar.errors import InputError
from khabar.model import Article

#: Articles larger than this are rejected (news articles are rarely above 200 kB of text).
MAX_ARTICLE_BYTES = 2_000_000

InputFormat = Literal["text", "html", "jsonl"]


class RawArticle(BaseModel):
    """An article's text and metadata as read, before any NLP."""

    model_config = ConfigDict(extra="forbid")

    text: str
    title: str | None = None
    url: str | None = None
    published: dt.date | None = None
    source_format: InputFormat = "text"


def decode_bytes(data: bytes, name: str = "input") -> str:
    """Decode article bytes as UTF-8 (with or without BOM), refusing binary data."""
    if not data.strip():
        raise InputError(f"{name}: the input is empty; give an article with some text")
    if len(data) > MAX_ARTICLE_BYTES:
        raise InputError(
            f"{name}: the input is {len(data):,} bytes, over the {MAX_ARTICLE_BYTES:,}-byte limit "
            "for one article; split it into articles (e.g. one JSONL line each)"
        )
    if b"\x00" in data[:8192]:
        raise InputError(f"{name}: the input looks binary (NUL bytes); give UTF-8 text or HTML")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name}: the input is not valid UTF-8 (byte {exc.start}); re-encode it as UTF-8"
        ) from None
    controls = sum(
        1 for ch in text[:20000] if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f"
    )
    if controls > max(8, len(text[:20000]) // 100):
        raise InputError(f"{name}: the input has {controls} control characters; it looks binary")
    return text


def _parse_date(value: object, name: str) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            pass
    raise InputError(f"{name}: 'published' must be an ISO date (YYYY-MM-DD), got {value!r}")


def _from_json(text: str, name: str) -> RawArticle:
    lines = [line for line in text.splitlines() if line.strip()]
    if len(lines) > 1:
        try:
            json.loads(text)
        except json.JSONDecodeError:
            raise InputError(
                f"{name}: holds {len(lines)} JSON lines; `khabar extract` reads one article, "
                "use `khabar ingest` for a JSONL batch"
            ) from None
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{name}: malformed JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
        ) from None
    if not isinstance(obj, dict):
        raise InputError(f"{name}: a JSON article must be an object with a 'text' field")
    body = obj.get("text")
    if not isinstance(body, str) or not body.strip():
        raise InputError(f"{name}: the JSON object has no non-empty string field 'text'")
    title = obj.get("title")
    url = obj.get("url")
    return RawArticle(
        text=body,
        title=title if isinstance(title, str) else None,
        url=url if isinstance(url, str) else None,
        published=_parse_date(obj.get("published"), name),
        source_format="jsonl",
    )


def _looks_like_html(text: str) -> bool:
    head = text[:2000].lstrip().lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) or (
        head.startswith("<") and any(tag in text[:20000].lower() for tag in ("<p", "<body", "<div"))
    )


def _from_html(text: str, name: str) -> RawArticle:
    import trafilatura

    extracted = trafilatura.bare_extraction(
        text, include_comments=False, include_tables=False, with_metadata=True
    )
    body = getattr(extracted, "text", None) if extracted is not None else None
    if not body or not body.strip():
        raise InputError(
            f"{name}: no article text could be extracted from this HTML (malformed or empty page)"
        )
    title = getattr(extracted, "title", None)
    url = getattr(extracted, "url", None)
    date = getattr(extracted, "date", None)
    published = None
    if isinstance(date, str):
        try:
            published = dt.date.fromisoformat(date[:10])
        except ValueError:
            published = None
    return RawArticle(text=body, title=title, url=url, published=published, source_format="html")


def _headline(text: str) -> str | None:
    """A plain-text article's title: a short first line standing alone above a blank line."""
    first, sep, rest = text.lstrip("\ufeff").partition("\n")
    first = first.strip()
    if (
        sep
        and rest.lstrip(" \t").startswith(("\n", "\r\n"))
        and 0 < len(first) <= 150
        and not first.endswith((".", ":", ";", ","))
    ):
        return first
    return None


def read_article_bytes(
    data: bytes, name: str = "input", fmt: InputFormat | None = None
) -> RawArticle:
    """Parse one article from bytes; raises ``InputError`` with a reason on bad input."""
    text = decode_bytes(data, name)
    stripped = text.lstrip()
    if fmt == "jsonl" or (fmt is None and stripped.startswith(("{", "["))):
        return _from_json(text, name)
    if fmt == "html" or (fmt is None and _looks_like_html(text)):
        return _from_html(text, name)
    return RawArticle(text=text, title=_headline(text), source_format="text")


def read_path_or_stdin(path: str) -> tuple[bytes, str]:
    """Bytes of a file, or of stdin for ``-``, with a display name."""
    if path == "-":
        return sys.stdin.buffer.read(), "<stdin>"
    p = Path(path)
    if not p.is_file():
        raise InputError(f"{path}: no such file")
    size = p.stat().st_size
    if size > MAX_ARTICLE_BYTES:
        raise InputError(
            f"{path}: {size:,} bytes is over the {MAX_ARTICLE_BYTES:,}-byte limit for one article"
        )
    return p.read_bytes(), str(p)


def normalise_text(text: str) -> str:
    """The text as khabar stores it: NFC, ``\\n`` line ends. All offsets index into this."""
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


def article_from_raw(
    raw: RawArticle,
    *,
    published: dt.date | None = None,
    url: str | None = None,
    language: str | None = None,
) -> Article:
    """Build the stored ``Article``; its id is derived from the normalised text only."""
    text = normalise_text(raw.text)
    if not text.strip():
        raise InputError("the article has no text after extraction")
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Article(
        id=digest[:16],
        url=url or raw.url,
        title=raw.title,
        published=published or raw.published,
        language=language,
        text_sha256=digest,
        text=text,
    )
