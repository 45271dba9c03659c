"""The event-confidence numbers, read from ``nlp/data/scoring.yaml`` and validated."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from khabar.errors import KhabarError


class Scoring(BaseModel):
    """Confidence bases by event rule id, and the bonuses and penalties applied to them."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    base_confidence: dict[str, float]
    default_base: float
    actor_bonus: float
    recipient_bonus: float
    factuality_penalty: dict[str, float]
    claim_penalty: float
    classifier_weight: float
    classifier_disagreement: float
    floor: float
    ceiling: float


@lru_cache(maxsize=1)
def load_scoring() -> Scoring:
    """The packaged scoring table (read once; it is package data, not configuration)."""
    text = resources.files("khabar.nlp").joinpath("data/scoring.yaml").read_text(encoding="utf-8")
    try:
        return Scoring.model_validate(yaml.safe_load(text))
    except (ValidationError, yaml.YAMLError) as exc:
        raise KhabarError(f"packaged nlp/data/scoring.yaml is malformed: {exc}") from None
