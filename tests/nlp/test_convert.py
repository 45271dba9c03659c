"""Event confidence keys on rule ids, never on ``how`` text (khabar.nlp.convert, scoring)."""

from __future__ import annotations

import pytest

from khabar.nlp import rules
from khabar.nlp.annotations import ActorMention, EventCandidate
from khabar.nlp.convert import confidence
from khabar.nlp.scoring import Scoring, load_scoring


def _event(rule: str, how: str = "any text", **kw: object) -> EventCandidate:
    return EventCandidate(
        type="ASSAULT",
        mode=None,
        context=[],
        trigger_start=0,
        trigger_end=1,
        trigger_tokens=[0],
        how=how,
        rule=rule,
        **kw,  # type: ignore[arg-type]
    )


@pytest.fixture(scope="module")
def scoring() -> Scoring:
    return load_scoring()


@pytest.mark.parametrize(
    ("rule", "base"),
    [
        (rules.VERB_OBJECT, 0.75),
        (rules.VERB_PARTICLE, 0.72),
        (rules.LIGHT_VERB, 0.7),
        (rules.VERB, 0.62),
        (rules.FORCE_VERB, 0.62),
        (rules.NAMING, 0.6),
        (rules.NOUN, 0.5),
        (rules.TERMINATION, 0.5),
        (rules.CLASSIFIER, 0.5),
    ],
)
def test_base_confidence_by_rule(scoring: Scoring, rule: str, base: float) -> None:
    assert confidence(_event(rule), scoring) == base


def test_rewording_how_changes_no_score(scoring: Scoring) -> None:
    a = confidence(_event(rules.VERB_OBJECT, how="verb+object 'open fire'"), scoring)
    b = confidence(_event(rules.VERB_OBJECT, how="noun 'fire' (reworded)"), scoring)
    assert a == b == 0.75


def test_roles_factuality_and_claims_move_the_score(scoring: Scoring) -> None:
    actor = ActorMention(start=0, end=1, head=0, name="Police", kind="NOMINAL")
    full = _event(rules.VERB, actor=[actor], recipient=[actor], salience=0.02)
    assert confidence(full, scoring) == round(0.62 + 0.1 + 0.05 + 0.02, 3)
    negated = _event(rules.VERB, factuality="negated")
    assert confidence(negated, scoring) == round(0.62 - 0.05, 3)
    claimed = _event(rules.VERB, factuality_cue="allegedly")
    assert confidence(claimed, scoring) == round(0.62 - 0.1, 3)


@pytest.mark.parametrize(("agrees", "expected"), [(True, 0.62 + 0.1 * 0.8), (False, 0.62 - 0.1)])
def test_classifier_agreement(scoring: Scoring, agrees: bool, expected: float) -> None:
    ev = _event(
        rules.VERB, classifier_type="ASSAULT" if agrees else "PROTEST", classifier_score=0.8
    )
    assert confidence(ev, scoring) == round(expected, 3)
