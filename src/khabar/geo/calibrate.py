"""From a ranked mention to a ``Place``: a calibrated score, or unresolved with the reason.

The ranking (:mod:`khabar.geo.resolve`) says which candidate is best; this module says how far
that pick can be trusted. The score is the product of

* the **margin**: the softmax share of the candidates within 161 km of the pick (1.0 when it
  has no rival far from it), as the score claims "within 161 km";
* the **support**: a logistic function of the pick's raw score, so that a lone candidate that
  is a hamlet with no context is not "certain" because nothing competes with it;
* **penalties**, each with the id of the rule that applied: an alternate-name or partial match;
  a small place with no local support (no qualifier, division, nearby place or dateline) —
  most often a common word or phrase ("Congress", "Line of Control") that also names a hamlet;
  a place (other than a city of a million) far from every other place of the text and in
  none of its countries;
* a **cap** for regions and continents: their point is a nominal centre of a large area.

A pick whose score falls below ``unresolved_below`` is left unresolved, and ``how`` says why.
The weights (``geo/data/scoring.yaml``, ``calibration``) were set from these principles and
checked on GeoVirus (the tuning corpus); docs/evaluation.md reports accuracy by score bucket.
"""

from __future__ import annotations

import math

from khabar.geo.context import Candidate, Mention
from khabar.geo.countries import fold
from khabar.geo.distance import haversine_km
from khabar.geo.scoring import CalibrationWeights
from khabar.model.core import Place, PlacePrecision

#: Context rules that place a candidate locally (see ``Candidate.support``).
LOCAL_SUPPORT = frozenset(
    {
        "qualifier",
        "admin1-context",
        "near",
        "dateline-place",
        "one-sense",
        "list-kind",
        "home-admin1",
    }
)

#: Context rules that let a short form ("BC", "SA") name a division or country: the text (or
#: its source) is about that country or division.
AREA_SUPPORT = frozenset(
    {"qualifier", "country-context", "admin1-context", "home-country", "home-admin1"}
)

PRECISION: dict[str, PlacePrecision | None] = {
    "continent": None,
    "region": None,
    "country": "country",
    "admin1": "admin1",
    "admin2": "admin2",
    "city": "city",
}


def penalties(m: Mention, c: Candidate, w: CalibrationWeights) -> list[tuple[str, float, str]]:
    """(rule id, factor, reason) for each penalty that applies to the pick ``c``."""
    e = c.entry
    out: list[tuple[str, float, str]] = []
    if not c.main:
        out.append(("alternate-name", w.alternate_name_factor, "matched an alternate name"))
    if m.partial and "qualifier" not in c.support:  # "Washington, D.C." is whole
        out.append(("partial-match", w.partial_match_factor, "matched part of the name only"))
    if m.embedded:
        out.append(("embedded-name", w.embedded_name_factor, "a place named inside the name"))
    if m.respelled:
        out.append(("respelled-name", w.respelled_name_factor, "matched another spelling"))
    local = bool(c.support & LOCAL_SUPPORT) or m.kind_hint == e.kind
    if e.kind == "city" and e.population < w.small_place_population and not local and not m.demonym:
        out.append(
            ("small-place", w.small_place_factor, "a small place the text does not place locally")
        )
    ctx = m.context
    if (
        ctx is not None
        and ctx.points
        and e.kind in ("city", "admin2", "admin1")
        and e.population < w.far_exempt_population
        and (e.country is None or e.country not in ctx.countries)
        and not local
    ):
        d = min(haversine_km(e.lat, e.lon, lat, lon) for lat, lon in ctx.points)
        if d > w.far_km:
            out.append(("far", w.far_factor, f"{d:.0f} km from every other place in the text"))
    return out


#: Candidates this close to the pick are not rival answers: either is "right within 161 km".
AGREEING_KM = 161.0
_AGREEING_DEG = 1.5  # degrees of latitude: farther apart is farther than AGREEING_KM


