"""``khabar evaluate stories``: a thin shell over :mod:`khabar.evaluate.stories`."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.console import Console
from rich.table import Table

from khabar.cli.common import fail, run_or_exit
from khabar.cli.evaluate_cmd import evaluate_app
from khabar.errors import ModelLoadError

if TYPE_CHECKING:
    from khabar.evaluate.stories import SliceMetrics, StoryArticle, StoryMetrics
    from khabar.model import ExtractionResult

FIGURES = (
    ("recall", "recall"),
    ("date", "date_acc"),
    ("place≤50", "place50_acc"),
    ("place≤100", "place100_acc"),
    ("actor", "actor_acc"),
    ("recip.", "recipient_acc"),
    ("fatal.", "fatalities_acc"),
    ("fact.", "factuality_acc"),
)


def extract_articles(articles: list[StoryArticle]) -> dict[str, ExtractionResult]:
    """Run the shipped pipeline once over every article (its date and URL bound)."""
    try:
        from khabar.extract import Extractor
        from khabar.ingest.read import RawArticle
    except ImportError as exc:
        raise ModelLoadError(f"the extraction pipeline is not available: {exc}") from exc
    extractor = Extractor.load()
    items = [(RawArticle(text=a.text), a.published, None) for a in articles]
    results = extractor.extract_many(items)
    return {a.id: r for a, r in zip(articles, results, strict=True)}


def _cell(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def _print(metrics: StoryMetrics) -> None:
    console = Console()
    table = Table(title=f"{metrics.corpus}: stories")
    table.add_column("slice")
    for header, _ in FIGURES:
        table.add_column(header, justify="right")
    table.add_column("false facts", justify="right")
    table.add_column("asserted/art.", justify="right")

    def row(name: str, m: SliceMetrics) -> None:
        c = m.counts
        cells = [_cell(getattr(m, field)) for _, field in FIGURES]
        cells[0] += f" ({c.found}/{c.asserted})"
        per_article = _cell(m.asserted_per_article) if c.articles else "-"
        table.add_row(name, *cells, f"{m.false_facts}/{m.traps}", per_article)

    row("all", metrics)
    for name, m in metrics.per_kind.items():
        row(f"kind {name}", m)
    for name, m in metrics.per_class.items():
        row(name, m)
    console.print(table)
    console.print(
        f"asserted events per political article {_cell(metrics.asserted_per_article)} "
        f"(gold {_cell(metrics.gold_asserted_per_article)}); per non-political article "
        f"{_cell(metrics.nonpolitical_asserted_per_article)} "
        f"({metrics.nonpolitical_articles_with_events} such articles with events); "
        f"spurious fatalities {metrics.spurious_fatalities}"
    )


def stories_command(
    gold: Path = typer.Option(
        ...,
        "--gold",
        help="A news-dev folder (articles.jsonl + gold.jsonl) or one gold JSONL file with "
        "<article_id>.txt beside it.",
    ),
    published: str | None = typer.Option(
        None, "--published", help="Gold JSONL file: the articles' publication date YYYY-MM-DD."
    ),
    predictions: Path | None = typer.Option(
        None, "--predictions", help="Score saved predictions (JSONL) instead of extracting."
    ),
    save: Path | None = typer.Option(
        None, "--save-predictions", help="Write the predictions (JSONL) to this file."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the metrics as one JSON object."),
) -> None:
    """Score whole stories: recall, false facts, date, place, actors, fatalities."""
    published_date: dt.date | None = None
    if published:
        try:
            published_date = dt.date.fromisoformat(published)
        except ValueError:
            raise fail(f"--published {published!r} is not a YYYY-MM-DD date") from None

    def run() -> StoryMetrics:
        from khabar.evaluate import stories

        articles = stories.load_stories(gold, published_date)
        if predictions is not None:
            predicted = stories.read_predictions(predictions)
        else:
            predicted = extract_articles(articles)
        if save is not None:
            save.write_text(stories.dump_predictions(predicted), encoding="utf-8")
        return stories.score_stories(articles, predicted, corpus=gold.name)

    metrics = run_or_exit(run)
    if as_json:
        typer.echo(json.dumps(metrics.model_dump(mode="json"), ensure_ascii=False))
    else:
        _print(metrics)


def register(app: typer.Typer) -> None:
    """Add ``stories`` to the ``khabar evaluate`` group."""
    evaluate_app.command("stories")(stories_command)
