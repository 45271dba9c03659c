"""Toponym resolution: each place mention of a text to one gazetteer entry, or to none.

Candidates come from the index by accent-insensitive name. They are ranked by a score in
"log-population units": the kind and size of the place (a country beats a village), how well
the name matched, and the document's context — places named right after it ("Paris, Texas"),
the countries and first-level divisions the other mentions resolve to, the distance to the
other mentions' places, and the dateline. Resolution runs in two passes: the first without
context, the second with the context the first pass found. A name with no candidate, or with
only weak ones, is left unresolved and says so in ``how``.

The weights below were set by hand and checked on the GeoVirus corpus only (see
docs/evaluation.md); LGL and GeoWebNews are held out.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass, field

from khabar.geo.countries import CountryTable, fold, load_countries
from khabar.geo.distance import haversine_km
from khabar.geo.entry import GazetteerEntry, name_keys
from khabar.geo.index import GazetteerIndex
from khabar.model.core import Place, PlacePrecision

# -- weights (hand-set; see the module docstring) -------------------------------------------
KIND_PRIOR = {
    "continent": 9.0,
    "region": 7.5,
    "country": 10.5,
    "admin1": 7.0,
    "admin2": 3.0,
    "city": 0.0,
}
#: A place known only from postal codes (GeoNames postal data: villages, suburbs) starts below
#: MIN_RAW_SCORE: it is chosen only when the text's context (its country, division or
#: neighbours) speaks for it.
POSTAL_PLACE_PRIOR = -1.0
MAIN_NAME_BONUS = 1.5
CAPITAL_BONUS = 2.0
EXACT_CASE_BONUS = 0.3
KIND_HINT_BONUS = 4.0
KIND_HINT_PENALTY = 2.0
QUALIFIER_BONUS = 8.0
COUNTRY_CONTEXT_BONUS = 1.0
COUNTRY_SHARE_BONUS = 2.0
ADMIN1_CONTEXT_BONUS = 2.0
NEAR_BONUS = ((50.0, 1.5), (150.0, 1.0), (400.0, 0.5))
DATELINE_COUNTRY_BONUS = 1.5
#: An item of a list ("Texas, Georgia and Ohio") is of the kind its fellow items are: at most
#: this much (times the share of the others picked as that kind, in the same country).
LIST_KIND_BONUS = 3.0
DATELINE_ADMIN1_BONUS = 2.0
MAX_CANDIDATES = 40
#: "X City" counts as named X only when it is this large (New York City, not Montana City).
CITY_SUFFIX_MIN_POPULATION = 100_000
#: A best candidate weaker than this (an alternate-name match of a tiny place, no context)
#: is not trusted: the mention stays unresolved.
MIN_RAW_SCORE = 1.5

KIND_NAMES = {"admin1": "province or state", "admin2": "county or district"}

#: Kinds that a direction word can qualify ("northern Afghanistan", "eastern Europe").
AREA_KINDS = frozenset({"continent", "region", "country", "admin1"})

PRECISION: dict[str, PlacePrecision | None] = {
    "continent": None,
    "region": None,
    "country": "country",
    "admin1": "admin1",
    "admin2": "admin2",
    "city": "city",
}

#: Words in or around a mention that say which kind of place it is.
KIND_WORDS: dict[str, str] = {
    "province": "admin1",
    "state": "admin1",
    "region": "admin1",
    "governorate": "admin1",
    "oblast": "admin1",
    "prefecture": "admin1",
    "county": "admin2",
    "parish": "admin2",
    "district": "admin2",
    "city": "city",
    "town": "city",
    "village": "city",
    "country": "country",
}
_DIRECTION = re.compile(
    r"^(?:(?:the\s+)?(?:far\s+|extreme\s+)?"
    r"(?:north|south|east|west|central|north-?east|north-?west|south-?east|south-?west)"
    r"(?:ern|ernmost)?)\s+(?P<rest>.+)$",
    re.IGNORECASE,
)
_ABBREV = (
    (re.compile(r"^St\.?\s+", re.IGNORECASE), "Saint "),
    (re.compile(r"^Ste\.?\s+", re.IGNORECASE), "Sainte "),
    (re.compile(r"^Ft\.?\s+", re.IGNORECASE), "Fort "),
    (re.compile(r"^Mt\.?\s+", re.IGNORECASE), "Mount "),
)
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_QUALIFIER = re.compile(r"^\s*,\s*((?:[A-Z][\w.'’-]*)(?:\s+[A-Z][\w.'’-]*){0,3})")
#: "Ohio, Oklahoma, Pennsylvania and California": a list of places, not "Paris, Texas".
_LIST_BEFORE = re.compile(r"[A-Z][\w.'’-]*,\s*$")
_LIST_AFTER = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)[A-Z]")
_LIST_GAP = re.compile(r"\s*(?:,\s*(?:(?:and|or)\s+)?|\s+(?:and|or|&)\s+)")
_KIND_AFTER = re.compile(
    r"^\s+(province|state|region|governorate|oblast|county|parish|district)\b", re.IGNORECASE
)
_KIND_BEFORE = re.compile(r"\b(province|state|region|governorate|county|city|town|village) of\s*$")
_DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Z .'’-]{2,40}?)(?:,\s*(?P<qual>[A-Z][A-Za-z .]{1,30}?))?"
    r"\s*(?:\([^)]{1,40}\))?\s*[-—–:]\s"
)

#: Demonyms of continents (facts).
CONTINENT_DEMONYMS: dict[str, str] = {
    "european": "Europe", "europeans": "Europe", "african": "Africa", "africans": "Africa",
    "asian": "Asia", "asians": "Asia", "south american": "South America",
    "north american": "North America", "latin american": "South America",
}  # fmt: skip

#: Demonyms of regions and divisions that news uses (facts): 'English' is England's.
AREA_DEMONYMS: dict[str, str] = {
    "english": "England", "scottish": "Scotland", "scots": "Scotland", "welsh": "Wales",
    "kurdish": "Kurdistan", "kurds": "Kurdistan", "arab": "Arab world", "arabs": "Arab world",
    "central american": "Central America", "middle eastern": "Middle East",
    "caribbean": "Caribbean", "balkan": "Balkans", "kashmiri": "Kashmir",
    "kashmiris": "Kashmir", "tibetan": "Tibet", "tibetans": "Tibet", "crimean": "Crimea",
    "texan": "Texas", "texans": "Texas", "californian": "California",
    "californians": "California", "floridian": "Florida", "quebecois": "Quebec",
    "bavarian": "Bavaria", "catalan": "Catalonia", "catalans": "Catalonia",
    "punjabi": "Punjab", "sindhi": "Sindh", "pashtun": "Khyber Pakhtunkhwa",
}  # fmt: skip

#: AP-style and postal abbreviations of US states (used as qualifiers: "Paris, Tenn.").
US_STATE_ABBREVIATIONS: dict[str, str] = {
    "Ala.": "Alabama", "Ariz.": "Arizona", "Ark.": "Arkansas", "Calif.": "California",
    "Colo.": "Colorado", "Conn.": "Connecticut", "Del.": "Delaware", "Fla.": "Florida",
    "Ga.": "Georgia", "Ill.": "Illinois", "Ind.": "Indiana", "Kan.": "Kansas",
    "Kans.": "Kansas", "Ky.": "Kentucky", "La.": "Louisiana", "Md.": "Maryland",
    "Mass.": "Massachusetts", "Mich.": "Michigan", "Minn.": "Minnesota",
    "Miss.": "Mississippi", "Mo.": "Missouri", "Mont.": "Montana", "Neb.": "Nebraska",
    "Nebr.": "Nebraska", "Nev.": "Nevada", "N.H.": "New Hampshire", "N.J.": "New Jersey",
    "N.M.": "New Mexico", "N.Y.": "New York", "N.C.": "North Carolina",
    "N.D.": "North Dakota", "Okla.": "Oklahoma", "Ore.": "Oregon", "Pa.": "Pennsylvania",
    "R.I.": "Rhode Island", "S.C.": "South Carolina", "S.D.": "South Dakota",
    "Tenn.": "Tennessee", "Tex.": "Texas", "Vt.": "Vermont", "Va.": "Virginia",
    "Wash.": "Washington", "W.Va.": "West Virginia", "Wis.": "Wisconsin", "Wyo.": "Wyoming",
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "FL": "Florida", "GA": "Georgia",
    "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois", "IN": "Indiana", "IA": "Iowa",
    "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana", "ME": "Maine", "MD": "Maryland",
    "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota", "MS": "Mississippi",
    "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
    "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York",
    "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma",
    "OR": "Oregon", "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina",
    "SD": "South Dakota", "TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont",
    "VA": "Virginia", "WA": "Washington", "WV": "West Virginia", "WI": "Wisconsin",
    "WY": "Wyoming", "DC": "District of Columbia", "D.C.": "District of Columbia",
}  # fmt: skip


@dataclass
class _Cand:
    entry: GazetteerEntry
    main: bool
    prior: float
    base_why: list[str] = field(default_factory=list)
    score: float = 0.0
    why: list[str] = field(default_factory=list)


@dataclass
class _Mention:
    place: Place
    query: str
    notes: list[str]
    kind_hint: str | None
    cands: list[_Cand]
    demonym: bool = False
    qualifier: list[GazetteerEntry] = field(default_factory=list)
    siblings: list[_Mention] = field(default_factory=list)
    pick: _Cand | None = None
    confidence: float = 0.0


class Geocoder:
    """Resolves place mentions against an injected :class:`GazetteerIndex`.

    Construction does no I/O beyond what the index already holds; the country table
    (``load_countries()``, ~0.1 s, cached) is read on the first call unless given.
    """

    def __init__(self, index: GazetteerIndex, *, countries: CountryTable | None = None) -> None:
        self.index = index
        self._countries = countries
        self._country_entries: dict[str, GazetteerEntry] | None = None

    # -- public API ---------------------------------------------------------------------
    def resolve(
        self, text: str, mentions: list[Place], *, dateline: str | None = None
    ) -> list[Place]:
        """New ``Place`` objects, in the order of ``mentions``, with geocoding fields filled.

        ``text`` is the whole document (for context); each mention's ``start``/``end`` index
        into it. ``dateline`` (e.g. "KABUL" or "Paris, Texas") is used as context; when it is
        None a wire-style dateline at the start of ``text`` is used if there is one.
        A mention whose ``kind`` is ``"demonym"`` is resolved as a demonym only.
        """
        if not mentions:
            return []
        ms = [self._candidates(text, m) for m in mentions]
        _link_lists(text, ms)
        anchor = self._dateline(text, dateline)
        for m in ms:
            for c in m.cands:
                c.score = c.prior
            self._pick(m)
        # Two context passes: the second sees the first's picks.
        for _ in range(2):
            ctx = _Context.from_mentions(ms)
            for i, m in enumerate(ms):
                self._score(m, i, ctx, anchor)
            for m in ms:
                self._pick(m)
        _one_sense_per_document(ms)
        return [self._to_place(m) for m in ms]

    def resolve_name(self, name: str) -> Place:
        """Resolve a bare name without context (e.g. a dateline or a user query)."""
        return self.resolve(name, [Place(text=name, start=0, end=len(name))])[0]

    # -- candidates ---------------------------------------------------------------------
    @property
    def countries(self) -> CountryTable:
        if self._countries is None:
            self._countries = load_countries()
        return self._countries

    def _country_entry(self, alpha3: str) -> GazetteerEntry | None:
        if self._country_entries is None:
            self._country_entries = {
                e.country: e for e in self.index.iter_entries(["country"]) if e.country
            }
        return self._country_entries.get(alpha3)

    def _candidates(self, text: str, mention: Place) -> _Mention:
        raw = mention.text.strip()
        notes: list[str] = []
        kind_hint: str | None = None
        before = text[max(0, mention.start - 30) : mention.start] if text else ""
        after = text[mention.end : mention.end + 60] if text else ""
        q = _POSSESSIVE.sub("", raw).strip()
        if fold(q).startswith("the "):
            q = q[4:]
        m = _KIND_AFTER.match(after)
        if m:
            kind_hint = KIND_WORDS[m.group(1).lower()]
        m = _KIND_BEFORE.search(before.lower())
        if m:
            kind_hint = KIND_WORDS[m.group(1)]
        words = fold(q).split()
        if len(words) > 1 and words[-1] in KIND_WORDS:
            kind_hint = KIND_WORDS[words[-1]]
        elif len(words) > 2 and words[0] in KIND_WORDS and words[1] == "of":
            kind_hint = KIND_WORDS[words[0]]
        is_demonym_hint = (mention.kind or "").lower() == "demonym"
        found = () if is_demonym_hint else self.index.lookup(q)
        query = q
        if not found and not is_demonym_hint:
            for variant, note in self._variants(q):
                found = self.index.lookup(variant)
                if note.startswith("direction"):
                    # "northern Afghanistan": part of a large area, never a town named so.
                    found = tuple((e, main) for e, main in found if e.kind in AREA_KINDS and main)
                if found:
                    query = variant
                    notes.append(note)
                    break
        qualifier_text = after
        if not found and "," in q and not is_demonym_hint:
            head, _, tail = q.partition(",")
            found = self.index.lookup(head.strip())
            if found:
                query = head.strip()
                qualifier_text = "," + tail
                notes.append("the part before the comma")
        if not found and q in US_STATE_ABBREVIATIONS and not is_demonym_hint:
            full = US_STATE_ABBREVIATIONS[q]
            found = tuple(
                (e, main)
                for e, main in self.index.lookup(full)
                if e.kind == "admin1" and e.country == "USA"
            )
            if found:
                query = full
                notes.append(f"abbreviation of {full}")
        if not found and not is_demonym_hint:
            for key in sorted(name_keys(q) - {fold(q)}, key=len, reverse=True):
                found = self.index.lookup(key)
                if found:
                    query = key
                    break
        cands = [self._cand(e, main, q, kind_hint) for e, main in found]
        if kind_hint is None:
            _prefer_city_over_its_division(cands)
        cands.sort(key=lambda c: -c.prior)
        out = _Mention(mention, query, notes, kind_hint, cands[:MAX_CANDIDATES])
        strong = any(c.main and c.entry.kind in AREA_KINDS for c in cands)
        if not strong:
            entry = self._demonym_entry(q)
            if entry is not None:
                out.demonym = True
                prior = KIND_PRIOR[entry.kind]
                out.cands = [_Cand(entry, True, prior, [], score=prior)]
        out.qualifier = self._qualifier(qualifier_text)
        if out.qualifier and _in_a_list(before, qualifier_text):
            # "Georgia, Oklahoma, Pennsylvania and California": when the mention is itself a
            # place of the qualifier's level, the two are items of a list.
            levels = {e.kind for e in out.qualifier} & {"country", "admin1"}
            if any(c.main and c.entry.kind in levels for c in cands):
                out.qualifier = []
        return out

    def _demonym_entry(self, q: str) -> GazetteerEntry | None:
        """The country (or continent) a demonym names: 'Afghan' -> Afghanistan."""
        area = CONTINENT_DEMONYMS.get(fold(q)) or AREA_DEMONYMS.get(fold(q))
        if area is not None:
            hits = [e for e, _ in self.index.lookup(area) if e.kind in AREA_KINDS]
            return max(hits, key=lambda e: KIND_PRIOR[e.kind]) if hits else None
        country = self.countries.lookup_demonym(q)
        return self._country_entry(country.alpha3) if country else None

    def _variants(self, q: str) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        m = _DIRECTION.match(q)
        if m:
            out.append((m.group("rest"), "direction word ignored"))
        for pat, repl in _ABBREV:
            if pat.match(q):
                out.append((pat.sub(repl, q), "abbreviation expanded"))
        if "-" in q:
            out.append((q.replace("-", " "), "hyphen as space"))
        if q.isupper() and len(q) > 3:
            out.append((q.title(), "upper case"))
        return out

    def _cand(self, e: GazetteerEntry, main: bool, q: str, kind_hint: str | None) -> _Cand:
        why: list[str] = []
        if (
            not main
            and e.kind == "city"
            and e.population >= CITY_SUFFIX_MIN_POPULATION
            and fold(e.name) == fold(q) + " city"
            and fold(e.admin1_name or "") == fold(q)
        ):
            # "New York" is New York City's own name: a large "X City" in the division X
            # is the city that gives the division its name (see
            # _prefer_city_over_its_division; a kind word in the text still decides).
            main = True
            why.append(f"{q} is {e.name} without 'City'")
        if e.kind == "city":
            prior = math.log10(e.population + 1)
            if e.feature == "capital" and main:
                prior += CAPITAL_BONUS
                why.append("national capital")
            elif e.feature == "postal place":
                prior += POSTAL_PLACE_PRIOR
                why.append("known from postal codes only")
        elif e.kind == "admin2":
            prior = KIND_PRIOR["admin2"] + 0.3 * math.log10(e.population + 1)
        else:
            prior = KIND_PRIOR[e.kind]
        if main:
            prior += MAIN_NAME_BONUS
        else:
            why.append("alternate name")
        if e.name == q:
            prior += EXACT_CASE_BONUS
        if kind_hint is not None:
            if kind_hint == e.kind or (kind_hint == "admin2" and e.kind == "admin1"):
                prior += KIND_HINT_BONUS
                why.append(f"called a {KIND_NAMES.get(kind_hint, kind_hint)} in the text")
            else:
                prior -= KIND_HINT_PENALTY
        return _Cand(e, main, prior, why, score=prior, why=list(why))

    def _qualifier(self, after: str) -> list[GazetteerEntry]:
        """Entries named right after the mention: 'Paris, Texas', 'Jalalabad, Afghanistan'."""
        m = _QUALIFIER.match(after)
        if not m:
            return []
        words = m.group(1).split()
        for n in range(len(words), 0, -1):
            name = " ".join(words[:n])
            name = US_STATE_ABBREVIATIONS.get(name, name).rstrip(".,")
            hits = [
                e for e, _ in self.index.lookup(name) if e.kind in ("country", "admin1", "admin2")
            ]
            if hits:
                return hits
        return []

    def _dateline(self, text: str, dateline: str | None) -> GazetteerEntry | None:
        if dateline is None:
            m = _DATELINE.match(text[:120])
            if not m:
                return None
            dateline = m.group("place") + (", " + m.group("qual") if m.group("qual") else "")
        parts = [p.strip() for p in dateline.split(",") if p.strip()]
        if not parts:
            return None
        head = parts[0].title() if parts[0].isupper() else parts[0]
        probe = _Mention(Place(text=head, start=0, end=len(head)), head, [], None, [])
        probe.cands = [self._cand(e, main, head, None) for e, main in self.index.lookup(head)]
        _prefer_city_over_its_division(probe.cands)  # "DUSHANBE -" is the city
        if len(parts) > 1:
            probe.qualifier = self._qualifier(", " + parts[1])
        for c in probe.cands:
            c.score = c.prior + (QUALIFIER_BONUS if _inside(c.entry, probe.qualifier) else 0.0)
            c.why = list(c.base_why)
        self._pick(probe)
        return probe.pick.entry if probe.pick else None

    # -- ranking ------------------------------------------------------------------------
    def _score(self, m: _Mention, i: int, ctx: _Context, anchor: GazetteerEntry | None) -> None:
        others = ctx.excluding(i)
        for c in m.cands:
            e = c.entry
            s = c.prior
            why = list(c.base_why)
            if m.qualifier and _inside(e, m.qualifier):
                s += QUALIFIER_BONUS
                why.append("qualified by the next name")
            if e.country and e.country in others.countries:
                share = others.countries[e.country] / max(others.total, 1e-9)
                s += COUNTRY_CONTEXT_BONUS + COUNTRY_SHARE_BONUS * share
                why.append(f"other places in {e.country} in the text")
            if e.kind != "country" and e.admin1 and e.admin1 in others.admin1:
                s += ADMIN1_CONTEXT_BONUS
                why.append(f"{e.admin1_name or e.admin1} or places in it in the text")
            if m.siblings and e.kind in ("country", "admin1", "admin2"):
                alike = sum(
                    1
                    for o in m.siblings
                    if o.pick is not None
                    and o.pick.entry.kind == e.kind
                    and (e.kind == "country" or o.pick.entry.country == e.country)
                )
                if alike:
                    s += LIST_KIND_BONUS * alike / len(m.siblings)
                    why.append(f"listed with other places of its kind ({e.kind})")
            if e.kind in ("city", "admin2") and others.points:
                d = _nearest_km(e.lat, e.lon, others.points)
                for limit, bonus in NEAR_BONUS:
                    if d <= limit:
                        s += bonus
                        why.append(f"{d:.0f} km from another place in the text")
                        break
            if anchor is not None and e.key == anchor.key and e.kind != "country":
                # the dateline's own place: "DUSHANBE -" is the city, not the division
                # named after it, which the bonus below would otherwise favour
                s += DATELINE_COUNTRY_BONUS + DATELINE_ADMIN1_BONUS
                why.append("the dateline's place")
            elif (
                anchor is not None
                and e.country
                and e.country == anchor.country
                and e.kind != "country"
            ):
                s += DATELINE_COUNTRY_BONUS
                if e.admin1 and e.admin1 == anchor.admin1 and e.kind != "admin1":
                    s += DATELINE_ADMIN1_BONUS
                why.append("dateline")
            c.score = s
            c.why = why

    def _pick(self, m: _Mention) -> None:
        if not m.cands:
            m.pick, m.confidence = None, 0.0
            return
        best = max(m.cands, key=lambda c: (c.score, c.entry.population))
        top = best.score
        z = sum(math.exp(min(c.score - top, 0.0)) for c in m.cands)
        m.pick = best
        m.confidence = 1.0 / z

    def _to_place(self, m: _Mention) -> Place:
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
        quality = 1.0 if c.main else 0.85
        score = round(max(0.0, min(1.0, m.confidence * quality)), 3)
        how_parts = ["demonym of " + e.name] if m.demonym else []
        how_parts += m.notes + c.why
        if len(m.cands) == 1:
            how_parts.append("only candidate")
        else:
            how_parts.append(f"best of {len(m.cands)} candidates")
        if not m.demonym and c.main and not c.why and len(m.cands) > 1:
            how_parts.insert(0, "largest/most prominent place of that name")
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


def _link_lists(text: str, ms: list[_Mention]) -> None:
    """Give each item of a list of mentions ("Ohio, Texas and Georgia"; two items only when
    joined by 'and'/'or', since "Paris, Texas" is one place) its fellow items."""
    order = sorted(ms, key=lambda m: m.place.start)
    groups: list[list[_Mention]] = []
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


def _in_a_list(before: str, after: str) -> bool:
    """True when the mention, followed by ', Name', is preceded by 'Name, ' or when the name
    after it is followed by another item (', Name', ' and Name')."""
    if _LIST_BEFORE.search(before):
        return True
    m = _QUALIFIER.match(after)
    return bool(m and _LIST_AFTER.match(after[m.end() :]))


def _one_sense_per_document(ms: list[_Mention]) -> None:
    """A name means one place in one text: 'Paris, Texas' early on makes a later bare 'Paris'
    Paris, Texas too. Mentions that the text qualifies ("Paris, Texas", "Kabul province")
    lend their pick to the unqualified mentions of the same name."""
    leaders: dict[str, _Mention] = {}
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
                    c.why = [*c.why, "as where the text qualifies the same name"]
                    m.pick, m.confidence = c, max(m.confidence, lead.confidence * 0.9)
                break


def _nearest_km(lat: float, lon: float, points: list[tuple[float, float]]) -> float:
    """Distance to the nearest point; points more than ~5 degrees of latitude away are
    farther than any bonus distance and are skipped without trigonometry."""
    best = math.inf
    for plat, plon in points:
        if abs(plat - lat) < 5.0:
            best = min(best, haversine_km(lat, lon, plat, plon))
    return best


def _prefer_city_over_its_division(cands: list[_Cand]) -> None:
    """'Kabul', 'Dublin', 'Dushanbe': a division named after its city means the city,
    unless the text says 'province' (the kind hint has then already moved the priors)."""
    divisions = {c.entry.admin1: c.prior for c in cands if c.entry.kind == "admin1" and c.main}
    for c in cands:
        if c.entry.kind == "city" and c.main and c.entry.admin1 in divisions:
            floor = divisions[c.entry.admin1] + 0.1
            if c.prior < floor:
                c.prior = floor
                c.base_why.append("city that gives its division its name")


def _inside(e: GazetteerEntry, containers: list[GazetteerEntry]) -> bool:
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
class _Evidence:
    countries: dict[str, float]
    admin1: set[str]
    points: list[tuple[float, float]]
    total: float


@dataclass
class _Context:
    """What the other mentions of the document resolved to (weighted by confidence)."""

    per_mention: list[tuple[str, str | None, str | None, float, tuple[float, float] | None]]
    folded: list[str] = field(default_factory=list)
    _cache: dict[str, _Evidence] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.folded = [fold(row[0]) for row in self.per_mention]

    @classmethod
    def from_mentions(cls, ms: list[_Mention]) -> _Context:
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
        return cls(rows)

    def excluding(self, i: int) -> _Evidence:
        """Evidence from the other mentions, not counting mentions of the same name (so it is
        the same for all mentions of one name, and computed once per name)."""
        fq = self.folded[i]
        hit = self._cache.get(fq)
        if hit is None:
            hit = self._cache[fq] = self._evidence(fq)
        return hit

    def _evidence(self, fq: str) -> _Evidence:
        countries: dict[str, float] = defaultdict(float)
        admin1: set[str] = set()
        points: set[tuple[float, float]] = set()
        total = 0.0
        for j, (_q, country, a1, w, point) in enumerate(self.per_mention):
            if country is None or self.folded[j] == fq:
                continue
            countries[country] += w
            total += w
            if a1 and w >= 0.5:
                admin1.add(a1)
            if point is not None:
                points.add(point)
        return _Evidence(countries, admin1, list(points), total)
