"""Batch readers: folders (recursively), JSONL, CSV/TSV, single files and stdin.

Each input record yields an ``InputRecord`` holding either a ``RawArticle`` or a
``Rejection`` with a reason; nothing here raises on a bad input, so one broken file
never stops a batch.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict

from khabar.errors import InputError
from khabar.ingest.read import MAX_ARTICLE_BYTES, RawArticle, decode_bytes, read_article_bytes

#: Why an input was not stored. ``non-english`` comes from the extractor's warning.
RejectionCode = Literal[
    "empty",
    "binary",
    "not-utf8",
    "oversized",
    "malformed-json",
    "malformed-csv",
    "malformed-html",
    "no-text",
    "non-english",
    "unreadable",
    "extract-error",
]

JSONL_SUFFIXES = {".jsonl", ".ndjson"}
CSV_SUFFIXES = {".csv", ".tsv"}
#: Column names tried, in order, for the article text of a CSV row.
TEXT_COLUMNS = ("text", "body", "content", "article")


class Rejection(BaseModel):
    """An input that was not stored, and why (shown at the end of ``khabar ingest``)."""

    model_config = ConfigDict(extra="forbid")

    input_name: str
    code: RejectionCode
    reason: str
    article_sha256: str | None = None


class InputRecord(BaseModel):
    """One article read from a batch, or the reason it could not be read."""

    model_config = ConfigDict(extra="forbid")

    name: str
    raw: RawArticle | None = None
    rejection: Rejection | None = None


def classify(message: str) -> RejectionCode:
    """Map an ``InputError`` message to a rejection code."""
    m = message.lower()
    for needle, code in (
        ("is empty", "empty"),
        ("binary", "binary"),
        ("control characters", "binary"),
        ("utf-8", "not-utf8"),
        ("limit", "oversized"),
        ("json", "malformed-json"),
        ("html", "malformed-html"),
        ("no text", "no-text"),
        ("published", "malformed-json"),
    ):
        if needle in m:
            return code  # type: ignore[return-value]
    return "unreadable"


def _reject(name: str, message: str, code: RejectionCode | None = None) -> InputRecord:
    return InputRecord(
        name=name,
        rejection=Rejection(input_name=name, code=code or classify(message), reason=message),
    )


def parse_bytes(data: bytes, name: str) -> InputRecord:
    """One article from bytes; any failure becomes a rejection (never an exception)."""
    try:
        return InputRecord(name=name, raw=read_article_bytes(data, name))
    except InputError as exc:
        return _reject(name, str(exc))
    except Exception as exc:  # a parser bug must not stop the batch; keep the reason
        return _reject(name, f"{name}: could not be read ({type(exc).__name__}: {exc})")


def _json_line(line: str, name: str) -> InputRecord:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return _reject(name, f"{name}: malformed JSON at column {exc.colno}: {exc.msg}")
    if not isinstance(obj, dict):
        return _reject(name, f"{name}: a JSON article must be an object with a 'text' field")
    return parse_bytes(line.encode("utf-8"), name)


def iter_jsonl(text: str, name: str) -> Iterator[InputRecord]:
    for lineno, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            yield _json_line(line, f"{name}:{lineno}")


def iter_csv(text: str, name: str, delimiter: str = ",") -> Iterator[InputRecord]:
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
        fields = reader.fieldnames or []
    except csv.Error as exc:
        yield _reject(name, f"{name}: malformed CSV: {exc}", "malformed-csv")
        return
    column = next((c for c in TEXT_COLUMNS if c in fields), None)
    if column is None:
        yield _reject(
            name,
            f"{name}: no text column (looked for {', '.join(TEXT_COLUMNS)}; found {fields})",
            "malformed-csv",
        )
        return
    rowno = 1
    while True:
        rowno += 1
        rec = f"{name}:{rowno}"
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield _reject(rec, f"{rec}: malformed CSV row: {exc}", "malformed-csv")
            return
        obj = {k: v for k, v in row.items() if k in ("title", "url", "published") and v}
        obj["text"] = row.get(column) or ""
        yield parse_bytes(json.dumps(obj).encode("utf-8"), rec)


def iter_file(path: Path) -> Iterator[InputRecord]:
    """Records of one file: JSONL/CSV by suffix, else one article (text/HTML/JSON)."""
    name = str(path)
    suffix = path.suffix.lower()
    batch = suffix in JSONL_SUFFIXES or suffix in CSV_SUFFIXES
    try:
        size = path.stat().st_size
        if not batch and size > MAX_ARTICLE_BYTES:
            yield _reject(
                name,
                f"{name}: {size:,} bytes is over the {MAX_ARTICLE_BYTES:,}-byte limit for one "
                "article; split it into articles (e.g. one JSONL line each)",
                "oversized",
            )
            return
        data = path.read_bytes()
    except OSError as exc:
        yield _reject(name, f"{name}: could not be read: {exc.strerror or exc}", "unreadable")
        return
    if not batch:
        yield parse_bytes(data, name)
        return
    try:
        text = decode_bytes(data, name) if data.strip() else ""
    except InputError as exc:
        if "limit" not in str(exc):
            yield _reject(name, str(exc))
            return
        text = data.decode("utf-8", errors="replace")  # big batch files are fine
    if not text.strip():
        yield _reject(name, f"{name}: the input is empty; give articles, one per line", "empty")
    elif suffix in JSONL_SUFFIXES:
        yield from iter_jsonl(text, name)
    else:
        yield from iter_csv(text, name, "\t" if suffix == ".tsv" else ",")


def iter_stdin(data: bytes) -> Iterator[InputRecord]:
    """stdin: several JSON lines are a JSONL batch; anything else is one article."""
    lines = [ln for ln in data.splitlines() if ln.strip()]
    if len(lines) > 1 and all(ln.lstrip().startswith(b"{") for ln in lines[:5]):
        yield from iter_jsonl(data.decode("utf-8", errors="replace"), "<stdin>")
    else:
        yield parse_bytes(data, "<stdin>")


def list_files(paths: Iterable[str]) -> Iterator[Path | None]:
    """Files under ``paths`` in a stable order (``None`` stands for stdin)."""
    for p in paths:
        if p == "-":
            yield None
            continue
        path = Path(p)
        if path.is_dir():
            yield from sorted(
                f
                for f in path.rglob("*")
                if f.is_file()
                and not any(part.startswith(".") for part in f.relative_to(path).parts)
            )
        else:
            yield path


def iter_records(paths: Iterable[str]) -> Iterator[InputRecord]:
    """Every input record under ``paths``: files, folders (recursively), ``-`` for stdin."""
    for path in list_files(paths):
        if path is None:
            yield from iter_stdin(sys.stdin.buffer.read())
        elif not path.exists():
            yield _reject(str(path), f"{path}: no such file or folder", "unreadable")
        else:
            yield from iter_file(path)


def count_records(paths: Iterable[str]) -> int | None:
    """How many records ``iter_records`` will yield (for the progress bar); ``None`` for stdin."""
    total = 0
    for path in list_files(paths):
        if path is None:
            return None
        suffix = path.suffix.lower()
        if suffix in JSONL_SUFFIXES and path.is_file():
            with path.open("rb") as fh:
                total += max(1, sum(1 for line in fh if line.strip()))
        elif suffix in CSV_SUFFIXES and path.is_file():
            total += 1  # rows are counted as they come (quoted newlines make counting costly)
        else:
            total += 1
    return total
