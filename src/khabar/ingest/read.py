"""Turn bytes from a file or stdin into an ``Article``, or a clear ``InputError``.

Formats are recognised by a real parse, not by a first character: a JSON object (one
JSONL line) with a ``text`` field, an HTML document, or plain text (which may begin with
YAML front matter: ``published``, ``url``, ``title``, ``outlet`` between ``---`` lines).
Decoding, cleaning and the junk test live in ``khabar.ingest.hygiene``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sys
import unicodedata
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from khabar.errors import InputError
from khabar.ingest.hygiene import (
    MAX_ARTICLE_BYTES,
    ReadError,
    RejectionCode,
    check_article_text,
    clean,
    cleaned_warning,
    decode,
    load_json,
    looks_like_json_object,
)
from khabar.model import Article, ExtractionResult, Warning

InputFormat = Literal["text", "html", "jsonl"]

#: Metadata keys a JSON article, a sidecar or front matter may give (besides ``text``).
META_KEYS = ("title", "url", "published", "outlet")


class RawArticle(BaseModel):
    """An article's text and metadata as read, before any NLP.

    NUL characters and lone surrogates are removed from every string on construction
    (whoever builds it: a reader, the API, a test), with a ``cleaned`` warning.
    """

    model_config = ConfigDict(extra="forbid")

    text: str
    title: str | None = None
    url: str | None = None
    published: dt.date | None = None
    outlet: str | None = None
    source_format: InputFormat = "text"
    warnings: list[Warning] = Field(default_factory=list)

    @model_validator(mode="after")
    def _storable(self) -> RawArticle:
        removed = 0
        for field in ("text", "title", "url", "outlet"):
            value = getattr(self, field)
            if value:
                value, n = clean(value, controls=False)
                if n:
                    removed += n
                    object.__setattr__(self, field, value)
        if removed:
            self.warnings.append(cleaned_warning(removed))
        if self.url is not None and not _parsable_url(self.url):
            self.warnings.append(
                Warning(code="bad-url", message=f"the url {self.url[:80]!r} is not a URL; dropped")
            )
            object.__setattr__(self, "url", None)
        return self


def _parsable_url(url: str) -> bool:
    from urllib.parse import urlsplit

    try:
        urlsplit(url).hostname  # noqa: B018 - raises on e.g. an unclosed IPv6 bracket
    except ValueError:
        return False
    return True


def decode_bytes(data: bytes, name: str = "input") -> str:
    """Decode article bytes (BOM, UTF-8 or detected charset), refusing binary data."""
    return decode(data, name)[0]


def parse_date(value: object, name: str, code: RejectionCode = "malformed-json") -> dt.date | None:
    """A publication date from JSON/YAML: an ISO date or datetime string, or a date."""
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            pass
    shown = repr(value) if len(repr(value)) <= 60 else repr(value)[:57] + "..."
    raise ReadError(f"{name}: 'published' must be an ISO date (YYYY-MM-DD), got {shown}", code)


def metadata(
    obj: dict[str, Any], name: str, code: RejectionCode = "malformed-json"
) -> dict[str, Any]:
    """The known metadata keys of a JSON object / sidecar / front matter, type-checked."""
    meta: dict[str, Any] = {}
    for key in ("title", "url", "outlet"):
        value = obj.get(key)
        if isinstance(value, str) and value.strip():
            meta[key] = value.strip()
    published = parse_date(obj.get("published"), name, code)
    if published is not None:
        meta["published"] = published
    return meta


def _from_json(text: str, name: str) -> RawArticle:
    obj = load_json(text, name)
    if not isinstance(obj, dict):
        raise ReadError(
            f"{name}: a JSON article must be an object with a 'text' field", "malformed-json"
        )
    body = obj.get("text")
    if not isinstance(body, str) or not body.strip():
        raise ReadError(
            f"{name}: the JSON object has no non-empty string field 'text'", "malformed-json"
        )
    return RawArticle(text=body, source_format="jsonl", **metadata(obj, name))


def _looks_like_html(text: str) -> bool:
    head = text[:2000].lstrip().lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) or (
        head.startswith("<") and any(tag in text[:20000].lower() for tag in ("<p", "<body", "<div"))
    )


def _from_html(text: str, name: str) -> RawArticle:
    import trafilatura

    try:
        extracted = trafilatura.bare_extraction(
            text, include_comments=False, include_tables=False, with_metadata=True
        )
    except (ValueError, RecursionError, LookupError):  # hostile markup, e.g. absurd nesting
        extracted = None
    body = getattr(extracted, "text", None) if extracted is not None else None
    if not body or not body.strip():
        raise ReadError(
            f"{name}: no article text could be extracted from this HTML (malformed or empty page)",
            "malformed-html",
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
    return RawArticle(
        text=body,
        title=title if isinstance(title, str) else None,
        url=url if isinstance(url, str) else None,
        published=published,
        source_format="html",
    )


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


def front_matter(text: str, name: str) -> tuple[dict[str, Any], str]:
    """YAML front matter (``---`` … ``---``) with a known key, and the text after it."""
    if not text.startswith("---"):
        return {}, text
    first, _, rest = text.partition("\n")
    end = rest.find("\n---", 0, 8192)
    if first.strip() != "---" or end < 0:
        return {}, text
    import yaml

    try:
        obj = yaml.safe_load(rest[:end])
    except yaml.YAMLError:
        return {}, text  # a text that happens to start with a rule line
    if not isinstance(obj, dict) or not any(k in obj for k in META_KEYS):
        return {}, text
    after = rest[end + 4 :].partition("\n")[2]
    return metadata(obj, f"{name} (front matter)", "bad-metadata"), after


def _from_text(text: str, name: str) -> RawArticle:
    meta, body = front_matter(text, name)
    meta.setdefault("title", _headline(body))
    return RawArticle(text=body, source_format="text", **meta)


def read_article_bytes(
    data: bytes, name: str = "input", fmt: InputFormat | None = None
) -> RawArticle:
    """Parse one article from bytes; raises ``InputError`` (a ``ReadError``) on bad input."""
    text, warnings = decode(data, name)
    stripped = text.lstrip()
    if fmt == "jsonl":
        raw = _from_json(text, name)
    elif fmt is None and stripped.startswith(("{", "[")):
        raw = _sniff_json(text, name)
    elif fmt == "html" or (fmt is None and _looks_like_html(text)):
        raw = _from_html(text, name)
    else:
        raw = _from_text(text, name)
    check_article_text(raw.text, name)
    if warnings:
        raw.warnings[:0] = warnings
    return raw


def _sniff_json(text: str, name: str) -> RawArticle:
    """Text that starts with ``{``/``[``: JSON if it parses (or begins ``{"key":``), else text."""
    lines = [line for line in text.splitlines() if line.strip()]
    try:
        return _from_json(text, name)
    except ReadError as exc:
        if not looks_like_json_object(text):
            return _from_text(text, name)
        if len(lines) > 1 and all(looks_like_json_object(line) for line in lines[:3]):
            raise ReadError(
                f"{name}: holds {len(lines)} JSON lines; `khabar extract` reads one article, "
                "use `khabar ingest` for a JSONL batch",
                "malformed-json",
            ) from None
        raise exc from None


def read_path_or_stdin(path: str) -> tuple[bytes, str]:
    """Bytes of a file, or of stdin for ``-``, with a display name (reads at most the limit)."""
    if path == "-":
        data = sys.stdin.buffer.read(MAX_ARTICLE_BYTES + 1)
        return data, "<stdin>"
    p = Path(path)
    if not p.exists():
        raise InputError(f"{path}: no such file")
    if p.is_dir():
        raise InputError(f"{path}: is a folder; `khabar extract` reads one article file")
    try:
        with p.open("rb") as fh:
            data = fh.read(MAX_ARTICLE_BYTES + 1)
    except OSError as exc:
        raise InputError(f"{path}: could not be read: {exc.strerror or exc}") from None
    if len(data) > MAX_ARTICLE_BYTES:
        raise InputError(
            f"{path}: is over the {MAX_ARTICLE_BYTES:,}-byte limit for one article; split it "
            "into articles (e.g. one JSONL line each) and use `khabar ingest`"
        )
    return data, str(p)


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
        raise ReadError("the article has no text after extraction", "no-text")
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Article(
        id=digest[:16],
        url=url or raw.url,
        title=raw.title,
        published=published or raw.published,
        language=language,
        outlet=raw.outlet,
        text_sha256=digest,
        text=text,
    )


def with_input_warnings(raw: RawArticle, result: ExtractionResult) -> ExtractionResult:
    """The result with the reader's warnings (charset, cleaned, …) ahead of the extractor's."""
    if not raw.warnings:
        return result
    merged: list[Warning] = [*raw.warnings, *result.warnings]
    return result.model_copy(update={"warnings": merged})
