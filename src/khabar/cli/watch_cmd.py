"""``khabar watch`` and ``khabar feeds``: thin shells over ``khabar.watch``."""

from __future__ import annotations

from pathlib import Path

import typer

from khabar.cli.common import fail, run_or_exit
from khabar.cli.progress import Progress, ProgressMode, progress_mode
from khabar.cli.signals import stop_on_signals

DB_HELP = "Database URL: sqlite:///path.db or postgresql://user@host/db (default: user data dir)."


def register(app: typer.Typer) -> None:
    app.command("watch")(watch)
    app.command("feeds")(feeds)


def watch(
    feeds_file: Path = typer.Option(
        ..., "--feeds", help="feeds.yaml: feeds: [{name: ..., url: ...}, ...] and crawl policy."
    ),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    interval: str | None = typer.Option(
        None, "--interval", help="Time between polls, e.g. 15m, 1h (default: the file's, or 15m)."
    ),
    once: bool = typer.Option(False, "--once", help="Poll every feed once, then exit."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress display."),
    progress: ProgressMode | None = typer.Option(
        None, "--progress", help="bar (default), jsonl (one JSON object a line, stderr) or none."
    ),
) -> None:
    """Poll RSS/Atom feeds and sitemaps; fetch and store every new article once.

    Polite: robots.txt, a per-host rate limit and concurrency cap, conditional GET,
    retries with backoff, a size cap. Per-feed state lives in the database, so a restart
    resumes without refetching. SIGTERM or Ctrl-C stops cleanly between articles.
    """
    from khabar.watch.config import load_config, parse_interval

    config = run_or_exit(lambda: load_config(feeds_file))
    interval_s = run_or_exit(lambda: parse_interval(interval or config.interval or "15m"))
    mode = progress_mode(progress, quiet)

    def run() -> None:
        from khabar.store import open_store
        from khabar.store.pipeline import default_loader
        from khabar.watch.poll import FeedReport, run_watch

        def on_feed(rep: FeedReport) -> None:
            if mode is ProgressMode.jsonl:
                bar.note("feed", **rep.model_dump())
            elif mode is ProgressMode.bar:
                state = f"error: {rep.error}" if rep.error else "not modified" * rep.not_modified
                typer.echo(
                    f"{rep.feed}: {rep.entries} entries, {rep.new} new: {rep.stored} stored, "
                    f"{rep.already} already, {rep.rejected} rejected, {rep.failed} failed, "
                    f"{rep.disallowed} disallowed by robots.txt {state}".rstrip(),
                    err=True,
                )

        def on_load(status: str) -> None:
            if status == "start":
                bar.begin_step("load-model", "loading the model")
            else:
                bar.end_step()

        with open_store(db) as store, Progress("articles", None, mode) as bar:
            run_watch(
                config,
                store,
                default_loader(),
                once=once,
                interval_s=interval_s,
                stop=stop,
                on_feed=on_feed,
                on_article=bar.advance,
                on_load=on_load,
            )

    with stop_on_signals() as stop:
        run_or_exit(run)


def feeds(
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    fmt: str = typer.Option("table", "--format", help="table or jsonl."),
) -> None:
    """List watched feeds with their health: last success, last error, articles today."""
    if fmt not in ("table", "jsonl"):
        raise fail(f"--format must be table or jsonl, got {fmt!r}")

    def run() -> None:
        from rich.console import Console
        from rich.table import Table

        from khabar.store import open_store
        from khabar.store.feeds import feed_states

        with open_store(db) as store:
            states = feed_states(store)
        if fmt == "jsonl":
            for s in states:
                typer.echo(s.model_dump_json())
            return
        table = Table(title=f"{len(states)} feeds")
        for col in ("feed", "url", "last success", "last error", "errors", "today", "entries"):
            table.add_column(col, overflow="fold")
        for s in states:
            error = f"{s.last_error_at:%Y-%m-%d %H:%M} {s.last_error}" if s.last_error_at else "-"
            table.add_row(
                s.name,
                s.url,
                f"{s.last_success_at:%Y-%m-%d %H:%M}" if s.last_success_at else "never",
                error,
                str(s.consecutive_errors),
                str(s.articles_today),
                str(s.entries),
            )
        Console(width=200).print(table)

    run_or_exit(run)
