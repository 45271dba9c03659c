"""Pronoun rules of actor references (``khabar.nlp.actors.references``) on hand-built trees:
a pronoun takes the nearest earlier mention that agrees with it, a quoted 'we' its speaker."""

from __future__ import annotations

import pytest

from khabar.geo.countries import load_countries
from khabar.nlp import rules
from khabar.nlp.actors import ActorContext, link_references
from khabar.nlp.annotations import ActorMention
from khabar.nlp.lexicon import load_actor_lexicon
from tests.nlp.handmade import make_doc


@pytest.fixture(scope="module")
def ctx() -> ActorContext:
    return ActorContext(lexicon=load_actor_lexicon(), countries=load_countries())


def _pronoun_rows(pronoun: str) -> list[tuple[str, int, str, str, str]]:
    """'Ana met rebels and <pronoun> left'."""
    return [
        ("Ana", 1, "nsubj", "PROPN", "Ana"),
        ("met", 1, "ROOT", "VERB", "meet"),
        ("rebels", 1, "dobj", "NOUN", "rebel"),
        ("and", 1, "cc", "CCONJ", "and"),
        (pronoun, 5, "nsubj", "PRON", pronoun),
        ("left", 1, "conj", "VERB", "leave"),
    ]


@pytest.mark.parametrize(
    ("pronoun", "first_kind", "expected"),
    [
        ("she", "PERSON", ("Ana", "PERSON")),  # a singular person
        ("they", "PERSON", ("rebels", "NOMINAL")),  # a plural group, never the person
        ("it", "PERSON", ("it", "PRONOUN")),  # neither agrees: left unresolved
        ("it", "ORG", ("Ana", "ORG")),  # an organisation is 'it'
    ],
)
def test_a_pronoun_takes_an_earlier_mention_that_agrees(
    ctx: ActorContext, pronoun: str, first_kind: str, expected: tuple[str, str]
) -> None:
    doc = make_doc(_pronoun_rows(pronoun))
    first = ActorMention(start=0, end=1, head=0, name="Ana", kind=first_kind, rule="test")
    group = ActorMention(
        start=2, end=3, head=2, name="rebels", kind="NOMINAL", plural=True, sector="REB",
        country="AFG", rule=rules.SECTOR_NOUN,
    )  # fmt: skip
    mention = ActorMention(start=4, end=5, head=4, name=pronoun, kind="PRONOUN", rule=rules.PRONOUN)
    link_references(doc, [first, group, mention], ctx)
    assert (mention.name, mention.kind) == expected
    assert mention.rule == rules.PRONOUN


@pytest.mark.parametrize(
    ("verb", "lemma", "linked"), [("said", "say", True), ("ate", "eat", False)]
)
def test_a_quoted_we_is_the_speaker(ctx: ActorContext, verb: str, lemma: str, linked: bool) -> None:
    # "We will fight", Ana said
    doc = make_doc(
        [
            ("We", 2, "nsubj", "PRON", "we"),
            ("will", 2, "aux", "AUX", "will"),
            ("fight", 5, "ccomp", "VERB", "fight"),
            (",", 5, "punct", "PUNCT", ","),
            ("Ana", 5, "nsubj", "PROPN", "Ana"),
            (verb, 5, "ROOT", "VERB", lemma),
        ]
    )
    we = ActorMention(start=0, end=1, head=0, name="We", kind="PRONOUN", rule=rules.PRONOUN)
    ana = ActorMention(start=4, end=5, head=4, name="Ana", kind="PERSON", rule=rules.PERSON_NAME)
    link_references(doc, [we, ana], ctx)
    assert (we.name == "Ana") is linked
