"""Armed bodies named by the party they serve (``actor.allegiance``, ``khabar_actors_v3``),
through the real rule pipeline (no classifier)."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from khabar.nlp import rules
from khabar.nlp.annotations import ActorMention, actors_of, events_of
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


RAID_REPELLED = (
    "Army repels raid on base\n\n"
    "KANO (AFP) - Nigerian troops have killed 30 militants who had attacked an army base near "
    "the border on Sunday, a military spokesman said."
)


def test_the_subject_of_a_relative_clause_is_the_noun_it_describes(nlp_rules: Language) -> None:
    doc = _doc(nlp_rules, RAID_REPELLED)
    who = _by_head(doc, "who")
    assert who.rule == rules.RELATIVE_SUBJECT
    assert who.antecedent is not None
    assert doc[who.antecedent[0] : who.antecedent[1]].text == "30 militants"


def test_the_attack_told_in_the_relative_clause_has_its_attacker(nlp_rules: Language) -> None:
    doc = _doc(nlp_rules, RAID_REPELLED)
    attackers = [
        ev.actor
        for ev in events_of(doc)
        if doc[ev.trigger_start : ev.trigger_end].text == "attacked"
    ]
    assert attackers and attackers[0] and attackers[0][0].rule == rules.RELATIVE_SUBJECT
