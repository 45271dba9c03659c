"""The story-level event passes (nlp/events/story.py) on whole short stories written by the
project, run through the real rule pipeline (no classifier)."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from khabar.nlp.annotations import ActorMention, EventCandidate, events_of
from khabar.nlp.convert import to_events
from khabar.nlp.events.story import (
    merge_mentions,
    split_joint_actors,
    story_event_words,
)
from khabar.nlp.pipeline import run
from khabar.ontology import load_ontology
from tests.nlp.events import story_texts as texts
from tests.nlp.story.stories import BACKGROUND, DISASTER, PUBLISHED, SPORT, WIRE

pytestmark = pytest.mark.slow


def _doc(nlp: Language, text: str) -> Doc:
    return run(nlp, text, PUBLISHED)


def _trigger(doc: Doc, ev: EventCandidate) -> str:
    return doc[ev.trigger_start : ev.trigger_end].text


@pytest.mark.parametrize(
    "text",
    [DISASTER, SPORT, texts.CRIME, texts.ACCIDENT, texts.BUSINESS],
    ids=["disaster", "sport", "crime", "accident", "business"],
)
def test_non_political_stories_assert_no_event(nlp_rules: Language, text: str) -> None:
    doc = _doc(nlp_rules, text)
    assert [(e.type, _trigger(doc, e)) for e in events_of(doc)] == []


def test_an_armed_party_keeps_an_attack_political_in_a_flood_story(nlp_rules: Language) -> None:
    doc = _doc(nlp_rules, texts.ARMED_IN_FLOOD)
    (ev,) = events_of(doc)
    assert (ev.type, [m.sector for m in ev.actor]) == ("ASSAULT", ["REB"])
    assert ev.fatalities is not None and ev.fatalities.value == 2


def test_violent_events_carry_their_toll_and_others_none(nlp_rules: Language) -> None:
    doc = _doc(nlp_rules, WIRE)
    tolls = {
        _trigger(doc, e): e.fatalities.value for e in events_of(doc) if e.fatalities is not None
    }
    assert tolls == {"attacked": 14, "killed": 2}
    assert all(
        e.fatalities is None
        for e in events_of(doc)
        if e.type not in story_event_words().violent_types
    )


def test_a_vague_toll_keeps_its_words_and_no_number(nlp_rules: Language) -> None:
    doc = _doc(nlp_rules, BACKGROUND)
    (killed,) = [e for e in events_of(doc) if e.type == "ASSAULT"]
    assert killed.fatalities is not None
    assert (killed.fatalities.value, killed.fatalities.text) == (None, "dozens")


def test_headline_lead_and_later_reference_are_one_event(nlp_rules: Language) -> None:
    doc = _doc(nlp_rules, texts.RESTATED)
    (attack,) = [e for e in events_of(doc) if e.type == "ASSAULT"]
    assert _trigger(doc, attack) == "attacked"  # the lead's full statement is the evidence
    assert [m.name for m in attack.actor] == ["al-Shabaab"]
    assert [doc[s:e].text for s, e in attack.mentions] == ["storm"]  # the headline's
    assert attack.fatalities is not None and attack.fatalities.value == 4
    assert "told by 2 triggers" in attack.how


def test_same_kind_of_event_on_other_days_stays_apart(nlp_rules: Language) -> None:
    doc = _doc(nlp_rules, texts.TWO_ATTACKS)
    attacks = [e for e in events_of(doc) if e.type == "ASSAULT"]
    assert [(_trigger(doc, e), e.date.value if e.date else None) for e in attacks] == [
        ("attacked", "2031-06-13"),
        ("shelled", "2031-06-14"),
        ("attacked", "2031-06-15"),
    ]
    # "killing three soldiers" tells the first attack's toll: a mention of it, not an event
    assert [doc[s:e].text for s, e in attacks[0].mentions] == ["killing"]
    assert attacks[0].fatalities is not None and attacks[0].fatalities.value == 3


def test_joint_actors_give_one_event_each_with_distinct_ids(nlp_rules: Language) -> None:
    doc = _doc(nlp_rules, texts.JOINT)
    events = to_events(doc, "joint", load_ontology())
    assert sorted(a.name for e in events for a in e.actor) == ["Red Cross", "United Nations"]
    assert {e.type for e in events} == {"AID"}
    assert len({e.id for e in events}) == 2


def test_mentions_and_fatalities_reach_the_domain_event(nlp_rules: Language) -> None:
    doc = _doc(nlp_rules, texts.RESTATED)
    (attack,) = [e for e in to_events(doc, "restated", load_ontology()) if e.type == "ASSAULT"]
    (mention,) = attack.mentions
    assert doc.text[mention.start : mention.end] == mention.text
    assert mention.trigger.text == "storm"
    assert attack.evidence.start > mention.end  # the headline is a mention, the lead evidence
    assert attack.fatalities is not None
    assert doc.text[attack.fatalities.start : attack.fatalities.end] == attack.fatalities.text


# ------------------------------------------------------------ hand-built candidates


def _actor(name: str, sector: str | None = None, kind: str = "ORG") -> ActorMention:
    return ActorMention(start=0, end=1, head=0, name=name, kind=kind, sector=sector)


def _candidate(doc: Doc, word: str, actor: list[ActorMention], n: int = 0) -> EventCandidate:
    i = [t.i for t in doc if t.text == word][n]
    return EventCandidate(
        type="ASSAULT", mode=None, context=[], trigger_start=i, trigger_end=i + 1,
        trigger_tokens=[i], how=f"verb '{word}'", actor=actor,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("second_actor", "merged"),
    [
        ([], True),  # no party of its own: the reference takes the first
        ([_actor("Northern Front", "REB")], True),  # the same party
        ([_actor("Militants", "REB", kind="NOMINAL")], True),  # a common noun of its sector
        ([_actor("Army", "MIL")], False),  # another party: another attack
    ],
)
def test_a_definite_reference_joins_the_latest_agreeing_event(
    nlp_rules: Language, second_actor: list[ActorMention], merged: bool
) -> None:
    doc = _doc(nlp_rules, "The rebels attacked the town. Residents fled after the attack.\n")
    first = _candidate(doc, "attacked", [_actor("Northern Front", "REB")])
    second = _candidate(doc, "attack", second_actor)
    out = merge_mentions(doc, [first, second])
    assert (len(out) == 1) is merged


def test_splitting_keeps_single_actor_events_whole(nlp_rules: Language) -> None:
    one = EventCandidate(
        type="PROTEST", mode=None, context=[], trigger_start=0, trigger_end=1,
        trigger_tokens=[0], how="", actor=[_actor("Students"), _actor("Students")],
    )  # fmt: skip
    assert split_joint_actors(nlp_rules.make_doc("x"), [one]) == [one]


def test_clashes_between_two_parties_are_one_against_the_other(nlp_rules: Language) -> None:
    doc = _doc(nlp_rules, texts.CLASHES)
    pairs = [
        (_trigger(doc, e), [m.sector for m in e.actor], [m.sector for m in e.recipient])
        for e in events_of(doc)
        if e.type == "ASSAULT" and e.actor
    ]
    assert ("Clashes", ["REB"], ["MIL"]) in pairs  # the noun: "between X and Y"
    assert ("clashed", ["REB"], ["MIL"]) in pairs  # the verb: "X and Y clashed"


def test_an_event_noun_and_the_verb_telling_its_toll_are_one_event(nlp_rules: Language) -> None:
    doc = _doc(nlp_rules, texts.CLASHES)
    (clashes,) = [e for e in events_of(doc) if _trigger(doc, e) == "Clashes"]
    # "killed" tells its toll; the partyless "Fighting flared" before it tells it too
    assert [doc[s:e].text for s, e in clashes.mentions] == ["Fighting", "killed"]
    assert clashes.fatalities is not None and clashes.fatalities.value == 9
    assert not [e for e in events_of(doc) if _trigger(doc, e) == "killed"]


@pytest.mark.parametrize(
    ("text", "kept"),
    [(texts.STATE_ACT, ["urged"]), (texts.CRIME_WAVE, [])],
    ids=["state-act-in-political-story", "state-response-in-crime-story"],
)
def test_a_state_act_is_political_unless_the_story_is_about_crime(
    nlp_rules: Language, text: str, kept: list[str]
) -> None:
    doc = _doc(nlp_rules, text)
    assert [_trigger(doc, e) for e in events_of(doc)] == kept


def test_a_prisoner_exchange_is_a_release_and_prisoners_of_war_no_war(
    nlp_rules: Language,
) -> None:
    doc = _doc(nlp_rules, texts.SWAP)
    assert [(e.type, _trigger(doc, e)) for e in events_of(doc)] == [
        ("RETREAT", "exchanged 90 prisoners")
    ]


def test_companions_of_a_visit_are_not_each_others_host(nlp_rules: Language) -> None:
    doc = _doc(nlp_rules, texts.COMPANIONS)
    consults = [e for e in events_of(doc) if e.type == "CONSULT"]
    by_trigger: dict[str, list[tuple[str, list[str]]]] = {}
    for e in consults:
        pair = (e.actor[0].name, [m.name for m in e.recipient])
        by_trigger.setdefault(_trigger(doc, e), []).append(pair)
    visits, meetings = by_trigger["visited"], by_trigger["met"]
    # one visit per visitor, neither the other's host; a meeting is each with the other
    assert len(visits) == 2 and all(not whom for _, whom in visits)
    assert len(meetings) == 2 and all(whom and actor not in whom for actor, whom in meetings)


@pytest.mark.parametrize(
    ("later", "merged"),
    [
        ("Calm returned after the Northern Front's meeting.", True),  # a named possessor
        ("Calm returned after their meeting.", True),  # a possessive determiner
        ("Calm returned after a meeting.", False),  # indefinite: maybe another meeting
    ],
    ids=["named-possessor", "possessive", "indefinite"],
)
def test_a_named_possessor_makes_an_event_noun_a_reference(
    nlp_rules: Language, later: str, merged: bool
) -> None:
    doc = _doc(nlp_rules, f"The envoys met in the town. {later}\n")
    first = _candidate(doc, "met", [_actor("Northern Front", "REB")])
    second = _candidate(doc, "meeting", [_actor("Militants", "REB", kind="NOMINAL")])
    first.type = second.type = "CONSULT"
    assert (len(merge_mentions(doc, [first, second])) == 1) is merged


@pytest.mark.parametrize(
    ("later", "merged"),
    [
        ("The envoys later took part in the Northern Front's meeting.", True),
        ("The envoys later took part in a meeting.", False),
    ],
    ids=["named-possessor", "indefinite"],
)
def test_the_event_noun_of_a_verb_phrase_can_refer_back(
    nlp_rules: Language, later: str, merged: bool
) -> None:
    doc = _doc(nlp_rules, f"The envoys met in the town. {later}\n")
    first = _candidate(doc, "met", [_actor("Northern Front", "REB")])
    took, noun = (next(t.i for t in doc if t.text == w) for w in ("took", "meeting"))
    second = EventCandidate(
        type="CONSULT", mode=None, context=[], trigger_start=took, trigger_end=noun + 1,
        trigger_tokens=[took, noun], how="verb+object",
        actor=[_actor("Militants", "REB", kind="NOMINAL")],
    )  # fmt: skip
    first.type = "CONSULT"
    assert (len(merge_mentions(doc, [first, second])) == 1) is merged
