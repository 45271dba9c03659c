"""Acronyms the story defines (``khabar.nlp.actors.acronyms``, rule ``actor.story-acronym``),
on short stories written by the project, through the real rule pipeline (no classifier)."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from khabar.nlp import rules
from khabar.nlp.actors.acronyms import apply_story_acronyms
from khabar.nlp.annotations import actors_of
from khabar.nlp.pipeline import run

pytestmark = pytest.mark.slow

PUBLISHED = dt.date(2031, 6, 16)


def _named(nlp: Language, text: str, word: str) -> list[tuple[str, str]]:
    """(name, rule) of each mention whose text ends with ``word``, but the definition."""
    doc = run(nlp, text, PUBLISHED)
    found = [m for m in actors_of(doc) if doc[m.start : m.end].text.endswith(word)]
    return [(m.name, m.rule) for m in found if "(" not in doc[m.start : m.end].text]


@pytest.mark.parametrize(
    ("text", "word", "name"),
    [
        (  # an acronym the knowledge base gives to another organisation
            "Fighting broke out between the army and the paramilitary Rapid Support Forces "
            "(RSF) on Monday. The RSF attacked the city of Nyala on Tuesday.",
            "RSF",
            "Rapid Support Forces",
        ),
        (  # an acronym nothing else knows: a mention of its own
            "The Independent Electoral Board of Ruritania (IEBR) announced the results on "
            "Monday. Judge Marek accused IEBR of partisanship.",
            "IEBR",
            "Independent Electoral Board of Ruritania",
        ),
        (  # defined after a comma: the letters are the name's initials in order
            "The court upheld the decision of the Independent Electoral Board of Ruritania, "
            "IEBR. Judge Marek accused IEBR of partisanship.",
            "IEBR",
            "Independent Electoral Board of Ruritania",
        ),
        (  # inside a longer noun phrase
            "The Northern Liberation Movement (NLM) said on Monday that the NLM fighters had "
            "attacked an army post.",
            "fighters",
            "Northern Liberation Movement",
        ),
    ],
)
def test_a_defined_acronym_names_its_party(
    nlp_rules: Language, text: str, word: str, name: str
) -> None:
    assert (name, rules.STORY_ACRONYM) in _named(nlp_rules, text, word)


def test_the_defined_acronym_is_a_party_of_the_event(nlp_rules: Language) -> None:
    doc = run(
        nlp_rules,
        "The Independent Electoral Board of Ruritania (IEBR) announced the results on Monday. "
        "Judge Marek accused IEBR of partisanship.",
        PUBLISHED,
    )
    accused = [e for e in doc._.khabar_events if doc[e.trigger_start].lemma_ == "accuse"]
    assert accused and [m.name for m in accused[0].recipient] == [
        "Independent Electoral Board of Ruritania"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The Northern Liberation Movement (XQ) met on Monday. XQ officials left.",
        "The Ministry of Agriculture (AFP) said on Monday that AFP reporters left.",
    ],
)
def test_letters_that_are_not_the_names_initials_define_nothing(
    nlp_rules: Language, text: str
) -> None:
    doc = run(nlp_rules, text, PUBLISHED)
    assert all(m.rule != rules.STORY_ACRONYM for m in actors_of(doc))


def test_no_mentions_no_acronyms(nlp_rules: Language) -> None:
    doc = run(nlp_rules, "The Northern Liberation Movement (NLM) met on Monday.", PUBLISHED)
    assert apply_story_acronyms(doc, []) == []
