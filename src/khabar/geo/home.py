"""A source's home region: where a newspaper's or feed's stories usually are.

A local paper names its towns bare ("Mansfield", "Athens") because its readers know which one
is meant; the text alone often has no state to go by. The source's other stories do: the
first-level division (and country) that most of them place their towns in. ``home_region``
infers it from khabar's own resolved places of those other stories (no gold, no list of
papers), and ``Geocoder.resolve(..., home=...)`` leans a candidate in that division or country
by the share of stories that name it (rule ids ``home-admin1``, ``home-country``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TypeVar

from pydantic import BaseModel, ConfigDict, Field

from khabar.geo.entry import GazetteerEntry
from khabar.geo.scoring import HomeWeights, RankingWeights
from khabar.model.core import Place

K = TypeVar("K")


class HomeRegion(BaseModel):
    """The division and country most of a source's stories place their towns in."""

    model_config = ConfigDict(frozen=True)

    country: str = Field(description="ISO alpha-3 code")
    country_share: float = Field(ge=0, le=1, description="share of the stories that name it")
    admin1: str | None = Field(default=None, description="first-level division, by name")
    admin1_share: float = Field(default=0.0, ge=0, le=1)
    stories: int = Field(description="stories it was inferred from")


def _regions(places: Sequence[Place], min_score: float) -> tuple[set[str], set[tuple[str, str]]]:
    """The countries and (country, division) pairs of a story's confident local places."""
    countries: set[str] = set()
    divisions: set[tuple[str, str]] = set()
    for p in places:
        if p.country is None or p.precision not in ("city", "admin2") or p.kind == "demonym":
            continue
        if p.score is None or p.score < min_score:
            continue
        countries.add(p.country)
        if p.admin1:
            divisions.add((p.country, p.admin1))
    return countries, divisions


def _unique_top(counts: Counter[K]) -> K | None:
    """The most frequent key, or None when none is, or two tie (no home is then clear)."""
    best = counts.most_common(2)
    if not best or (len(best) == 2 and best[0][1] == best[1][1]):
        return None
    return best[0][0]


def home_region(stories: Iterable[Sequence[Place]], weights: HomeWeights) -> HomeRegion | None:
    """The home region of a source from the resolved places of its stories (one sequence per
    story), or None when there are fewer than ``weights.min_stories`` stories or no country
    is named by at least ``weights.min_share`` of them (nor a division, for ``admin1``). Two
    countries (or divisions) named by as many stories leave it open: no home (division)."""
    n = 0
    by_country: Counter[str] = Counter()
    by_division: Counter[tuple[str, str]] = Counter()
    for places in stories:
        n += 1
        countries, divisions = _regions(places, weights.min_score)
        by_country.update(countries)
        by_division.update(divisions)
    if n < weights.min_stories or not by_country:
        return None
    top = _unique_top(by_country)
    if top is None or by_country[top] / n < weights.min_share:
        return None
    country, count = top, by_country[top]
    admin1: str | None = None
    admin1_share = 0.0
    division = _unique_top(Counter({d: k for d, k in by_division.items() if d[0] == country}))
    if division is not None and by_division[division] / n >= weights.min_share:
        admin1, admin1_share = division[1], by_division[division] / n
    return HomeRegion(
        country=country,
        country_share=count / n,
        admin1=admin1,
        admin1_share=admin1_share,
        stories=n,
    )


def home_bonus(
    e: GazetteerEntry, home: HomeRegion, w: RankingWeights, why: list[str], support: set[str]
) -> float:
    """What the source's home region adds to candidate ``e`` (not to a country: "Georgia" in
    a Georgia paper is the state, which the division rule gives); appends to ``why`` and
    ``support``."""
    if e.kind == "country" or e.country != home.country:
        return 0.0
    bonus = w.home_country_bonus * home.country_share
    support.add("home-country")
    if home.admin1 is not None and e.admin1_name == home.admin1:
        why.append(f"the source's home region ({home.admin1})")
        support.add("home-admin1")
        return bonus + w.home_admin1_bonus * home.admin1_share
    why.append(f"the source's home country ({home.country})")
    return bonus
