"""Toponym resolution: each place mention of a text to one gazetteer entry, or to none.

Candidates come from the index by accent-insensitive name. They are ranked by a score in
"log-population units": the kind and size of the place (a country beats a village), how well
the name matched, and the document's context — places named right after it ("Paris, Texas"),
the countries and first-level divisions the other mentions resolve to, the distance to the
other mentions' places, and the dateline. Resolution runs in two passes: the first without
context, the second with the context the first pass found. A name with no candidate, or with
only weak ones, is left unresolved and says so in ``how``.

The weights (``geo/data/scoring.yaml``, through :mod:`khabar.geo.scoring`; a ``Geocoder`` can
be given others) were set by hand and checked on the GeoVirus corpus only (see
docs/evaluation.md); LGL and GeoWebNews are held out. The pick becomes a ``Place`` with a
calibrated score in :mod:`khabar.geo.calibrate`.
"""

from __future__ import annotations

import re

from khabar.geo.calibrate import qualifiers_as_city, to_place
from khabar.geo.context import (
    Candidate,
    DocumentContext,
    Mention,
    link_lists,
    one_sense_per_document,
    pick,
    prefer_city_over_its_division,
)
from khabar.geo.countries import CountryTable, fold, load_countries
from khabar.geo.dateline import dateline_entry, dateline_text, wire_dateline
from khabar.geo.embedded import lookup_embedded
from khabar.geo.entry import GazetteerEntry, name_keys
from khabar.geo.found import MAX_NAMES, Found, country_entries, give_candidates, priors
from khabar.geo.home import HomeRegion
from khabar.geo.index import GazetteerIndex
from khabar.geo.prior import candidate, country_name_wins
from khabar.geo.rank import score_mention
from khabar.geo.scoring import RankingWeights, Scoring, load_scoring
from khabar.geo.seat import namesake_divisions
from khabar.geo.sources import load_words
from khabar.geo.spelling import lookup_respelled
from khabar.geo.text_cues import in_a_list, qualifier_entries, text_demonyms
from khabar.geo.variants import DivisionCodes, division_code, name_variants
from khabar.model.core import Place

#: Kinds that a direction word can qualify ("northern Afghanistan", "eastern Europe").
AREA_KINDS = frozenset({"continent", "region", "country", "admin1"})


_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_KIND_AFTER = re.compile(
    r"^\s+(province|state|region|governorate|oblast|county|parish|district)\b", re.IGNORECASE
)
_KIND_BEFORE = re.compile(r"\b(province|state|region|governorate|county|city|town|village) of\s*$")