def agreeing_share(m: Mention, c: Candidate) -> float:
    """The softmax share of the candidates within ``AGREEING_KM`` of the pick (the pick
    included): how likely the place meant lies near the point given, which is what the score
    claims. "Kabul" the city and the province of Kabul do not compete; two Richmonds do."""
    top = max(x.score for x in m.cands)
    lat, lon = c.entry.lat, c.entry.lon
    total = near = 0.0
    exp = math.exp
    for x in m.cands:
        weight = exp(x.score - top)  # top is the highest score: no exponent is above 0
        total += weight
        if x is c or (
            abs(x.entry.lat - lat) < _AGREEING_DEG
            and haversine_km(lat, lon, x.entry.lat, x.entry.lon) <= AGREEING_KM
        ):
            near += weight
    return near / total if total else 0.0


def support(raw: float, w: CalibrationWeights) -> float:
    """How much a raw score alone says: 0.5 at ``w.support_midpoint``, near 1 well above."""
    return 1.0 / (1.0 + math.exp(-(raw - w.support_midpoint) / w.support_spread))


#: The fields of a ``Place`` that resolution fills; it keeps the others (text, offsets, rule).
_GEOCODED = frozenset(
    {"name", "kind", "country", "admin1", "lat", "lon", "geonameid", "precision", "score", "how"}
)
_KEPT_FIELDS = tuple(f for f in Place.model_fields if f not in _GEOCODED)


def to_place(m: Mention, w: CalibrationWeights) -> Place:
    """The mention's ``Place``: geocoded with a calibrated score, or unresolved with why."""
    place = m.place
    base = {f: getattr(place, f) for f in _KEPT_FIELDS}  # its model_dump: all are scalars
    if m.pick is None:
        why = m.refused or f"no gazetteer entry named {m.place.text!r}"
        return Place(**base, how=f"unresolved: {why}")
    c = m.pick
    e = c.entry
    placed = e.kind in ("country", "admin1") and bool(c.support & AREA_SUPPORT)
    if len(fold(m.query)) <= 3 and not c.main and not m.demonym and not placed:
        return Place(
            **base,
            how=f"unresolved: {m.place.text!r} is a short form that only a minor place "
            f"({e.name}, {e.country}) has as an alternate name",
        )
    if c.score < w.min_raw_score and not m.demonym:
        return Place(
            **base,
            how=f"unresolved: only weak candidates for {m.place.text!r} "
            f"(best {e.name}, {e.country}, score {c.score:.1f})",
        )
    found = penalties(m, c, w)
    # A pick lent by a qualified mention of the same name keeps that mention's confidence.
    share = m.confidence if "one-sense" in c.support else agreeing_share(m, c)
    score = share * (1.0 if m.demonym else support(c.score, w))
    for _rule, factor, _reason in found:
        score *= factor
    if e.kind in ("region", "continent"):
        score = min(score, w.area_cap)
    score = round(max(0.0, min(1.0, score)), 3)
    reasons = [reason for _rule, _f, reason in found]
    if score < w.unresolved_below:
        return Place(
            **base,
            how=f"unresolved: best candidate {e.name} ({e.kind}, {e.country}) scored "
            f"{score:.2f}, below {w.unresolved_below}: " + "; ".join(reasons or ["weak evidence"]),
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


def qualifiers_as_city(
    places: list[Place], head: tuple[int, int], qualifier: tuple[int, int], dateline: str
) -> list[Place]:
    """ "GOMA, Congo (Reuters) -": the dateline names one place, the city; the country after the
    comma (at offsets ``qualifier``) only says where the city is. A mention of that qualifier
    takes the city that the dateline's own mention (at ``head``) resolved to, so the report's
    place is never the country's centre."""
    city = next((p for p in places if (p.start, p.end) == head and p.kind == "city"), None)
    if city is None:
        return places
    fields = city.model_dump(exclude={"text", "start", "end", "how"})
    how = f"qualifies the dateline's city {dateline!r}: the report's place is the city; "
    return [
        p.model_copy(update={**fields, "how": how + (city.how or "")})
        if qualifier[0] <= p.start and p.end <= qualifier[1]
        else p
        for p in places
    ]
