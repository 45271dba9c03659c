"""Batch readers: folders (recursively), JSONL, CSV/TSV, single files and stdin.

Each input record yields an ``InputRecord`` holding either a ``RawArticle`` or a
``Rejection`` with a reason; nothing here raises on a bad input, so one broken file
never stops a batch.

Columns and keys (documented in the README and ``khabar ingest --help``): the article text
is the first of ``text``, ``body``, ``content``, ``article``; metadata comes from ``title``
(or ``headline``), ``url`` (or ``link``), ``published`` (or ``date``; ISO dates) and
``outlet`` (or ``source``). A file ``X.txt`` may have a sidecar ``X.meta.json`` or
``X.meta.yaml`` with the same metadata keys; a text file may start with YAML front matter.
"""

from __future__ import annotations

import csv
import io
import os
import stat
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, field_validator

from khabar.errors import InputError
from khabar.ingest.hygiene import (
    MAX_ARTICLE_BYTES,
    ReadError,
    RejectionCode,
    check_article_text,
    clean_name,
    decode,
    load_json,
)
from khabar.ingest.read import RawArticle, metadata, read_article_bytes

__all__ = ["InputRecord", "Rejection", "RejectionCode", "iter_records", "parse_bytes"]

JSONL_SUFFIXES = {".jsonl", ".ndjson"}
CSV_SUFFIXES = {".csv", ".tsv"}
#: Column names tried, in order, for the article text of a CSV row.
TEXT_COLUMNS = ("text", "body", "content", "article")
#: Metadata column → the names accepted for it, in order.
META_COLUMNS = {
    "title": ("title", "headline"),
    "url": ("url", "link"),
    "published": ("published", "date"),
    "outlet": ("outlet", "source"),
}
#: Sidecar metadata files: ``X.txt`` → ``X.meta.json`` / ``X.meta.yaml`` / ``X.meta.yml``.
SIDECAR_SUFFIXES = (".meta.json", ".meta.yaml", ".meta.yml")


class Rejection(BaseModel):
    """An input that was not stored, and why (shown at the end of ``khabar ingest``)."""

    model_config = ConfigDict(extra="forbid")

    input_name: str
    code: RejectionCode
    reason: str
    article_sha256: str | None = None

    @field_validator("input_name", "reason")
    @classmethod
    def _storable(cls, value: str) -> str:
        return clean_name(value)


class InputRecord(BaseModel):
    """One article read from a batch, or the reason it could not be read."""

    model_config = ConfigDict(extra="forbid")

    name: str
    raw: RawArticle | None = None
    rejection: Rejection | None = None

    @field_validator("name")
    @classmethod
    def _storable(cls, value: str) -> str:
        return clean_name(value)


def classify(exc: InputError) -> RejectionCode:
    """The rejection code of an ``InputError`` (a ``ReadError`` carries its own)."""
    if isinstance(exc, ReadError):
        return exc.code
    return "unreadable"


def reject(name: str, message: str, code: RejectionCode) -> InputRecord:
    return InputRecord(name=name, rejection=Rejection(input_name=name, code=code, reason=message))


def parse_bytes(data: bytes, name: str, meta: dict[str, Any] | None = None) -> InputRecord:
    """One article from bytes; any failure becomes a rejection (never an exception)."""
    try:
        raw = read_article_bytes(data, name)
        if meta:
            raw = RawArticle.model_validate({**raw.model_dump(), **meta})
        return InputRecord(name=name, raw=raw)
    except InputError as exc:
        return reject(name, str(exc), classify(exc))
    except Exception as exc:  # a parser bug must not stop the batch; keep the reason
        return reject(name, f"{name}: could not be read ({type(exc).__name__})", "unreadable")


def _json_line(line: str, name: str) -> InputRecord:
    try:
        obj = load_json(line, name)
    except ReadError as exc:
        return reject(name, str(exc), exc.code)
    if not isinstance(obj, dict):
        return reject(
            name, f"{name}: a JSON article must be an object with a 'text' field", "malformed-json"
        )
    try:
        return InputRecord(name=name, raw=_raw_from_mapping(obj, name, "jsonl"))
    except InputError as exc:
        return reject(name, str(exc), classify(exc))


def _raw_from_mapping(obj: dict[str, Any], name: str, fmt: str) -> RawArticle:
    """A JSONL object or CSV row → RawArticle, through the same checks as a file."""
    body = obj.get("text")
    if not isinstance(body, str) or not body.strip():
        code: RejectionCode = "malformed-json" if fmt == "jsonl" else "empty"
        raise ReadError(f"{name}: the record has no non-empty text", code)
    code = "malformed-json" if fmt == "jsonl" else "malformed-csv"
    raw = RawArticle(text=body, source_format="jsonl", **metadata(obj, name, code))
    check_article_text(raw.text, name)
    return raw


