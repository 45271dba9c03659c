"""Armed bodies named by the party they serve (``actor.allegiance``, ``khabar_actors_v3``),
through the real rule pipeline (no classifier)."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from khabar.nlp import rules
from khabar.nlp.annotations import ActorMention, actors_of
from khabar.nlp.pipeline import run

pytestmark = pytest.mark.slow

CAPITAL_CLASHES = (
    "Clashes in the capital\n\n"
    "Clashes broke out in Tripoli on Tuesday between militias loyal to Prime Minister Omar "
    "Haddad and forces of his rival, residents said.\n\n"
    "Militias loyal to the two rival governments have mobilised since May."
)


def _doc(nlp: Language, text: str) -> Doc:
    return run(nlp, text, dt.date(2031, 6, 16))


def _by_head(doc: Doc, head: str, nth: int = 0) -> ActorMention:
    found = [m for m in actors_of(doc) if doc[m.head].text == head]
    assert len(found) > nth, [doc[m.start : m.end].text for m in actors_of(doc)]
    return found[nth]


def test_militias_loyal_to_a_named_leader_are_named_for_him(nlp_rules: Language) -> None:
    doc = _doc(nlp_rules, CAPITAL_CLASHES)
    m = _by_head(doc, "militias")
    assert m.rule == rules.ALLEGIANCE
    assert doc[m.start : m.end].text == "militias loyal to Prime Minister Omar Haddad"
    assert m.name == "Pro-Haddad militias"


def test_the_allegiance_stays_in_the_words_of_an_unnamed_party(nlp_rules: Language) -> None:
    doc = _doc(nlp_rules, CAPITAL_CLASHES)
    m = _by_head(doc, "Militias")
    assert doc[m.start : m.end].text == "Militias loyal to the two rival governments"
    assert m.name == "Militias"


def test_forces_with_no_allegiance_are_unchanged(nlp_rules: Language) -> None:
    doc = _doc(nlp_rules, CAPITAL_CLASHES)
    assert _by_head(doc, "forces").rule != rules.ALLEGIANCE
