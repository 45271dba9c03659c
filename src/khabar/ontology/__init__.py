"""The PLOVER ontology as versioned data (types, modes, contexts, quad classes, sectors)."""

from khabar.ontology.plover import EventType, Ontology, load_ontology

__all__ = ["EventType", "Ontology", "load_ontology"]
