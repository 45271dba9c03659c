"""khabar's domain objects: typed, validated, with a published JSON Schema.

These field names are a public contract (analysts' scripts and evaluation tools
read them); change them only with a schema version bump.
"""

from khabar.model.core import (
    SCHEMA_VERSION,
    ActorRef,
    Article,
    Attribution,
    DateHow,
    DatePrecision,
    DateValue,
    Entity,
    EntityLabel,
    Event,
    Evidence,
    ExtractionResult,
    Factuality,
    Fatalities,
    Place,
    PlacePrecision,
    Span,
    Warning,
)

__all__ = [
    "SCHEMA_VERSION",
    "ActorRef",
    "Article",
    "Attribution",
    "DateHow",
    "DatePrecision",
    "DateValue",
    "Entity",
    "EntityLabel",
    "Event",
    "Evidence",
    "ExtractionResult",
    "Factuality",
    "Fatalities",
    "Place",
    "PlacePrecision",
    "Span",
    "Warning",
]
