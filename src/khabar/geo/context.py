"""The document context of toponym resolution: candidates and mentions under resolution, lists
of places, what the other mentions resolved to, and one sense per name per document."""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from khabar.geo.countries import fold
from khabar.geo.distance import haversine_km
from khabar.geo.entry import GazetteerEntry
from khabar.model.core import Place

#: "Ohio, Oklahoma, Pennsylvania and California": a list of places, not "Paris, Texas".
_LIST_GAP = re.compile(r"\s*(?:,\s*(?:(?:and|or)\s+)?|\s+(?:and|or|&)\s+)")


#: The context rules of ranking (``khabar.geo.rank``) as bits of ``Candidate.trace``, in the
#: order their reasons are given: (bit, support id or None, reason).
QUALIFIED, COUNTRY, ADMIN1, LISTED, NEAR, FAR, DATELINE_PLACE, DATELINE = (1 << i for i in range(8))
_RULES: tuple[tuple[int, str | None], ...] = (
    (QUALIFIED, "qualifier"),
    (COUNTRY, "country-context"),
    (ADMIN1, "admin1-context"),
    (LISTED, "list-kind"),
    (NEAR, "near"),
    (FAR, None),
    (DATELINE_PLACE, "dateline-place"),
    (DATELINE, "dateline-country"),
)

#: The bits set in each combination of rule bits, in order.
_BITS_OF = tuple(tuple(bit for bit, _i in _RULES if rules & bit) for rules in range(256))
#: The support ids of each combination of rule bits.
_SUPPORT_OF = tuple(
    frozenset(i for bit, i in _RULES if rules & bit and i is not None) for rules in range(256)
)


class Trace(NamedTuple):
    """What the context rules did to a candidate in the last pass: the bits of the rules that
    applied, the distance to the nearest other place (if asked), and the reasons and rule ids
    of the source's home region (``khabar.geo.home``). ``why`` and ``support`` are read from
    it when asked for (a pass ranks every candidate; few are picks)."""

    rules: int
    km: float | None
    home_why: tuple[str, ...] = ()
    home_support: tuple[str, ...] = ()


def _reason(bit: int, e: GazetteerEntry, km: float | None) -> str:
    if bit == QUALIFIED:
        return "qualified by the next name"
    if bit == COUNTRY:
        return f"other places in {e.country} in the text"
    if bit == ADMIN1:
        return f"{e.admin1_name or e.admin1} or places in it in the text"
    if bit == LISTED:
        return f"listed with other places of its kind ({e.kind})"
    if bit == NEAR:
        return f"{km:.0f} km from another place in the text"
    if bit == FAR:
        return "far from every other place of the text"
    return "the dateline's place" if bit == DATELINE_PLACE else "dateline"


class Candidate:
    """One gazetteer entry a mention may name, with its prior and its score in context."""

    __slots__ = ("_support", "_why", "base_why", "entry", "main", "prior", "score", "trace")

    def __init__(
        self,
        entry: GazetteerEntry,
        main: bool,
        prior: float,
        base_why: Sequence[str] = (),
        score: float = 0.0,
        why: Sequence[str] = (),
        support: set[str] | None = None,
    ) -> None:
        self.entry = entry
        self.main = main
        self.prior = prior
        #: Why the prior is what it is. Shared by the candidates a ``Geocoder`` makes for
        #: every mention of one name (``geo/found.py``): replaced, never changed in place,
        #: after the lookup.
        self.base_why = base_why
        self.score = score
        #: The context rules of the last pass (``why`` and ``support`` are read from it).
        self.trace: Trace | None = None
        self._why: Sequence[str] | None = why  # a list once asked for
        self._support = support  # None: none, or the trace's

    def scored(self, score: float, trace: Trace) -> None:
        """The candidate's score and trace in a context pass (``khabar.geo.rank``)."""
        self.score, self.trace, self._why, self._support = score, trace, None, None

    @property
    def why(self) -> list[str]:
        """Why the candidate scores as it does: the prior's reasons, then the context's."""
        why = self._why
        if why is None:
            t = self.trace
            assert t is not None  # set together with _why = None
            e = self.entry
            why = [*self.base_why, *(_reason(bit, e, t.km) for bit in _BITS_OF[t.rules])]
            why += t.home_why
            self._why = why
        elif not isinstance(why, list):
            self._why = why = list(why)
        return why

    @why.setter
    def why(self, value: list[str]) -> None:
        self._why = value

    @property
    def support(self) -> set[str]:
        """Ids of the context rules that spoke for this candidate in the last pass (see
        ``khabar.geo.calibrate``): logic keys on these, ``why`` is display text only."""
        if self._support is None:
            t = self.trace
            self._support = set() if t is None else set(_SUPPORT_OF[t.rules])
            if t is not None:
                self._support.update(t.home_support)
        return self._support

    @support.setter
    def support(self, value: set[str]) -> None:
        self._support = value


