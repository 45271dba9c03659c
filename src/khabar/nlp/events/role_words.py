"""The word lists of the role rules (``nlp/data/story_roles.yaml``), typed."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml
from pydantic import BaseModel, ConfigDict

from khabar.errors import KhabarError


class StoryRoleWords(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    version: int
    patient_of_nouns: frozenset[str]
    violent_types: frozenset[str]
    cause_nouns: frozenset[str]
    cause_preps: frozenset[str]
    attribution_verbs: frozenset[str]
    attribution_preps: frozenset[str]
    occurrence_verbs: frozenset[str]
    party_preps: frozenset[str]
    participation_verbs: frozenset[str]
    target_preps: frozenset[str]
    aimed_preps: frozenset[str]
    target_stop: frozenset[str]
    exchange_verbs: frozenset[str]
    mutual_words: frozenset[str]
    restated_types: frozenset[str]
    violent_family: frozenset[str]
    claim_nouns: frozenset[str]
    claim_verbs: frozenset[str]
    protester_nouns: frozenset[str]
    protest_nouns: frozenset[str]
    denial_types: frozenset[str]
    accusation_types: frozenset[str]
    allegation_nouns: frozenset[str]
    party_kinds: frozenset[str]
    protest_types: frozenset[str]
    government_sectors: frozenset[str]
    authored_types: frozenset[str]
    authored_preps: frozenset[str]
    author_preps: frozenset[str]
    threat_types: frozenset[str]
    threat_preps: frozenset[str]
    request_nouns: frozenset[str]
    request_preps: frozenset[str]
    reaction_types: frozenset[str]
    counterpart_sentences: int
    speaker_verbs: frozenset[str]
    speaker_sentences: int
    victim_nouns: frozenset[str]
    crowd_nouns: frozenset[str]
    owned_target_verbs: frozenset[str]


@lru_cache(maxsize=1)
def story_role_words() -> StoryRoleWords:
    try:
        path = resources.files("khabar.nlp").joinpath("data/story_roles.yaml")
        return StoryRoleWords.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except (OSError, yaml.YAMLError) as exc:
        raise KhabarError(f"cannot read the packaged word list story_roles.yaml: {exc}") from exc
