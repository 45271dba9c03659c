"""``khabar evaluate geo``: a thin shell over :mod:`khabar.evaluate.geo`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer

from khabar.cli.common import run_or_exit
from khabar.cli.evaluate_cmd import evaluate_app
from khabar.errors import ModelLoadError
from khabar.model.core import Place


def register(app: typer.Typer) -> None:
    """Nothing on ``app`` itself: the command lives in the ``evaluate`` group."""
    _ = app


def _recognisers(texts: list[str]) -> tuple[Any, Any]:
    """Recognise (and resolve) the places of all texts with the full pipeline, batched, in one
    pass; returns two recognisers: the pipeline's places, and the same with the pipeline's
    demonym entities ("Mexicans") counted as toponyms too, resolved as demonyms
    (``khabar.evaluate.geo.with_demonyms``)."""
    try:
        from khabar.extract import Extractor, ExtractorOptions
        from khabar.ingest.read import RawArticle
    except ImportError as exc:
        raise ModelLoadError(
            f"end-to-end scoring needs the extraction pipeline (khabar.extract): {exc}"
        ) from exc
    from khabar.evaluate.geo import realign, with_demonyms

    extractor = Extractor.load(ExtractorOptions(classify=False))
    unique = list(dict.fromkeys(texts))
    plain: dict[str, list[Place]] = {}
    with_dem: dict[str, list[Place]] = {}
    for text, result in zip(
        unique, extractor.extract_many(RawArticle(text=t) for t in unique), strict=True
    ):
        places = list(result.places)
        plain[text] = realign(text, result.article.text, places)
        if extractor.geocoder is not None:
            places = with_demonyms(
                result.article.text, places, result.entities, extractor.geocoder.resolve
            )
        with_dem[text] = realign(text, result.article.text, places)
    return plain.__getitem__, with_dem.__getitem__


def _evaluate(
    corpus: Path,
    gazetteer: Path | None,
    end_to_end: bool,
    home: bool = True,
    demonyms: bool | None = None,
) -> dict[str, Any]:
    from khabar.evaluate.geo import (
        calibration,
        counts_demonyms,
        resolution_errors,
        resolution_errors_by_source,
        score_recognition,
        score_resolution_by_subset,
    )
    from khabar.evaluate.geo_corpus import read_corpus
    from khabar.geo.countries import load_countries
    from khabar.geo.geonames_points import populated_or_admin_ids
    from khabar.geo.home import HomeRegion, home_region
    from khabar.geo.index import load_default_index
    from khabar.geo.resolve import Geocoder

    articles = read_corpus(corpus)
    geocoder = Geocoder(load_default_index(gazetteer))
    homes: list[HomeRegion] = []

    def infer(stories: list[list[Place]]) -> HomeRegion | None:
        found = home_region(stories, geocoder.scoring.home)
        homes.extend([found] if found is not None else [])
        return found

    if home:
        rows = resolution_errors_by_source(
            articles, lambda t, m, h: geocoder.resolve(t, m, home=h), infer
        )
    else:
        rows = resolution_errors(articles, geocoder.resolve)
    subsets = score_resolution_by_subset(rows, populated_or_admin_ids())
    out: dict[str, Any] = {"corpus": corpus.name, "articles": len(articles)}
    out["articles_with_home_region"] = len(homes)
    out |= subsets["all"].model_dump()
    for name in ("geonames", "populated_admin"):
        if name in subsets:
            out |= {f"{name}_{k}": v for k, v in subsets[name].model_dump().items()}
    out["calibration"] = [b.model_dump() for b in calibration(rows)]
    out["span_f1"] = None
    if end_to_end:
        table = load_countries()
        if demonyms is None:  # as the corpus's gold does
            demonyms = counts_demonyms(
                articles,
                lambda t: table.lookup_demonym(t) is not None and table.lookup_name(t) is None,
            )
        places_only, with_dem = _recognisers([a.text for a in articles])
        rec, e2e = score_recognition(articles, with_dem if demonyms else places_only)
        other, _ = score_recognition(articles, places_only if demonyms else with_dem)
        out |= {
            "demonyms_as_toponyms": demonyms,
            "span_precision": rec.precision,
            "span_recall": rec.recall,
            "span_f1": rec.f1,
            "spans_gold": rec.gold,
            "spans_predicted": rec.predicted,
            "spans_correct": rec.correct,
            "e2e_n": e2e.n,
            "e2e_acc161": e2e.acc161,
            "e2e_mean_km": e2e.mean_km,
            "e2e_median_km": e2e.median_km,
            "e2e_auc": e2e.auc,
            ("span_f1_places_only" if demonyms else "span_f1_with_demonyms"): other.f1,
        }
    return out


@evaluate_app.command("geo")
def evaluate_geo(
    corpus: Path = typer.Option(
        ..., "--corpus", help="LGL (lgl.xml), GeoVirus (GeoVirus.xml) or GeoWebNews (GWN.xml)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the metrics as one JSON object."),
    end_to_end: bool = typer.Option(
        True,
        "--end-to-end/--resolution-only",
        help="Also recognise places with the full pipeline and score spans (slower).",
    ),
    gazetteer: Path | None = typer.Option(
        None, "--gazetteer", help="Gazetteer index file (default: built in the user cache dir)."
    ),
    home: bool = typer.Option(
        True,
        "--home/--no-home",
        help="Resolve given gold spans with each source's home region, inferred from the "
        "other articles of the same site (khabar.geo.home).",
    ),
    demonyms: bool | None = typer.Option(
        None,
        "--demonyms/--no-demonyms",
        help="End to end, also count the pipeline's demonym entities ('Mexicans') as "
        "toponyms, resolved as demonyms (the pipeline's place list does not carry them). "
        "Default: as the corpus's gold does (LGL and GeoWebNews mark demonyms, GeoVirus "
        "does not); the other figure is printed too.",
    ),
) -> None:
    """Score geocoding on a gold corpus: given gold spans (acc@161 km, mean/median km, AUC;
    for all toponyms, those with a GeoNames id, and those that are populated places or
    administrative areas; with each site's home region read off its other articles),
    accuracy by resolution-score bucket, and end to end (span
    precision/recall/F1, then the same distances)."""
    metrics = run_or_exit(lambda: _evaluate(corpus, gazetteer, end_to_end, home, demonyms))
    if as_json:
        typer.echo(json.dumps(metrics))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"khabar evaluate geo: {metrics['corpus']}")
    table.add_column("metric")
    table.add_column("value", justify="right")
    for key, value in metrics.items():
        if key in ("corpus", "calibration") or value is None:
            continue
        shown = f"{value:.3f}" if isinstance(value, float) else str(value)
        table.add_row(key, shown)
    for b in metrics["calibration"]:
        acc = "—" if b["accuracy"] is None else f"{b['accuracy']:.3f}"
        table.add_row(f"score {b['low']:.2f}–{b['high']:.2f}: n, acc@161", f"{b['n']}, {acc}")
    Console().print(table)
