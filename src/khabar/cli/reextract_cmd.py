"""``khabar reextract``: a thin shell over ``khabar.store.reextract``."""

from __future__ import annotations

import typer

from khabar.cli.common import run_or_exit
from khabar.cli.progress import Progress, ProgressMode, preloaded, progress_mode
from khabar.cli.signals import stop_on_signals

DB_HELP = "Database URL: sqlite:///path.db or postgresql://user@host/db (default: user data dir)."


def register(app: typer.Typer) -> None:
    app.command("reextract")(reextract)


def reextract(
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    since_version: str | None = typer.Option(
        None,
        "--since-version",
        help="Only articles extracted by this khabar version or a later one (e.g. a release "
        "with a bug); default: every article extracted by another version.",
    ),
    everything: bool = typer.Option(
        False, "--all", help="Re-extract every article, whatever version extracted it."
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress display."),
    progress: ProgressMode | None = typer.Option(
        None, "--progress", help="bar (default), jsonl (one JSON object a line, stderr) or none."
    ),
) -> None:
    """Re-run stored articles whose extraction is stale with the current extractor.

    Each article is replaced in its own transaction and keeps its id; clusters are rebuilt;
    the report says how many events were added, removed and retyped. A killed run resumes
    where it stopped when run again; a second run finds nothing to do. SIGTERM/Ctrl-C stop
    between articles.
    """

    def run() -> None:
        from rich.console import Console

        from khabar.store import open_store
        from khabar.store.pipeline import default_loader
        from khabar.store.reextract import current_version, reextract, stale_articles

        with open_store(db) as store:
            current = current_version()
            total = len(
                stale_articles(store, current, since_version=since_version, everything=everything)
            )
            with Progress("articles", total, progress_mode(progress, quiet)) as bar:
                loader = default_loader()
                if total:
                    loader = preloaded(bar.run_step("load-model", "loading the model", loader))
                report = reextract(
                    store,
                    loader,
                    current=current,
                    since_version=since_version,
                    everything=everything,
                    on_progress=bar.advance,
                    stop=stop,
                )
                bar.note("report", **report.model_dump(mode="json"))
        c = report.changes
        Console(stderr=True).print(
            f"{report.reextracted} of {report.stale} stale articles re-extracted "
            f"(khabar {current.khabar}, ontology {current.ontology}), {report.failed} failed"
            f"{', stopped early' if report.stopped else ''}; {report.changed} changed: "
            f"events +{c.added} added, -{c.removed} removed, {c.retyped} retyped; "
            f"clusters {report.clusters_before} → {report.clusters_after}"
        )
        for rej in report.failures[:20]:
            typer.echo(f"khabar: failed: {rej.reason}", err=True)

    with stop_on_signals() as stop:
        run_or_exit(run)
