"""The word lists and sectors of the story-level event passes (``nlp/data/story_events.yaml``,
loaded once)."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml
from pydantic import BaseModel, ConfigDict

from khabar.errors import KhabarError


class StoryEventWords(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    version: int
    armed_sectors: frozenset[str]
    state_sectors: frozenset[str]
    harm_types: frozenset[str]
    violent_types: frozenset[str]
    loose_mode_types: frozenset[str]
    symmetric_types: frozenset[str]
    company_verbs: frozenset[str]
    reciprocal_triggers: frozenset[str]
    referring_determiners: frozenset[str]
    mutual_triggers: frozenset[str]
    exchange_nouns: frozenset[str]
    exchange_types: frozenset[str]
    caption_cues: tuple[str, ...]
    setting_preps: frozenset[str]
    chrome_cues: tuple[str, ...]
    sequence_adverbs: frozenset[str]


@lru_cache(maxsize=1)
def story_event_words() -> StoryEventWords:
    try:
        path = resources.files("khabar.nlp").joinpath("data/story_events.yaml")
        return StoryEventWords.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except (OSError, yaml.YAMLError) as exc:
        raise KhabarError(f"cannot read the packaged word list story_events.yaml: {exc}") from exc
