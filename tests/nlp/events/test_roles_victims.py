"""Victims described only as people are civilians (``nlp/events/role_victims.py``, step 11
of the story roles, ``khabar_story_roles_v4``) on short stories written by the project,
through the real rule pipeline (no classifier)."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from khabar.nlp import rules
from khabar.nlp.annotations import events_of
from khabar.nlp.pipeline import run

pytestmark = pytest.mark.slow

PUBLISHED = dt.date(2031, 6, 16)


def _whom(nlp: Language, text: str, lemma: str) -> list[tuple[str, str, str]]:
    doc = run(nlp, text, PUBLISHED)
    found = [e for e in events_of(doc) if doc[e.trigger_start].lemma_.lower() == lemma]
    assert found, [doc[e.trigger_start].text for e in events_of(doc)]
    return [(doc[m.start : m.end].text, m.name, m.rule) for m in found[0].recipient]


def test_people_a_violent_act_harmed_are_civilians(nlp_rules: Language) -> None:
    story = (
        "NORTHTOWN, Ruritania (Wire) - Gunmen of the Northern Liberation Front attacked a "
        "market in Northtown on Monday.\nThey killed at least 12 people and abducted four "
        "women, police said."
    )
    for lemma, text in (("kill", "at least 12 people"), ("abduct", "four women")):
        got = _whom(nlp_rules, story, lemma)
        assert (text, "Civilians", rules.ROLES_CIVILIANS) in got


def test_a_party_and_a_protest_crowd_keep_their_names(nlp_rules: Language) -> None:
    story = (
        "Soldiers killed two fighters of the Northern Liberation Front on Monday.\n"
        "Thousands of people marched in the capital on Tuesday to protest the killings."
    )
    doc = run(nlp_rules, story, PUBLISHED)
    names = {m.name for e in events_of(doc) for m in e.recipient + e.actor}
    assert "Civilians" not in names


def test_a_crowd_that_protests_or_is_dispersed_is_protesters(nlp_rules: Language) -> None:
    story = (
        "LUMA, Ruritania (Wire) - Thousands of demonstrators marched on parliament in Luma on "
        "Friday to demand new elections.\nRiot police fired tear gas at the demonstrators "
        "outside the building."
    )
    doc = run(nlp_rules, story, PUBLISHED)
    protest = [e for e in events_of(doc) if e.type == "PROTEST"]
    assert protest and any(
        m.name == "Protesters" and m.rule == rules.ROLES_PROTESTERS_NAMED for m in protest[0].actor
    )
    harmed = [m for e in events_of(doc) if e.type == "ASSAULT" for m in e.recipient]
    assert any(m.name == "Protesters" for m in harmed), [(m.name, m.rule) for m in harmed]
