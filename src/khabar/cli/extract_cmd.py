"""``khabar extract``, ``khabar pipeline`` and ``khabar schema``."""

from __future__ import annotations

from pathlib import Path

import typer


def register(app: typer.Typer) -> None:
    app.command("schema")(schema)


def schema(
    folder: Path = typer.Argument(Path("docs/schema"), help="Folder to write the schemas into."),
) -> None:
    """Write the JSON Schema of khabar's output models into FOLDER."""
    from khabar.model.schema import write_schemas

    for path in write_schemas(folder):
        typer.echo(str(path))
