"""A place named inside a longer name: "Dubai World Cup", "University of Alberta", "Bank of
Mexico", "Mexican Senate", "Walker County Sheriff's Office".

News names institutions, events and teams after their place; a mention that no gazetteer
entry is named as a whole often carries a place name at its start or end, and the place it
stands for is most often that one. :func:`embedded_names` gives the spans to look up (longest
first); :func:`lookup_embedded` keeps a span only if the entity ruler would tag it as a place
(``khabar.geo.names.is_safe_name``: no everyday word such as "University" or "South", no
common personal name for a town) and only the entries named exactly so — an area, or a city of
at least ``min_population`` (the ruler's own threshold). A feature's name ("Sacramento River")
stands for its town or county only (it lies by them, but far from a state's or country's
point), a street's name ("Hampton Avenue") for nothing, and a name that starts with a word
for a settlement ("Puerto", "Fort") is a town's own name, not one named after the place the
rest of it names. The resolver marks such a pick (rule ``embedded-name``), which lowers its score.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from khabar.geo.countries import CountryTable, fold
from khabar.geo.entry import GazetteerEntry
from khabar.geo.index import GazetteerIndex
from khabar.geo.names import is_safe_name
from khabar.geo.sources import load_words

#: Kinds of place that are notable whatever their population.
_AREAS = frozenset({"continent", "region", "country", "admin1", "admin2"})
#: Words that never start or end a place name inside a longer name.
_GLUE = frozenset({"of", "the", "and", "for", "de", "la", "le", "del", "du", "des", "on", "at"})
_COMPASS = frozenset(
    [
        "north",
        "south",
        "east",
        "west",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "central",
        "centre",
        "center",
    ]
)
_TOKEN = re.compile(r"[^\s/]+")
_EDGE = re.compile(r"^[^\w]+|[^\w.]+$")
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")

Found = tuple[tuple[GazetteerEntry, bool], ...]


def _words(q: str) -> list[str]:
    return [_POSSESSIVE.sub("", _EDGE.sub("", tok)) for tok in _TOKEN.findall(q)]


def _capitalised(word: str) -> bool:
    return bool(word) and word[0].isupper() and word.lower() not in _GLUE


def embedded_names(q: str) -> list[list[str]]:
    """The spans of ``q`` that may name a place, grouped by length, longest first; each starts
    and ends with a capitalised word that is not a glue word, and ``q`` itself is not among
    them: "Bank of Mexico" -> [["Bank", "Mexico"]]; "Dubai World Cup" -> [["Dubai World",
    "World Cup"], ["Dubai", "World", "Cup"]]. None when ``q`` has a street word ("Hampton
    Avenue")."""
    words = _words(q)
    if any(w.lower().rstrip(".") in load_words().street_words for w in words):
        return []
    groups: list[list[str]] = []
    for n in range(len(words) - 1, 0, -1):
        group = []
        for i in range(len(words) - n + 1):
            span = words[i : i + n]
            name = " ".join(span)
            if all(span) and _capitalised(span[0]) and _capitalised(span[-1]) and name not in group:
                group.append(name)
        if group:
            groups.append(group)
    return groups


class _Span:
    """What a span of the name says about the entries named so (computed once per span)."""

    def __init__(self, name: str, countries: CountryTable) -> None:
        self.key = fold(name)
        country = countries.lookup_name(name)
        self.country = country.alpha3 if country is not None else None
        self.compass = all(w in _COMPASS for w in self.key.replace("-", " ").split())
        self.area_safe = is_safe_name(name, "admin1")  # the laxest kind: areas
        self.town_safe = is_safe_name(name, "city")  # no common personal name

    def notable(self, e: GazetteerEntry, min_population: int) -> bool:
        """Whether ``e`` is the place the span names: an area or a city of at least
        ``min_population`` named exactly so (a country also by one of its names: "US"),
        never a compass point ("South West England": another country's "South West")."""
        if e.kind == "country":
            return self.country == e.country
        if fold(e.name) not in (self.key, self.key + " city") or self.compass:
            return False  # "New York Auto Show": New York City too
        if e.kind in _AREAS:  # a county is safe as a town is (is_safe_name)
            return self.town_safe if e.kind == "admin2" else self.area_safe
        return self.town_safe and e.feature != "postal place" and e.population >= min_population


def lookup_embedded(
    index: GazetteerIndex,
    q: str,
    min_population: int,
    countries: CountryTable,
    demonym: Callable[[str], GazetteerEntry | None],
) -> tuple[str, Found, bool] | None:
    """(the name inside ``q``, its notable entries, whether it is a demonym) for the longest
    spans of ``q`` that name a notable place (the spans of one length compete), else the first
    word of ``q`` that is a demonym ("Mexican Senate"), else None."""
    groups = embedded_names(q)
    words = _words(q)
    # "Puerto X", "Fort X": a town's own name, not named after the place X
    rest = (
        " ".join(words[1:]) if words and fold(words[0]) in load_words().settlement_words else None
    )
    if any(w.lower().rstrip(".") in load_words().feature_words for w in _words(q)):
        local = frozenset({"city", "admin2"})  # "Sacramento River", not "Mississippi River"
    else:
        local = frozenset({"city", "admin2", "admin1", "country", "continent", "region"})
    for group in groups:
        hits: list[tuple[GazetteerEntry, bool]] = []
        names: list[str] = []
        for name in group:
            if name == rest:
                continue
            span = _Span(name, countries)
            if not span.area_safe and span.country is None:
                continue  # no entry could be notable: no lookup
            found = [
                (e, m)
                for e, m in index.lookup(name)
                if e.kind in local and span.notable(e, min_population)
            ]
            if found:
                hits += found
                names.append(name)
        if hits:
            return " / ".join(names), tuple(hits), False
    for word in groups[-1] if groups and len(groups[-1][0].split()) == 1 else []:
        entry = demonym(word) if _capitalised(word) and "country" in local else None
        if entry is not None:
            return word, ((entry, True),), True
    return None
