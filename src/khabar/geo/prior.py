"""A candidate's prior, in log-population units: the kind and size of the place, how well its
name matched, and the kind of place the text calls it (weights: ``RankingWeights``)."""

from __future__ import annotations

import math

from khabar.geo.context import Candidate
from khabar.geo.countries import fold
from khabar.geo.entry import GazetteerEntry
from khabar.geo.scoring import RankingWeights

KIND_NAMES = {"admin1": "province or state", "admin2": "county or district"}

#: The kinds of place whose distance to the text's other places counts.
NEAR_KINDS = frozenset({"city", "admin2", "admin1"})


def candidate(
    e: GazetteerEntry, main: bool, q: str, kind_hint: str | None, w: RankingWeights
) -> Candidate:
    """A candidate with its prior: kind and size, name match, the kind the text gives it."""
    why: list[str] = []
    if (
        not main
        and e.kind == "city"
        and e.population >= w.city_suffix_min_population
        and fold(e.name) == fold(q) + " city"
        and fold(e.admin1_name or "") == fold(q)
    ):
        # "New York" is New York City's own name: a large "X City" in the division X
        # is the city that gives the division its name (see
        # prefer_city_over_its_division; a kind word in the text still decides).
        main = True
        why.append(f"{q} is {e.name} without 'City'")
    if e.kind == "city":
        prior = math.log10(e.population + 1)
        if e.feature == "capital" and main:
            prior += w.capital_bonus
            why.append("national capital")
        elif e.feature == "postal place":
            prior += w.postal_place_prior
            why.append("known from postal codes only")
    elif e.kind == "admin2":
        prior = w.kind_prior["admin2"] + w.admin2_population_weight * math.log10(e.population + 1)
    else:
        prior = w.kind_prior[e.kind]
    if main:
        prior += w.main_name_bonus
    else:
        why.append("alternate name")
    if e.name == q:
        prior += w.exact_case_bonus
    if kind_hint is not None:
        if kind_hint == e.kind or (kind_hint == "admin2" and e.kind == "admin1"):
            prior += w.kind_hint_bonus
            why.append(f"called a {KIND_NAMES.get(kind_hint, kind_hint)} in the text")
        else:
            prior -= w.kind_hint_penalty
    return Candidate(e, main, prior, why, prior, list(why))


def country_name_wins(cands: list[Candidate]) -> list[Candidate]:
    """A country's own name is the country: "Mexico" is no city that has it as an alternate
    name (as many capitals have), whatever the text's other places say for the city."""
    if any(c.main and c.entry.kind == "country" for c in cands):
        return [c for c in cands if c.main or c.entry.kind == "country"]
    return cands
