"""Streamed exports of the matching events in the formats of ``khabar events``.

The rows come from ``khabar.export.formats`` (``flatten`` and its column list, the JSONL
record); this module only cuts them into chunks so a large export never sits in memory.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

from khabar.export.formats import CSV_COLUMNS, flatten
from khabar.store import EventQuery, Store
from khabar.store.query import query_events

#: Export format → media type.
EXPORTS: dict[str, str] = {
    "csv": "text/csv",
    "jsonl": "application/x-ndjson",
    "geojson": "application/geo+json",
    "parquet": "application/vnd.apache.parquet",
}
CHUNK_EVENTS = 500


def stream_export(store: Store, q: EventQuery, fmt: str) -> Iterator[str]:
    """Text chunks of the export of ``q`` in ``fmt`` (csv, jsonl or geojson)."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, lineterminator="\n")
    if fmt == "csv":
        writer.writeheader()
    elif fmt == "geojson":
        buf.write('{"type": "FeatureCollection", "features": [\n')
    for n, se in enumerate(query_events(store, q), start=1):
        if fmt == "jsonl":
            buf.write(se.model_dump_json() + "\n")
        else:
            flat = flatten(se).model_dump(mode="json")
            if fmt == "csv":
                writer.writerow(flat)
            else:
                geometry = None
                if flat["latitude"] is not None and flat["longitude"] is not None:
                    geometry = {
                        "type": "Point",
                        "coordinates": [flat["longitude"], flat["latitude"]],
                    }
                feature = {"type": "Feature", "id": se.id, "geometry": geometry, "properties": flat}
                buf.write((",\n" if n > 1 else "") + json.dumps(feature, ensure_ascii=False))
        if n % CHUNK_EVENTS == 0:
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
    if fmt == "geojson":
        buf.write("\n]}\n")
    yield buf.getvalue()


def parquet_bytes(store: Store, q: EventQuery) -> bytes:
    """The export of ``q`` as a Parquet file (built in a temporary file, then returned)."""
    import tempfile
    from pathlib import Path

    from khabar.export.formats import write_parquet

    with tempfile.TemporaryDirectory(prefix="khabar-export-") as tmp:
        path = Path(tmp) / "events.parquet"
        write_parquet(query_events(store, q), path)
        return path.read_bytes()
