"""Ranking a mention's candidates in the document's context (the second and third passes of
:class:`~khabar.geo.resolve.Geocoder`), in log-population units: the qualifier named after it
("Paris, Texas"), the countries and divisions of the other mentions, a list of places of one
kind, the distance to the other mentions' places, the dateline and the source's home region.

A pass ranks every candidate of every mention and few become picks, so each candidate keeps a
:class:`~khabar.geo.context.Trace` of the rules that applied and its reasons are written out
only when asked for.
"""

from __future__ import annotations

from khabar.geo.context import (
    ADMIN1,
    COUNTRY,
    DATELINE,
    DATELINE_PLACE,
    FAR,
    LISTED,
    NEAR,
    QUALIFIED,
    Evidence,
    Mention,
    Trace,
    inside,
)
from khabar.geo.entry import GazetteerEntry
from khabar.geo.home import HomeRegion, home_bonus
from khabar.geo.prior import NEAR_KINDS
from khabar.geo.scoring import RankingWeights

_DIVISION_KINDS = ("country", "admin1", "admin2")


def score_mention(
    m: Mention,
    others: Evidence,
    w: RankingWeights,
    far_km: float,
    anchor: GazetteerEntry | None,
    home: HomeRegion | None = None,
) -> None:
    """Score each candidate of ``m`` given ``others`` (what the other mentions resolved to),
    the dateline's place ``anchor`` and the source's ``home`` region."""
    countries, admin1s, points = others.countries, others.admin1, others.points
    m.context = others
    qualifier, siblings = m.qualifier, m.siblings
    far_penalty = w.far_rank_penalty
    for c in m.cands:
        e = c.entry
        kind, country = e.kind, e.country
        s = c.prior
        rules = 0
        if qualifier and inside(e, qualifier):
            s += w.qualifier_bonus
            rules |= QUALIFIED
        if country and country in countries:
            share = countries[country] / max(others.total, 1e-9)
            s += w.country_context_bonus + w.country_share_bonus * share
            rules |= COUNTRY
        if kind != "country" and e.admin1 and e.admin1 in admin1s:
            s += w.admin1_context_bonus
            rules |= ADMIN1
        if siblings and kind in _DIVISION_KINDS:
            alike = sum(
                1
                for o in siblings
                if o.pick is not None
                and o.pick.entry.kind == kind
                and (kind == "country" or o.pick.entry.country == country)
            )
            if alike:
                s += w.list_kind_bonus * alike / len(siblings)
                rules |= LISTED
        # a town's, county's or division's distance to the nearest other place of the text:
        # near it, a bonus; in none of their countries and farther than the calibration's
        # far_km from each, the "far" rank penalty (a same-name place near them wins)
        d = others.nearest_km(e.lat, e.lon) if points and kind in NEAR_KINDS else None
        if d is not None and kind != "admin1":
            for limit, bonus in w.near_bonus:
                if d <= limit:
                    s += bonus
                    rules |= NEAR
                    break
        if far_penalty and d is not None and country not in countries and d > far_km:
            s -= far_penalty
            rules |= FAR
        if anchor is not None and e.key == anchor.key and kind != "country":
            # the dateline's own place: "DUSHANBE -" is the city, not the division
            # named after it, which the bonus below would otherwise favour
            s += w.dateline_country_bonus + w.dateline_admin1_bonus
            rules |= DATELINE_PLACE
        elif anchor is not None and country and country == anchor.country and kind != "country":
            s += w.dateline_country_bonus
            if e.admin1 and e.admin1 == anchor.admin1 and kind != "admin1":
                s += w.dateline_admin1_bonus
            rules |= DATELINE
        if home is not None:
            home_why: list[str] = []
            home_support: set[str] = set()
            s += home_bonus(e, home, w, home_why, home_support)
            c.scored(s, Trace(rules, d, tuple(home_why), tuple(sorted(home_support))))
        else:
            c.scored(s, Trace(rules, d))
