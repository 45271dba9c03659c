"""Event finding and the story-event passes of the recall work, on short whole stories
written by the project (tests/nlp/events/recall_texts.py), through the real rule pipeline
(no classifier), and on hand-built candidates."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from khabar.nlp import rules
from khabar.nlp.annotations import ActorMention, EventCandidate, events_of
from khabar.nlp.convert import to_events
from khabar.nlp.events.discourse import DISTINCT_ACTS
from khabar.nlp.events.mediation import MEDIATED
from khabar.nlp.events.story import ANOTHER, CIRCUMSTANCE, LETHAL_FORCE, drop_guesses
from khabar.nlp.pipeline import run
from khabar.ontology import load_ontology
from tests.nlp.events import recall_texts as texts
from tests.nlp.events.story_texts import story
from tests.nlp.story.stories import PUBLISHED

pytestmark = pytest.mark.slow


def _doc(nlp: Language, text: str) -> Doc:
    return run(nlp, text, PUBLISHED)


def _trigger(doc: Doc, ev: EventCandidate) -> str:
    return doc[ev.trigger_start : ev.trigger_end].text


def _pairs(doc: Doc, type_: str) -> list[tuple[list[str], list[str]]]:
    return sorted(
        ([m.name for m in e.actor], [m.name for m in e.recipient])
        for e in events_of(doc)
        if e.type == type_
    )


def test_force_against_a_crowd_is_an_assault(nlp_rules: Language) -> None:
    doc = _doc(nlp_rules, texts.CROWD_FORCE)
    (force,) = [e for e in events_of(doc) if e.type == "ASSAULT"]
    assert _trigger(doc, force).startswith("fired tear gas")
    assert [m.sector for m in force.actor] == ["COP"]


def test_sealing_a_border_is_coercion(nlp_rules: Language) -> None:
    doc = _doc(nlp_rules, texts.BORDER)
    (closed,) = [e for e in events_of(doc) if e.type == "COERCE"]
    assert closed.mode == "restrict"
    assert [m.name for m in closed.actor] == ["Chile"]


def test_a_mediated_exchange_is_both_sides_and_the_mediation_towards_each(
    nlp_rules: Language,
) -> None:
    doc = _doc(nlp_rules, texts.MEDIATED)
    assert _pairs(doc, "RETREAT") == [(["Chile"], ["Peru"]), (["Peru"], ["Chile"])]
    assert _pairs(doc, "CONSULT") == [(["Norway"], ["Chile"]), (["Norway"], ["Peru"])]
    assert all(MEDIATED in e.how for e in events_of(doc))


def test_acting_as_a_go_between_is_a_mediation(nlp_rules: Language) -> None:
    doc = _doc(nlp_rules, texts.INTERMEDIARY)
    consults = [[m.name for m in e.actor] for e in events_of(doc) if e.type == "CONSULT"]
    assert ["Norway"] in consults


def test_parties_acting_together_give_one_event_each_towards_the_other(
    nlp_rules: Language,
) -> None:
    doc = _doc(nlp_rules, texts.AGREEMENT)
    events = [e for e in events_of(doc) if e.actor]
    assert sorted(([m.name for m in e.actor], [m.name for m in e.recipient]) for e in events) == [
        (["Chile"], ["Peru"]),
        (["Peru"], ["Chile"]),
    ]
    assert len({e.id for e in to_events(doc, "agreement", load_ontology())}) == len(events)


def test_joint_recipients_give_one_event_each_with_distinct_ids(nlp_rules: Language) -> None:
    doc = _doc(nlp_rules, texts.TOUR)
    visits = [e for e in events_of(doc) if e.type == "CONSULT"]
    assert sorted(m.name for e in visits for m in e.recipient) == ["Burundi", "Rwanda", "Uganda"]
    assert all(len(e.recipient) == 1 for e in visits)
    ids = {e.id for e in to_events(doc, "tour", load_ontology())}
    assert len(ids) == 3


@pytest.mark.parametrize(
    ("text", "absent"),
    [(texts.DESCRIPTIONS, {"backed", "damaged"}), (texts.REPORT, {"released"})],
    ids=["attributive-participles", "publishing-is-no-release"],
)
def test_descriptions_and_publications_are_no_events(
    nlp_rules: Language, text: str, absent: set[str]
) -> None:
    doc = _doc(nlp_rules, text)
    assert not {_trigger(doc, e) for e in events_of(doc)} & absent


def test_a_violent_circumstance_is_the_verbs_event(nlp_rules: Language) -> None:
    doc = _doc(nlp_rules, texts.RAID)
    (killed,) = events_of(doc)
    assert (killed.type, _trigger(doc, killed)) == ("ASSAULT", "killed")
    assert [doc[s:e].text for s, e in killed.mentions] == ["raid"]
    assert CIRCUMSTANCE in killed.how


def test_the_headline_event_is_told_by_the_first_body_event_of_its_type(
    nlp_rules: Language,
) -> None:
    doc = _doc(nlp_rules, texts.HEADLINE_LATER)
    (seized,) = [e for e in events_of(doc) if e.type == "COERCE"]
    assert _trigger(doc, seized) == "seized"
    assert "seize" in [doc[s:e].text for s, e in seized.mentions]  # the headline's


def test_a_later_telling_with_no_party_is_the_story_event(nlp_rules: Language) -> None:
    doc = _doc(nlp_rules, texts.RETOLD)
    (attack,) = [e for e in events_of(doc) if e.type == "ASSAULT"]
    assert _trigger(doc, attack) == "attacked"
    assert sorted(doc[s:e].text for s, e in attack.mentions) == ["destroyed", "killed"]
    assert attack.fatalities is not None and attack.fatalities.value == 2


def _candidate(rule: str) -> EventCandidate:
    return EventCandidate(
        type="AID", mode=None, context=[], trigger_start=0, trigger_end=1, trigger_tokens=[0],
        how="", actor=[ActorMention(start=0, end=1, head=0, name="X", kind="ORG")], rule=rule,
    )  # fmt: skip


def test_guesses_go_where_the_rules_tell_the_story_and_stay_alone() -> None:
    told, guess = _candidate(rules.VERB), _candidate(rules.CLASSIFIER)
    assert drop_guesses([told, guess]) == [told]
    assert drop_guesses([guess]) == [guess]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The opposition voted against the budget on Monday.", ("REJECT", "voted against")),
        (
            "Chile expelled a number of Peruvian diplomats on Monday.",
            ("SANCTION", "expelled a number of Peruvian diplomats"),
        ),
        ("Striking teachers occupied the town hall in Varnek on Monday.", ("PROTEST", "occupied")),
        ("The rebels fired mortars at the airport on Monday.", ("ASSAULT", "fired mortars")),
        (
            "Border guards forced the migrants back across the river on Monday.",
            ("COERCE", "forced the migrants back"),
        ),
        (
            "Guards stopped the farmers from marching on the capital on Monday.",
            ("COERCE", "stopped"),
        ),
        ("Hundreds occupied the ministry's lobby in Varnek on Monday.", ("PROTEST", "occupied")),
        ("Government troops abandoned the hilltop base on Monday.", ("RETREAT", "abandoned")),
        (
            "Gunmen seized three children from a school bus on Monday.",
            ("ASSAULT", "seized three children"),
        ),
    ],
    ids=[
        "vote-against",
        "expel-counted-diplomats",
        "teachers-occupy",
        "mortars",
        "forced-back",
        "stopped-from-marching",
        "hundreds-occupy",
        "troops-abandon",
        "people-seized",
    ],
)
def test_trigger_words_from_the_plover_definitions(
    nlp_rules: Language, sentence: str, expected: tuple[str, str]
) -> None:
    doc = _doc(nlp_rules, sentence + "\n")
    assert expected in {(e.type, _trigger(doc, e)) for e in events_of(doc)}


def test_returning_fire_is_force_not_a_withdrawal(nlp_rules: Language) -> None:
    doc = _doc(nlp_rules, texts.RETURNED_FIRE)
    types = {_trigger(doc, e): e.type for e in events_of(doc)}
    assert types.get("returned fire") == "ASSAULT"
    assert "RETREAT" not in types.values()


def test_a_raid_in_which_people_died_is_an_assault(nlp_rules: Language) -> None:
    doc = _doc(nlp_rules, texts.LETHAL_RAID)
    (raid,) = events_of(doc)
    assert (raid.type, _trigger(doc, raid)) == ("ASSAULT", "raid")
    assert raid.fatalities is not None and raid.fatalities.value == 3
    assert LETHAL_FORCE in raid.how


def test_civilians_fleeing_is_no_retreat(nlp_rules: Language) -> None:
    doc = _doc(nlp_rules, "Hundreds of villagers fled across the river on Monday.\n")
    assert [e.type for e in events_of(doc)] == []


@pytest.mark.parametrize(
    ("sentence", "absent"),
    [
        ("An aide, who asked not to be identified, said the talks had failed.\n", "REQUEST"),
        ("Rights groups condemned the crimes committed by the militia.\n", "AGREE"),
        ("The mayor offered his condolences to the families on Monday.\n", "AGREE"),
        ("According to figures provided by the agency, turnout fell.\n", "AID"),
        ("The two factions agreed on a ceasefire late on Monday.\n", "RETREAT"),
        ("The union called for the release of its jailed leader on Monday.\n", "RETREAT"),
        ("Amid years of conflict, the two sides met in Geneva on Monday.\n", "ASSAULT"),
        ("The minister said the smuggling posed a threat to the region.\n", "THREATEN"),
    ],
    ids=[
        "not-identified",
        "committed-wrongs",
        "condolences",
        "figures-provided",
        "agreed-on",
        "called-for",
        "situation-noun",
        "judged-threat",
    ],
)
def test_sourcing_wrongs_and_the_content_of_speech_acts_are_no_events(
    nlp_rules: Language, sentence: str, absent: str
) -> None:
    doc = _doc(nlp_rules, sentence)
    assert absent not in {e.type for e in events_of(doc)}


def test_events_in_a_photo_caption_are_no_news(nlp_rules: Language) -> None:
    text = (
        "Rebels attacked an army post near Kelso on Sunday, the army said.\n\n"
        "From left: soldiers who fought the rebels in Kelso in May (Photo: army handout).\n"
    )
    doc = _doc(nlp_rules, text)
    assert [_trigger(doc, e) for e in events_of(doc)] == ["attacked"]


def test_events_in_a_credit_line_are_no_news(nlp_rules: Language) -> None:
    text = (
        "Rebels attacked an army post near Kelso on Sunday, the army said.\n\n"
        "Aid workers in Kelso contributed reporting.\n"
    )
    doc = _doc(nlp_rules, text)
    assert [_trigger(doc, e) for e in events_of(doc)] == ["attacked"]


def test_what_is_usually_done_is_no_event(nlp_rules: Language) -> None:
    doc = _doc(nlp_rules, "The committee, which usually convenes in Kelso, praised the army.\n")
    assert [(e.type, _trigger(doc, e)) for e in events_of(doc)] == [("SUPPORT", "praised")]


def test_coordinated_acts_with_their_own_objects_are_two_events(nlp_rules: Language) -> None:
    doc = _doc(nlp_rules, texts.TWO_ACTS)
    attacks = [e for e in events_of(doc) if e.type == "ASSAULT"]
    assert {_trigger(doc, e) for e in attacks} >= {"abducted", "killed"}
    assert any(DISTINCT_ACTS in e.how for e in attacks)


@pytest.mark.parametrize(
    ("text", "acts"),
    [
        (
            "The shelling of the port came two days after troops bombed a rebel camp.\n",
            {"shelling", "bombed"},
        ),
        (
            "Rebels shelled the depot a week before soldiers attacked their base.\n",
            {"shelled", "attacked"},
        ),
    ],
)
def test_acts_tied_in_time_by_after_or_before_are_two_events(
    nlp_rules: Language, text: str, acts: set[str]
) -> None:
    doc = _doc(nlp_rules, text)
    attacks = [e for e in events_of(doc) if e.type == "ASSAULT"]
    assert {_trigger(doc, e) for e in attacks} == acts
    assert any(DISTINCT_ACTS in e.how for e in attacks)


def test_an_act_in_a_relative_clause_on_a_party_is_its_own_event(nlp_rules: Language) -> None:
    doc = _doc(nlp_rules, texts.RELATIVE_ACT)
    triggers = {_trigger(doc, e) for e in events_of(doc) if e.type == "ASSAULT"}
    assert {"killed", "attacked"} <= triggers


def test_another_act_is_not_merged_into_the_story_event(nlp_rules: Language) -> None:
    doc = _doc(nlp_rules, texts.ANOTHER_ACT)
    attacks = [e for e in events_of(doc) if e.type == "ASSAULT"]
    second = [e for e in attacks if doc[e.trigger_start - 3].text == "Another"]
    assert len(second) == 1
    assert ANOTHER in second[0].how
    assert all(m[0] < second[0].trigger_start for e in attacks for m in e.mentions)


@pytest.mark.parametrize(
    ("text", "type_", "trigger"),
    [
        # casualties inflicted on a party are force used on it (PLOVER ASSAULT)
        (
            "Chilean troops inflicted heavy casualties on the rebels near Varnek on Monday.",
            "ASSAULT",
            "inflicted heavy casualties",
        ),
        # a counted object: "dozens of rockets" are rockets launched
        (
            "Rebels launched dozens of rockets at a Chilean army base on Monday.",
            "ASSAULT",
            "launched dozens of rockets",
        ),
        # relief goods delivered are aid (PLOVER AID)
        (
            "The Red Cross delivered food to the besieged town of Varnek on Monday.",
            "AID",
            "delivered food",
        ),
    ],
)
def test_plover_trigger_words(nlp_rules: Language, text: str, type_: str, trigger: str) -> None:
    doc = _doc(nlp_rules, story("Varnek", text))
    assert trigger in [_trigger(doc, e) for e in events_of(doc) if e.type == type_]


def test_a_headline_naming_parties_in_short_is_the_body_event(nlp_rules: Language) -> None:
    doc = _doc(nlp_rules, texts.HEADLINE_SHORT)
    (condemned,) = [e for e in events_of(doc) if e.type == "ACCUSE"]
    assert _trigger(doc, condemned) == "condemned"
    assert condemned.mentions and condemned.mentions[0][0] < condemned.trigger_start


def test_an_event_noun_setting_the_scene_is_a_minor_mention(nlp_rules: Language) -> None:
    doc = _doc(nlp_rules, texts.SETTING)
    triggers = [_trigger(doc, e) for e in events_of(doc) if e.factuality == "asserted"]
    assert "withdrew" in triggers
    assert "fighting" not in triggers


def test_a_definite_reference_gives_details_of_the_story_event(nlp_rules: Language) -> None:
    doc = _doc(nlp_rules, texts.REFERENCE_DETAILS)
    (attack,) = [e for e in events_of(doc) if e.type == "ASSAULT"]
    assert _trigger(doc, attack) == "killed"
    assert any(doc[start].text == "attack" for start, _ in attack.mentions)


@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("Those killed in Varnek were mostly local candidates for the council.", False),
        ("The rebels said that one of the two guards killed was their cousin.", False),
        ("Nine civilians killed by army air strikes in Varnek.", True),
        ("Rebels killed nine civilians in Varnek on Monday.", True),
    ],
)
def test_a_participle_describing_the_subject_names_victims(
    nlp_rules: Language, text: str, event: bool
) -> None:
    doc = _doc(nlp_rules, story("Varnek", text))
    assert ("killed" in [_trigger(doc, e) for e in events_of(doc)]) is event


def test_a_sentence_repeated_on_the_page_tells_its_event_once(nlp_rules: Language) -> None:
    caption = "Chilean troops deploy near Varnek as the rebels advance on Monday."
    doc = _doc(nlp_rules, story("Troops in Varnek", caption, "Talks in Lima are planned.", caption))
    deployed = [e for e in events_of(doc) if _trigger(doc, e) == "deploy"]
    assert len(deployed) == 1
    assert len(deployed[0].mentions) == 1
    assert "story.repeated" in deployed[0].how


def test_casualties_counted_by_two_verbs_are_one_act(nlp_rules: Language) -> None:
    text = "Rebels killed two soldiers and wounded four in Varnek on Monday."
    doc = _doc(nlp_rules, story("Varnek", text))
    assert len([e for e in events_of(doc) if e.type == "ASSAULT"]) == 1


@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("The rebel group has been fighting the Chilean army near Varnek for years.", False),
        ("The rebel group attacked the Chilean army near Varnek for the second time.", True),
    ],
)
def test_a_verb_lasting_years_is_the_background(
    nlp_rules: Language, text: str, event: bool
) -> None:
    doc = _doc(nlp_rules, story("Varnek", text))
    assert any(e.type == "ASSAULT" for e in events_of(doc)) is event


@pytest.mark.parametrize(
    ("sentence", "trigger"),
    [
        ("The army began a military exercise near the border on Tuesday.", "exercise"),
        ("Navy ships held drills in the gulf on Monday.", "drills"),
        ("Soldiers from both armies kicked off the exercise on Tuesday.", "exercise"),
    ],
    ids=["military-exercise", "held-drills", "the-exercise"],
)
def test_a_military_exercise_is_a_mobilisation(
    nlp_rules: Language, sentence: str, trigger: str
) -> None:
    doc = _doc(nlp_rules, story("Forces on show", sentence))
    found = [(e.type, _trigger(doc, e)) for e in events_of(doc)]
    assert any(t == "MOBILIZE" and w.endswith(trigger) for t, w in found), found


@pytest.mark.parametrize(
    "sentence",
    [
        "The commission said the voter registration exercise would end on Friday.",
        "The minister said the cost-cutting exercise would save millions.",
        "Residents were told to exercise caution on Monday.",
    ],
    ids=["registration", "cost-cutting", "verb"],
)
def test_other_exercises_are_no_mobilisation(nlp_rules: Language, sentence: str) -> None:
    doc = _doc(nlp_rules, story("Notice", sentence))
    assert [e.type for e in events_of(doc) if e.type == "MOBILIZE"] == []
