"""From a ranked mention to a ``Place``: a calibrated score, or unresolved with the reason.

The ranking (:mod:`khabar.geo.resolve`) says which candidate is best; this module says how far
that pick can be trusted. The score is the product of

* the **margin**: the pick's share of the candidates' softmax (1.0 when it has no rival);
* the **support**: a logistic function of the pick's raw score, so that a lone candidate that
  is a hamlet with no context is not "certain" because nothing competes with it;
* **penalties**, each with the id of the rule that applied: an alternate-name or partial match;
  a small place with no local support (no qualifier, division, nearby place or dateline) —
  most often a common word or phrase ("Congress", "Line of Control") that also names a hamlet;
  a place far from every other place of the text and in none of its countries;
* a **cap** for regions and continents: their point is a nominal centre of a large area.

A pick whose score falls below ``UNRESOLVED_BELOW`` is left unresolved, and ``how`` says why.
The constants were set from these principles and checked on GeoVirus (the tuning corpus);
docs/evaluation.md reports accuracy by score bucket on all three corpora.
"""

from __future__ import annotations

import math

from khabar.geo.context import Candidate, Mention
from khabar.geo.countries import fold
from khabar.geo.distance import haversine_km
from khabar.model.core import Place, PlacePrecision

#: A best candidate weaker than this (an alternate-name match of a tiny place, no context)
#: is not trusted: the mention stays unresolved.
MIN_RAW_SCORE = 1.5
#: The raw score (log-population units) at which the support is one half, and its spread.
SUPPORT_MIDPOINT = 3.0
SUPPORT_SPREAD = 1.0
ALTERNATE_NAME_FACTOR = 0.85
PARTIAL_MATCH_FACTOR = 0.6
#: A town below this population (or a postal place) needs local support to be trusted.
SMALL_PLACE_POPULATION = 5_000
SMALL_PLACE_FACTOR = 0.6
#: Farther than this from every other located place of the text, in none of its countries.
FAR_KM = 1_500.0
FAR_FACTOR = 0.5
AREA_CAP = 0.7
UNRESOLVED_BELOW = 0.2

#: Context rules that place a candidate locally (see ``Candidate.support``).
LOCAL_SUPPORT = frozenset(
    {"qualifier", "admin1-context", "near", "dateline-place", "one-sense", "list-kind"}
)

PRECISION: dict[str, PlacePrecision | None] = {
    "continent": None,
    "region": None,
    "country": "country",
    "admin1": "admin1",
    "admin2": "admin2",
    "city": "city",
}


def penalties(m: Mention, c: Candidate) -> list[tuple[str, float, str]]:
    """(rule id, factor, reason) for each penalty that applies to the pick ``c``."""
    e = c.entry
    out: list[tuple[str, float, str]] = []
    if not c.main:
        out.append(("alternate-name", ALTERNATE_NAME_FACTOR, "matched an alternate name"))
    if m.partial:
        out.append(("partial-match", PARTIAL_MATCH_FACTOR, "matched part of the name only"))
    local = bool(c.support & LOCAL_SUPPORT) or m.kind_hint == e.kind
    if e.kind == "city" and e.population < SMALL_PLACE_POPULATION and not local and not m.demonym:
        out.append(
            ("small-place", SMALL_PLACE_FACTOR, "a small place the text does not place locally")
        )
    ctx = m.context
    if (
        ctx is not None
        and ctx.points
        and e.kind in ("city", "admin2", "admin1")
        and (e.country is None or e.country not in ctx.countries)
        and not local
    ):
        d = min(haversine_km(e.lat, e.lon, lat, lon) for lat, lon in ctx.points)
        if d > FAR_KM:
            out.append(("far", FAR_FACTOR, f"{d:.0f} km from every other place in the text"))
    return out


def support(raw: float) -> float:
    """How much a raw score alone says: 0.5 at ``SUPPORT_MIDPOINT``, near 1 well above it."""
    return 1.0 / (1.0 + math.exp(-(raw - SUPPORT_MIDPOINT) / SUPPORT_SPREAD))


def to_place(m: Mention) -> Place:
    """The mention's ``Place``: geocoded with a calibrated score, or unresolved with why."""
    base = m.place.model_dump(
        exclude={
            "name", "kind", "country", "admin1", "lat", "lon",
            "geonameid", "precision", "score", "how",
        }
    )  # fmt: skip
    if m.pick is None:
        return Place(**base, how=f"unresolved: no gazetteer entry named {m.place.text!r}")
    c = m.pick
    e = c.entry
    if len(fold(m.query)) <= 3 and not c.main and not m.demonym:
        return Place(
            **base,
            how=f"unresolved: {m.place.text!r} is a short form that only a minor place "
            f"({e.name}, {e.country}) has as an alternate name",
        )
    if c.score < MIN_RAW_SCORE and not m.demonym:
        return Place(
            **base,
            how=f"unresolved: only weak candidates for {m.place.text!r} "
            f"(best {e.name}, {e.country}, score {c.score:.1f})",
        )
    found = penalties(m, c)
    score = m.confidence * (1.0 if m.demonym else support(c.score))
    for _rule, factor, _reason in found:
        score *= factor
    if e.kind in ("region", "continent"):
        score = min(score, AREA_CAP)
    score = round(max(0.0, min(1.0, score)), 3)
    reasons = [reason for _rule, _f, reason in found]
    if score < UNRESOLVED_BELOW:
        return Place(
            **base,
            how=f"unresolved: best candidate {e.name} ({e.kind}, {e.country}) scored "
            f"{score:.2f}, below {UNRESOLVED_BELOW}: " + "; ".join(reasons or ["weak evidence"]),
        )
    how_parts = ["demonym of " + e.name] if m.demonym else []
    how_parts += m.notes + c.why
    if len(m.cands) == 1:
        how_parts.append("only candidate")
    else:
        how_parts.append(f"best of {len(m.cands)} candidates")
    if not m.demonym and c.main and not c.why and len(m.cands) > 1:
        how_parts.insert(0, "largest/most prominent place of that name")
    how_parts += [f"score lowered: {r}" for r in reasons]
    return Place(
        **base,
        name=e.name,
        kind=e.kind,
        country=e.country,
        admin1=e.admin1_name if e.kind != "country" else None,
        lat=round(e.lat, 5),
        lon=round(e.lon, 5),
        geonameid=e.geonameid,
        precision=PRECISION.get(e.kind),
        score=score,
        how="; ".join(how_parts),
    )


def dateline_city(qualifier: Place, city: Place, dateline: str) -> Place:
    """The mention of a dateline's qualifier ("Congo" in "GOMA, Congo -") as the dateline's
    city: the dateline names one place."""
    fields = city.model_dump(exclude={"text", "start", "end", "how"})
    return qualifier.model_copy(
        update={
            **fields,
            "how": f"qualifies the dateline's city {dateline!r}: the report's place is the "
            f"city; {city.how}",
        }
    )
