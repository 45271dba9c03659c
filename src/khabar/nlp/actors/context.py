"""What actor resolution knows besides the Doc: word classes, the lexicon and countries."""

from __future__ import annotations

from dataclasses import dataclass, field

from khabar.geo.countries import CountryTable
from khabar.nlp.lexicon import TITLES, ActorLexicon, KnownActor
from khabar.nlp.words import WordMap, WordSet

SINGULAR_PERSON = WordSet("actors", "singular_person")


PLURAL = WordSet("actors", "plural")


SINGULAR_THING = WordSet("actors", "singular_thing")


QUANTITY_HEADS = WordSet("actors", "quantity_heads")


DEFINITE_COUNTRY_NOUNS = WordSet("actors", "definite_country_nouns")


SECTOR_NAMES = WordMap("actors", "sector_names")


ORG_HEAD_SECTORS = WordMap("actors", "org_head_sectors")


ENTITY_ACTOR_LABELS = WordSet("actors", "entity_actor_labels")


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


MILITARY_TITLES = WordSet("actors", "military_titles")


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


STATE_SECTORS = WordSet("actors", "state_sectors")


#: "the ministry" after a named ministry is that ministry (khabar_actors_v2).
DEFINITE_ORG_HEADS = WordSet("actors", "definite_org_heads")


FIRST_PERSON = WordSet("actors", "first_person")


#: Common nouns for one person, antecedents of 'he'/'she' ("the opposition leader").
PERSON_ROLE_NOUNS = WordSet("actors", "person_role_nouns")
