"""The word tables of the rules: one typed loader, every declared table exists."""

from __future__ import annotations

import importlib
import pkgutil

import pytest

import khabar.nlp
from khabar.errors import KhabarError
from khabar.nlp.lexicon import load_trigger_lexicon
from khabar.nlp.words import (
    DECLARED,
    QuadTypes,
    WordMap,
    WordSet,
    load_word_file,
    word_file_names,
)
from khabar.ontology.plover import load_ontology


def _import_all_nlp_modules() -> None:
    for info in pkgutil.walk_packages(khabar.nlp.__path__, "khabar.nlp."):
        importlib.import_module(info.name)


@pytest.mark.parametrize("name", word_file_names())
def test_every_word_file_loads(name: str) -> None:
    table = load_word_file(name)
    assert table.sets or table.maps
    for key, words in table.sets.items():
        assert words, f"{name}.{key} is empty"


def test_every_declared_table_names_one_that_exists() -> None:
    _import_all_nlp_modules()
    assert DECLARED
    for view in DECLARED:
        assert len(view) > 0, view


@pytest.mark.parametrize(
    ("file", "inventory"),
    [("reporting", ("verbs", "speech_words")), ("syntax", ("clause_links", "subjects", "objects"))],
)
def test_each_rule_reads_a_subset_of_the_one_inventory(
    file: str, inventory: tuple[str, ...]
) -> None:
    sets = load_word_file(file).sets
    allowed = frozenset().union(*(sets[key] for key in inventory))
    for use, words in sets.items():
        assert words <= allowed, f"{file}.{use}: {sorted(words - allowed)} not in the inventory"


def test_the_event_rules_read_the_one_reporting_verb_list() -> None:
    assert load_trigger_lexicon().reporting_verbs == load_word_file("reporting").sets["events"]


def test_a_word_set_behaves_as_a_frozenset() -> None:
    view = WordSet("reporting", "references")
    words = load_word_file("reporting").sets["references"]
    assert "say" in view and "shout" not in view
    assert set(view) == words and len(view) == len(words)
    assert view | {"shout"} == words | {"shout"}
    assert {"say", "shout"} & view == {"say"}


@pytest.mark.parametrize(
    ("kind", "file", "key", "message"),
    [
        (WordSet, "reporting", "nonexistent", "no set 'nonexistent'"),
        (WordMap, "reporting", "nonexistent", "no map 'nonexistent'"),
        (WordSet, "no-such-file", "verbs", "no packaged word file"),
    ],
)
def test_a_missing_table_is_a_clear_error(
    kind: type[WordSet | WordMap], file: str, key: str, message: str
) -> None:
    view = kind(file, key)
    DECLARED[:] = [v for v in DECLARED if v is not view]  # not a table of the rules
    with pytest.raises(KhabarError, match=message):
        len(view)


@pytest.mark.parametrize(
    ("quads", "less"),
    [
        (("verbal_cooperation", "verbal_conflict"), ()),
        (("verbal_conflict", "material_conflict"), ("REQUEST", "THREATEN")),
    ],
)
def test_a_type_group_is_read_from_the_ontology_quads(
    quads: tuple[str, ...], less: tuple[str, ...]
) -> None:
    group = QuadTypes(*quads, less=less)
    types = load_ontology().types
    assert set(group) == {t for t, spec in types.items() if spec.quad in quads} - set(less)
    assert not set(less) & group


def test_an_unknown_quad_is_a_clear_error() -> None:
    group = QuadTypes("verbal_discord")
    DECLARED[:] = [v for v in DECLARED if v is not group]  # not a table of the rules
    with pytest.raises(KhabarError, match="no quad class 'verbal_discord'"):
        len(group)
