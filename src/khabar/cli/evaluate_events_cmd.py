"""``khabar evaluate events``: a thin shell over :mod:`khabar.evaluate.events`."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.console import Console
from rich.table import Table

from khabar.cli.common import fail, run_or_exit
from khabar.cli.evaluate_cmd import evaluate_app
from khabar.errors import EvaluationError, ModelLoadError
from khabar.model import ExtractionResult

if TYPE_CHECKING:
    from khabar.evaluate.events import ClassifyFn, EventMetrics, ExtractFn

GSR_RELATIVE = Path("..") / "shared" / "eval" / "plover-gsr" / "PLOVER_GSR_CAMEO.parsed.json"


def default_gsr_path() -> Path:
    """``../shared/eval/plover-gsr/…`` relative to the working directory, else the repo root."""
    candidates = [Path.cwd() / GSR_RELATIVE]
    repo_root = Path(__file__).resolve().parents[3]  # src/khabar/cli/ -> repository root
    candidates.append(repo_root / GSR_RELATIVE)
    for path in candidates:
        if path.is_file():
            return path
    return candidates[0]


BatchExtractFn = Callable[[list[str]], list[ExtractionResult]]


def _load_extractor(published: dt.date | None) -> BatchExtractFn:
    """The shipped pipeline with its default options, batched through ``extract_many``."""
    try:
        from khabar.extract import Extractor
        from khabar.ingest.read import RawArticle
    except ImportError as exc:
        raise ModelLoadError(
            f"the extraction pipeline (khabar.extract) is not available: {exc}"
        ) from exc
    extractor = Extractor.load()

    def extract_all(texts: list[str]) -> list[ExtractionResult]:
        return list(extractor.extract_many((RawArticle(text=t), published, None) for t in texts))

    return extract_all


def _precomputed(extract_all: BatchExtractFn, texts: list[str]) -> ExtractFn:
    """Run the batch once, then answer the scorer's per-text calls from the results."""
    unique = list(dict.fromkeys(texts))
    results = dict(zip(unique, extract_all(unique), strict=True))
    return results.__getitem__


def _load_classifier() -> ClassifyFn:
    from khabar.nlp.classify import EventTypeClassifier
    from khabar.nlp.embed import Embedder

    classifier = EventTypeClassifier.load(Embedder.load())

    def classify(sentences: list[str]) -> list[str]:
        return [s.best for s in classifier.predict(sentences)]

    return classify


def _print_table(metrics: EventMetrics) -> None:
    console = Console()
    table = Table(title=f"{metrics.corpus}: {metrics.system} (n={metrics.n})")
    for column in ("type", "precision", "recall", "F1", "support", "predicted"):
        table.add_column(column, justify="left" if column == "type" else "right")
    for name, m in metrics.per_class.items():
        table.add_row(
            name, f"{m.precision:.3f}", f"{m.recall:.3f}", f"{m.f1:.3f}",
            str(m.support), str(m.predicted),
        )  # fmt: skip
    console.print(table)

    def pct(value: float | None, n: int | None = None) -> str:
        if value is None:
            return "n/a"
        return f"{value:.3f}" + (f" (n={n})" if n is not None else "")

    lines = [
        ("macro F1", pct(metrics.macro_f1)),
        ("accuracy", pct(metrics.accuracy)),
        ("no event predicted", str(metrics.predicted_none)),
        ("actor accuracy", pct(metrics.actor_acc, metrics.n_actor)),
        ("recipient accuracy", pct(metrics.recipient_acc, metrics.n_recipient)),
    ]
    if metrics.actor_text_acc is not None:
        lines.append(("actor accuracy, text only", pct(metrics.actor_text_acc)))
        lines.append(("recipient accuracy, text only", pct(metrics.recipient_text_acc)))
    if metrics.any_type_acc is not None:
        lines.append(("gold type among any event", pct(metrics.any_type_acc)))
    if metrics.event_precision is not None:
        lines.append(("precision over all events", pct(metrics.event_precision)))
        lines.append(("events per sentence", pct(metrics.events_per_item)))
    if metrics.gold is not None:
        g = metrics.gold
        lines += [
            ("asserted event recall", pct(g.event_recall, g.n_asserted)),
            ("evidence overlap", pct(g.evidence_overlap, g.n_asserted)),
            ("factuality accuracy", pct(g.factuality_acc, g.n_factuality)),
            ("trap violations", f"{g.trap_violations} of {g.n_traps}"),
            ("date accuracy", pct(g.date_acc, g.n_dated)),
            ("valid evidence offsets", pct(g.offsets_valid)),
            ("extra asserted events", str(g.unmatched_predicted_asserted)),
        ]
    summary = Table(show_header=False)
    summary.add_column("figure")
    summary.add_column("value", justify="right")
    for name, value in lines:
        summary.add_row(name, value)
    console.print(summary)


def events_command(
    corpus: str = typer.Option(
        "plover-gsr", "--corpus", help="plover-gsr (one event per sentence) or gold (JSONL)."
    ),
    gold: Path | None = typer.Option(
        None,
        "--gold",
        help="Gold file. plover-gsr default: ../shared/eval/plover-gsr/"
        "PLOVER_GSR_CAMEO.parsed.json (from the working directory or the repository root).",
    ),
    text: Path | None = typer.Option(
        None, "--text", help="gold: the article text (default: <article_id>.txt beside --gold)."
    ),
    published: str | None = typer.Option(
        None, "--published", help="gold: publication date YYYY-MM-DD, to resolve dates."
    ),
    system: str = typer.Option(
        "extractor",
        "--system",
        help="extractor (the full pipeline) or classifier (embedding classifier alone, "
        "plover-gsr only, type only).",
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the metrics as one JSON object."),
) -> None:
    """Score event types, actors and recipients against PLOVER GSR or a gold JSONL file."""
    if corpus not in ("plover-gsr", "gold"):
        raise fail(f"unknown --corpus {corpus!r}; use plover-gsr or gold")
    if system not in ("extractor", "classifier"):
        raise fail(f"unknown --system {system!r}; use extractor or classifier")
    published_date: dt.date | None = None
    if published:
        try:
            published_date = dt.date.fromisoformat(published)
        except ValueError:
            raise fail(f"--published {published!r} is not a YYYY-MM-DD date") from None

    def run() -> EventMetrics:
        from khabar.evaluate import events as ev

        if corpus == "plover-gsr":
            records = ev.load_gsr(gold or default_gsr_path())
            if system == "classifier":
                return ev.score_gsr_types(records, _load_classifier(), system="classifier")
            extract = _precomputed(_load_extractor(None), [r.text for r in records])
            return ev.score_gsr(records, extract, system="extractor")
        if gold is None:
            raise EvaluationError("--corpus gold needs --gold PATH.jsonl")
        if system == "classifier":
            raise EvaluationError("--system classifier scores sentences: use --corpus plover-gsr")
        lines = ev.load_gold_jsonl(gold)
        articles = ev.gold_articles(lines, gold, text)
        extract = _precomputed(_load_extractor(published_date), [t for t, _ in articles])
        return ev.score_gold(articles, extract, corpus=gold.name, system="extractor")

    metrics = run_or_exit(run)
    if as_json:
        typer.echo(json.dumps(metrics.model_dump(mode="json"), ensure_ascii=False))
    else:
        _print_table(metrics)


def register(app: typer.Typer) -> None:
    """Add ``events`` to the ``khabar evaluate`` group (``app`` is registered by evaluate_cmd)."""
    evaluate_app.command("events")(events_command)
