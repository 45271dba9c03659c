"""Trigger rules (``khabar.nlp.events.triggers``) on hand-built dependency trees.

Expected senses are looked up in the packaged lexicon, so a case checks which rule fires and
which tokens it takes, not a copy of the lexicon.
"""

from __future__ import annotations

import pytest

from khabar.nlp import rules
from khabar.nlp.events.triggers import (
    is_content_of_speech_act,
    salience,
    sense_for_noun,
    sense_for_verb,
)
from khabar.nlp.lexicon import TriggerSense, load_trigger_lexicon
from khabar.nlp.scoring import load_scoring
from tests.nlp.handmade import make_doc

LEX = load_trigger_lexicon()

# Rows: (word, head, dep, POS, lemma).
TROOPS_OPENED_FIRE = [
    ("Troops", 1, "nsubj", "NOUN", "troop"),
    ("opened", 1, "ROOT", "VERB", "open"),
    ("fire", 1, "dobj", "NOUN", "fire"),
]
CRACKED_DOWN = [
    ("Police", 1, "nsubj", "NOUN", "police"),
    ("cracked", 1, "ROOT", "VERB", "crack"),
    ("down", 1, "prt", "ADP", "down"),
]
DONORS_HALTED_AID = [
    ("Donors", 1, "nsubj", "NOUN", "donor"),
    ("halted", 1, "ROOT", "VERB", "halt"),
    ("aid", 1, "dobj", "NOUN", "aid"),
]
ENVOYS_MET = [
    ("Envoys", 1, "nsubj", "NOUN", "envoy"),
    ("met", 1, "ROOT", "VERB", "meet"),
]
THEY_PAINTED_DOORS = [
    ("They", 1, "nsubj", "PRON", "they"),
    ("painted", 1, "ROOT", "VERB", "paint"),
    ("doors", 1, "dobj", "NOUN", "door"),
]


def _sense(kind: str, key: object) -> TriggerSense:
    table: dict[object, TriggerSense] = getattr(LEX, kind)
    return table[key]


@pytest.mark.parametrize(
    ("rows", "at", "expected", "tokens", "rule"),
    [
        (TROOPS_OPENED_FIRE, 1, ("verb_objects", ("open", "fire")), [1, 2], rules.VERB_OBJECT),
        (
            CRACKED_DOWN,
            1,
            ("verb_particles", ("crack", "down")),
            [1, 2],
            rules.VERB_PARTICLE,
        ),
        (DONORS_HALTED_AID, 1, ("termination", "AID"), [1, 2], rules.TERMINATION),
        (ENVOYS_MET, 1, ("verbs", "meet"), [1], rules.VERB),
        (THEY_PAINTED_DOORS, 1, None, None, None),  # a verb in no table
    ],
)
def test_verb_trigger_rules(
    rows: list[tuple[str, int, str, str, str]],
    at: int,
    expected: tuple[str, object] | None,
    tokens: list[int] | None,
    rule: str | None,
) -> None:
    found = sense_for_verb(make_doc(rows)[at], LEX)
    if expected is None:
        assert found is None
        return
    assert found is not None
    sense, trigger_tokens, _how, rule_id = found
    assert sense == _sense(*expected)
    assert trigger_tokens == tokens
    assert rule_id == rule


def test_a_reporting_verb_is_never_a_verb_trigger() -> None:
    assert "say" in LEX.reporting_verbs
    assert "say" not in LEX.verbs


@pytest.mark.parametrize(
    ("rows", "at", "expected"),
    [
        # a hunger strike: the compound wins over the head noun alone
        (
            [("a", 2, "det", "DET", "a"), ("hunger", 2, "compound", "NOUN", "hunger"),
             ("strike", 2, "ROOT", "NOUN", "strike")],
            2,
            ("noun_compounds", ("hunger", "strike")),
        ),
        ([("the", 1, "det", "DET", "the"), ("protest", 1, "ROOT", "NOUN", "protest")], 1,
         ("nouns", "protest")),
        ([("the", 1, "det", "DET", "the"), ("table", 1, "ROOT", "NOUN", "table")], 1, None),
    ],
)  # fmt: skip
def test_noun_trigger_rules(
    rows: list[tuple[str, int, str, str, str]], at: int, expected: tuple[str, object] | None
) -> None:
    found = sense_for_noun(make_doc(rows)[at], LEX)
    if expected is None:
        assert found is None
    else:
        assert found is not None and found[0] == _sense(*expected)


ASKED_TO_SUPPLY = [
    ("Kyiv", 1, "nsubj", "PROPN", "Kyiv"),
    ("asked", 1, "ROOT", "VERB", "ask"),
    ("partners", 1, "dobj", "NOUN", "partner"),
    ("to", 4, "aux", "PART", "to"),
    ("supply", 1, "xcomp", "VERB", "supply"),
    ("weapons", 4, "dobj", "NOUN", "weapon"),
]
PROMISED_TO_MEET = [
    ("Leaders", 1, "nsubj", "NOUN", "leader"),
    ("hoped", 1, "ROOT", "VERB", "hope"),
    ("to", 3, "aux", "PART", "to"),
    ("meet", 1, "xcomp", "VERB", "meet"),
]


@pytest.mark.parametrize(
    ("rows", "at", "content"),
    [
        (ASKED_TO_SUPPLY, 4, True),  # what was asked for is no event of its own
        (ASKED_TO_SUPPLY, 1, False),  # the request itself is
        (PROMISED_TO_MEET, 3, False),  # 'hope' is no speech act with content
    ],
)
def test_content_of_a_speech_act(
    rows: list[tuple[str, int, str, str, str]], at: int, content: bool
) -> None:
    assert is_content_of_speech_act(make_doc(rows)[at], LEX) is content


SAID_TROOPS_ATTACKED = [
    ("Officials", 1, "nsubj", "NOUN", "official"),
    ("said", 1, "ROOT", "VERB", "say"),
    ("troops", 3, "nsubj", "NOUN", "troop"),
    ("attacked", 1, "ccomp", "VERB", "attack"),
    ("and", 3, "cc", "CCONJ", "and"),
    ("burned", 3, "conj", "VERB", "burn"),
    ("homes", 5, "dobj", "NOUN", "home"),
]


@pytest.mark.parametrize(
    ("rows", "at", "weight"),
    [
        (SAID_TROOPS_ATTACKED, 1, "root"),
        (SAID_TROOPS_ATTACKED, 3, "reported"),  # under a reporting verb: the news
        (SAID_TROOPS_ATTACKED, 5, "other"),  # conjoined with a non-root clause
        (PROMISED_TO_MEET, 3, "open_complement"),
        (ENVOYS_MET, 0, "root_argument"),
    ],
)
def test_salience_by_place_in_the_parse(
    rows: list[tuple[str, int, str, str, str]], at: int, weight: str
) -> None:
    weights = load_scoring().salience
    assert salience(make_doc(rows)[at], LEX) == getattr(weights, weight)
