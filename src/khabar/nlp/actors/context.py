"""What actor resolution knows besides the Doc: word classes, the lexicon and countries."""

from __future__ import annotations

from dataclasses import dataclass, field

from khabar.geo.countries import CountryTable
from khabar.nlp.lexicon import TITLES, ActorLexicon, KnownActor

SINGULAR_PERSON = {"he", "him", "his", "she", "her", "hers", "himself", "herself"}


PLURAL = {"they", "them", "their", "theirs", "themselves"}


SINGULAR_THING = {"it", "its"}


QUANTITY_HEADS = {
    "thousand",
    "hundred",
    "dozen",
    "ten",
    "million",
    "number",
    "some",
    "many",
    "group",
    "lot",
    "most",
    "all",
    "several",
    "crowd",
    "scores",
    "score",
    "handful",
    "majority",
}


DEFINITE_COUNTRY_NOUNS = {"country", "republic", "nation", "state", "kingdom"}


SECTOR_NAMES = {
    "GOV": "Government of {c}",
    "MIL": "Military Forces of {c}",
    "COP": "Police Forces of {c}",
    "LEG": "Legislature of {c}",
    "JUD": "Judiciary of {c}",
}


ORG_HEAD_SECTORS = {
    "party": "PTY",
    "ministry": "GOV",
    "army": "MIL",
    "police": "COP",
    "court": "JUD",
    "parliament": "LEG",
    "movement": "REB",
    "front": "REB",
    "union": "LAB",
    "council": "GOV",
    "forces": "MIL",
    "force": "MIL",
    "guard": "MIL",
    "militia": "REB",
    "brigade": "REB",
    "company": "BUS",
    "bank": "BUS",
    "university": "EDU",
    "church": "REL",
    "agency": "GOV",
}


ENTITY_ACTOR_LABELS = {"PERSON", "ORG", "NORP", "GPE"}


@dataclass
class ActorContext:
    """Everything actor resolution needs besides the Doc itself. ``capitals`` (capital name ->
    country code and name) is built once from ``countries`` when the context is made."""

    lexicon: ActorLexicon
    countries: CountryTable
    capitals: dict[str, tuple[str, str]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.capitals = capital_table(self.countries)


def strip_det(text: str) -> str:
    for det in ("the ", "The "):
        if text.startswith(det):
            return text[len(det) :]
    return text


def known_actor(text: str, ctx: ActorContext) -> KnownActor | None:
    text = text.strip().rstrip("'s").strip()
    return ctx.lexicon.by_alias.get(text) or ctx.lexicon.by_alias.get(strip_det(text))


TITLE_WORDS = TITLES


MILITARY_TITLES = {
    "general",
    "gen.",
    "colonel",
    "col.",
    "commander",
    "lieutenant",
    "major",
    "captain",
    "admiral",
    "marshal",
}


def capital_country(text: str, ctx: ActorContext) -> tuple[str, str] | None:
    """The country whose capital ``text`` names: 'Dushanbe', 'Washington' (for "Washington
    D.C."), 'Kuwait City'."""
    return ctx.capitals.get(text)


def capital_table(countries: CountryTable) -> dict[str, tuple[str, str]]:
    """Capital name -> (country code, country name); the first country of a shared name wins."""
    table: dict[str, tuple[str, str]] = {}
    for c in countries.countries.values():
        for name in _capital_names(c.capital) if c.capital else ():
            table.setdefault(name, (c.alpha3, c.name))
    return table


def _capital_names(capital: str) -> set[str]:
    head = capital.split(",")[0].strip()
    return {capital, head, head.removesuffix(" D.C.").removesuffix(" DC").strip()}


STATE_SECTORS = {"GOV", "MIL", "COP", "LEG", "JUD"}


FIRST_PERSON = {"i", "we", "me", "us", "my", "our", "myself", "ourselves"}


#: Common nouns for one person, antecedents of 'he'/'she' ("the opposition leader").
PERSON_ROLE_NOUNS = {
    "leader", "president", "minister", "premier", "official", "commander", "spokesman",
    "spokeswoman", "spokesperson", "governor", "mayor", "chief", "general", "ambassador",
    "envoy", "king", "queen", "emir", "sultan", "prince", "journalist", "activist", "candidate",
    "lawmaker", "senator", "judge", "prosecutor", "suspect", "soldier", "officer", "cleric",
    "chairman", "chairwoman", "secretary", "diplomat", "politician", "dissident", "blogger",
}  # fmt: skip
