"""The implied addressee of statements and requests (``nlp/events/role_implied.py``, step 8 of
the story roles, ``khabar_story_roles_v2``) on sentences written by the project, through the
real rule pipeline (no classifier)."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from khabar.nlp import rules
from khabar.nlp.annotations import events_of
from khabar.nlp.pipeline import run

pytestmark = pytest.mark.slow

PUBLISHED = dt.date(2031, 6, 16)


def _whom(nlp: Language, text: str, lemma: str) -> list[tuple[str, str]]:
    doc = run(nlp, text, PUBLISHED)
    found = [e for e in events_of(doc) if doc[e.trigger_start].lemma_.lower() == lemma]
    assert found, [doc[e.trigger_start].text for e in events_of(doc)]
    return [(doc[m.start : m.end].text, m.rule) for m in found[0].recipient]


@pytest.mark.parametrize(
    ("text", "lemma", "whom"),
    [
        (  # the agent of a participle that describes the object
            "The Foreign Ministry of Ruritania strongly condemned the military actions "
            "launched by the Borduria armed forces along the border.",
            "condemn",
            "the Borduria armed forces",
        ),
        (  # the subject of a relative clause on the object
            "The court dismissed the appeal that the Liberal Party lodged.",
            "dismiss",
            "the Liberal Party",
        ),
        (  # after 'against'
            "Two countries voted against the plan drafted by the United States.",
            "vote",
            "the United States",
        ),
    ],
)
def test_a_statement_answers_the_author_of_its_object(
    nlp_rules: Language, text: str, lemma: str, whom: str
) -> None:
    assert _whom(nlp_rules, text, lemma) == [(whom, rules.ROLES_OBJECT_AUTHOR)]


def test_a_named_object_is_not_replaced_by_its_author(nlp_rules: Language) -> None:
    got = _whom(
        nlp_rules,
        "The Supreme Court of Ruritania rejected a challenge by the opposition parties.",
        "reject",
    )
    assert got and all(rule != rules.ROLES_OBJECT_AUTHOR for _, rule in got)


def test_whoever_acts_at_a_request_is_its_recipient(nlp_rules: Language) -> None:
    got = _whom(
        nlp_rules,
        "At the request of Ruritanian authorities, the United Nations is providing shelter "
        "to refugees.",
        "request",
    )
    assert got == [("the United Nations", rules.ROLES_REQUEST_ADDRESSEE)]


def test_a_violent_act_takes_no_author(nlp_rules: Language) -> None:
    got = _whom(
        nlp_rules,
        "Gunmen attacked the convoy organised by the Ruritanian Red Cross on Monday.",
        "attack",
    )
    assert all(rule != rules.ROLES_OBJECT_AUTHOR for _, rule in got)


@pytest.mark.parametrize(
    ("text", "whom"),
    [
        (
            "Ankara warned on Monday that it would suspend talks with the European Union if "
            "the tariffs were imposed.",
            "the European Union",
        ),
        (
            "Moscow warned that it would retaliate against NATO if the troops were deployed.",
            "NATO",
        ),
    ],
)
def test_a_threat_is_made_to_whom_its_act_would_be_done(
    nlp_rules: Language, text: str, whom: str
) -> None:
    assert _whom(nlp_rules, text, "warn") == [(whom, rules.ROLES_THREAT_TARGET)]


def test_a_threat_that_names_no_party_has_no_recipient(nlp_rules: Language) -> None:
    assert _whom(nlp_rules, "The president warned that his government would act.", "warn") == []


def test_a_reaction_answers_the_other_side_of_the_story(nlp_rules: Language) -> None:
    got = _whom(
        nlp_rules,
        "The army shelled rebel positions near the border on Monday. The rebels rejected the "
        "ceasefire on Tuesday.",
        "reject",
    )
    assert got == [("The army", rules.ROLES_COUNTERPART)]


def test_the_other_side_is_looked_for_only_a_few_sentences_back(nlp_rules: Language) -> None:
    got = _whom(
        nlp_rules,
        "The army shelled rebel positions near the border on Monday. The weather was fine. "
        "Traffic was heavy. Schools were open. Shops were closed. The rebels rejected the "
        "ceasefire on Tuesday.",
        "reject",
    )
    assert got == []


def test_insisting_on_ones_own_demand_addresses_no_one(nlp_rules: Language) -> None:
    got = _whom(
        nlp_rules,
        "The Northern Front insisted on its demands that the government grant the north more "
        "rights.",
        "demand",
    )
    assert all(rule != rules.ROLES_REQUEST_ADDRESSEE for _, rule in got)


def test_a_threat_against_a_partys_acts_is_made_to_their_author(nlp_rules: Language) -> None:
    got = _whom(
        nlp_rules,
        "The president of Ruritania warned that his government would take firm action "
        "against repeated attacks by the Borduria coast guard.",
        "warn",
    )
    assert got and got[0][1] == rules.ROLES_THREAT_TARGET
    assert "Borduria" in got[0][0]


def test_the_author_of_a_threatened_act_may_be_named_through_its_members(
    nlp_rules: Language,
) -> None:
    got = _whom(
        nlp_rules,
        "The governor warned that the province would take firm action against repeated attacks by "
        "members of the Northern Liberation Front.",
        "warn",
    )
    assert got and got[0][1] == rules.ROLES_THREAT_TARGET
    assert "Northern Liberation Front" in got[0][0]
