"""Events told without a trigger word of their own type, or with a word of another type
(``khabar.nlp.events.clause_types``, ``khabar.nlp.events.rewrites`` and the trigger lexicon),
on short whole stories written by the project, through the real rule pipeline."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from khabar.nlp.annotations import EventCandidate, events_of
from khabar.nlp.events import clause_types, rewrites
from khabar.nlp.pipeline import run
from tests.nlp.events import clause_texts as texts
from tests.nlp.story.stories import PUBLISHED

pytestmark = pytest.mark.slow


def _events(nlp: Language, text: str) -> tuple[Doc, list[EventCandidate]]:
    doc = run(nlp, text, PUBLISHED)
    return doc, events_of(doc)


def _types(events: list[EventCandidate]) -> list[str]:
    return sorted(e.type for e in events)


def test_readiness_to_use_force_is_an_asserted_threat(nlp_rules: Language) -> None:
    _, events = _events(nlp_rules, texts.READY)
    threats = [e for e in events if e.rule == clause_types.READINESS]
    assert threats, _types(events)
    (threat,) = threats
    assert threat.type == "THREATEN"
    assert threat.factuality == "asserted"  # the condition is part of the threat
    assert [m.sector for m in threat.actor] == ["MIL"]


def test_a_vow_that_no_one_will_be_allowed_is_a_threat(nlp_rules: Language) -> None:
    _, events = _events(nlp_rules, texts.VOWED)
    assert _types(events) == ["THREATEN"]
    assert events[0].rule == rewrites.VOWED_PROHIBITION


def test_an_order_that_closes_is_coercion_not_a_request(nlp_rules: Language) -> None:
    _, events = _events(nlp_rules, texts.CLOSED)
    assert "REQUEST" not in _types(events)
    closed = [e for e in events if e.rule == rewrites.ORDERED_CLOSURE]
    assert [(e.type, e.mode) for e in closed] == [("COERCE", "restrict")]


def test_a_party_forced_to_leave_retreats_civilians_do_not(nlp_rules: Language) -> None:
    _, events = _events(nlp_rules, texts.FORCED)
    (left,) = [e for e in events if e.rule == clause_types.FORCED_DEPARTURE]
    assert left.type == "RETREAT"
    assert [m.name for m in left.actor] == ["Juan Ortega"]
    _, events = _events(nlp_rules, texts.DISPLACED)
    assert "RETREAT" not in _types(events)


def test_a_relief_convoy_that_went_through_is_aid(nlp_rules: Language) -> None:
    _, events = _events(nlp_rules, texts.CONVOY)
    convoys = [e for e in events if e.rule == clause_types.AID_VEHICLE]
    assert len(convoys) == 2
    assert {e.type for e in convoys} == {"AID"}
    _, events = _events(nlp_rules, texts.MILITARY_CONVOY)
    assert "AID" not in _types(events)


def test_a_mediators_help_is_mediation(nlp_rules: Language) -> None:
    _, events = _events(nlp_rules, texts.MEDIATORS)
    assert "AID" not in _types(events)
    # one mediation per side of the act it mediated (story.mediated-sides)
    mediations = [e for e in events if e.rule == clause_types.MEDIATOR_ACT]
    assert {(e.type, e.mode) for e in mediations} == {("CONSULT", "third-party")}


def test_a_prison_term_is_no_lasting_situation(nlp_rules: Language) -> None:
    _, events = _events(nlp_rules, texts.JAILED)
    assert "COERCE" in _types(events)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (texts.REFUGEES, {"AID"}),  # welcoming, protecting (one act of the story)
        (texts.CAMP, {"AID"}),
        (texts.QUESTIONED, {"ACCUSE"}),
        (texts.UPHELD, {"SUPPORT"}),
        (texts.CONTROL, {"COERCE"}),
        (texts.SALES, set()),  # meeting a target is no meeting of parties
    ],
)
def test_clause_wordings_are_typed_by_plover(
    nlp_rules: Language, text: str, expected: set[str]
) -> None:
    _, events = _events(nlp_rules, text)
    assert set(_types(events)) == expected


def test_a_stated_need_for_funds_is_a_request_and_restated_support_support(
    nlp_rules: Language,
) -> None:
    _, events = _events(nlp_rules, texts.NEED_FUNDS)
    assert _types(events) == ["REQUEST", "SUPPORT"]  # the truce supported is no event


def test_an_act_that_sparks_condemnation_draws_an_accusation(nlp_rules: Language) -> None:
    _, events = _events(nlp_rules, texts.CONDEMNED)
    assert _types(events) == ["ACCUSE", "COERCE"]


def test_support_that_describes_a_party_or_aid_to_itself_is_no_event(
    nlp_rules: Language,
) -> None:
    _, events = _events(nlp_rules, texts.BACKED)
    assert _types(events) == ["PROTEST"]


def test_complements_that_name_no_act_between_parties(nlp_rules: Language) -> None:
    _, events = _events(nlp_rules, texts.COMPLEMENTS)
    assert _types(events) == ["COERCE"]  # no offer, no concession


def test_armed_forces_marching_are_no_demonstration(nlp_rules: Language) -> None:
    _, events = _events(nlp_rules, texts.ARMED_MARCH)
    assert "PROTEST" not in _types(events)
    _, events = _events(nlp_rules, texts.MASSED)
    assert _types(events) == ["PROTEST"]  # a crowd massing protests; it mobilizes no force


def test_pressing_ahead_and_asking_not_to_be_named_are_no_requests(nlp_rules: Language) -> None:
    _, events = _events(nlp_rules, texts.PRESSED_AHEAD)
    assert "REQUEST" not in _types(events)


@pytest.mark.parametrize("text", [texts.FAILED_VOTE, texts.FAILED_VOTE_ASIDE])
def test_a_draft_that_fails_its_vote_is_rejected(nlp_rules: Language, text: str) -> None:
    _, events = _events(nlp_rules, text)
    rejected = [e for e in events if e.rule == clause_types.FAILED_VOTE]
    assert [(e.type, e.factuality) for e in rejected] == [("REJECT", "asserted")]


def test_the_kind_of_agreement_signed_is_the_event(nlp_rules: Language) -> None:
    _, events = _events(nlp_rules, texts.CEASEFIRE_SIGNED)
    assert set(_types(events)) == {"RETREAT"}


def test_a_standing_or_broken_ban_is_no_event_of_its_own(nlp_rules: Language) -> None:
    _, events = _events(nlp_rules, texts.STANDING)
    assert _types(events) == ["ASSAULT"]  # the attack; no sanction, no ban


def test_breaking_up_a_cell_is_coercion(nlp_rules: Language) -> None:
    _, events = _events(nlp_rules, texts.BROKEN_UP)
    assert _types(events) == ["COERCE"]


def test_condemnation_an_act_sparked_is_aimed_at_who_did_it(nlp_rules: Language) -> None:
    _, events = _events(nlp_rules, texts.CONDEMNED)
    (accusation,) = [e for e in events if e.type == "ACCUSE"]
    (arrest,) = [e for e in events if e.type == "COERCE"]
    assert [m.name for m in accusation.recipient] == [m.name for m in arrest.actor]
    assert accusation.recipient


def test_obstruction_attempted_is_obstruction_done(nlp_rules: Language) -> None:
    _, events = _events(nlp_rules, texts.ATTEMPTED)
    (barred,) = [e for e in events if e.rule == clause_types.ATTEMPT]
    assert (barred.type, barred.mode, barred.factuality) == ("PROTEST", "obstruct", "asserted")


def test_forces_attempting_to_advance_into_a_territory_move_against_it(
    nlp_rules: Language,
) -> None:
    _, events = _events(nlp_rules, texts.ADVANCED)
    (advance,) = [e for e in events if e.rule == clause_types.ATTEMPT]
    assert advance.type == "MOBILIZE"
    assert [m.name for m in advance.recipient] == ["Peru"]


def test_a_court_that_bars_coerces(nlp_rules: Language) -> None:
    _, events = _events(nlp_rules, texts.COURT_BAR)
    assert _types(events) == ["COERCE"]


def test_what_a_text_provides_is_no_act_of_its_own(nlp_rules: Language) -> None:
    _, events = _events(nlp_rules, texts.PROVISIONS)
    assert "COERCE" not in _types(events)
    assert "REQUEST" not in _types(events)


def test_a_situation_that_threatens_and_warnings_conceded_are_no_events(
    nlp_rules: Language,
) -> None:
    _, events = _events(nlp_rules, texts.RISKS)
    assert "THREATEN" not in _types(events)
