"""Entity-ruler patterns from offline data, so rare places and actors get the right label.

The small English model tags 'Panjshir' as ORG or PERSON and 'Dushanbe' as ORG; a ruler run
before ``ner`` with names from the gazetteer and the actor knowledge base fixes that.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from khabar.geo.countries import CountryTable
from khabar.nlp.lexicon import ActorLexicon

KIND_LABELS = {"PERSON": "PERSON", "ORG": "ORG", "GROUP": "ORG"}
#: Capitalised words that are also place or actor names but far more often something else.
AMBIGUOUS = {
    "Of",
    "The",
    "Can",
    "May",
    "June",
    "August",
    "Mobile",
    "Split",
    "Nice",
    "Reading",
    "Most",
    "Male",
    "Bath",
    "Police",
    "Union",
    "Independence",
    "Victoria",
    "Georgia",
    "Jordan",
    "Chad",
    "IS",
    "PA",
    "WHO",
    "AU",
    "US",
    "UN",
    "SCO",
    "NRF",
    "RSF",
    "DPT",
}


@dataclass(frozen=True)
class RulerName:
    text: str
    label: str  # a spaCy entity label: GPE, LOC, NORP, ORG, PERSON


def actor_names(lexicon: ActorLexicon) -> list[RulerName]:
    out = []
    for actor in lexicon.actors:
        label = KIND_LABELS.get(actor.kind, "ORG")
        for alias in (actor.name, *actor.aliases):
            if alias.isupper() and len(alias) <= 3 and alias in AMBIGUOUS:
                continue
            out.append(RulerName(alias, label))
    return out


def country_names(countries: CountryTable) -> list[RulerName]:
    out = []
    for c in countries.countries.values():
        for name in {c.name, *c.aliases}:
            if name in AMBIGUOUS or not name[:1].isupper() or len(name) < 4:
                continue
            out.append(RulerName(name, "GPE"))
        for dem in c.demonyms:
            if dem[:1].isupper() and dem not in AMBIGUOUS:
                out.append(RulerName(dem, "NORP"))
    return out


def patterns(names: Iterable[RulerName]) -> list[dict[str, object]]:
    """spaCy EntityRuler phrase patterns; actor names win over places on the same text."""
    seen: dict[str, str] = {}
    for n in names:
        if n.text and n.text not in seen:
            seen[n.text] = n.label
    return [{"label": label, "pattern": text} for text, label in seen.items()]
