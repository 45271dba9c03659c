"""The speaker of a quote as the actor of its 'we' (``nlp/events/role_speaker.py``, step 10
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


def _actors(nlp: Language, text: str, lemma: str) -> list[tuple[str, str]]:
    doc = run(nlp, text, PUBLISHED)
    found = [e for e in events_of(doc) if doc[e.trigger_start].lemma_.lower() == lemma]
    assert found, [doc[e.trigger_start].text for e in events_of(doc)]
    return [(m.name, m.rule) for m in found[0].actor]


def test_we_in_a_quote_attributed_in_its_sentence_is_the_speaker(nlp_rules: Language) -> None:
    story = (
        "The Ruritanian Red Cross appealed for help on Monday.\n"
        "We urgently need 20 million dollars to feed the displaced families in the north, "
        "the Ruritanian Red Cross detailed."
    )
    got = _actors(nlp_rules, story, "need")
    assert got and got[0][1] == rules.ROLES_QUOTED_SPEAKER
    assert "Red Cross" in got[0][0]


def test_the_speaker_of_a_quote_that_closes_in_the_next_sentence(nlp_rules: Language) -> None:
    story = (
        "Borduria's coast guard blocked two Ruritanian fishing boats on Sunday.\n"
        '"We demand that Ruritania withdraw its fishing fleet from the islands. Our ships stay '
        'ready to defend the islands," coast guard spokesman Karl Brenner added.'
    )
    got = _actors(nlp_rules, story, "demand")
    assert got == [("Karl Brenner", rules.ROLES_QUOTED_SPEAKER)]


def test_no_speaker_across_a_paragraph_break(nlp_rules: Language) -> None:
    story = (
        "Borduria's coast guard blocked two Ruritanian fishing boats on Sunday.\n"
        '"We demand that Ruritania withdraw its fishing fleet from the islands."\n'
        '"Our ships stay ready to defend the islands," coast guard spokesman Karl Brenner said.'
    )
    got = _actors(nlp_rules, story, "demand")
    assert all(rule != rules.ROLES_QUOTED_SPEAKER for _, rule in got)
