"""Export the JSON Schema of khabar's public models (``docs/schema/``)."""

from __future__ import annotations

import json
from pathlib import Path

from khabar.model.core import Event, ExtractionResult


def json_schemas() -> dict[str, dict[str, object]]:
    """The published schemas, by file name."""
    return {
        "extraction-result.schema.json": ExtractionResult.model_json_schema(),
        "event.schema.json": Event.model_json_schema(),
    }


def write_schemas(folder: Path) -> list[Path]:
    """Write every schema into ``folder``; returns the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in json_schemas().items():
        path = folder / name
        path.write_text(json.dumps(schema, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        written.append(path)
    return written