@dataclass
class Mention:
    place: Place
    query: str
    notes: list[str]
    kind_hint: str | None
    cands: list[Candidate]
    demonym: bool = False
    #: The name looked up is only part of the mention ("the part before the comma").
    partial: bool = False
    #: The name looked up is a place named inside the mention ("Dubai World Cup").
    embedded: bool = False
    #: The name was found by its normalised spelling only (``khabar.geo.spelling``).
    respelled: bool = False
    #: Why the mention is no place at all (then it has no candidates).
    refused: str | None = None
    #: What the other mentions of the text resolved to, as of the last pass.
    context: Evidence | None = None
    qualifier: list[GazetteerEntry] = field(default_factory=list)
    siblings: list[Mention] = field(default_factory=list)
    pick: Candidate | None = None
    confidence: float = 0.0
    #: The name as it was looked up (``Geocoder``'s cache key): two mentions with the same
    #: key, qualifier and no list share one list of candidates (``found.give_candidates``).
    lookup_key: tuple[str, str | None, bool] | None = None

    def twin_key(self) -> tuple[object, ...] | None:
        """Mentions with the same key get the same scores in each context pass (the same
        candidates, the same evidence, which leaves out mentions of the same name), so they
        share their candidates and are scored once; None for
        a mention in a list (its fellow items differ) or one that was not looked up."""
        if self.lookup_key is None or self.siblings:
            return None
        return (self.lookup_key, *(e.key for e in self.qualifier))


def link_lists(text: str, ms: list[Mention]) -> None:
    """Give each item of a list of mentions ("Ohio, Texas and Georgia"; two items only when
    joined by 'and'/'or', since "Paris, Texas" is one place) its fellow items."""
    order = sorted(ms, key=lambda m: m.place.start)
    groups: list[list[Mention]] = []
    joined_by_word: list[bool] = []
    for prev, cur in zip([None, *order], order, strict=False):
        gap = text[prev.place.end : cur.place.start] if prev is not None else ""
        if prev is not None and prev.place.end <= cur.place.start and _LIST_GAP.fullmatch(gap):
            groups[-1].append(cur)
            joined_by_word[-1] = joined_by_word[-1] or "," not in gap
        else:
            groups.append([cur])
            joined_by_word.append(False)
    for group, by_word in zip(groups, joined_by_word, strict=True):
        if len(group) >= 3 or (len(group) == 2 and by_word):
            for m in group:
                m.siblings = [o for o in group if o is not m and not o.demonym]


def pick(m: Mention, twin: Mention | None = None) -> None:
    """The best candidate (the larger place on a tie), with the softmax share of its score as
    the mention's confidence; a mention that shares its ``twin``'s candidates (picked
    already) takes the twin's pick."""
    if twin is not None:
        m.pick, m.confidence = twin.pick, twin.confidence
        return
    if not m.cands:
        m.pick, m.confidence = None, 0.0
        return
    best = m.cands[0]
    for c in m.cands:  # as max() by (score, population): the first of the best
        if c.score > best.score or (
            c.score == best.score and c.entry.population > best.entry.population
        ):
            best = c
    top = best.score  # the highest: no exponent is above 0
    exp = math.exp
    z = sum([exp(c.score - top) for c in m.cands])
    m.pick = best
    m.confidence = 1.0 / z


def one_sense_per_document(ms: list[Mention]) -> None:
    """A name means one place in one text: 'Paris, Texas' early on makes a later bare 'Paris'
    Paris, Texas too. Mentions that the text qualifies ("Paris, Texas", "Kabul province")
    lend their pick to the unqualified mentions of the same name."""
    leaders: dict[str, Mention] = {}
    for m in ms:
        if m.pick is not None and not m.demonym and (m.qualifier or m.kind_hint):
            key = fold(m.query)
            if key not in leaders or m.confidence > leaders[key].confidence:
                leaders[key] = m
    if not leaders:
        return
    for m in ms:
        lead = leaders.get(fold(m.query))
        if lead is None or lead is m or m.qualifier or m.kind_hint or lead.pick is None:
            continue
        for c in m.cands:
            if c.entry.key == lead.pick.entry.key:
                if m.pick is not c:
                    if "one-sense" not in c.support:  # else lent to a twin sharing ``c``
                        c.why = [*c.why, "as where the text qualifies the same name"]
                        c.support = {*c.support, "one-sense"}
                    m.pick, m.confidence = c, max(m.confidence, lead.confidence * 0.9)
                break


def nearest_km(lat: float, lon: float, points: list[tuple[float, float]]) -> float:
    """Distance to the nearest point; points more than ~5 degrees (555 km) away in latitude,
    or in longitude scaled by the latitude, are farther than any bonus distance and are
    skipped without trigonometry (math.inf when all are)."""
    best = math.inf
    scale = math.cos(math.radians(min(abs(lat) + 5.0, 90.0)))
    for plat, plon in points:
        if abs(plat - lat) >= 5.0:
            continue
        dlon = abs(plon - lon) % 360.0
        if min(dlon, 360.0 - dlon) * scale >= 5.0:
            continue
        best = min(best, haversine_km(lat, lon, plat, plon))
    return best


