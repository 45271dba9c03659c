"""Distinct acts told after a story's lead stay apart from it (issue 9, round 4): the toll of
a fight between two sides, a telling marked "other", a further act marked "then"."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from khabar.nlp.annotations import ActorMention, EventCandidate, events_of
from khabar.nlp.events.story import merge_mentions
from khabar.nlp.pipeline import run
from tests.nlp.events.story_texts import story
from tests.nlp.story.stories import PUBLISHED

pytestmark = pytest.mark.slow

CLASH_TOLL = story(
    "Dozens killed in Kelso fighting",
    "KELSO (Reuters) - At least 40 villagers have been killed and 90 injured in clashes "
    "between the army and the Northern Front in Kelso, a local committee said on Monday.",
    "The committee said the Northern Front shelled the eastern districts of the city.",
)

OTHER_PLACES = story(
    "Drone strike kills three in border village",
    "A drone strike killed three people in the border village of Lavan on Tuesday, the "
    "regional governor said.",
    "At least ten other villages have come under rocket and artillery strikes over the last "
    "day, the governor said.",
)

THEN = story(
    "Refugees pushed back at border",
    "KELSO (AFP) - The Dorvanian army forced 500 refugees back across the border on Monday, "
    "aid workers said.",
    "Kelvanian police were later seen forcing the refugees back towards the river, they said.",
)

RESTATED_PUSHBACK = story(
    "Refugees pushed back at border",
    "KELSO (AFP) - The Dorvanian army forced 500 refugees back across the border on Monday, "
    "aid workers said.",
    "The soldiers were seen forcing the refugees back towards the river, they said.",
)


def _doc(nlp: Language, text: str) -> Doc:
    return run(nlp, text, PUBLISHED)


def _trigger(doc: Doc, ev: EventCandidate) -> str:
    return doc[ev.trigger_start : ev.trigger_end].text


def _asserted(doc: Doc, kind: str) -> list[EventCandidate]:
    return [e for e in events_of(doc) if e.type == kind and e.factuality == "asserted"]


def test_the_killed_in_a_clash_are_its_toll_and_one_sides_act_its_own(
    nlp_rules: Language,
) -> None:
    doc = _doc(nlp_rules, CLASH_TOLL)
    by_trigger = {_trigger(doc, e): e for e in _asserted(doc, "ASSAULT")}
    clash = by_trigger["clashes"]
    assert [doc[s:t].text for s, t in clash.mentions] == ["killed"]
    assert clash.actor and clash.recipient  # the two sides, not the victims
    assert clash.fatalities is not None and clash.fatalities.value == 40
    assert "story.clash-toll" in clash.how
    shelled = next(e for t, e in by_trigger.items() if t.startswith("shelled"))
    assert [m.name for m in shelled.actor] == [m.name for m in clash.recipient]
    assert "killed" not in by_trigger


def test_strikes_on_other_places_are_other_strikes(nlp_rules: Language) -> None:
    doc = _doc(nlp_rules, OTHER_PLACES)
    assaults = _asserted(doc, "ASSAULT")
    assert len(assaults) == 2
    assert any(_trigger(doc, e) == "strikes" for e in assaults)


@pytest.mark.parametrize(
    ("text", "events"),
    [(THEN, 2), (RESTATED_PUSHBACK, 1)],
    ids=["then-a-further-act", "restated"],
)
def test_an_act_told_as_following_another_is_its_own(
    nlp_rules: Language, text: str, events: int
) -> None:
    doc = _doc(nlp_rules, text)
    pushbacks = _asserted(doc, "COERCE")
    assert len(pushbacks) == events


def test_a_party_the_verb_acts_on_is_no_reference_back(nlp_rules: Language) -> None:
    doc = _doc(nlp_rules, "The envoys met in the town. The governor later hosted the delegates.\n")
    first = EventCandidate(
        type="CONSULT", mode=None, context=[], trigger_start=2, trigger_end=3,
        trigger_tokens=[2], how="verb 'met'",
    )  # fmt: skip
    hosted, noun = (next(t.i for t in doc if t.text == w) for w in ("hosted", "delegates"))
    delegates = ActorMention(
        start=noun - 1, end=noun + 1, head=noun, name="Delegates", kind="NOMINAL"
    )
    second = EventCandidate(
        type="CONSULT", mode=None, context=[], trigger_start=hosted, trigger_end=noun + 1,
        trigger_tokens=[hosted, noun], how="verb+object", recipient=[delegates],
    )  # fmt: skip
    # "the delegates" is whom the governor hosted, not "the meeting" told before
    assert len(merge_mentions(doc, [first, second])) == 2


def _massacre(later_toll: int) -> str:
    return story(
        "LAVAN (AFP) - Suspected rebels massacred 30 civilians in the village of Lavan on "
        "Sunday, the authorities said.",
        "The army sent reinforcements to the district, a military source said.",
        f"Suspected rebels kill {later_toll} farmers in Dorvania",  # other words for the dead
    )


@pytest.mark.parametrize(
    ("later_toll", "events"), [(30, 1), (12, 2)], ids=["same-toll", "other-toll"]
)
def test_the_same_dead_counted_again_are_one_event(
    nlp_rules: Language, later_toll: int, events: int
) -> None:
    doc = _doc(nlp_rules, _massacre(later_toll))
    assaults = _asserted(doc, "ASSAULT")
    assert len(assaults) == events
    first = min(assaults, key=lambda e: e.trigger_start)
    assert _trigger(doc, first) == "massacred"  # the first telling stays the evidence
    if events == 1:
        assert "story.same-toll" in first.how


MEDIATED = story(
    "Prisoner swap",
    "DOHA (Reuters) - India and Pakistan exchanged 90 prisoners of war on Friday after Qatar "
    "acted as an intermediary, the defence ministry said.",
)


def test_a_mediator_is_held_with_each_side_of_the_act_it_mediated(nlp_rules: Language) -> None:
    doc = _doc(nlp_rules, MEDIATED)
    consults = _asserted(doc, "CONSULT")
    sides = sorted(m.name for e in consults for m in e.recipient)
    assert {m.name for e in consults for m in e.actor} == {"Qatar"}
    assert len(consults) == 2 and len(set(sides)) == 2
    assert all("story.mediated-sides" in e.how for e in consults)


BLOCKADE = story(
    "Farmers block roads",
    "KELSO (Reuters) - Farmers blocked roads to the provincial government's offices in Kelso "
    "on Monday, police said.",
    "Police said they had closed three frontier crossings after the farmers blocked roads.",
)


def test_the_same_word_by_the_same_actor_with_no_recipient_tells_it_again(
    nlp_rules: Language,
) -> None:
    doc = _doc(nlp_rules, BLOCKADE)
    (protest,) = _asserted(doc, "PROTEST")
    assert [doc[s:t].text for s, t in protest.mentions] == ["blocked"]
    assert [m.name for m in protest.recipient]  # the first telling's recipient stays


@pytest.mark.parametrize(
    ("ministry_country", "merged"),
    [(None, True), ("KLV", True), ("DRV", False)],
    ids=["no-country", "same-country", "other-country"],
)
def test_a_headline_names_in_short_a_party_of_no_known_country(
    nlp_rules: Language, ministry_country: str | None, merged: bool
) -> None:
    doc = _doc(
        nlp_rules,
        story("Kelvania condemns shelling", "The foreign ministry condemned the shelling."),
    )
    heads = [t.i for t in doc if t.lemma_ == "condemn"]
    parties = (
        ActorMention(start=0, end=1, head=0, name="Kelvania", kind="COUNTRY", country="KLV"),
        ActorMention(
            start=heads[1] - 2, end=heads[1], head=heads[1] - 1, name="Ministry of Foreign "
            "Affairs", kind="ORG", sector="GOV", country=ministry_country,
        ),
    )  # fmt: skip
    head, body = (
        EventCandidate(
            type="ACCUSE",
            mode=None,
            context=[],
            trigger_start=i,
            trigger_end=i + 1,
            trigger_tokens=[i],
            how="verb 'condemn'",
            actor=[party],
        )
        for i, party in zip(heads, parties, strict=True)
    )
    assert (len(merge_mentions(doc, [head, body])) == 1) is merged


TRUCE = story(
    "Truce signed",
    "KUALA LUMPUR (Reuters) - A bilateral ceasefire agreement was signed between the Moro "
    "Islamic Liberation Front and the Philippine government on Thursday, officials said.",
)


def test_a_mutual_act_whose_sides_the_story_roles_find_is_done_by_both(
    nlp_rules: Language,
) -> None:
    doc = _doc(nlp_rules, TRUCE)
    pairs = {
        (e.actor[0].name, e.recipient[0].name)
        for e in _asserted(doc, "RETREAT")  # a ceasefire agreement: PLOVER RETREAT (ceasefire)
        if e.actor and e.recipient
    }
    assert len(pairs) == 2
    assert {(b, a) for a, b in pairs} == pairs  # each side towards the other
