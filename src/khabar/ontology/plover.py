"""Load and query the PLOVER ontology shipped in ``ontology/data/plover.yaml``."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml
from pydantic import BaseModel, ConfigDict

from khabar.errors import OntologyError

#: PLOVER 0.5 labels (used by the PLOVER GSR) mapped to today's 16 types.
LEGACY_TYPE_MAP: dict[str, tuple[str, str | None]] = {
    "DEMAND": ("REQUEST", None),
    "DISAPPROVE": ("ACCUSE", "disapprove"),
    "INVESTIGATE": ("ACCUSE", "investigate"),
    "FIGHT": ("ASSAULT", None),
}


class EventType(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    quad: str
    definition: str
    modes: tuple[str, ...]


class Ontology(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    version: str
    quad_classes: dict[str, str]
    types: dict[str, EventType]
    contexts: tuple[str, ...]
    sectors: dict[str, str]

    @property
    def type_names(self) -> list[str]:
        return list(self.types)

    def event_type(self, name: str) -> EventType:
        try:
            return self.types[name.upper()]
        except KeyError:
            raise OntologyError(
                f"unknown PLOVER event type {name!r}; known types: {', '.join(self.types)}"
            ) from None

    def check_mode(self, type_name: str, mode: str | None) -> str | None:
        """Return ``mode`` if the type allows it, else raise."""
        if mode is None:
            return None
        if mode not in self.event_type(type_name).modes:
            raise OntologyError(f"mode {mode!r} is not a mode of {type_name}")
        return mode

    def check_context(self, context: str) -> str:
        if context not in self.contexts:
            raise OntologyError(f"unknown PLOVER context {context!r}")
        return context

    def normalise_legacy(self, label: str) -> tuple[str, str | None] | None:
        """Map a PLOVER 0.5 label to (type, mode); ``None`` for metadata labels (DOCUMENT)."""
        label = label.upper()
        if label in LEGACY_TYPE_MAP:
            return LEGACY_TYPE_MAP[label]
        if label in self.types:
            return label, None
        return None


@lru_cache(maxsize=1)
def load_ontology() -> Ontology:
    """The packaged PLOVER ontology (parsed once per process)."""
    raw = yaml.safe_load(
        resources.files("khabar.ontology").joinpath("data/plover.yaml").read_text(encoding="utf-8")
    )
    types = {
        name: EventType(
            name=name,
            quad=spec["quad"],
            definition=spec["definition"],
            modes=tuple(spec.get("modes") or ()),
        )
        for name, spec in raw["types"].items()
    }
    return Ontology(
        name=raw["name"],
        version=str(raw["version"]),
        quad_classes=raw["quad_classes"],
        types=types,
        contexts=tuple(raw["contexts"]),
        sectors=raw["sectors"],
    )
