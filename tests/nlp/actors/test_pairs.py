"""Two parties under one noun phrase (``khabar_actors_v3``): coordinated demonyms on one head
noun (``actor.joint-modifiers``) and "the two countries" / "both sides" after two named parties
(``actor.both-parties``), through the real rule pipeline (no classifier)."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from khabar.nlp import rules
from khabar.nlp.annotations import ActorMention, actors_of, events_of
from khabar.nlp.pipeline import run

pytestmark = pytest.mark.slow

JOINT_FORCES = (
    "Border town retaken from rebels\n\n"
    "Kenyan and Ugandan troops have recaptured the border town of Lokichar from rebels, "
    "the Kenyan army said on Sunday.\n\n"
    "The rebels had held the town since March."
)

TWO_COUNTRIES = (
    "Chile and Norway sign fisheries pact\n\n"
    "Chilean President Gabriel Boric visited Norway on Monday and held talks with Norwegian "
    "Prime Minister Jonas Gahr Store in Oslo.\n\n"
    "The two countries signed an agreement on fisheries on Tuesday, officials said."
)

ONE_COUNTRY = (
    "Minister visits Chile\n\n"
    "A trade minister visited Chile on Monday.\n\n"
    "The two countries signed an agreement on fisheries on Tuesday, officials said."
)


def _doc(nlp: Language, text: str) -> Doc:
    return run(nlp, text, dt.date(2031, 6, 16))


def _mention(doc: Doc, said: str) -> ActorMention:
    found = [m for m in actors_of(doc) if doc[m.start : m.end].text == said]
    assert found, [doc[m.start : m.end].text for m in actors_of(doc)]
    return found[0]


def test_coordinated_demonyms_name_one_party_each(nlp_rules: Language) -> None:
    doc = _doc(nlp_rules, JOINT_FORCES)
    m = _mention(doc, "Kenyan and Ugandan troops")
    assert m.country == "KEN"
    assert [(p.country, p.rule) for p in m.partners] == [("UGA", rules.JOINT_MODIFIERS)]
    assert "Uganda" in m.partners[0].name


def test_coordinated_demonyms_give_one_event_per_party(nlp_rules: Language) -> None:
    doc = _doc(nlp_rules, JOINT_FORCES)
    actors = {
        a.country
        for ev in events_of(doc)
        if "recaptured" in doc[ev.trigger_start : ev.trigger_end].text
        for a in ev.actor
    }
    assert {"KEN", "UGA"} <= actors


def test_a_single_demonym_has_no_partner(nlp_rules: Language) -> None:
    doc = _doc(nlp_rules, JOINT_FORCES)
    assert _mention(doc, "the Kenyan army").partners == []


def test_the_two_countries_are_the_two_states_named_before(nlp_rules: Language) -> None:
    doc = _doc(nlp_rules, TWO_COUNTRIES)
    m = _mention(doc, "The two countries")
    assert m.rule == rules.BOTH_PARTIES
    assert {m.country, *(p.country for p in m.partners)} == {"CHL", "NOR"}
    assert all(x.name.startswith("Government of") for x in (m, *m.partners))


def test_the_two_countries_act_towards_each_other(nlp_rules: Language) -> None:
    doc = _doc(nlp_rules, TWO_COUNTRIES)
    pairs = {
        (a.country, r.country)
        for ev in events_of(doc)
        if "signed" in doc[ev.trigger_start : ev.trigger_end].text
        for a in ev.actor
        for r in ev.recipient
    }
    assert pairs, "the agreement has an actor and a recipient"
    assert pairs <= {("CHL", "NOR"), ("NOR", "CHL")}


def test_one_named_state_is_no_pair(nlp_rules: Language) -> None:
    doc = _doc(nlp_rules, ONE_COUNTRY)
    found = [m for m in actors_of(doc) if doc[m.start : m.end].text == "The two countries"]
    assert all(m.rule != rules.BOTH_PARTIES and not m.partners for m in found)


TALKS = (
    "Chile and Norway hold talks\n\n"
    "Chile and Norway opened talks in Oslo on Monday. Chilean President Gabriel Boric met "
    "Norwegian Prime Minister Jonas Gahr Store and the speaker of parliament.\n\n"
    "The two sides discussed fisheries and trade, officials said."
)


def test_the_two_sides_of_talks_are_the_states_not_the_last_people(nlp_rules: Language) -> None:
    doc = _doc(nlp_rules, TALKS)
    m = _mention(doc, "The two sides")
    assert m.rule == rules.BOTH_PARTIES
    assert {m.country, *(p.country for p in m.partners)} == {"CHL", "NOR"}
    assert all(x.name.startswith("Government of") for x in (m, *m.partners))