def prefer_city_over_its_division(cands: list[Candidate]) -> None:
    """'Kabul', 'Dublin', 'Dushanbe': a division named after its city means the city,
    unless the text says 'province' (the kind hint has then already moved the priors)."""
    divisions = {c.entry.admin1: c.prior for c in cands if c.entry.kind == "admin1" and c.main}
    for c in cands:
        if c.entry.kind == "city" and c.main and c.entry.admin1 in divisions:
            floor = divisions[c.entry.admin1] + 0.1
            if c.prior < floor:
                c.prior = floor
                c.base_why = [*c.base_why, "city that gives its division its name"]


def inside(e: GazetteerEntry, containers: list[GazetteerEntry]) -> bool:
    for q in containers:
        if q.key == e.key:
            continue
        if q.kind == "country" and e.country == q.country:
            return True
        if q.kind == "admin1" and e.admin1 is not None and e.admin1 == q.admin1:
            return True
        if (
            q.kind == "admin2"
            and e.kind == "city"
            and haversine_km(e.lat, e.lon, q.lat, q.lon) < 60
        ):
            return True
    return False


@dataclass
class Evidence:
    countries: dict[str, float]
    admin1: set[str]
    points: list[tuple[float, float]]
    total: float
    _nearest: dict[tuple[float, float], float] = field(
        default_factory=dict, repr=False, compare=False
    )

    def nearest_km(self, lat: float, lon: float) -> float:
        """``nearest_km`` to ``points``, computed once per point asked about (the candidates
        of every mention of a name are asked about in the same evidence, and evidence with
        the same points may share its distances: ``DocumentContext.nearest``)."""
        hit = self._nearest.get((lat, lon))
        if hit is None:
            hit = self._nearest[lat, lon] = nearest_km(lat, lon, self.points)
        return hit


@dataclass
class DocumentContext:
    """What the other mentions of the document resolved to (weighted by confidence)."""

    per_mention: list[tuple[str, str | None, str | None, float, tuple[float, float] | None]]
    folded: list[str] = field(default_factory=list)
    _cache: dict[str, Evidence] = field(default_factory=dict)
    #: Distances to the nearest of a set of points, by the set: shared by the evidence of
    #: every name (and pass, given the same dict) with the same points.
    nearest: dict[frozenset[tuple[float, float]], dict[tuple[float, float], float]] = field(
        default_factory=dict
    )

    #: (folded name, country, admin1, weight, point) of the rows with a country.
    _placed: list[tuple[str, str, str | None, float, tuple[float, float] | None]] = field(
        default_factory=list
    )

    def __post_init__(self) -> None:
        self.folded = [fold(row[0]) for row in self.per_mention]
        self._placed = [
            (f, country, a1, w, point)
            for f, (_q, country, a1, w, point) in zip(self.folded, self.per_mention, strict=True)
            if country is not None
        ]

    @classmethod
    def from_mentions(
        cls,
        ms: list[Mention],
        demonyms: Sequence[tuple[str, str]] = (),
        weight: float = 1.0,
        nearest: dict[frozenset[tuple[float, float]], dict[tuple[float, float], float]]
        | None = None,
    ) -> DocumentContext:
        """``demonyms``: (word, country) of the text's demonyms that are no mention
        ("Afghan officials"): each counts as a mention of its country, times ``weight``.
        ``nearest``: the distances of an earlier pass over the same text (see ``nearest``)."""
        rows: list[tuple[str, str | None, str | None, float, tuple[float, float] | None]] = []
        for m in ms:
            if m.pick is None:
                rows.append((m.query, None, None, 0.0, None))
                continue
            e = m.pick.entry
            w = m.confidence
            point = (e.lat, e.lon) if e.kind in ("city", "admin2") and w >= 0.5 else None
            admin1 = e.admin1 if e.kind in ("admin1", "city", "admin2") else None
            rows.append((m.query, e.country, admin1, w, point))
        # after the mentions' rows, so that row i is still mention i
        rows += [(word, country, None, weight, None) for word, country in demonyms]
        return cls(rows, nearest={} if nearest is None else nearest)

    def excluding(self, i: int) -> Evidence:
        """Evidence from the other mentions, not counting mentions of the same name (so it is
        the same for all mentions of one name, and computed once per name)."""
        fq = self.folded[i]
        hit = self._cache.get(fq)
        if hit is None:
            hit = self._cache[fq] = self._evidence(fq)
        return hit

    def _evidence(self, fq: str) -> Evidence:
        countries: dict[str, float] = defaultdict(float)
        admin1: set[str] = set()
        points: set[tuple[float, float]] = set()
        total = 0.0
        for f, country, a1, w, point in self._placed:
            if f == fq:
                continue
            countries[country] += w
            total += w
            if a1 and w >= 0.5:
                admin1.add(a1)
            if point is not None:
                points.add(point)
        memo = self.nearest.setdefault(frozenset(points), {})
        return Evidence(countries, admin1, list(points), total, memo)
