"""``khabar geocode``: every place of a text, resolved (a thin shell over the Extractor)."""

from __future__ import annotations

import json
from enum import StrEnum

import typer

from khabar.cli.common import run_or_exit
from khabar.errors import ModelLoadError
from khabar.model.core import Place


class GeocodeFormat(StrEnum):
    json = "json"
    table = "table"


#: The fields printed for each place (the JSON output is a list of objects with these keys).
FIELDS = (
    "text", "start", "end", "name", "kind", "country", "admin1",
    "lat", "lon", "geonameid", "precision", "score",
)  # fmt: skip


def register(app: typer.Typer) -> None:
    app.command("geocode")(geocode)


def _places(path: str) -> list[Place]:
    try:
        from khabar.extract import Extractor
    except ImportError as exc:
        raise ModelLoadError(
            f"the extraction pipeline (khabar.extract) is not available: {exc}"
        ) from exc
    from khabar.ingest.read import read_article_bytes, read_path_or_stdin

    data, name = read_path_or_stdin(path)
    raw = read_article_bytes(data, name)
    return list(Extractor.load().extract_text(raw.text).places)


def geocode(
    path: str = typer.Argument(
        ..., help="Article file (text, HTML or one JSON line), or - for stdin."
    ),
    output_format: GeocodeFormat = typer.Option(
        GeocodeFormat.json, "--format", help="json (a list of places) or table."
    ),
    unresolved: bool = typer.Option(
        True, "--unresolved/--resolved-only", help="Also list places that stayed unresolved."
    ),
) -> None:
    """Print every place mentioned in an article, resolved to coordinates offline."""
    places = run_or_exit(lambda: _places(path))
    if not unresolved:
        places = [p for p in places if p.lat is not None]
    if output_format is GeocodeFormat.json:
        rows = [{f: getattr(p, f) for f in FIELDS} | {"how": p.how} for p in places]
        typer.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"khabar: {len(places)} place mentions")
    for col in ("text", "at", "name", "kind", "country", "admin1", "lat, lon", "score", "how"):
        table.add_column(col, overflow="fold")
    for p in places:
        table.add_row(
            p.text,
            f"{p.start}-{p.end}",
            p.name or "-",
            p.precision or p.kind or "-",
            p.country or "-",
            p.admin1 or "-",
            f"{p.lat:.4f}, {p.lon:.4f}" if p.lat is not None and p.lon is not None else "-",
            f"{p.score:.2f}" if p.score is not None else "-",
            p.how or "",
        )
    Console(width=200).print(table)
