"""``khabar reextract``: run stored article texts through the current extractor again.

Every stored article records the khabar and ontology version that extracted it. An
article is *stale* when either differs from the current extractor's; ``reextract``
re-runs the stale ones from their stored text (so their ids stay), replaces each one's
events in its own transaction (``khabar.store.revise``), then rebuilds the clusters it
touched. A run that is killed leaves every article either old or new, never half; run
again, it continues with the articles still stale. A second run finds nothing to do.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Iterator

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import select

from khabar import __version__
from khabar.ingest.batch import Rejection
from khabar.ingest.read import RawArticle
from khabar.store import tables as t
from khabar.store.database import Store
from khabar.store.pipeline import ExtractorLoader, Task, extract_chunk
from khabar.store.records import EventChanges
from khabar.store.revise import replace_result


class ExtractionVersion(BaseModel):
    """Which extractor produced an extraction."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    khabar: str
    ontology: str


def current_version() -> ExtractionVersion:
    """The version of the extractor in this installation."""
    from khabar.ontology import load_ontology

    return ExtractionVersion(khabar=__version__, ontology=load_ontology().version)


def version_key(version: str) -> tuple[int, ...]:
    """Order versions numerically (``0.10`` after ``0.9``; ``1.2rc1`` as ``1.2.1``)."""
    return tuple(int(n) for n in re.findall(r"\d+", version))


class ReextractReport(BaseModel):
    """What ``khabar reextract`` did."""

    model_config = ConfigDict(extra="forbid")

    stale: int = 0
    reextracted: int = 0
    changed: int = 0
    failed: int = 0
    changes: EventChanges = Field(default_factory=EventChanges)
    clusters_before: int = 0
    clusters_after: int = 0
    stopped: bool = False
    elapsed_s: float = 0.0
    failures: list[Rejection] = Field(default_factory=list)


def stale_articles(
    store: Store,
    current: ExtractionVersion,
    *,
    since_version: str | None = None,
    everything: bool = False,
) -> list[str]:
    """Ids of the articles to re-extract, in id order.

    Stale means extracted by another khabar or ontology version (or by an unknown one);
    ``since_version`` keeps only those extracted by that khabar version or a later one;
    ``everything`` takes every article.
    """
    a = t.articles.c
    with store.engine.connect() as conn:
        rows = conn.execute(select(a.id, a.khabar_version, a.ontology_version).order_by(a.id)).all()
    since = version_key(since_version) if since_version else None
    out = []
    for r in rows:
        stale = r.khabar_version != current.khabar or r.ontology_version != current.ontology
        if since is not None and (
            r.khabar_version is None or version_key(r.khabar_version) < since
        ):
            stale = False
        if stale or everything:
            out.append(r.id)
    return out


def _tasks(store: Store, ids: list[str]) -> Iterator[Task]:
    a = t.articles.c
    for i in range(0, len(ids), 200):
        with store.engine.connect() as conn:
            rows = conn.execute(
                select(a.id, a.text, a.title, a.url, a.published).where(a.id.in_(ids[i : i + 200]))
            ).all()
        for r in sorted(rows, key=lambda r: r.id):
            raw = RawArticle(text=r.text, title=r.title, url=r.url, published=r.published)
            yield Task(name=r.id, raw=raw)


def reextract(
    store: Store,
    loader: ExtractorLoader,
    *,
    current: ExtractionVersion | None = None,
    since_version: str | None = None,
    everything: bool = False,
    on_progress: Callable[[str], None] | None = None,
    stop: threading.Event | None = None,
    chunk_size: int = 8,
) -> ReextractReport:
    """Re-extract the stale articles (see ``stale_articles``) and rebuild their clusters.

    ``loader`` is called once. ``stop`` ends the run between chunks; what was done stays.
    """
    from khabar.store.dedup import recluster

    started = time.perf_counter()
    report = ReextractReport(clusters_before=store.count("clusters"))
    ids = stale_articles(
        store, current or current_version(), since_version=since_version, everything=everything
    )
    report.stale = len(ids)
    if ids:
        extractor = loader()
        chunk: list[Task] = []
        tasks = _tasks(store, ids)
        while True:
            if stop is not None and stop.is_set():
                report.stopped = True
                break
            chunk = [task for _, task in zip(range(chunk_size), tasks, strict=False)]
            if not chunk:
                break
            for task, outcome in zip(chunk, extract_chunk(extractor, chunk), strict=True):
                status = _apply(store, task, outcome.result, outcome.rejection, report)
                if on_progress is not None:
                    on_progress(status)
    recluster(store)
    report.clusters_after = store.count("clusters")
    report.elapsed_s = time.perf_counter() - started
    return report


def _apply(
    store: Store,
    task: Task,
    result: object,
    rejection: Rejection | None,
    report: ReextractReport,
) -> str:
    from khabar.model import ExtractionResult

    if not isinstance(result, ExtractionResult) or result.article.id != task.name:
        report.failed += 1
        report.failures.append(
            rejection
            or Rejection(
                input_name=task.name,
                code="extract-error",
                reason=f"article {task.name}: the extractor returned no result for it",
            )
        )
        return "rejected"
    changes = replace_result(store, result)
    report.reextracted += 1
    if changes is not None and changes.any:
        report.changed += 1
        report.changes = report.changes + changes
    return "stored"
