"""``khabar extract FILE.jsonl --batch``: one result document per input line, in order.

The extractor is loaded once; lines are read lazily and extracted in small chunks
(``extract_many``), so the output streams. A line that cannot be read or extracted still
gets its result document: no events and a ``warnings`` entry whose ``code`` is the same
rejection code ``khabar ingest`` would record (``malformed-json``, ``no-text``,
``extract-error`` …) and whose message names the line. Nothing aborts the batch.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator
from typing import Protocol

from khabar import __version__
from khabar.errors import InputError
from khabar.ingest.batch import classify
from khabar.ingest.hygiene import ReadError, load_json
from khabar.ingest.read import RawArticle, read_article_bytes
from khabar.model import Article, ExtractionResult, Warning

#: Articles per ``extract_many`` call (the NLP batches them; output order is kept).
CHUNK = 8


class ExtractsArticles(Protocol):
    def extract(
        self, raw: RawArticle, published: dt.date | None = None, url: str | None = None
    ) -> ExtractionResult: ...


def error_result(name: str, line: bytes, code: str, message: str) -> ExtractionResult:
    """The result document of a line that produced no extraction: empty, with the reason."""
    digest = hashlib.sha256(line).hexdigest()
    return ExtractionResult(
        khabar_version=__version__,
        article=Article(id=digest[:16], text_sha256=digest, text=""),
        warnings=[Warning(code=code, message=message)],
    )


def read_line(line: bytes, name: str) -> RawArticle | ExtractionResult:
    """One JSONL line as an article, or its error document."""
    try:  # the same limits as khabar ingest: huge integers, deep nesting are clean errors
        obj = load_json(line.decode("utf-8", errors="replace"), name)
    except ReadError as exc:
        return error_result(name, line, exc.code, str(exc))
    if not isinstance(obj, dict):
        msg = f"{name}: a JSON article must be an object with a 'text' field"
        return error_result(name, line, "malformed-json", msg)
    try:
        return read_article_bytes(line, name, fmt="jsonl")
    except InputError as exc:
        return error_result(name, line, classify(exc), str(exc))


def _extract_chunk(
    extractor: ExtractsArticles,
    chunk: list[tuple[str, bytes, RawArticle]],
    published: dt.date | None,
    url: str | None,
) -> list[ExtractionResult]:
    many = getattr(extractor, "extract_many", None)
    items = [(raw, raw.published or published, raw.url or url) for _, _, raw in chunk]
    if many is not None and len(chunk) > 1:
        try:
            results = list(many(items))
            if len(results) == len(chunk):
                return results
        except Exception:  # isolate the failing line below
            pass
    out = []
    for (name, line, _raw), (raw, pub, link) in zip(chunk, items, strict=True):
        try:
            out.append(extractor.extract(raw, published=pub, url=link))
        except InputError as exc:  # also ArticleTimeout (code "timeout")
            out.append(error_result(name, line, classify(exc), f"{name}: {exc}"))
        except Exception as exc:  # no internals in the message
            msg = f"{name}: extraction failed (an internal error, {type(exc).__name__})"
            out.append(error_result(name, line, "extract-error", msg))
    return out


def extract_lines(
    lines: Iterable[bytes],
    extractor: ExtractsArticles,
    *,
    name: str = "<stdin>",
    published: dt.date | None = None,
    url: str | None = None,
    chunk_size: int = CHUNK,
) -> Iterator[ExtractionResult]:
    """One result per non-blank line of ``lines``, in input order, streaming by chunks."""
    pending: list[tuple[str, bytes, RawArticle] | ExtractionResult] = []

    def flush() -> Iterator[ExtractionResult]:
        todo = [p for p in pending if not isinstance(p, ExtractionResult)]
        done = iter(_extract_chunk(extractor, todo, published, url))
        for p in pending:
            yield p if isinstance(p, ExtractionResult) else next(done)
        pending.clear()

    for lineno, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{name}:{lineno}"
        got = read_line(line.strip(), where)
        pending.append(got if isinstance(got, ExtractionResult) else (where, line.strip(), got))
        if sum(not isinstance(p, ExtractionResult) for p in pending) >= chunk_size:
            yield from flush()
    yield from flush()