class Geocoder:
    """Resolves place mentions against an injected :class:`GazetteerIndex`.

    Construction does no I/O beyond what the index already holds; the country table
    (``load_countries()``, ~0.1 s, cached) and the weights are read on the first call unless
    given.
    """

    def __init__(
        self,
        index: GazetteerIndex,
        *,
        countries: CountryTable | None = None,
        scoring: Scoring | None = None,
    ) -> None:
        self.index = index
        self._countries = countries
        self._scoring = scoring
        self._country_entries: dict[str, GazetteerEntry] | None = None
        self._codes: DivisionCodes | None = None
        self._found: dict[tuple[str, str | None, bool], Found] = {}

    # -- public API ---------------------------------------------------------------------
    def resolve(
        self,
        text: str,
        mentions: list[Place],
        *,
        dateline: str | None = None,
        home: HomeRegion | None = None,
    ) -> list[Place]:
        """New ``Place`` objects, in the order of ``mentions``, with geocoding fields filled.

        ``text`` is the whole document (for context); each mention's ``start``/``end`` index
        into it. ``dateline`` (e.g. "KABUL" or "Paris, Texas") is used as context; when it is
        None a wire-style dateline at the start of ``text`` is used if there is one.
        A mention whose ``kind`` is ``"demonym"`` is resolved as a demonym only. ``home`` is
        the region the text's source usually reports from (``khabar.geo.home.home_region``).
        """
        if not mentions:
            return []
        looked_up = [self._candidates(text, m) for m in mentions]
        ms = [m for m, _found in looked_up]
        link_lists(text, ms)
        # a name the text repeats alike: one list of candidates, scored once per pass
        twins = give_candidates(looked_up)
        line = wire_dateline(text)
        anchor = dateline_entry(
            self.index, self.w, dateline if dateline is not None else dateline_text(line)
        )
        demonyms = []
        if self.w.demonym_context_weight:
            demonyms = text_demonyms(text, mentions, self.countries.by_demonym)
        for m, twin in zip(ms, twins, strict=True):
            if twin is None:
                for c in m.cands:
                    c.score = c.prior
            pick(m, twin)
        # Two context passes: the second sees the first's picks.
        w, far_km = self.w, self.scoring.calibration.far_km
        nearest: dict[frozenset[tuple[float, float]], dict[tuple[float, float], float]] = {}
        for _ in range(2):
            ctx = DocumentContext.from_mentions(ms, demonyms, w.demonym_context_weight, nearest)
            for i, (m, twin) in enumerate(zip(ms, twins, strict=True)):
                if twin is not None:
                    m.context = twin.context
                else:
                    score_mention(m, ctx.excluding(i), w, far_km, anchor, home)
            for m, twin in zip(ms, twins, strict=True):
                pick(m, twin)
        one_sense_per_document(ms)
        places = [to_place(m, self.scoring.calibration) for m in ms]
        if line is not None and line.place is not None and line.region is not None:
            head, qual = (line.place.start, line.place.end), (line.region.start, line.region.end)
            places = qualifiers_as_city(places, head, qual, line.place.text)
        return places

    def resolve_name(self, name: str) -> Place:
        """Resolve a bare name without context (e.g. a dateline or a user query)."""
        return self.resolve(name, [Place(text=name, start=0, end=len(name))])[0]

    # -- candidates ---------------------------------------------------------------------
    @property
    def scoring(self) -> Scoring:
        """The weights (``geo/data/scoring.yaml`` unless given; read on first use)."""
        if self._scoring is None:
            self._scoring = load_scoring()
        return self._scoring

    @property
    def w(self) -> RankingWeights:
        return self.scoring.ranking

    @property
    def countries(self) -> CountryTable:
        if self._countries is None:
            self._countries = load_countries()
        return self._countries

    def _country_entry(self, alpha3: str) -> GazetteerEntry | None:
        if self._country_entries is None:
            self._country_entries = country_entries(self.index)
        return self._country_entries.get(alpha3)

    def _candidates(self, text: str, mention: Place) -> tuple[Mention, Found | None]:
        """The mention (without candidates yet: ``give_candidates``) and what its name found."""
        raw = mention.text.strip()
        kind_hint: str | None = None
        before = text[max(0, mention.start - 30) : mention.start] if text else ""
        after = text[mention.end : mention.end + 60] if text else ""
        q = _POSSESSIVE.sub("", raw).strip()
        folded = fold(q)
        if folded.startswith("the "):
            q = q[4:]
            folded = fold(q)
        lists = load_words()
        if folded in lists.agency_names:  # "Xinhua": a credit line, not a place
            refused = f"{q!r} is a news agency's name"
            return Mention(mention, q, [], None, [], refused=refused), None
        kind_words = lists.kind_words
        m = _KIND_AFTER.match(after)
        if m:
            kind_hint = kind_words[m.group(1).lower()]
        m = _KIND_BEFORE.search(before.lower())
        if m:
            kind_hint = kind_words[m.group(1)]
        words = folded.split()
        if len(words) > 1 and words[-1] in kind_words:
            kind_hint = kind_words[words[-1]]
        elif len(words) > 2 and words[0] in kind_words and words[1] == "of":
            kind_hint = kind_words[words[0]]
        is_demonym_hint = (mention.kind or "").lower() == "demonym"
        key = (q, kind_hint, is_demonym_hint)
        found = self._found.get(key)
        if found is None:
            if len(self._found) >= MAX_NAMES:
                self._found.clear()
            found = self._found[key] = self._look_up(q, kind_hint, is_demonym_hint)
        out = Mention(
            mention, found.query, list(found.notes), kind_hint, [], partial=found.partial,
        )  # fmt: skip
        out.embedded, out.respelled, out.demonym = found.embedded, found.respelled, found.demonym
        out.lookup_key = key
        qualifier_text = after if found.tail is None else found.tail
        out.qualifier = qualifier_entries(self.index, qualifier_text)
        if out.qualifier and in_a_list(before, qualifier_text):
            # "Georgia, Oklahoma, Pennsylvania and California": when the mention is itself a
            # place of the qualifier's level, the two are items of a list.
            levels = {e.kind for e in out.qualifier} & {"country", "admin1"}
            if levels & found.main_kinds:
                out.qualifier = []
        return out, found

    def _look_up(self, q: str, kind_hint: str | None, is_demonym_hint: bool) -> Found:
        """The candidates of the name ``q`` (called a ``kind_hint`` in the text), whatever the
        text around it: found as written, by a variant, the part before a comma, a code, a
        respelling, a place named inside it, or as a demonym."""
        notes: list[str] = []
        partial = False
        found = () if is_demonym_hint else self.index.lookup(q)
        query = q
        if not found and not is_demonym_hint:
            for variant, note in name_variants(q):
                found = self.index.lookup(variant)
                if note.startswith("direction"):
                    # "northern Afghanistan": part of a large area, never a town named so.
                    found = tuple((e, main) for e, main in found if e.kind in AREA_KINDS and main)
                if found:
                    query = variant
                    notes.append(note)
                    break
        tail: str | None = None
        if not found and "," in q and not is_demonym_hint:
            head, _, rest = q.partition(",")
            found = self.index.lookup(head.strip())
            if found:
                query = head.strip()
                tail = "," + rest
                notes.append("the part before the comma")
                partial = True
        if not found and q in load_words().us_state_abbreviations and not is_demonym_hint:
            full = load_words().us_state_abbreviations[q]
            found = tuple(
                (e, main)
                for e, main in self.index.lookup(full)
                if e.kind == "admin1" and e.country == "USA"
            )
            if found:
                query = full
                notes.append(f"abbreviation of {full}")
        code = None if is_demonym_hint else division_code(q)
        if code and not any(e.kind in AREA_KINDS for e, _ in found):
            # "BC", "N.B.", "SA": a division's ISO 3166-2 code (alternate names: weak alone)
            if self._codes is None:
                self._codes = DivisionCodes.of(self.index)
            coded = self._codes.lookup(q)
            if coded and not found:
                notes.append("the ISO 3166-2 code of a division")
            found = (*found, *((e, False) for e in coded))
        if not found and not is_demonym_hint:
            for key in sorted(name_keys(q) - {fold(q)}, key=len, reverse=True):
                found = self.index.lookup(key)
                if found:
                    query = key
                    break
        respelled = False
        if not found and not is_demonym_hint and self._demonym_entry(q) is None:
            # "Deir Ezzor": a transliteration variant (a demonym is no misspelt place)
            spelled, found = lookup_respelled(self.index, q)
            if found:
                query, respelled = spelled, True
                notes.append(f"spelled {spelled!r} in the gazetteer")
        inner = None
        if not found and not is_demonym_hint and self._demonym_entry(q) is None:
            # "Dubai World Cup", "Bank of Mexico": the place named inside the name
            inner = lookup_embedded(
                self.index, q, self.w.embedded_min_population, self.countries, self._demonym_entry
            )
            if inner is not None:
                query, found = inner[0], inner[1]
                notes.append(f"the place named inside {q!r}")
        if kind_hint == "admin1" and not any(e.kind == "admin1" for e, _ in found):
            named = namesake_divisions(self.index, (e for e, _ in found))  # "Magwe Region"
            found = (*found, *((e, False) for e in named))
        cands = [candidate(e, main, q, kind_hint, self.w) for e, main in found]
        cands = country_name_wins(cands)
        if kind_hint is None:
            prefer_city_over_its_division(cands)
        cands.sort(key=lambda c: -c.prior)
        shown = cands[: self.w.max_candidates]
        demonym = inner is not None and inner[2]
        strong = any(c.main and c.entry.kind in AREA_KINDS for c in cands)
        if not strong and inner is None:
            entry = self._demonym_entry(q)
            if entry is not None:
                demonym = True
                prior = self.w.kind_prior[entry.kind]
                shown = [Candidate(entry, True, prior, [], score=prior)]
        return Found(
            query, tuple(notes), partial, tail, respelled, inner is not None, demonym,
            *priors(shown), frozenset(c.entry.kind for c in cands if c.main),
        )  # fmt: skip

    def _demonym_entry(self, q: str) -> GazetteerEntry | None:
        """The country (or continent) a demonym names: 'Afghan' -> Afghanistan."""
        area = load_words().continent_demonyms.get(fold(q)) or load_words().area_demonyms.get(
            fold(q)
        )
        if area is not None:
            hits = [e for e, _ in self.index.lookup(area) if e.kind in AREA_KINDS]
            return max(hits, key=lambda e: self.w.kind_prior[e.kind]) if hits else None
        country = self.countries.lookup_demonym(q)
        return self._country_entry(country.alpha3) if country else None
