"""The resolver's weights as data (``geo/data/scoring.yaml``), typed and validated."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field


class RankingWeights(BaseModel):
    """How candidates are ranked (:mod:`khabar.geo.resolve`), in log-population units."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind_prior: dict[str, float]
    admin2_population_weight: float
    postal_place_prior: float
    main_name_bonus: float
    capital_bonus: float
    exact_case_bonus: float
    kind_hint_bonus: float
    kind_hint_penalty: float
    qualifier_bonus: float
    country_context_bonus: float
    country_share_bonus: float
    admin1_context_bonus: float
    near_bonus: tuple[tuple[float, float], ...]
    far_rank_penalty: float = 0.0
    dateline_country_bonus: float
    dateline_admin1_bonus: float
    list_kind_bonus: float
    #: A demonym of the text that is no mention ("Afghan officials") counts as a mention of
    #: its country this much (0: not at all).
    demonym_context_weight: float = 0.0
    home_country_bonus: float = 0.0
    home_admin1_bonus: float = 0.0
    max_candidates: int = Field(gt=0)
    city_suffix_min_population: int
    #: A city named inside a longer name ("Dubai World Cup") counts from this population.
    embedded_min_population: int = 15000


class CalibrationWeights(BaseModel):
    """How a pick's score is calibrated (:mod:`khabar.geo.calibrate`)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    min_raw_score: float
    support_midpoint: float
    support_spread: float = Field(gt=0)
    alternate_name_factor: float = Field(ge=0, le=1)
    partial_match_factor: float = Field(ge=0, le=1)
    embedded_name_factor: float = Field(default=0.6, ge=0, le=1)
    respelled_name_factor: float = Field(default=0.6, ge=0, le=1)
    small_place_population: int
    small_place_factor: float = Field(ge=0, le=1)
    far_km: float = Field(gt=0)
    far_factor: float = Field(ge=0, le=1)
    far_exempt_population: int
    area_cap: float = Field(ge=0, le=1)
    unresolved_below: float = Field(ge=0, le=1)


class HomeWeights(BaseModel):
    """How a source's home region is inferred from its stories (:mod:`khabar.geo.home`)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    min_stories: int = Field(default=3, gt=0)
    min_share: float = Field(default=0.3, ge=0, le=1)
    min_score: float = Field(default=0.8, ge=0, le=1)


class Scoring(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    ranking: RankingWeights
    calibration: CalibrationWeights
    home: HomeWeights = HomeWeights()


@lru_cache(maxsize=1)
def load_scoring() -> Scoring:
    """``geo/data/scoring.yaml``, validated."""
    path = Path(__file__).with_name("data") / "scoring.yaml"
    return Scoring.model_validate(yaml.safe_load(path.read_text("utf-8")))
