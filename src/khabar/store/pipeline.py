"""Run a batch of input records through an extractor into a ``Store``.

The extractor is injected as a *loader*: a picklable zero-argument callable returning an
object with ``extract(raw, published=None, url=None) -> ExtractionResult``. Each worker
(process or Dask worker) calls the loader once and keeps the extractor; the parent does
all the writing, one article per transaction, skipping content already stored, so a
batch killed at any point and run again ends with the same rows.

Engines: ``local`` with ``workers == 1`` (in-process), ``local`` with ``workers > 1``
(a process pool, spawn start), ``dask`` (a ``distributed.LocalCluster`` or the
scheduler at ``scheduler``).

Bad records never stop a batch: any failure reading, parsing, extracting (including an
article over its time budget, ``khabar.ingest.budget``) or storing one article becomes a
recorded rejection with a reason. Only infrastructure failures (the database gone, the
disk full) stop it, with a ``StoreError`` that says how to resume (run the same command
again: stored articles are skipped).
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from typing import Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from khabar.errors import InputError, StoreError
from khabar.ingest.batch import InputRecord, Rejection, classify
from khabar.ingest.budget import DEFAULT_ARTICLE_SECONDS
from khabar.ingest.hygiene import check_article_text
from khabar.ingest.read import RawArticle, article_from_raw
from khabar.model import ExtractionResult
from khabar.store.database import Store
from khabar.store.records import StoredMeta
from khabar.store.tasks import (
    ExtractorLoader,
    Extracts,
    Outcome,
    Task,
    extract_chunk,
    extract_task,
    is_record_level,
    with_input_warnings,
)

__all__ = [
    "ExtractorLoader",
    "Extracts",
    "IngestReport",
    "Outcome",
    "Task",
    "default_loader",
    "extract_chunk",
    "extract_task",
    "ingest",
    "load_real_extractor",
    "metadata_changed",
    "with_input_warnings",
]

T = TypeVar("T")
Engine = Literal["local", "dask"]
#: Per record: "stored", "updated", "already", "rejected".
ProgressFn = Callable[[str], None]


def load_real_extractor() -> Extracts:
    """The full NLP extractor (spaCy, gazetteer…), loaded once per worker."""
    from khabar.extract import Extractor  # type: ignore[import-not-found,unused-ignore]

    extractor: Extracts = Extractor.load()
    return extractor


def default_loader() -> ExtractorLoader:
    """The loader ``khabar ingest`` uses: the real extractor (tests inject another)."""
    return load_real_extractor


class IngestReport(BaseModel):
    """What a batch did; printed at the end of ``khabar ingest``."""

    model_config = ConfigDict(extra="forbid")

    records: int = 0
    stored: int = 0
    updated: int = 0  # stored content whose metadata (date, URL, title) changed
    already: int = 0
    rejected: int = 0
    events: int = 0
    #: Stored articles with no publication date (relative dates stay unresolved).
    undated: int = 0
    elapsed_s: float = 0.0
    rejections: list[Rejection] = Field(default_factory=list)
    by_code: dict[str, int] = Field(default_factory=dict)
    #: Warnings of the stored articles by code (``charset``, ``cleaned``, …).
    warnings: dict[str, int] = Field(default_factory=dict)

    @property
    def articles_per_s(self) -> float:
        return (self.stored + self.already) / self.elapsed_s if self.elapsed_s else 0.0


# -- executors: Iterator[Task] -> Iterator[Outcome] ------------------------------------------

_WORKER_EXTRACTOR: dict[str, Extracts] = {}


def _loader_key(loader: ExtractorLoader) -> str:
    return f"{getattr(loader, '__module__', '')}.{getattr(loader, '__qualname__', repr(loader))}"


#: Thread pools of numeric libraries are limited to one thread per worker process, so N
#: workers use N cores instead of fighting over them.
_SINGLE_THREAD_ENV = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def _worker_init(loader: ExtractorLoader, single_thread: bool = True) -> None:
    if single_thread:
        for var in _SINGLE_THREAD_ENV:
            os.environ[var] = "1"
        try:
            import torch

            torch.set_num_threads(1)
        except ImportError:  # pragma: no cover - torch is optional
            pass
    _WORKER_EXTRACTOR[_loader_key(loader)] = loader()


def _worker_extract(loader: ExtractorLoader, tasks: list[Task]) -> list[Outcome]:
    key = _loader_key(loader)
    if key not in _WORKER_EXTRACTOR:
        _WORKER_EXTRACTOR[key] = loader()
    return extract_chunk(_WORKER_EXTRACTOR[key], tasks)


def chunked(tasks: Iterable[Task], size: int) -> Iterator[list[Task]]:
    chunk: list[Task] = []
    for task in tasks:
        chunk.append(task)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def run_serial(loader: ExtractorLoader, chunks: Iterable[list[Task]]) -> Iterator[Outcome]:
    extractor = loader()
    for chunk in chunks:
        yield from extract_chunk(extractor, chunk)


def run_process_pool(
    loader: ExtractorLoader, chunks: Iterable[list[Task]], workers: int
) -> Iterator[Outcome]:
    import multiprocessing as mp
    from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait

    in_flight = 2 * workers
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=mp.get_context("spawn"),
        initializer=_worker_init,
        initargs=(loader,),
    ) as pool:
        pending: set[Future[list[Outcome]]] = set()
        for chunk in chunks:
            pending.add(pool.submit(_worker_extract, loader, chunk))
            if len(pending) >= in_flight:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for fut in done:
                    yield from fut.result()
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for fut in done:
                yield from fut.result()


def run_dask(
    loader: ExtractorLoader,
    chunks: Iterable[list[Task]],
    workers: int,
    scheduler: str | None = None,
    processes: bool = True,
) -> Iterator[Outcome]:
    from distributed import Client, LocalCluster, as_completed

    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=processes,
            dashboard_address=None,
            silence_logs=40,
        )
        client = Client(cluster)
    try:
        in_flight = 2 * max(1, workers)
        queue = as_completed()
        n = 0
        for chunk in chunks:
            queue.add(client.submit(_worker_extract, loader, chunk, pure=False))
            n += 1
            while n >= in_flight:
                fut = next(queue)
                n -= 1
                yield from fut.result()
        for fut in queue:
            yield from fut.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


# -- the batch ---------------------------------------------------------------------------------


def metadata_changed(
    stored: StoredMeta, raw: RawArticle, published_default: dt.date | None = None
) -> bool:
    """Whether a re-read article brings a date, URL or title other than the stored one."""
    new = {"published": raw.published or published_default, "url": raw.url, "title": raw.title}
    return any(value is not None and value != getattr(stored, key) for key, value in new.items())


def ingest(
    records: Iterable[InputRecord],
    store: Store,
    loader: ExtractorLoader,
    *,
    workers: int = 1,
    engine: Engine = "local",
    scheduler: str | None = None,
    dask_processes: bool = True,
    published_default: dt.date | None = None,
    on_progress: ProgressFn | None = None,
    cluster: bool = True,
    chunk_size: int = 8,
    max_listed_rejections: int = 1000,
    time_limit: float | None = DEFAULT_ARTICLE_SECONDS,
    update_changed: bool = True,
) -> IngestReport:
    """Read, extract and store every record; bad inputs are recorded, never raised.

    Articles go to the extractor in chunks of ``chunk_size`` (batched NLP); results are
    written one article per transaction as they come back, in any order. An article whose
    extraction takes over ``time_limit`` seconds is rejected as ``timeout``. Stored content
    that comes with another date, URL or title is extracted again and updated in place
    (``update_changed``), keeping its id.
    Raises ``StoreError`` only when the database itself fails; what was stored is kept
    and running the same batch again resumes it.
    """
    report = IngestReport()

    def _replace(
        result: ExtractionResult,
        *,
        input_name: str,
        source_format: str,
    ) -> bool:
        from khabar.store.revise import replace_result

        replace_result(store, result, input_name=input_name, source_format=source_format)
        return True

    codes: Counter[str] = Counter()
    warned: Counter[str] = Counter()
    started = time.perf_counter()

    def tick(status: str) -> None:
        if on_progress is not None:
            on_progress(status)

    def reject(rejection: Rejection) -> None:
        guarded(partial(store.add_rejection, rejection))
        report.rejected += 1
        codes[rejection.code] += 1
        if len(report.rejections) < max_listed_rejections:
            report.rejections.append(rejection)
        tick("rejected")

    def guarded(write: Callable[[], T]) -> T:
        """A database write; infrastructure failures become a clean, resumable stop."""
        try:
            return write()
        except Exception as exc:
            if is_record_level(exc):
                raise
            raise StoreError(
                f"the database failed ({type(exc).__name__}: {str(exc).splitlines()[0][:200]}); "
                f"the batch stopped after {report.stored} new articles, which are kept. Fix "
                "the database and run the same command again: stored articles are skipped"
            ) from None

    replacing: set[str] = set()

    def tasks() -> Iterator[Task]:
        for rec in records:
            report.records += 1
            if rec.rejection is not None or rec.raw is None:
                reject(
                    rec.rejection
                    or Rejection(input_name=rec.name, code="unreadable", reason="no article")
                )
                continue
            try:
                article = article_from_raw(rec.raw)
                check_article_text(article.text, rec.name)  # as the extractor will see it
                sha = article.text_sha256
            except InputError as exc:
                reject(Rejection(input_name=rec.name, code=classify(exc), reason=str(exc)))
                continue
            stored = guarded(partial(store.article_meta, sha))  # in-batch dupes: add_result
            if stored is not None:
                if not update_changed or not metadata_changed(stored, rec.raw, published_default):
                    report.already += 1
                    tick("already")
                    continue
                replacing.add(rec.name)
            yield Task(
                name=rec.name, raw=rec.raw, published=published_default, time_limit=time_limit
            )

    chunks = chunked(tasks(), chunk_size)
    if engine == "dask":
        outcomes = run_dask(loader, chunks, workers, scheduler, dask_processes)
    elif workers > 1:
        outcomes = run_process_pool(loader, chunks, workers)
    else:
        outcomes = run_serial(loader, chunks)

    for outcome in outcomes:
        result = outcome.result
        if outcome.rejection is not None or result is None:
            reject(
                outcome.rejection
                or Rejection(input_name=outcome.name, code="extract-error", reason="no result")
            )
            continue
        replace = outcome.name in replacing
        try:
            stored = guarded(
                partial(
                    _replace if replace else store.add_result,
                    result,
                    input_name=outcome.name,
                    source_format=outcome.source_format,
                )
            )
        except StoreError:
            raise
        except Exception as exc:  # the database refused this article's values
            reject(
                Rejection(
                    input_name=outcome.name,
                    code="store-error",
                    reason=f"{outcome.name}: the database refused this article "
                    f"({type(exc).__name__}); the batch went on",
                    article_sha256=result.article.text_sha256,
                )
            )
            continue
        if replace:
            report.updated += 1
            report.events += len(result.events)
            tick("updated")
        elif stored:
            report.stored += 1
            report.events += len(result.events)
            report.undated += result.article.published is None
            warned.update({w.code for w in result.warnings})
            tick("stored")
        else:
            report.already += 1
            tick("already")

    if cluster:
        from khabar.store.dedup import recluster

        recluster(store)
    report.by_code = dict(sorted(codes.items()))
    report.warnings = dict(sorted(warned.items()))
    report.elapsed_s = time.perf_counter() - started
    return report
