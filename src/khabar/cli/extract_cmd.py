"""``khabar extract``, ``khabar pipeline`` and ``khabar schema``."""

from __future__ import annotations

import datetime as dt
import json
from enum import StrEnum
from pathlib import Path

import typer

from khabar.cli.common import fail, run_or_exit
from khabar.cli.progress import ProgressMode, progress_mode
from khabar.model import ExtractionResult


class OutputFormat(StrEnum):
    json = "json"
    jsonl = "jsonl"
    table = "table"


def register(app: typer.Typer) -> None:
    app.command("extract")(extract)
    app.command("pipeline")(pipeline)
    app.command("schema")(schema)


def _parse_published(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise fail(f"--published must be a date as YYYY-MM-DD, got {value!r}") from None


def extract(
    path: str = typer.Argument(
        ..., help="Article file (text, HTML or one JSON line), or - for stdin."
    ),
    published: str | None = typer.Option(
        None,
        "--published",
        help="Publication date YYYY-MM-DD; anchors 'August 20' and 'yesterday'.",
    ),
    url: str | None = typer.Option(
        None, "--url", help="The article's URL, recorded as its source."
    ),
    output_format: OutputFormat = typer.Option(
        OutputFormat.json,
        "--format",
        help="json (one document), jsonl (one event a line) or table.",
    ),
    actors: list[Path] = typer.Option(
        [], "--actors", help="Extra actor knowledge file(s) in khabar's YAML format."
    ),
    no_geocode: bool = typer.Option(False, "--no-geocode", help="Skip geocoding places."),
    time_limit: float = typer.Option(
        120.0,
        "--time-limit",
        min=0,
        help="Seconds one article's extraction may take before it is stopped (0: no limit).",
    ),
    batch: bool = typer.Option(
        False,
        "--batch",
        help="PATH is JSONL: load the model once, print one result document per line, in "
        "order; a bad line gives a document with a warnings entry instead of stopping.",
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="--batch: no progress display."),
    progress: ProgressMode | None = typer.Option(
        None, "--progress", help="--batch: bar (default), jsonl (stderr) or none."
    ),
) -> None:
    """Extract PLOVER events (who did what to whom, when, where, how certain) from one article.

    The file may be text (UTF-8/16/32; other encodings are detected and warned about),
    HTML, or one JSON object with a 'text' field (and title, url, published, outlet).
    """
    from khabar.extract import Extractor, ExtractorOptions
    from khabar.ingest.batch import sidecar_metadata
    from khabar.ingest.budget import run_with_budget
    from khabar.ingest.read import (
        RawArticle,
        read_article_bytes,
        read_path_or_stdin,
        with_input_warnings,
    )

    pub = _parse_published(published)
    if batch:
        from khabar.cli.extract_batch import extract_batch

        options = ExtractorOptions(actor_files=tuple(actors), geocode=not no_geocode)
        extract_batch(path, options, pub, url, progress_mode(progress, quiet), time_limit or None)
        return

    def work() -> ExtractionResult:
        data, name = read_path_or_stdin(path)
        raw = read_article_bytes(data, name)
        meta = {} if path == "-" else sidecar_metadata(Path(path))  # X.meta.json / .yaml
        if meta:
            raw = RawArticle.model_validate({**raw.model_dump(), **meta})
        extractor = Extractor.load(
            ExtractorOptions(actor_files=tuple(actors), geocode=not no_geocode)
        )
        result = run_with_budget(
            lambda: extractor.extract(raw, published=pub, url=url), time_limit, name=name
        )
        return with_input_warnings(raw, result)

    result = run_or_exit(work)
    for w in result.warnings:
        typer.echo(f"khabar: warning: {w.message}", err=True)
    if output_format is OutputFormat.json:
        typer.echo(result.model_dump_json(indent=2))
    elif output_format is OutputFormat.jsonl:
        for event in result.events:
            typer.echo(
                json.dumps({"article_id": result.article.id, **event.model_dump(mode="json")})
            )
    else:
        _print_table(result)


def _print_table(result: ExtractionResult) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"khabar: {len(result.events)} events in article {result.article.id}")
    for col in ("type", "actor", "recipient", "date", "place", "factuality", "conf", "evidence"):
        table.add_column(col, overflow="fold")
    for e in result.events:
        table.add_row(
            e.type + (f"/{e.mode}" if e.mode else ""),
            "; ".join(a.name for a in e.actor) or "-",
            "; ".join(a.name for a in e.recipient) or "-",
            (e.date.value if e.date else "-"),
            (e.location.name or e.location.text) if e.location else "-",
            e.factuality + (f" ({e.attribution.text})" if e.attribution else ""),
            f"{e.confidence:.2f}",
            e.evidence.text[:160],
        )
    Console(width=200).print(table)


def pipeline(
    no_classify: bool = typer.Option(
        False,
        "--no-classify",
        help="Do not load the embedding classifier (faster; its stage is listed all the same).",
    ),
) -> None:
    """Print the NLP stages in order, with what each requires and assigns."""
    from khabar.nlp.pipeline import PipelineOptions, load_pipeline, stage_table

    nlp = run_or_exit(lambda: load_pipeline(PipelineOptions(classify=not no_classify)))
    from rich.console import Console
    from rich.table import Table

    table = Table(title="khabar pipeline")
    for col in ("#", "stage", "factory", "requires", "assigns"):
        table.add_column(col, overflow="fold")
    for i, (name, factory, requires, assigns) in enumerate(stage_table(nlp), 1):
        table.add_row(str(i), name, factory, ", ".join(requires), ", ".join(assigns))
    Console(width=160).print(table)


def schema(
    folder: Path = typer.Argument(Path("docs/schema"), help="Folder to write the schemas into."),
) -> None:
    """Write the JSON Schema of khabar's output models into FOLDER."""
    import json

    from khabar.model.schema import write_schemas
    from khabar.store.records import StoredEvent

    for path in write_schemas(folder):
        typer.echo(str(path))
    # `khabar events --format jsonl` lines: an event with its article and cluster
    stored = folder / "stored-event.schema.json"
    stored.write_text(
        json.dumps(StoredEvent.model_json_schema(), indent=2, sort_keys=True) + "\n",
        encoding="utf-8",
    )
    typer.echo(str(stored))
