"""'the ministry' after a named ministry is that ministry (``khabar_actors_v2``, rule
``actor.definite-org``), through the real rule pipeline (no classifier)."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from khabar.nlp import rules
from khabar.nlp.annotations import actors_of
from khabar.nlp.pipeline import run

pytestmark = pytest.mark.slow


def _mention(nlp: Language, text: str, said: str) -> tuple[str, str]:
    doc = run(nlp, text, dt.date(2031, 6, 16))
    found = [m for m in actors_of(doc) if doc[m.start : m.end].text == said]
    assert found
    return found[0].name, found[0].rule


def test_the_ministry_is_the_ministry_named_before(nlp_rules: Language) -> None:
    text = (
        "The Foreign Ministry of Ruritania said it would expel two Belgian diplomats. "
        "The ministry also summoned the Belgian ambassador."
    )
    name, rule = _mention(nlp_rules, text, "The ministry")
    assert rule == rules.DEFINITE_ORG and "Foreign Ministry" in name


def test_the_army_after_a_group_named_army_stays_the_state_army(nlp_rules: Language) -> None:
    text = "The Arakan Army said its fighters clashed with the army on Monday."
    assert _mention(nlp_rules, text, "the army")[1] == rules.SECTOR_NOUN
