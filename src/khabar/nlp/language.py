"""Language identification with py3langid (model bundled with the package)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any


@dataclass(frozen=True)
class LanguageGuess:
    code: str
    confidence: float


def detect_language(text: str) -> LanguageGuess:
    """ISO 639-1 code of ``text`` (first 5,000 characters), with a normalised confidence."""
    sample = text[:5000]
    if not sample.strip():
        return LanguageGuess("und", 0.0)
    code, prob = _identifier().classify(sample)
    return LanguageGuess(str(code), float(prob))


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
