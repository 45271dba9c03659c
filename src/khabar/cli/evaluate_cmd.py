"""``khabar evaluate …``: the group; each corpus kind registers its own command module."""

from __future__ import annotations

import typer

evaluate_app = typer.Typer(
    help="Score khabar against real gold data (events, geocoding).", no_args_is_help=True
)


def register(app: typer.Typer) -> None:
    app.add_typer(evaluate_app, name="evaluate")
