"""Scoring numbers (confidence, salience, pronoun antecedents) from ``data/scoring.yaml``."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from khabar.errors import KhabarError


class _Table(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Salience(_Table):
    """How central a trigger is to its sentence, by its place in the parse."""

    root: float
    root_conjunct: float
    reported: float
    root_argument: float
    open_complement: float
    subordinate: float
    other: float


class PronounWeights(_Table):
    """Antecedent scores for a pronoun."""

    max_sentences: int
    base: float
    subject: float
    same_sentence: float
    new_paragraph: float
    plural_match: float
    nested: float
    person: float


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
    salience: Salience
    pronoun: PronounWeights


@lru_cache(maxsize=1)
def load_scoring() -> Scoring:
    """The packaged scoring table (read once; it is package data, not configuration)."""
    text = resources.files("khabar.nlp").joinpath("data/scoring.yaml").read_text(encoding="utf-8")
    try:
        return Scoring.model_validate(yaml.safe_load(text))
    except (ValidationError, yaml.YAMLError) as exc:
        raise KhabarError(f"packaged nlp/data/scoring.yaml is malformed: {exc}") from None
