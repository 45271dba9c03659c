"""Typed access to the packaged lexicons (triggers, actor knowledge, nominal sectors)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict

from khabar.errors import KhabarError
from khabar.nlp.words import WordSet, load_word_file


@dataclass(frozen=True)
class TriggerSense:
    """What a trigger means: a PLOVER type, optional mode and context."""

    type: str
    mode: str | None = None
    context: tuple[str, ...] = ()

    @classmethod
    def parse(cls, spec: str) -> TriggerSense:
        body, _, ctx = spec.partition("@")
        type_, _, mode = body.partition("/")
        return cls(type=type_.strip(), mode=mode.strip() or None, context=(ctx,) if ctx else ())


@dataclass(frozen=True)
class TriggerLexicon:
    verbs: dict[str, TriggerSense]
    verb_particles: dict[tuple[str, str], TriggerSense]
    verb_objects: dict[tuple[str, str], TriggerSense]
    nouns: dict[str, TriggerSense]
    noun_compounds: dict[tuple[str, str], TriggerSense]
    light_verbs: frozenset[str]
    occurrence_verbs: frozenset[str]
    reporting_verbs: frozenset[str]
    terminators: frozenset[str] = frozenset()
    suppressors: frozenset[str] = frozenset()
    non_party_objects: frozenset[str] = frozenset()
    figurative_modifiers: frozenset[str] = frozenset()
    named_by_event_noun: frozenset[str] = frozenset()
    particle_complements: dict[tuple[str, str], frozenset[str]] = field(default_factory=dict)
    not_event_complements: dict[str, frozenset[str]] = field(default_factory=dict)
    intransitive_only: frozenset[str] = frozenset()
    termination: dict[str, TriggerSense] = field(default_factory=dict)
    transitive_only: frozenset[str] = frozenset()
    armed_retreat_verbs: frozenset[str] = frozenset()
    situation_nouns: frozenset[str] = frozenset()
    habitual_adverbs: frozenset[str] = frozenset()
    judging_verbs: frozenset[str] = frozenset()


@dataclass(frozen=True)
class KnownActor:
    name: str
    aliases: tuple[str, ...]
    kind: str
    country: str | None
    sector: str | None


@dataclass(frozen=True)
class ActorLexicon:
    actors: tuple[KnownActor, ...]
    by_alias: dict[str, KnownActor]
    sector_by_lemma: dict[str, str]
    party_plurals: dict[str, str]  # "Democrats" -> "Democratic"
    loaded_terms: frozenset[str]
    anaphoric_nouns: frozenset[str]
    titles: frozenset[str] = field(default_factory=frozenset)


def _read_yaml(name: str) -> dict[str, object]:
    text = resources.files("khabar.nlp").joinpath(f"data/{name}").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise KhabarError(f"packaged lexicon {name} is malformed")
    return data


def _pairs(raw: dict[str, str]) -> dict[tuple[str, str], TriggerSense]:
    out: dict[tuple[str, str], TriggerSense] = {}
    for key, spec in raw.items():
        head, _, rest = key.partition(" ")
        out[(head, rest)] = TriggerSense.parse(spec)
    return out


def trigger_tables() -> dict[str, object]:
    """The packaged trigger tables (what a saved event stage stores): ``data/triggers.yaml``
    and the reporting verbs the event rules read from the one list (``words/reporting.yaml``)."""
    tables = _read_yaml("triggers.yaml")
    tables["reporting_verbs"] = sorted(load_word_file("reporting").sets["events"])
    return tables


@lru_cache(maxsize=1)
def load_trigger_lexicon() -> TriggerLexicon:
    return trigger_lexicon_from(trigger_tables())


def trigger_lexicon_from(raw: Mapping[str, object]) -> TriggerLexicon:
    """The typed trigger lexicon built from its tables."""

    def table(key: str) -> dict[str, str]:
        value = raw.get(key) or {}
        assert isinstance(value, dict)
        return {str(k): str(v) for k, v in value.items()}

    def words(key: str) -> frozenset[str]:
        value = raw.get(key) or []
        assert isinstance(value, list)
        return frozenset(str(v) for v in value)

    compounds = {}
    for key, spec in table("noun_compounds").items():
        mod, _, head = key.rpartition(" ")
        compounds[(mod, head)] = TriggerSense.parse(spec)
    return TriggerLexicon(
        verbs={k: TriggerSense.parse(v) for k, v in table("verbs").items()},
        verb_particles=_pairs(table("verb_particles")),
        verb_objects=_pairs(table("verb_objects")),
        nouns={k: TriggerSense.parse(v) for k, v in table("nouns").items()},
        noun_compounds=compounds,
        light_verbs=words("light_verbs"),
        occurrence_verbs=words("occurrence_verbs"),
        reporting_verbs=words("reporting_verbs"),
        terminators=words("terminators"),
        suppressors=words("suppressors"),
        non_party_objects=words("non_party_objects"),
        figurative_modifiers=words("figurative_modifiers"),
        named_by_event_noun=words("named_by_event_noun"),
        particle_complements={
            (verb, particle): frozenset(v)
            for key, v in _lists(raw, "particle_complements").items()
            for verb, _, particle in [key.partition(" ")]
        },
        intransitive_only=words("intransitive_only"),
        termination={k: TriggerSense.parse(v) for k, v in table("termination").items()},
        transitive_only=words("transitive_only"),
        armed_retreat_verbs=words("armed_retreat_verbs"),
        situation_nouns=words("situation_nouns"),
        habitual_adverbs=words("habitual_adverbs"),
        judging_verbs=words("judging_verbs"),
        not_event_complements={
            k: frozenset(v) for k, v in _lists(raw, "not_event_complements").items()
        },
    )


def _lists(raw: Mapping[str, object], key: str) -> dict[str, list[str]]:
    value = raw.get(key) or {}
    if not isinstance(value, dict) or not all(isinstance(v, list) for v in value.values()):
        raise KhabarError(f"packaged lexicon: {key} must map phrases to lists of words")
    return {str(k): [str(w) for w in v] for k, v in value.items()}


TITLES = WordSet("actors", "titles")


def _user_actor_files(extra: list[Path] | None) -> list[Path]:
    files = list(extra or [])
    env = os.environ.get("KHABAR_ACTORS")
    if env:
        files.extend(Path(p) for p in env.split(os.pathsep) if p)
    return files


def _parse_actor_entries(data: dict[str, object], origin: str) -> list[KnownActor]:
    entries = data.get("actors")
    if not isinstance(entries, list):
        raise KhabarError(f"{origin}: an actor file needs a top-level 'actors' list")
    out = []
    for i, item in enumerate(entries):
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            raise KhabarError(f"{origin}: actor #{i + 1} needs at least a 'name' string")
        aliases = [str(a) for a in (item.get("aliases") or [])] or [item["name"]]
        out.append(
            KnownActor(
                name=item["name"],
                aliases=tuple(aliases),
                kind=str(item.get("kind") or "ORG"),
                country=item.get("country") or None,
                sector=item.get("sector") or None,
            )
        )
    return out


class ActorTables(BaseModel):
    """The tables an actor lexicon is built from: every actor entry (packaged, then the
    user's files) and the nominal sector tables (``data/nominals.yaml``). This is what a saved
    actor stage stores."""

    model_config = ConfigDict(frozen=True)

    actors: tuple[KnownActor, ...]
    nominals: dict[str, Any]


def load_actor_lexicon(extra_files: list[Path] | None = None) -> ActorLexicon:
    """Packaged actor knowledge plus the user's files (later files override earlier aliases)."""
    return _load_actor_lexicon(tuple(_user_actor_files(extra_files)))


def load_actor_tables(extra_files: list[Path] | None = None) -> ActorTables:
    """The actor tables: packaged actors, then the user's files, and the nominal tables."""
    return _load_actor_tables(tuple(_user_actor_files(extra_files)))


@lru_cache(maxsize=4)
def _load_actor_lexicon(extra: tuple[Path, ...]) -> ActorLexicon:
    return actor_lexicon_from(_load_actor_tables(extra))


@lru_cache(maxsize=4)
def _load_actor_tables(extra: tuple[Path, ...]) -> ActorTables:
    actors = _parse_actor_entries(_read_yaml("actors.yaml"), "packaged actors.yaml")
    for path in extra:
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise KhabarError(f"{path}: cannot read actor file ({exc})") from None
        if not isinstance(data, dict):
            raise KhabarError(f"{path}: an actor file must be a mapping with an 'actors' list")
        actors.extend(_parse_actor_entries(data, str(path)))
    return ActorTables(actors=tuple(actors), nominals=_read_yaml("nominals.yaml"))


def actor_lexicon_from(tables: ActorTables) -> ActorLexicon:
    """The typed actor lexicon built from its tables."""
    actors = list(tables.actors)
    by_alias: dict[str, KnownActor] = {}
    for actor in actors:
        for alias in (*actor.aliases, actor.name):
            by_alias[alias] = actor
    nominals = tables.nominals
    sector_by_lemma: dict[str, str] = {}
    sectors = nominals.get("sectors")
    assert isinstance(sectors, dict)
    for sector, lemmas in sectors.items():
        for lemma in lemmas:
            sector_by_lemma.setdefault(str(lemma).lower(), str(sector))
    party_plurals: dict[str, str] = {}
    parties = nominals.get("party_adjectives")
    assert isinstance(parties, dict)
    for adj, plurals in parties.items():
        for plural in plurals:
            party_plurals[str(plural)] = str(adj)
    loaded = nominals.get("loaded_terms") or []
    anaphoric = nominals.get("anaphoric_sector_nouns") or []
    assert isinstance(loaded, list) and isinstance(anaphoric, list)
    return ActorLexicon(
        actors=tuple(actors),
        by_alias=by_alias,
        sector_by_lemma=sector_by_lemma,
        party_plurals=party_plurals,
        loaded_terms=frozenset(str(t).lower() for t in loaded),
        anaphoric_nouns=frozenset(str(t).lower() for t in anaphoric),
        titles=frozenset(TITLES),
    )
