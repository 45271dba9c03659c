"""One article's extraction as a task: its time budget, its isolation, its outcome.

``extract_task`` / ``extract_chunk`` run in whichever process or worker extracts; every
failure of one article (an ``InputError``, an extractor bug, the budget running out)
comes back as an ``Outcome`` holding a ``Rejection`` with a reason that shows no internals.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Protocol

from pydantic import BaseModel, ConfigDict

from khabar.errors import InputError
from khabar.ingest.batch import Rejection, classify
from khabar.ingest.budget import DEFAULT_ARTICLE_SECONDS, run_with_budget
from khabar.ingest.read import RawArticle, with_input_warnings
from khabar.model import ExtractionResult


class Extracts(Protocol):
    def extract(
        self, raw: RawArticle, published: dt.date | None = None, url: str | None = None
    ) -> ExtractionResult: ...


ExtractorLoader = Callable[[], Extracts]


class Task(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    raw: RawArticle
    published: dt.date | None = None
    #: Seconds the extraction of this article may take (``None``: no limit).
    time_limit: float | None = DEFAULT_ARTICLE_SECONDS


class Outcome(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    source_format: str
    result: ExtractionResult | None = None
    rejection: Rejection | None = None


def _outcome(task: Task, result: ExtractionResult) -> Outcome:
    fmt = task.raw.source_format
    for warning in result.warnings:
        if warning.code == "non-english":
            return Outcome(
                name=task.name,
                source_format=fmt,
                rejection=Rejection(
                    input_name=task.name,
                    code="non-english",
                    reason=f"{task.name}: {warning.message}",
                    article_sha256=result.article.text_sha256,
                ),
            )
    return Outcome(
        name=task.name,
        source_format=fmt,
        result=with_input_warnings(task.raw, result),
    )


def _failed(task: Task, exc: Exception) -> Outcome:
    """A rejection for an article whose extraction raised; no internals in the reason."""
    if isinstance(exc, InputError):
        code, reason = classify(exc), str(exc)
        if not reason.startswith(task.name):
            reason = f"{task.name}: {reason}"
    else:
        code = "extract-error"
        reason = (
            f"{task.name}: extraction failed on this article (an internal error, "
            f"{type(exc).__name__}); the batch went on. Please report it with the article"
        )
    return Outcome(
        name=task.name,
        source_format=task.raw.source_format,
        rejection=Rejection(input_name=task.name, code=code, reason=reason),
    )


def extract_task(extractor: Extracts, task: Task) -> Outcome:
    """Extract one article within its budget; any failure becomes a rejection."""
    published = task.raw.published or task.published
    try:
        result = run_with_budget(
            lambda: extractor.extract(task.raw, published=published),
            task.time_limit,
            name=task.name,
        )
    except Exception as exc:
        return _failed(task, exc)
    return _outcome(task, result)


def extract_chunk(extractor: Extracts, tasks: list[Task]) -> list[Outcome]:
    """Extract several articles, batched through ``extract_many`` when the extractor has it.

    The chunk gets twice the largest of its articles' budgets. If it fails or runs out of
    time, each article is retried alone (with its own budget) so that only the bad one is
    rejected.
    """
    many = getattr(extractor, "extract_many", None)
    if many is not None and len(tasks) > 1:
        limits = [t.time_limit for t in tasks]
        # at most twice one article's budget: a hanging article costs at most three budgets
        # (the chunk, then itself alone), not the sum over the chunk
        budget = None if any(not x for x in limits) else 2 * max(x or 0 for x in limits)
        items = [(t.raw, t.raw.published or t.published, None) for t in tasks]
        try:
            results = run_with_budget(lambda: list(many(items)), budget, name="chunk")
            if len(results) == len(tasks):
                return [_outcome(t, r) for t, r in zip(tasks, results, strict=True)]
        except Exception:  # fall through: isolate the failing article
            pass
    return [extract_task(extractor, t) for t in tasks]


def is_record_level(exc: Exception) -> bool:
    """A database error that belongs to one article (a value the database refuses); any
    other (connection lost, disk full, locked) stops the batch."""
    from sqlalchemy import exc as sa

    if isinstance(exc, sa.DBAPIError):
        return isinstance(exc, sa.DataError | sa.IntegrityError)
    return isinstance(exc, sa.StatementError | ValueError | TypeError | UnicodeError)
