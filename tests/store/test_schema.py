"""The published schema of `khabar events --format jsonl` lines is up to date and valid."""

from __future__ import annotations

import json
from pathlib import Path

from khabar.store.records import StoredEvent

DOC = Path(__file__).resolve().parents[2] / "docs" / "schema" / "stored-event.schema.json"


def test_stored_event_schema_is_published() -> None:
    assert json.loads(DOC.read_text(encoding="utf-8")) == StoredEvent.model_json_schema()
