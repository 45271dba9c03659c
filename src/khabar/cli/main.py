"""``khabar`` entry point. Each command module registers its commands on ``app``."""

from __future__ import annotations

import typer

from khabar import __version__
from khabar.cli import (
    evaluate_cmd,
    evaluate_events_cmd,
    evaluate_geo_cmd,
    evaluate_stories_cmd,
    extract_cmd,
    geocode_cmd,
    reextract_cmd,
    review_cmd,
    serve_cmd,
    store_cmd,
    user_cmd,
    watch_cmd,
)

app = typer.Typer(
    name="khabar",
    help="Verifiable, geocoded political event data (PLOVER) from news articles, offline.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"khabar {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """khabar turns news articles into verifiable, geocoded PLOVER events."""


extract_cmd.register(app)
evaluate_cmd.register(app)
evaluate_events_cmd.register(app)
evaluate_stories_cmd.register(app)
store_cmd.register(app)
geocode_cmd.register(app)
evaluate_geo_cmd.register(app)
serve_cmd.register(app)
watch_cmd.register(app)
reextract_cmd.register(app)
user_cmd.register(app)
review_cmd.register(app)

if __name__ == "__main__":  # pragma: no cover
    app()
