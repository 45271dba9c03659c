"""The data model: validation rules and the published JSON Schema."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from khabar.model import Event, Evidence, Span
from khabar.model.schema import json_schemas

DOCS_SCHEMA = Path(__file__).resolve().parents[2] / "docs" / "schema"


def test_span_end_before_start_is_rejected() -> None:
    with pytest.raises(ValidationError, match="before start"):
        Span(text="x", start=5, end=2)


def test_event_confidence_must_be_a_probability() -> None:
    ev = Evidence(text="A.", start=0, end=2, trigger=Span(text="A", start=0, end=1))
    with pytest.raises(ValidationError):
        Event(
            id="e", type="ASSAULT", factuality="asserted", evidence=ev, confidence=1.5,
            ontology_version="x",
        )  # fmt: skip


def test_event_rejects_unknown_factuality_and_fields() -> None:
    ev = Evidence(text="A.", start=0, end=2, trigger=Span(text="A", start=0, end=1))
    with pytest.raises(ValidationError):
        Event(id="e", type="ASSAULT", factuality="rumoured", evidence=ev, confidence=0.5,
              ontology_version="x")  # type: ignore[arg-type]  # fmt: skip
    with pytest.raises(ValidationError):
        Event(id="e", type="ASSAULT", factuality="asserted", evidence=ev, confidence=0.5,
              ontology_version="x", colour="red")  # type: ignore[call-arg]  # fmt: skip


@pytest.mark.parametrize("name", sorted(json_schemas()))
def test_published_schema_is_up_to_date(name: str) -> None:
    """docs/schema must be regenerated (`khabar schema`) whenever the models change."""
    published = json.loads((DOCS_SCHEMA / name).read_text(encoding="utf-8"))
    assert published == json_schemas()[name]
