"""Figurative and no-party uses of trigger words (``khabar.nlp.events.figurative``) and the
rewrite of commitments to harm (``khabar.nlp.events.rewrites``), on hand-built trees."""

from __future__ import annotations

import pytest

from khabar.nlp.events.figurative import names_no_party
from khabar.nlp.events.rewrites import harmful_content
from khabar.nlp.lexicon import load_trigger_lexicon
from tests.nlp.handmade import make_doc

LEX = load_trigger_lexicon()
Rows = list[tuple[str, int, str, str, str]]


def _fought(obj: str, modifier: str | None = None) -> Rows:
    """'Crews fought (the) [modifier] <obj>'."""
    rows: Rows = [("Crews", 1, "nsubj", "NOUN", "crew"), ("fought", 1, "ROOT", "VERB", "fight")]
    if modifier is not None:
        rows.append((modifier, 3, "amod", "ADJ", modifier))
    rows.append((obj, 1, "dobj", "NOUN", obj))
    return rows


NON_PARTY = sorted(LEX.non_party_objects)[0]
FIGURATIVE = sorted(LEX.figurative_modifiers)[0]


@pytest.mark.parametrize(
    ("rows", "no_party"),
    [
        (_fought(NON_PARTY), True),  # an object that is no party ("fighting fires")
        (_fought("rebels"), False),  # a party: a real fight
        (_fought("battle", FIGURATIVE), True),  # a figurative modifier on a conflict noun
        (_fought("battle", "fierce"), False),
    ],
)
def test_figurative_uses_name_no_party(rows: Rows, no_party: bool) -> None:
    doc = make_doc(rows)
    sense = LEX.verbs["fight"]
    assert names_no_party(doc[1], sense, LEX, [1]) is no_party


def _vowed(verb: str, inner: str, inner_lemma: str) -> Rows:
    """'Rebels <verb> to <inner> the town'."""
    return [
        ("Rebels", 1, "nsubj", "NOUN", "rebel"),
        (verb, 1, "ROOT", "VERB", verb),
        ("to", 3, "aux", "PART", "to"),
        (inner, 1, "xcomp", "VERB", inner_lemma),
        ("the", 5, "det", "DET", "the"),
        ("town", 3, "dobj", "NOUN", "town"),
    ]


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        (_vowed("vow", "attack", "attack"), "THREATEN"),  # a commitment to harm is a threat
        (_vowed("decide", "sanction", "sanction"), "SANCTION"),  # deciding it is doing it
        (_vowed("decide", "attack", "attack"), None),  # a decision to attack stays as found
        (_vowed("vow", "visit", "visit"), None),  # a commitment to no harm
    ],
)
def test_commitments_to_harm(rows: Rows, expected: str | None) -> None:
    found = harmful_content(make_doc(rows)[1], LEX)
    assert (found[0].type if found else None) == expected
