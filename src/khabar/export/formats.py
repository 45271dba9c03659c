"""Writers for the formats analysts load: pandas/R (CSV, Parquet), QGIS (GeoJSON), JSONL.

* JSONL: one ``StoredEvent`` per line — ``{"id", "event", "article", "cluster"}``; the
  ``event`` object is the PLOVER event exactly as ``docs/schema/event.schema.json``
  describes it, ``article`` is the citation (id, url, outlet, title, published date).
* CSV / Parquet: one row per event with ACLED-like columns (``CSV_COLUMNS``); ``notes`` is
  the evidence sentence, ``fatalities`` the number killed (``fatalities_text`` the words,
  kept when the count is vague), ``n_mentions`` the sentences telling the event. Dates
  are ISO ``YYYY-MM-DD`` (first day for month/year dates).
* GeoJSON: a FeatureCollection; events without coordinates get ``"geometry": null``.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO

from pydantic import BaseModel, ConfigDict

from khabar.store.database import date_start
from khabar.store.records import StoredEvent

EXPORT_FORMATS = ("table", "csv", "jsonl", "geojson", "parquet")


class FlatEvent(BaseModel):
    """One CSV/Parquet row (ACLED-like column names)."""

    model_config = ConfigDict(extra="forbid")

    event_id: str
    event_date: dt.date | None
    date_precision: str | None
    event_type: str
    sub_event_type: str | None
    quad_class: str | None
    factuality: str
    confidence: float
    actor1: str | None
    actor1_country: str | None
    actor1_sector: str | None
    actor2: str | None
    actor2_country: str | None
    actor2_sector: str | None
    country: str | None
    admin1: str | None
    location: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: str | None
    fatalities: int | None
    fatalities_text: str | None
    n_mentions: int
    source: str | None
    source_url: str | None
    article_id: str
    cluster_id: str | None
    n_sources: int | None
    n_articles: int | None
    ontology_version: str
    review_status: str
    reviewed_by: str | None
    notes: str


CSV_COLUMNS: tuple[str, ...] = tuple(FlatEvent.model_fields)
#: dtypes to pass to ``pandas.read_csv`` (with ``parse_dates=["event_date"]``).
CSV_DTYPES: dict[str, str] = {
    **{c: "string" for c in CSV_COLUMNS},
    "confidence": "float64",
    "latitude": "float64",
    "longitude": "float64",
    "n_sources": "Int64",
    "n_articles": "Int64",
    "fatalities": "Int64",
    "n_mentions": "Int64",
}
del CSV_DTYPES["event_date"]


def flatten(se: StoredEvent) -> FlatEvent:
    ev = se.event
    a1 = ev.actor[0] if ev.actor else None
    a2 = ev.recipient[0] if ev.recipient else None
    loc = ev.location
    return FlatEvent(
        event_id=se.id,
        event_date=date_start(ev.date.value) if ev.date else None,
        date_precision=ev.date.precision if ev.date else None,
        event_type=ev.type,
        sub_event_type=ev.mode,
        quad_class=ev.quad_class,
        factuality=ev.factuality,
        confidence=ev.confidence,
        actor1="; ".join(a.name for a in ev.actor) or None,
        actor1_country=a1.country if a1 else None,
        actor1_sector=a1.sector if a1 else None,
        actor2="; ".join(a.name for a in ev.recipient) or None,
        actor2_country=a2.country if a2 else None,
        actor2_sector=a2.sector if a2 else None,
        country=loc.country if loc else None,
        admin1=loc.admin1 if loc else None,
        location=(loc.name or loc.text) if loc else None,
        latitude=loc.lat if loc else None,
        longitude=loc.lon if loc else None,
        geo_precision=loc.precision if loc else None,
        fatalities=ev.fatalities.value if ev.fatalities else None,
        fatalities_text=ev.fatalities.text if ev.fatalities else None,
        n_mentions=1 + len(ev.mentions),
        source=se.article.outlet or se.article.url,
        source_url=se.article.url,
        article_id=se.article.id,
        cluster_id=se.cluster.id if se.cluster else None,
        n_sources=se.cluster.n_sources if se.cluster else None,
        n_articles=se.cluster.n_articles if se.cluster else None,
        ontology_version=ev.ontology_version,
        review_status=se.review.status if se.review else "unreviewed",
        reviewed_by=se.review.reviewed_by if se.review else None,
        notes=" ".join(ev.evidence.text.split()),
    )


def write_jsonl(events: Iterable[StoredEvent], out: TextIO) -> int:
    n = 0
    for se in events:
        out.write(se.model_dump_json(exclude_none=False) + "\n")
        n += 1
    return n


def write_csv(events: Iterable[StoredEvent], out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    n = 0
    for se in events:
        writer.writerow(flatten(se).model_dump(mode="json"))
        n += 1
    return n


def _feature(se: StoredEvent) -> dict[str, Any]:
    flat = flatten(se).model_dump(mode="json")
    geometry = None
    if flat["latitude"] is not None and flat["longitude"] is not None:
        geometry = {"type": "Point", "coordinates": [flat["longitude"], flat["latitude"]]}
    return {"type": "Feature", "id": se.id, "geometry": geometry, "properties": flat}


def write_geojson(events: Iterable[StoredEvent], out: TextIO) -> int:
    """A FeatureCollection, streamed feature by feature (memory stays flat)."""
    out.write('{"type": "FeatureCollection", "features": [\n')
    n = 0
    for se in events:
        if n:
            out.write(",\n")
        out.write(json.dumps(_feature(se), ensure_ascii=False))
        n += 1
    out.write("\n]}\n")
    return n


def _arrow_schema() -> Any:
    import pyarrow as pa

    types: dict[str, Any] = {
        "event_date": pa.date32(),
        "confidence": pa.float64(),
        "latitude": pa.float64(),
        "longitude": pa.float64(),
        "n_sources": pa.int32(),
        "n_articles": pa.int32(),
        "fatalities": pa.int32(),
        "n_mentions": pa.int32(),
    }
    return pa.schema([(c, types.get(c, pa.string())) for c in CSV_COLUMNS])


def write_parquet(events: Iterable[StoredEvent], path: Path, batch_size: int = 50_000) -> int:
    """Parquet with typed columns (date32, float64, int32, string), written in row groups."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = _arrow_schema()
    n = 0
    with pq.ParquetWriter(str(path), schema) as writer:
        batch: list[dict[str, Any]] = []
        for se in events:
            batch.append(flatten(se).model_dump())
            n += 1
            if len(batch) >= batch_size:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                batch = []
        if batch or n == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
    return n
