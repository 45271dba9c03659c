"""Story-level roles (nlp/events/story_roles.py) on short stories written by the project, run
through the real rule pipeline (no classifier)."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from khabar.nlp import rules
from khabar.nlp.annotations import ActorMention, EventCandidate, events_of
from khabar.nlp.convert import actor_ref
from khabar.nlp.events.story_roles import story_role_words
from khabar.nlp.pipeline import run
from tests.nlp.events.story_texts import story

pytestmark = pytest.mark.slow

PUBLISHED = dt.date(2031, 6, 16)


def _doc(nlp: Language, text: str) -> Doc:
    return run(nlp, text, PUBLISHED)


def _event(doc: Doc, trigger: str) -> EventCandidate:
    found = [e for e in events_of(doc) if doc[e.trigger_start : e.trigger_end].text == trigger]
    assert found, [doc[e.trigger_start : e.trigger_end].text for e in events_of(doc)]
    return found[0]


def _parties(doc: Doc, ms: list[ActorMention]) -> list[tuple[str, str]]:
    return [(doc[m.start : m.end].text, m.rule) for m in ms]


def _names(ms: list[ActorMention]) -> list[str]:
    return [m.name for m in ms]


def test_the_word_lists_load() -> None:
    words = story_role_words()
    assert "ASSAULT" in words.violent_types and "between" in words.party_preps


@pytest.mark.parametrize(
    ("text", "trigger", "actor", "recipient"),
    [
        (
            "Two soldiers were killed on Sunday in an attack the army has blamed on fighters "
            "of the Northern Liberation Front.",
            "killed",
            "Northern Liberation Front",
            "Soldiers",
        ),
        (
            "Eight villagers were injured in a rebel grenade attack near the market.",
            "injured",
            "Rebel",
            "Civilians",  # victims named by no party (roles.civilian-victims)
        ),
        (
            "Three children were killed in an Israeli raid on the village, the agency said.",
            "killed",
            "Israel",
            "Civilians",
        ),
        (
            "Two children were wounded by Indian fire late on Tuesday, officials said.",
            "wounded",
            "India",
            "Civilians",
        ),
    ],
    ids=["blamed-on", "modifier", "demonym", "cause-noun"],
)
def test_an_agentless_violent_verb_takes_the_parties_of_its_cause_event(
    nlp_rules: Language, text: str, trigger: str, actor: str, recipient: str
) -> None:
    doc = _doc(nlp_rules, story(text))
    ev = _event(doc, trigger)
    assert _names(ev.actor) == [actor]
    assert _names(ev.recipient) == [recipient]


def test_the_cause_events_party_says_where_it_came_from(nlp_rules: Language) -> None:
    doc = _doc(
        nlp_rules,
        story(
            "Two soldiers were killed on Sunday in an attack blamed on the Northern "
            "Liberation Front."
        ),
    )
    ev = _event(doc, "killed")
    assert [m.rule for m in ev.actor] == [rules.ROLES_CAUSE_EVENT]
    assert "'killed' happened in" in ev.actor[0].how


def test_clashes_that_erupted_between_two_parties(nlp_rules: Language) -> None:
    doc = _doc(
        nlp_rules,
        story(
            "Clashes erupted in the capital on Tuesday between the Varnek Army and the "
            "Northern Liberation Front, residents said."
        ),
    )
    ev = _event(doc, "Clashes")
    assert _names(ev.actor) == ["Varnek Army"]
    assert _names(ev.recipient) == ["Northern Liberation Front"]
    assert {m.rule for m in [*ev.actor, *ev.recipient]} == {rules.ROLES_OCCURRENCE}


def test_each_party_of_an_exchange_is_the_others_recipient(nlp_rules: Language) -> None:
    doc = _doc(nlp_rules, story("Ukraine and Russia exchanged 90 prisoners of war on Saturday."))
    pairs = sorted(
        (e.actor[0].country, e.recipient[0].country)
        for e in events_of(doc)
        if e.type == "RETREAT" and e.actor and e.recipient
    )
    assert pairs == [("RUS", "UKR"), ("UKR", "RUS")]


RAID = story(
    "Troops raid village in Kelso",
    "KELSO (Reuters) - Soldiers raided the village of Kelso on Friday, residents said.",
    "During the raid, four villagers were detained and one was beaten, a witness said.",
)

LEAD_THEN_CLAIM = story(
    "At least 20 people were killed in a suicide bombing at a market in Varnek on Monday, "
    "police said.",
    "Al-Shabaab militants claimed responsibility for the bombing in a statement.",
)


def test_a_later_agentless_event_takes_the_storys_earlier_actor(nlp_rules: Language) -> None:
    doc = _doc(nlp_rules, RAID)
    # the detention is the raid told again (story.mentions); the beating is an armed act of
    # the same family with no party of its own
    ev = _event(doc, "beaten")
    assert _parties(doc, ev.actor) == [("Soldiers", rules.ROLES_RESTATED)]
    assert "earlier COERCE event 'raided'" in ev.actor[0].how


def test_the_lead_takes_the_actor_a_later_paragraph_names(nlp_rules: Language) -> None:
    doc = _doc(nlp_rules, LEAD_THEN_CLAIM)
    killed = [e for e in events_of(doc) if e.type == "ASSAULT" and e.recipient]
    assert killed and all(_names(e.actor) == ["al-Shabaab"] for e in killed)
    assert {m.rule for e in killed for m in e.actor} == {rules.ROLES_CLAIM}


PROTEST = story(
    "Students rally in Dhaka",
    "Thousands of students protested in Dhaka on Monday against new quota rules in "
    "Bangladesh, the third day of rallies.",
    "Police said the protests were peaceful.",
)


def test_a_protest_with_no_named_target_is_against_the_government(nlp_rules: Language) -> None:
    doc = _doc(nlp_rules, PROTEST)
    protests = [e for e in events_of(doc) if e.type == "PROTEST"]
    assert protests
    for ev in protests:
        assert [(m.country, m.rule) for m in ev.recipient] == [("BGD", rules.ROLES_PROTEST_TARGET)]


def test_a_named_party_is_never_replaced(nlp_rules: Language) -> None:
    doc = _doc(
        nlp_rules,
        story(
            "Rebels attacked an army base in Kelso on Friday.",
            "Separately, police arrested two journalists in Marvani on Saturday.",
        ),
    )
    arrest = _event(doc, "arrested")
    assert [m.rule for m in arrest.actor] != [rules.ROLES_RESTATED]
    assert _names(arrest.actor) == ["Police"]


def test_a_disaster_story_gains_no_actor(nlp_rules: Language) -> None:
    doc = _doc(
        nlp_rules,
        story(
            "Twelve people were killed when a bus overturned on a mountain road on Sunday, "
            "the fire service said."
        ),
    )
    assert all(not e.actor for e in events_of(doc))


@pytest.mark.parametrize(
    ("text", "trigger", "recipient_text", "country"),
    [
        (
            "The Pakistani army fired mortar shells at Indian positions late on Tuesday.",
            "fired",
            "Indian positions",
            "IND",
        ),
        (
            "Another cargo ship was attacked with a missile on Monday, the navy said.",
            "attacked",
            "Another cargo ship",
            None,
        ),
        (
            "One of the members of the arson cell was detained on Monday.",
            "detained",
            "One of the members of the arson cell",
            None,
        ),
    ],
    ids=["demonym-owner", "passive-subject", "one-of"],
)
def test_what_a_violent_act_was_aimed_at_is_its_recipient(
    nlp_rules: Language, text: str, trigger: str, recipient_text: str, country: str | None
) -> None:
    doc = _doc(nlp_rules, story(text))
    ev = next(e for e in events_of(doc) if doc[e.trigger_start].text == trigger)
    (target,) = ev.recipient
    assert (doc[target.start : target.end].text, target.country) == (recipient_text, country)
    assert target.rule == rules.ROLES_TARGET


def test_parties_that_agree_together_are_each_others_recipient(nlp_rules: Language) -> None:
    doc = _doc(
        nlp_rules, story("The government of Kenya and the rebels agreed on a truce on Friday.")
    )
    # one event per party (story.joint-actors), each towards the other
    pairs = sorted(
        ([a.name for a in e.actor], [r.name for r in e.recipient])
        for e in events_of(doc)
        if e.type == "AGREE"
    )
    assert pairs == [(["Government of Kenya"], ["Rebels"]), (["Rebels"], ["Government of Kenya"])]


def test_an_expulsion_of_diplomats_is_done_to_them(nlp_rules: Language) -> None:
    doc = _doc(
        nlp_rules,
        story("Varnek announced the expulsion of 35 Kelsonian diplomats on Monday."),
    )
    ev = _event(doc, "expulsion")
    assert "Diplomats" not in " ".join(_names(ev.actor))
    assert any("diplomats" in doc[m.start : m.end].text for m in ev.recipient)


def test_joint_signatories_each_take_the_other_as_recipient(nlp_rules: Language) -> None:
    doc = _doc(nlp_rules, story("Kenya and the rebels signed a ceasefire agreement on Monday."))
    pairs = {(e.actor[0].name, e.recipient[0].name) for e in events_of(doc) if e.joint}
    assert pairs == {("Kenya", "Rebels"), ("Rebels", "Kenya")}


def test_the_attacked_place_joins_the_people_killed(nlp_rules: Language) -> None:
    doc = _doc(
        nlp_rules,
        story("Militants stormed a remote village in Kelso on Monday, killing at least 33 people."),
    )
    ev = _event(doc, "stormed")
    texts = [doc[m.start : m.end].text for m in ev.recipient]
    assert any("village" in t for t in texts) and any("people" in t for t in texts)


def test_an_aimed_target_replaces_a_place_of_origin(nlp_rules: Language) -> None:
    doc = _doc(
        nlp_rules,
        story("Rebels fired two missiles from Yemen at a cargo ship on Friday afternoon."),
    )
    ev = next(e for e in events_of(doc) if e.type == "ASSAULT")
    assert [doc[m.start : m.end].text for m in ev.recipient] == ["a cargo ship"]


def test_who_had_a_meeting_with_whom(nlp_rules: Language) -> None:
    doc = _doc(
        nlp_rules,
        story(
            "President Dara Vance arrived in Kelso on Thursday and had a long meeting "
            "with Alan Roe."
        ),
    )
    ev = next(e for e in events_of(doc) if e.type == "CONSULT")
    assert "Dara Vance" in _names(ev.actor)
    assert "Alan Roe" in _names(ev.recipient)


def test_an_attack_launched_by_a_party(nlp_rules: Language) -> None:
    doc = _doc(
        nlp_rules,
        story("The army repelled an attack launched by the militia against the village on Sunday."),
    )
    ev = _event(doc, "attack")
    assert _names(ev.actor) == ["Militia"]


DENIAL = story(
    "Kelso accuses rebels of shelling",
    "The Kelsonian army accused the Northern Liberation Front on Monday of shelling a market "
    "in Dorvan.",
    "The Northern Liberation Front rejected the allegations on Tuesday.",
)


def test_a_denial_answers_the_storys_accuser(nlp_rules: Language) -> None:
    doc = _doc(nlp_rules, DENIAL)
    ev = _event(doc, "rejected")
    assert [m.rule for m in ev.recipient] == [rules.ROLES_ACCUSER]
    assert "Army" in " ".join(_names(ev.recipient))


def test_a_vehicle_is_the_party_that_drives_it(nlp_rules: Language) -> None:
    doc = _doc(
        nlp_rules,
        story("Gunmen opened fire at a truck driven by Kenyan soldiers near the border on Monday."),
    )
    ev = next(e for e in events_of(doc) if e.type == "ASSAULT")
    assert any(m.country == "KEN" for m in ev.recipient)


def test_a_relative_clause_acts_on_the_noun_it_describes(nlp_rules: Language) -> None:
    doc = _doc(
        nlp_rules,
        story(
            "The army said it raided the camp to detain members of the Northern Liberation "
            "Front which it accused of planning attacks."
        ),
    )
    ev = _event(doc, "accused")
    assert [(m.name, m.rule) for m in ev.recipient] == [
        ("Northern Liberation Front", rules.ROLES_RELATIVE)
    ]


def test_an_attacked_vehicle_is_the_target(nlp_rules: Language) -> None:
    doc = _doc(
        nlp_rules,
        story("A vehicle carrying eight people was attacked by soldiers near Kelso on Friday."),
    )
    ev = _event(doc, "attacked")
    assert [doc[m.start : m.end].text for m in ev.recipient] == ["A vehicle"]


@pytest.mark.parametrize(
    ("text", "trigger", "whom"),
    [
        (
            "The foreign ministry summoned the envoy on Tuesday over the expulsions.",
            "summoned",
            "the envoy",
        ),
        (
            "Thousands of protesters gathered outside parliament in Kelso on Monday before "
            "police broke up the protest with tear gas.",
            "broke",
            "protesters",
        ),
    ],
    ids=["party-object", "protest-object"],
)
def test_a_triggers_own_object_names_whom(
    nlp_rules: Language, text: str, trigger: str, whom: str
) -> None:
    doc = _doc(nlp_rules, story(text))
    ev = next(e for e in events_of(doc) if doc[e.trigger_start].text == trigger)
    assert [(doc[m.start : m.end].text, m.rule) for m in ev.recipient] == [
        (whom, rules.ROLES_OWN_OBJECT)
    ]


def test_whoever_came_to_the_aid_of_someone_helped_them(nlp_rules: Language) -> None:
    doc = _doc(
        nlp_rules,
        story("The Red Cross came to the aid of some 15,000 refugees on Monday."),
    )
    ev = next(e for e in events_of(doc) if e.type == "AID")
    assert "Red Cross" in " ".join(_names(ev.actor))
    assert _names(ev.recipient) == ["Refugees"]


def test_they_can_be_an_army(nlp_rules: Language) -> None:
    doc = _doc(
        nlp_rules,
        story("The Kenyan army said they carried out a strike against the rebels on Friday."),
    )
    ev = next(e for e in events_of(doc) if e.type == "ASSAULT")
    assert [(m.country, m.sector) for m in ev.actor] == [("KEN", "MIL")]
    assert ev.actor[0].antecedent is not None
    assert doc[ev.actor[0].antecedent[0] : ev.actor[0].antecedent[1]].text == "The Kenyan army"
    ref = actor_ref(doc, ev.actor[0])
    assert (ref.text, doc.text[ref.start : ref.end]) == ("The Kenyan army", "The Kenyan army")
    assert "pronoun 'they'" in ref.how


def test_a_bare_number_object_counts_the_joined_verbs_party(nlp_rules: Language) -> None:
    doc = _doc(
        nlp_rules,
        story(
            "Government soldiers killed 14 fighters of the Northern Liberation Front in a village "
            "on Friday and detained three, a resident said."
        ),
    )
    ev = _event(doc, "detained")
    assert _names(ev.recipient) == ["Northern Liberation Front"]
    assert ev.recipient[0].rule == rules.ROLES_ELIDED_OBJECT


def test_a_number_with_its_own_noun_is_no_elided_object(nlp_rules: Language) -> None:
    doc = _doc(
        nlp_rules,
        story(
            "Government soldiers killed 14 fighters of the Northern Liberation Front on Friday "
            "and arrested two journalists, a resident said."
        ),
    )
    ev = _event(doc, "arrested")
    assert all(m.rule != rules.ROLES_ELIDED_OBJECT for m in ev.recipient)


def test_equipment_a_named_party_owns_makes_it_the_target(nlp_rules: Language) -> None:
    doc = _doc(
        nlp_rules,
        story("Coalition warships destroyed a Hezbollah drone over the sea on Monday."),
    )
    ev = _event(doc, "destroyed")
    assert _names(ev.recipient) == ["Hezbollah"]
    assert ev.recipient[0].rule == rules.ROLES_OWNED_TARGET
