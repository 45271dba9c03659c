"""``khabar ingest``, ``khabar events`` and ``khabar stats``: thin shells over khabar.store."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from khabar.cli.common import fail, run_or_exit
from khabar.cli.progress import ProgressMode, preloaded

if TYPE_CHECKING:
    from rich.console import Console

    from khabar.store.records import StoredEvent


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest)
    app.command("events")(events)
    app.command("stats")(stats)


DB_HELP = "Database URL: sqlite:///path.db or postgresql://user@host/db (default: user data dir)."


def _date(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise fail(f"{option} must be an ISO date (YYYY-MM-DD), got {value!r}") from None


def ingest(
    paths: list[str] = typer.Argument(..., help="Files, folders (recursive), JSONL/CSV, or -."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    workers: int = typer.Option(1, "--workers", min=1, help="Extraction processes."),
    engine: str = typer.Option("local", "--engine", help="local (process pool) or dask."),
    scheduler: str | None = typer.Option(
        None, "--scheduler", help="Dask scheduler address (tcp://…); default: a LocalCluster."
    ),
    published_default: str | None = typer.Option(
        None, "--published-default", help="Publication date for articles that give none."
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress display."),
    progress: ProgressMode | None = typer.Option(
        None, "--progress", help="bar (default), jsonl (one JSON object a line, stderr) or none."
    ),
    time_limit: float = typer.Option(
        120.0,
        "--time-limit",
        min=0,
        help="Seconds one article may take to extract; a slower one is rejected as "
        "'timeout' and the batch goes on (0: no limit).",
    ),
    follow_symlinks: bool = typer.Option(
        False,
        "--follow-symlinks",
        help="Read symbolic links that point out of an input folder (refused by default).",
    ),
) -> None:
    """Extract events from every article under PATHS into the event database.

    Inputs: text, HTML or JSON files (UTF-8/16/32; other encodings are detected and
    warned about), folders (recursive), JSONL (one JSON object a line) and CSV/TSV files,
    or - for stdin. JSON keys and CSV columns: the text is the first of text, body,
    content, article; metadata comes from title (or headline), url (or link), published
    (or date; YYYY-MM-DD) and outlet (or source). A file X.txt may have a sidecar
    X.meta.json or X.meta.yaml with the same metadata keys, and a text file may start
    with YAML front matter between --- lines.

    Re-ingesting stored content is a no-op; bad inputs (and articles over the time limit)
    are recorded as rejected with a reason and listed at the end; only a database failure
    stops the batch, and running the same command again resumes it.
    """
    if engine not in ("local", "dask"):
        raise fail(f"--engine must be 'local' or 'dask', got {engine!r}")
    published = _date(published_default, "--published-default")

    def run() -> None:
        from rich.console import Console
        from rich.table import Table

        from khabar.cli.progress import Progress, progress_mode
        from khabar.ingest.batch import count_records, iter_records
        from khabar.store import open_store
        from khabar.store.pipeline import default_loader
        from khabar.store.pipeline import ingest as run_ingest

        console = Console(stderr=True)
        total = count_records(paths, follow_symlinks)
        loader = default_loader()
        with (
            open_store(db) as store,
            Progress("articles", total, progress_mode(progress, quiet)) as bar,
        ):
            if workers == 1 and engine == "local":  # the model load is its own step
                extractor = bar.run_step("load-model", "loading the model", loader)
                loader = preloaded(extractor)
            else:  # each worker loads its model; the step ends with the first article
                bar.begin_step("start-workers", f"starting {workers} workers (loading models)")
            report = run_ingest(
                iter_records(paths, follow_symlinks),
                store,
                loader,
                workers=workers,
                engine="dask" if engine == "dask" else "local",
                scheduler=scheduler,
                published_default=published,
                on_progress=bar.advance,
                time_limit=time_limit or None,
            )
            console.print(
                f"{report.records} inputs: {report.stored} stored ({report.events} events), "
                + (f"{report.updated} updated (new date, URL or title), " * bool(report.updated))
                + f"{report.already} already in the database, {report.rejected} rejected; "
                f"{report.articles_per_s:.1f} articles/s; database {store.url}"
            )
            if report.rejections:
                table = Table("input", "code", "reason", title="rejected inputs")
                for rej in report.rejections[:50]:
                    table.add_row(rej.input_name, rej.code, rej.reason)
                console.print(table)
                if report.rejected > 50:
                    console.print(f"… and {report.rejected - 50} more (khabar stats)")
            _print_warnings(console, report.warnings, report.undated)

    run_or_exit(run)


#: What the end-of-batch summary says about a warning code of the stored articles.
_WARNING_NOTES = {
    "charset": "were not UTF-8 and were decoded in a detected encoding",
    "cleaned": "had NUL, control or lone-surrogate characters removed",
    "bad-url": "had a url that is not a URL (dropped)",
}


def _print_warnings(console: Console, warnings: dict[str, int], undated: int) -> None:
    for code, note in _WARNING_NOTES.items():
        if warnings.get(code):
            console.print(f"warning: {warnings[code]} stored article(s) {note}")
    if undated:
        console.print(
            f"warning: {undated} stored article(s) have no publication date, so relative "
            "dates ('on Tuesday') stay unresolved and they do not cluster across sources; "
            "give --published-default, a sidecar X.meta.json, front matter or a "
            "'published' field"
        )


def events(
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    type_: list[str] = typer.Option([], "--type", help="PLOVER event type (repeatable)."),
    actor: str | None = typer.Option(None, "--actor", help="Actor or recipient name."),
    country: str | None = typer.Option(None, "--country", help="Country code of the location."),
    since: str | None = typer.Option(None, "--since", help="Earliest event date (YYYY-MM-DD)."),
    until: str | None = typer.Option(None, "--until", help="Latest event date (YYYY-MM-DD)."),
    near: str | None = typer.Option(None, "--near", help="LAT,LON,KM: within KM of a point."),
    factuality: list[str] = typer.Option([], "--factuality", help="asserted, negated, …"),
    cluster: str | None = typer.Option(
        None, "--cluster", help="Only the events of this cross-source cluster (all sources)."
    ),
    min_fatalities: int | None = typer.Option(
        None, "--min-fatalities", min=0, help="Only events whose text says at least N killed."
    ),
    limit: int | None = typer.Option(None, "--limit", min=1, help="At most this many events."),
    fmt: str = typer.Option(
        "table", "--format", help="table, csv, jsonl, geojson or parquet (needs --output)."
    ),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write to this file."),
) -> None:
    """Query stored events and print or export them."""
    from khabar.export import EXPORT_FORMATS

    if fmt not in EXPORT_FORMATS:
        raise fail(f"--format must be one of {', '.join(EXPORT_FORMATS)}, got {fmt!r}")
    if fmt == "parquet" and output is None:
        raise fail("--format parquet writes a binary file; give --output FILE.parquet")
    point = None
    if near is not None:
        try:
            lat, lon, km = (float(x) for x in near.split(","))
            point = (lat, lon, km)
        except ValueError:
            raise fail(f"--near must be LAT,LON,KM (e.g. 34.5,69.2,50), got {near!r}") from None

    def run() -> None:
        from pydantic import ValidationError

        from khabar.errors import KhabarError
        from khabar.export import write_csv, write_geojson, write_jsonl, write_parquet
        from khabar.store import EventQuery, open_store
        from khabar.store.query import query_events

        try:
            query = EventQuery(
                types=type_,
                actor=actor,
                country=country,
                since=_date(since, "--since"),
                until=_date(until, "--until"),
                near=point,
                factuality=factuality,
                cluster=cluster,
                min_fatalities=min_fatalities,
                limit=limit,
            )
        except ValidationError as exc:
            raise KhabarError(f"bad filter: {exc.errors()[0]['msg']}") from None
        with open_store(db) as store:
            rows = query_events(store, query)
            if fmt == "parquet":
                assert output is not None
                n = write_parquet(rows, output)
                typer.echo(f"{n} events written to {output}", err=True)
                return
            out = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
            try:
                if fmt == "csv":
                    write_csv(rows, out)
                elif fmt == "jsonl":
                    write_jsonl(rows, out)
                elif fmt == "geojson":
                    write_geojson(rows, out)
                else:
                    _print_table(rows)
            finally:
                if output:
                    out.close()

    run_or_exit(run)


def _print_table(rows: Iterable[StoredEvent]) -> None:
    from rich.console import Console
    from rich.table import Table

    from khabar.export import flatten

    table = Table("date", "type", "actor1", "actor2", "location", "country", "n_src", "evidence")
    for se in rows:
        f = flatten(se)
        table.add_row(
            str(f.event_date or ""),
            f.event_type + (f"/{f.sub_event_type}" if f.sub_event_type else ""),
            f.actor1 or "",
            f.actor2 or "",
            f.location or "",
            f.country or "",
            str(f.n_sources or ""),
            f.notes[:80],
        )
    Console().print(table)


def stats(db: str | None = typer.Option(None, "--db", help=DB_HELP)) -> None:
    """Counts of articles, events, clusters and rejections by type, country and month."""

    def run() -> None:
        from rich.console import Console
        from rich.table import Table

        from khabar.store import open_store
        from khabar.store.query import store_stats

        with open_store(db) as store:
            s = store_stats(store)
            console = Console()
            console.print(
                f"{s.articles} articles, {s.events} events in {s.clusters} clusters "
                f"({s.multi_source_clusters} reported by more than one article), "
                f"{s.rejections} rejected inputs — {store.url}"
            )
            for title, counts in (
                ("events by type", s.by_type),
                ("events by country", s.by_country),
                ("events by month", s.by_month),
                ("rejections by reason", s.by_rejection),
            ):
                if counts:
                    table = Table("key", "count", title=title)
                    for row in counts:
                        table.add_row(row.key, str(row.count))
                    console.print(table)

    run_or_exit(run)
