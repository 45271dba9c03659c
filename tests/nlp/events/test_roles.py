"""Role rules (``khabar.nlp.events.roles``): who acts and who is acted on, on hand-built trees."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from khabar.nlp.annotations import ActorMention
from khabar.nlp.events.roles import objects_of, passive_subject, subject_of, with_conjuncts
from tests.nlp.handmade import make_doc

Rows = list[tuple[str, int, str, str, str]]


def _actors(doc: Doc, heads: list[int]) -> dict[int, ActorMention]:
    """A one-token actor mention over each token in ``heads``."""
    return {
        i: ActorMention(start=i, end=i + 1, head=i, name=doc[i].text, kind="NOMINAL") for i in heads
    }


# Soldiers and police arrested the protesters
CONJOINED_SUBJECTS: Rows = [
    ("Soldiers", 3, "nsubj", "NOUN", "soldier"),
    ("and", 0, "cc", "CCONJ", "and"),
    ("police", 0, "conj", "NOUN", "police"),
    ("arrested", 3, "ROOT", "VERB", "arrest"),
    ("the", 5, "det", "DET", "the"),
    ("protesters", 3, "dobj", "NOUN", "protester"),
]
# Rebels wanted to attack the base
OPEN_COMPLEMENT: Rows = [
    ("Rebels", 1, "nsubj", "NOUN", "rebel"),
    ("wanted", 1, "ROOT", "VERB", "want"),
    ("to", 3, "aux", "PART", "to"),
    ("attack", 1, "xcomp", "VERB", "attack"),
    ("the", 5, "det", "DET", "the"),
    ("base", 3, "dobj", "NOUN", "base"),
]
# Leaders said rebels attacked
REPORTED: Rows = [
    ("Leaders", 1, "nsubj", "NOUN", "leader"),
    ("said", 1, "ROOT", "VERB", "say"),
    ("rebels", 3, "nsubj", "NOUN", "rebel"),
    ("attacked", 1, "ccomp", "VERB", "attack"),
]
# Militants attacked and burned
NO_OWN_SUBJECT: Rows = [
    ("Militants", 1, "nsubj", "NOUN", "militant"),
    ("attacked", 1, "ROOT", "VERB", "attack"),
    ("and", 1, "cc", "CCONJ", "and"),
    ("burned", 1, "conj", "VERB", "burn"),
]
# The town was shelled by troops
PASSIVE: Rows = [
    ("The", 1, "det", "DET", "the"),
    ("town", 3, "nsubjpass", "NOUN", "town"),
    ("was", 3, "auxpass", "AUX", "be"),
    ("shelled", 3, "ROOT", "VERB", "shell"),
    ("by", 3, "agent", "ADP", "by"),
    ("troops", 4, "pobj", "NOUN", "troop"),
]


@pytest.mark.parametrize(
    ("rows", "actors", "verb", "expected"),
    [
        (CONJOINED_SUBJECTS, [0, 2, 5], 3, ["Soldiers", "police"]),  # with conjuncts
        (OPEN_COMPLEMENT, [0, 5], 3, ["Rebels"]),  # 'wanted to attack': shared subject
        (REPORTED, [0, 2], 3, ["rebels"]),  # the reported clause's own subject
        (REPORTED, [0], 3, []),  # ... never the speaker's
        (NO_OWN_SUBJECT, [0], 3, ["Militants"]),  # a conjoined verb shares the subject
        (PASSIVE, [1, 5], 3, ["troops"]),  # the agent of a passive
    ],
)
def test_subject_of(rows: Rows, actors: list[int], verb: int, expected: list[str]) -> None:
    doc = make_doc(rows)
    assert [m.name for m in subject_of(doc[verb], _actors(doc, actors))] == expected


@pytest.mark.parametrize(
    ("rows", "actors", "verb", "expected"),
    [
        (CONJOINED_SUBJECTS, [0, 2, 5], 3, ["protesters"]),
        (OPEN_COMPLEMENT, [0, 5], 3, ["base"]),
        (OPEN_COMPLEMENT, [0], 3, []),  # an object that is no actor is no target
    ],
)
def test_objects_of(rows: Rows, actors: list[int], verb: int, expected: list[str]) -> None:
    doc = make_doc(rows)
    assert [m.name for m in objects_of(doc[verb], _actors(doc, actors), set())] == expected


def test_passive_subject_is_the_target() -> None:
    doc = make_doc(PASSIVE)
    assert [m.name for m in passive_subject(doc[3], _actors(doc, [1, 5]))] == ["town"]


def test_with_conjuncts_keeps_order_and_skips_non_actors() -> None:
    doc = make_doc(CONJOINED_SUBJECTS)
    assert [m.name for m in with_conjuncts(doc[0], _actors(doc, [0, 2]))] == ["Soldiers", "police"]
    assert [m.name for m in with_conjuncts(doc[0], _actors(doc, [2]))] == ["police"]
