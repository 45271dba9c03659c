"""Round 5 of issue 9: the story merge keeps apart what a telling marks as other acts — the
other accused of a trial (a subject the parser leaves on another clause), an order of
another kind — and gives each side of a mutual act its own event."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from khabar.nlp import rules
from khabar.nlp.annotations import EventCandidate, events_of
from khabar.nlp.events.story import merge_mentions
from khabar.nlp.pipeline import run
from tests.nlp.events.story_texts import story
from tests.nlp.story.stories import PUBLISHED

pytestmark = pytest.mark.slow

OTHER_ACCUSED = story(
    "Dorvan: protest leader jailed for ten years",
    "A Dorvanian protest leader who led rallies against the president has been jailed for "
    "ten years.",
    "The state news agency said the court in Kelso gave its ruling on Monday.",
    "Officials said two other men tried with the leader were jailed for six years.",
)

TWO_ORDERS = story(
    "KELSO: The Dorvanian government ordered a curfew in Kelso and four other towns from 9 "
    "p.m. on Monday after student protests, an official spokesman said.",
    '"All schools of the five towns have been ordered closed until further notice," the '
    "spokesman told reporters.",
    '"Residents must stay indoors before the curfew takes effect," he added.',
)


def _doc(nlp: Language, text: str) -> Doc:
    return run(nlp, text, PUBLISHED)


def _trigger(doc: Doc, ev: EventCandidate) -> str:
    return doc[ev.trigger_start : ev.trigger_end].text


def _stub(kind: str, mode: str | None, at: int) -> EventCandidate:
    return EventCandidate(
        type=kind, mode=mode, context=[], trigger_start=at, trigger_end=at + 1,
        trigger_tokens=[at], how="test",
    )  # fmt: skip


def _asserted(doc: Doc, kind: str) -> list[EventCandidate]:
    return [e for e in events_of(doc) if e.type == kind and e.factuality == "asserted"]


def test_others_sentenced_after_the_leader_are_an_act_of_their_own(nlp_rules: Language) -> None:
    doc = _doc(nlp_rules, OTHER_ACCUSED)
    assert len(_asserted(doc, "COERCE")) == 2


@pytest.mark.parametrize(("subject", "events"), [("two other men", 2), ("two men", 1)])
def test_a_stranded_subject_marked_other_keeps_the_act_apart(
    nlp_rules: Language, subject: str, events: int
) -> None:
    doc = _doc(
        nlp_rules,
        f"Police jailed the leader. Officials said {subject} tried with him were jailed.\n",
    )
    jailed = [t.i for t in doc if t.text == "jailed"]
    found = merge_mentions(doc, [_stub("COERCE", "arrest", i) for i in jailed])
    assert len(found) == events


def test_a_subject_left_on_another_clause_still_marks_the_act_as_other(
    nlp_rules: Language,
) -> None:
    from khabar.nlp.events.discourse import marked_distinct

    doc = _doc(nlp_rules, OTHER_ACCUSED)
    later = max(_asserted(doc, "COERCE"), key=lambda e: e.trigger_start)
    assert marked_distinct(doc, later) == "other"
    # and the subject is the passive verb's recipient (event.stranded-subject)
    assert [doc[m.start : m.end].text for m in later.recipient] == ["two other men"]


def test_an_order_of_another_kind_is_not_merged_into_the_curfew(nlp_rules: Language) -> None:
    doc = _doc(nlp_rules, TWO_ORDERS)
    orders = _asserted(doc, "COERCE")
    modes = sorted(str(e.mode) for e in orders)
    assert len(orders) == 2 and len(set(modes)) == 2
    curfew = next(e for e in orders if e.mode == "curfew")
    assert all(doc[s].text != "ordered" for s, _ in curfew.mentions)


def test_the_merge_compares_modes_except_for_loose_types(nlp_rules: Language) -> None:
    doc = _doc(nlp_rules, "Rebels attacked the town. The shooting went on. Police banned it.\n")

    # an attack told again as a shooting is one event; a curfew and a ban are two
    assault = merge_mentions(doc, [_stub("ASSAULT", None, 1), _stub("ASSAULT", "firearms", 6)])
    assert len(assault) == 1
    orders = merge_mentions(doc, [_stub("COERCE", "curfew", 1), _stub("COERCE", "ban", 11)])
    assert len(orders) == 2


EXCHANGE = story(
    "Peru and Chile swap prisoners",
    "LIMA (Reuters) - Qatar said on Monday it had mediated the release of 40 Peruvian "
    "prisoners in exchange for 40 prisoners from the Chilean side.",
    "Officials of both countries thanked the mediators.",
)

JOINT_MEDIATORS = story(
    "Prisoners freed as truce holds",
    "KELSO (AFP) - Rebels freed six soldiers on Saturday, the army said.",
    "The release came after Norwegian and Swiss mediators helped end a standoff that had "
    "threatened the truce.",
)


def test_each_side_of_an_exchange_releases_the_others_people(nlp_rules: Language) -> None:
    doc = _doc(nlp_rules, EXCHANGE)
    releases = _asserted(doc, "RETREAT")
    pairs = {
        (tuple(m.country for m in e.actor), tuple(m.country for m in e.recipient)) for e in releases
    }
    assert pairs == {(("CHL",), ("PER",)), (("PER",), ("CHL",))}
    assert any("story.exchange-sides" in e.how for e in releases)
    # the mediation of the exchange is held with each side
    mediations = _asserted(doc, "CONSULT")
    assert {m.country for e in mediations for m in e.recipient} == {"PER", "CHL"}
    assert {m.name for e in mediations for m in e.actor} == {"Qatar"}


def test_a_release_for_a_ransom_has_no_other_side(nlp_rules: Language) -> None:
    text = story(
        "Hostages freed",
        "LIMA (Reuters) - Rebels released 40 Peruvian hostages in exchange for a ransom on "
        "Monday, police said.",
    )
    doc = _doc(nlp_rules, text)
    assert all("story.exchange-sides" not in e.how for e in _asserted(doc, "RETREAT"))


def test_mediators_of_two_nationalities_are_two_mediations(nlp_rules: Language) -> None:
    doc = _doc(nlp_rules, JOINT_MEDIATORS)
    mediations = [e for e in _asserted(doc, "CONSULT") if e.mode == "third-party"]
    assert sorted(m.country for e in mediations for m in e.actor) == ["CHE", "NOR"]
    assert all(not e.recipient for e in mediations)  # not each other's side
    # the actor stage splits the two nationalities (actor.joint-modifiers)
    assert any(m.rule == rules.JOINT_MODIFIERS for e in mediations for m in e.actor)
