"""A gerund that is a clause's subject ("fighting broke out between X and Y") takes the
parties its verb puts between, as an event noun does (``roles.occurrence-between``)."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from khabar.nlp import rules
from khabar.nlp.annotations import events_of
from khabar.nlp.pipeline import run

pytestmark = pytest.mark.slow

REFUGEES = (
    "Refugees cross the border\n\n"
    "Aid agencies helped 5,000 refugees who crossed into Thailand on Monday after fighting "
    "broke out between ethnic rebels and state troops in the hills."
)


def test_fighting_that_broke_out_between_two_sides_has_both(nlp_rules: Language) -> None:
    doc = run(nlp_rules, REFUGEES, dt.date(2031, 6, 16))
    fights = [ev for ev in events_of(doc) if doc[ev.trigger_start].lower_ == "fighting"]
    assert fights
    ev = fights[0]
    assert [doc[a.head].text for a in ev.actor] == ["rebels"]
    assert [doc[r.head].text for r in ev.recipient] == ["troops"]
    assert all(a.rule == rules.ROLES_OCCURRENCE for a in ev.actor)
