"""One exception hierarchy for every error khabar raises on purpose.

Each message says what was wrong, with which input, and what to do about it.
"""

from __future__ import annotations


class KhabarError(Exception):
    """Root of all khabar errors."""


class InputError(KhabarError):
    """An input article could not be read (empty, binary, malformed, too large)."""


class OntologyError(KhabarError):
    """An event type, mode or context is not in the PLOVER ontology."""


class ModelLoadError(KhabarError):
    """A language model or data package is missing or broken."""


class GazetteerError(KhabarError):
    """The gazetteer index is missing, stale or corrupt."""


class EvaluationError(KhabarError):
    """A gold corpus could not be read or scored."""


class StoreError(KhabarError):
    """The event database could not be opened, migrated or written."""


class WatchError(KhabarError):
    """A feeds file is invalid, or a feed or page could not be fetched or parsed."""