def iter_jsonl(text: str, name: str) -> Iterator[InputRecord]:
    for lineno, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            yield _json_line(line, f"{name}:{lineno}")


def _set_csv_field_limit() -> None:
    """No field-size limit (the article limit applies per row instead)."""
    limit = sys.maxsize
    while True:
        try:
            csv.field_size_limit(limit)
            return
        except OverflowError:  # pragma: no cover - platforms with a 32-bit C long
            limit //= 2


def iter_csv(text: str, name: str, delimiter: str = ",") -> Iterator[InputRecord]:
    _set_csv_field_limit()
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
        fields = reader.fieldnames or []
    except csv.Error as exc:
        yield reject(name, f"{name}: malformed CSV: {exc}", "malformed-csv")
        return
    column = next((c for c in TEXT_COLUMNS if c in fields), None)
    if column is None:
        yield reject(
            name,
            f"{name}: no text column (looked for {', '.join(TEXT_COLUMNS)}; found "
            f"{', '.join(map(str, fields))[:200]})",
            "malformed-csv",
        )
        return
    meta_cols = {
        key: next((c for c in names if c in fields), None) for key, names in META_COLUMNS.items()
    }
    errors, rowno = 0, 1  # records are named by row (the header is row 1)
    while True:
        rowno += 1
        rec = f"{name}:{rowno}"
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            errors += 1
            yield reject(rec, f"{rec}: malformed CSV row: {exc}", "malformed-csv")
            if errors >= 100:  # the parser has lost the thread; say so once, not per line
                yield reject(
                    name,
                    f"{name}: 100 malformed rows; the rest is skipped",
                    "malformed-csv",
                )
                return
            continue
        obj = {key: row.get(col) for key, col in meta_cols.items() if col and row.get(col)}
        obj["text"] = row.get(column) or ""
        try:
            yield InputRecord(name=rec, raw=_raw_from_mapping(obj, rec, "csv"))
        except InputError as exc:
            yield reject(rec, str(exc), classify(exc))


def sidecar_of(path: Path) -> Path | None:
    """``X.meta.json`` / ``X.meta.yaml`` / ``X.meta.yml`` beside ``X.txt``, if one exists."""
    stem = path.name[: -len(path.suffix)] if path.suffix else path.name
    for suffix in SIDECAR_SUFFIXES:
        cand = path.with_name(stem + suffix)
        if cand.is_file():
            return cand
    return None


def read_sidecar(path: Path) -> dict[str, Any]:
    """The metadata of a sidecar file; ``ReadError('bad-metadata')`` if it is unusable."""
    name = str(path)
    try:
        text = decode(path.read_bytes(), name, limit=100_000)[0]
        if path.suffix == ".json":
            obj = load_json(text, name)
        else:
            import yaml

            obj = yaml.safe_load(text)
        if not isinstance(obj, dict):
            raise ReadError(
                f"{name}: a sidecar must be a mapping (published, url, …)",
                "bad-metadata",
            )
        return metadata(obj, name, "bad-metadata")
    except ReadError as exc:
        raise ReadError(f"sidecar {exc}", "bad-metadata") from None
    except Exception as exc:  # OSError, YAMLError
        raise ReadError(
            f"{name}: the sidecar could not be read ({type(exc).__name__})",
            "bad-metadata",
        ) from None


def _read_limited(path: Path, limit: int | None) -> bytes:
    with path.open("rb") as fh:
        return fh.read() if limit is None else fh.read(limit + 1)


def iter_file(path: Path) -> Iterator[InputRecord]:
    """Records of one file: JSONL/CSV by suffix, else one article (text/HTML/JSON)."""
    name = str(path)
    suffix = path.suffix.lower()
    batch = suffix in JSONL_SUFFIXES or suffix in CSV_SUFFIXES
    try:
        meta = {} if batch else sidecar_metadata(path)
    except ReadError as exc:
        yield reject(name, str(exc), exc.code)
        return
    try:
        size = path.stat().st_size
        if not batch and size > MAX_ARTICLE_BYTES:
            yield reject(
                name,
                f"{name}: {size:,} bytes is over the {MAX_ARTICLE_BYTES:,}-byte limit for one "
                "article; split it into articles (e.g. one JSONL line each)",
                "oversized",
            )
            return
        data = _read_limited(path, None if batch else MAX_ARTICLE_BYTES)
    except OSError as exc:
        yield reject(name, f"{name}: could not be read: {exc.strerror or exc}", "unreadable")
        return
    if not batch:
        yield parse_bytes(data, name, meta)
        return
    try:
        text = decode(data, name, limit=None)[0]
    except ReadError as exc:
        yield reject(name, str(exc), exc.code)
        return
    if suffix in JSONL_SUFFIXES:
        yield from iter_jsonl(text, name)
    else:
        yield from iter_csv(text, name, "\t" if suffix == ".tsv" else ",")


