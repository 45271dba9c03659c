"""``khabar extract FILE.jsonl --batch``: a thin shell over ``khabar.extract.batch``."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import typer

from khabar.cli.common import fail, run_or_exit
from khabar.cli.progress import Progress, ProgressMode
from khabar.extract import ExtractorOptions
from khabar.extract.batch import ExtractsArticles, extract_lines
from khabar.ingest.budget import Budgeted


def load_extractor(options: ExtractorOptions) -> ExtractsArticles:
    """The real extractor (tests replace this function with one giving the fake)."""
    from khabar.extract import Extractor

    return Extractor.load(options)


def _count_lines(path: str) -> int | None:
    if path == "-":
        return None
    with Path(path).open("rb") as fh:
        return sum(1 for line in fh if line.strip())


def _lines(fh: BinaryIO) -> Iterator[bytes]:
    yield from fh


def extract_batch(
    path: str,
    options: ExtractorOptions,
    published: dt.date | None,
    url: str | None,
    mode: ProgressMode,
    time_limit: float | None = None,
) -> None:
    """Print one compact result document per input line on stdout, progress on stderr."""
    if path != "-" and not Path(path).is_file():
        raise fail(f"{path}: no such file")
    name = "<stdin>" if path == "-" else path
    with Progress("articles", _count_lines(path), mode) as bar:
        extractor = run_or_exit(
            lambda: bar.run_step("load-model", "loading the model", lambda: load_extractor(options))
        )
        fh = sys.stdin.buffer if path == "-" else Path(path).open("rb")  # noqa: SIM115
        try:
            budgeted = Budgeted(extractor, time_limit)
            for result in extract_lines(
                _lines(fh), budgeted, name=name, published=published, url=url
            ):
                sys.stdout.write(result.model_dump_json() + "\n")
                sys.stdout.flush()
                bar.advance("error" if not result.article.text else "extracted")
        except BrokenPipeError:  # pragma: no cover - e.g. `khabar extract … --batch | head`
            raise typer.Exit(0) from None
        finally:
            if fh is not sys.stdin.buffer:
                fh.close()
