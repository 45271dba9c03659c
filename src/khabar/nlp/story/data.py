"""Load the story word lists (``nlp/data/story_frame.yaml``, ``fatalities.yaml``,
``political.yaml``) once, as typed, immutable objects."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict

from khabar.errors import KhabarError


class _Data(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class FrameWords(_Data):
    version: int
    lead_min_words: int
    relative_days: dict[str, int]
    tie_phrases: tuple[str, ...]
    tie_lemmas: frozenset[str]
    tie_marks: frozenset[str]
    description_nouns: frozenset[str]
    background_days: int
    background_phrases: tuple[str, ...]
    background_modifiers: frozenset[str]
    frame_preps: dict[str, str]
    schedule_verbs: frozenset[str]
    object_place_preps: dict[str, frozenset[str]]
    person_nouns: frozenset[str]
    intent_nouns: frozenset[str]
    sequence_verbs: frozenset[str]
    seat_nouns: frozenset[str]
    country_nouns: frozenset[str]


class FatalityWords(_Data):
    version: int
    death_words: frozenset[str]
    other_harm_words: frozenset[str]
    numbers: dict[str, int]
    multipliers: dict[str, int]
    vague: frozenset[str]
    bounds: tuple[str, ...]
    range_words: frozenset[str]
    units: frozenset[str]
    max_gap_tokens: int
    subset_words: frozenset[str]


class PoliticalWords(_Data):
    version: int
    kinds: dict[str, tuple[str, ...]]
    armed: tuple[str, ...]
    state: tuple[str, ...]
    story_min_cues: int
    story_ratio: float


def _read(name: str) -> Any:
    try:
        text = resources.files("khabar.nlp").joinpath(f"data/{name}").read_text(encoding="utf-8")
        return yaml.safe_load(text)
    except (OSError, yaml.YAMLError) as exc:
        raise KhabarError(f"cannot read the packaged word list {name}: {exc}") from exc


@lru_cache(maxsize=1)
def frame_words() -> FrameWords:
    return FrameWords.model_validate(_read("story_frame.yaml"))


@lru_cache(maxsize=1)
def fatality_words() -> FatalityWords:
    return FatalityWords.model_validate(_read("fatalities.yaml"))


@lru_cache(maxsize=1)
def political_words() -> PoliticalWords:
    return PoliticalWords.model_validate(_read("political.yaml"))