def sidecar_metadata(path: Path) -> dict[str, Any]:
    """The metadata of ``path``'s sidecar (``{}`` without one); ``ReadError`` if it is bad."""
    sidecar = sidecar_of(path)
    return read_sidecar(sidecar) if sidecar is not None else {}


def iter_stdin(data: bytes) -> Iterator[InputRecord]:
    """stdin: several JSON lines are a JSONL batch; anything else is one article."""
    lines = [ln for ln in data.splitlines() if ln.strip()]
    if len(lines) > 1 and all(ln.lstrip().startswith(b"{") for ln in lines[:5]):
        try:
            text = decode(data, "<stdin>", limit=None)[0]
        except ReadError as exc:
            yield reject("<stdin>", str(exc), exc.code)
            return
        yield from iter_jsonl(text, "<stdin>")
    else:
        yield parse_bytes(data, "<stdin>")


def _is_sidecar(path: Path) -> bool:
    return path.name.lower().endswith(SIDECAR_SUFFIXES)


def _walk(root: Path, follow_symlinks: bool) -> Iterator[Path | InputRecord]:
    """Files under ``root``, sorted; links out of ``root`` and non-files become rejections."""
    real_root = root.resolve()
    found: list[Path] = []
    for folder, dirs, files in os.walk(root, followlinks=follow_symlinks):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(Path(folder, f) for f in files if not f.startswith("."))
        if not follow_symlinks:  # os.walk lists linked folders as folders but skips them
            found.extend(Path(folder, d) for d in dirs if Path(folder, d).is_symlink())
    for path in sorted(found):
        name = str(path)
        if _is_sidecar(path):
            continue
        if path.is_symlink() and not follow_symlinks:
            target = path.resolve()
            if not target.is_relative_to(real_root):
                yield reject(
                    name,
                    f"{name}: a symbolic link out of the input folder (to {target}); not "
                    "followed (pass --follow-symlinks to read it)",
                    "symlink",
                )
                continue
            if target.is_dir():
                continue  # a link to a folder inside the input: its files are read there
        try:
            mode = path.stat().st_mode
        except OSError as exc:
            yield reject(name, f"{name}: could not be read: {exc.strerror or exc}", "unreadable")
            continue
        if not stat.S_ISREG(mode):
            if not stat.S_ISDIR(mode):
                kind = "a FIFO" if stat.S_ISFIFO(mode) else "not a regular file"
                yield reject(name, f"{name}: {kind}; only regular files are read", "not-a-file")
            continue
        yield path


def list_files(
    paths: Iterable[str], follow_symlinks: bool = False
) -> Iterator[Path | InputRecord | None]:
    """Files under ``paths`` in a stable order (``None`` stands for stdin).

    Folders are walked recursively (hidden files and sidecars skipped); a symbolic link
    pointing out of its folder, a FIFO or a device found there becomes a rejection. A path
    named on the command line is read as given (a FIFO there is read, up to the limit).
    """
    for p in paths:
        if p == "-":
            yield None
            continue
        path = Path(p)
        if path.is_dir():
            yield from _walk(path, follow_symlinks)
        else:
            yield path


def iter_records(paths: Iterable[str], follow_symlinks: bool = False) -> Iterator[InputRecord]:
    """Every input record under ``paths``: files, folders (recursively), ``-`` for stdin."""
    for item in list_files(paths, follow_symlinks):
        if item is None:
            yield from iter_stdin(sys.stdin.buffer.read())
        elif isinstance(item, InputRecord):
            yield item
        elif not item.exists():
            yield reject(str(item), f"{item}: no such file or folder", "unreadable")
        else:
            yield from _guarded(iter_file(item), str(item))


def _guarded(records: Iterator[InputRecord], name: str) -> Iterator[InputRecord]:
    """A reader bug in one file ends that file with a rejection, not the batch."""
    try:
        yield from records
    except Exception as exc:
        yield reject(
            name,
            f"{name}: could not be read past this point (an internal error, "
            f"{type(exc).__name__}); the records before it were read",
            "unreadable",
        )


def count_records(paths: Iterable[str], follow_symlinks: bool = False) -> int | None:
    """How many records ``iter_records`` will yield (for the progress bar); ``None`` for stdin."""
    total = 0
    for item in list_files(paths, follow_symlinks):
        if item is None:
            return None
        if isinstance(item, Path) and item.suffix.lower() in JSONL_SUFFIXES and item.is_file():
            with item.open("rb") as fh:
                total += max(1, sum(1 for line in fh if line.strip()))
        else:
            total += 1  # CSV rows are counted as they come (quoted newlines make counting costly)
    return total
