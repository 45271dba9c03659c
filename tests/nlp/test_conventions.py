"""PLOVER conventions for statements about future acts (``khabar.nlp.conventions``), on
hand-built trees: stated intent becomes AGREE or THREATEN, a refusal REJECT."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from khabar.nlp.annotations import ActorMention, EventCandidate, register_extensions
from khabar.nlp.conventions import apply_conventions
from tests.nlp.handmade import make_doc

Rows = list[tuple[str, int, str, str, str]]

# The government will provide aid
WILL_PROVIDE: Rows = [
    ("The", 1, "det", "DET", "the"),
    ("government", 3, "nsubj", "NOUN", "government"),
    ("will", 3, "aux", "AUX", "will"),
    ("provide", 3, "ROOT", "VERB", "provide"),
    ("aid", 3, "dobj", "NOUN", "aid"),
]
# Rebels plan to attack
PLAN_TO_ATTACK: Rows = [
    ("Rebels", 1, "nsubj", "NOUN", "rebel"),
    ("plan", 1, "ROOT", "VERB", "plan"),
    ("to", 3, "aux", "PART", "to"),
    ("attack", 1, "xcomp", "VERB", "attack"),
]
# Experts believe rebels will attack
PREDICTED: Rows = [
    ("Experts", 1, "nsubj", "NOUN", "expert"),
    ("believe", 1, "ROOT", "VERB", "believe"),
    ("rebels", 4, "nsubj", "NOUN", "rebel"),
    ("will", 4, "aux", "AUX", "will"),
    ("attack", 1, "ccomp", "VERB", "attack"),
]
# Ministers will not accept the deal
WILL_NOT_ACCEPT: Rows = [
    ("Ministers", 3, "nsubj", "NOUN", "minister"),
    ("will", 3, "aux", "AUX", "will"),
    ("not", 3, "neg", "PART", "not"),
    ("accept", 3, "ROOT", "VERB", "accept"),
    ("the", 5, "det", "DET", "the"),
    ("deal", 3, "dobj", "NOUN", "deal"),
]


def _event(
    doc: Doc, trigger: int, type_: str, actor_at: int, factuality: str, cue: str | None
) -> EventCandidate:
    register_extensions()
    actor = ActorMention(
        start=actor_at, end=actor_at + 1, head=actor_at, name=doc[actor_at].text, kind="NOMINAL"
    )
    doc._.khabar_actors = [actor]
    return EventCandidate(
        type=type_, mode=None, context=[], trigger_start=trigger, trigger_end=trigger + 1,
        trigger_tokens=[trigger], how="test", actor=[actor], factuality=factuality,
        factuality_cue=cue,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("rows", "trigger", "type_", "actor_at", "factuality", "cue", "expected"),
    [
        (WILL_PROVIDE, 3, "AID", 1, "future", "will", ("AGREE", "asserted")),
        (PLAN_TO_ATTACK, 3, "ASSAULT", 0, "future", "plan", ("THREATEN", "asserted")),
        (PREDICTED, 4, "ASSAULT", 2, "future", "will", ("ASSAULT", "future")),  # a prediction
        (WILL_NOT_ACCEPT, 3, "AGREE", 0, "negated", "not", ("REJECT", "asserted")),
        (WILL_PROVIDE, 3, "AID", 1, "asserted", None, ("AID", "asserted")),  # no future: as is
    ],
)
def test_conventions(
    rows: Rows,
    trigger: int,
    type_: str,
    actor_at: int,
    factuality: str,
    cue: str | None,
    expected: tuple[str, str],
) -> None:
    doc = make_doc(rows)
    event = _event(doc, trigger, type_, actor_at, factuality, cue)
    apply_conventions(doc, [event])
    assert (event.type, event.factuality) == expected
