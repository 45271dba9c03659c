"""Actor references keyed on rule ids (khabar.nlp.actors.references) over hand-built Docs."""

from __future__ import annotations

import pytest

from khabar.geo.countries import load_countries
from khabar.nlp import rules
from khabar.nlp.actors import ActorContext, link_references
from khabar.nlp.annotations import ActorMention
from khabar.nlp.lexicon import load_actor_lexicon
from tests.nlp.handmade import make_doc

#: "Socialist Union met Socialists and he spoke": an ORG, a party plural, a pronoun.
ROWS = [
    ("Socialist", 1, "compound", "PROPN", "socialist"),
    ("Union", 2, "nsubj", "PROPN", "union"),
    ("met", 2, "ROOT", "VERB", "meet"),
    ("Socialists", 2, "dobj", "PROPN", "socialist"),
    ("and", 2, "cc", "CCONJ", "and"),
    ("he", 6, "nsubj", "PRON", "he"),
    ("spoke", 2, "conj", "VERB", "speak"),
]


@pytest.fixture(scope="module")
def ctx() -> ActorContext:
    return ActorContext(lexicon=load_actor_lexicon(), countries=load_countries())


def _mentions(party_rule: str, how: str) -> list[ActorMention]:
    org = ActorMention(
        start=0, end=2, head=1, name="Socialist Union", kind="ORG", rule=rules.ORG_NAME
    )
    party = ActorMention(
        start=3, end=4, head=3, name="Socialists", kind="NOMINAL", how=how, rule=party_rule
    )
    pronoun = ActorMention(start=5, end=6, head=5, name="he", kind="PRONOUN", rule=rules.PRONOUN)
    return [org, party, pronoun]


@pytest.mark.parametrize(
    ("rule", "how", "linked"),
    [
        (rules.PARTY_MEMBERS, "party members ('Socialist')", True),
        (rules.PARTY_MEMBERS, "any reworded explanation", True),
        (rules.SECTOR_NOUN, "party members ('Socialist')", False),  # the how text alone: no
    ],
)
def test_party_members_link_by_rule_id(
    ctx: ActorContext, rule: str, how: str, linked: bool
) -> None:
    doc = make_doc(ROWS)
    mentions = _mentions(rule, how)
    link_references(doc, mentions, ctx)
    party = mentions[1]
    assert (party.name == "Socialist Union") is linked
    assert (party.kind == "ORG") is linked


def test_an_unresolved_pronoun_with_no_person_before_stays_a_pronoun(ctx: ActorContext) -> None:
    doc = make_doc(ROWS)
    mentions = _mentions(rules.PARTY_MEMBERS, "")
    link_references(doc, mentions, ctx)
    assert mentions[2].kind == "PRONOUN"
    assert mentions[2].rule == rules.PRONOUN


def test_a_pronoun_takes_the_person_before_it(ctx: ActorContext) -> None:
    doc = make_doc(ROWS)
    person = ActorMention(
        start=0, end=2, head=1, name="Ana Silva", kind="PERSON", rule=rules.PERSON_NAME
    )
    pronoun = ActorMention(start=5, end=6, head=5, name="he", kind="PRONOUN", rule=rules.PRONOUN)
    link_references(doc, [person, pronoun], ctx)
    assert (pronoun.name, pronoun.kind) == ("Ana Silva", "PERSON")
    assert pronoun.rule == rules.PRONOUN  # the rule that found it; `how` says how it resolved
