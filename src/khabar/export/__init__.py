"""Export stored events: PLOVER-style JSONL, ACLED-like CSV, GeoJSON and Parquet."""

from khabar.export.formats import (
    CSV_COLUMNS,
    EXPORT_FORMATS,
    FlatEvent,
    flatten,
    write_csv,
    write_geojson,
    write_jsonl,
    write_parquet,
)

__all__ = [
    "CSV_COLUMNS",
    "EXPORT_FORMATS",
    "FlatEvent",
    "flatten",
    "write_csv",
    "write_geojson",
    "write_jsonl",
    "write_parquet",
]
