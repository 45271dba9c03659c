"""Background the wording tells without a date (khabar.nlp.context.habitual): descriptions
of a party, running totals, habits, counts of events, states and what "since" counts from;
on a short wire story and sentences written for these tests, over the real rule pipeline."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from khabar.nlp.annotations import EventCandidate, events_of
from khabar.nlp.pipeline import run

pytestmark = pytest.mark.slow
PUBLISHED = dt.date(2031, 6, 19)

STORY = "\n\n".join(
    [
        "Rebels storm border town in Lorland",
        "NORTHPORT (Reuters) - Rebels stormed the border town of Kessa on Tuesday, killing "
        "six soldiers, the army said.",
        "The rebel alliance has launched dozens of attacks on army posts in the north.",
        "So far, the fighting has killed 40 people, the ministry said.",
        "Fighters loyal to the alliance, which is backed by Moravia, shelled the market.",
        "Reporters at the rallies have also been detained and often beaten.",
        "The alliance is under investigation by the court for its attacks on civilians.",
    ]
)


def _event(doc: Doc, word: str) -> EventCandidate:
    found = [ev for ev in events_of(doc) if doc[ev.trigger_tokens[0]].lower_ == word]
    assert found, [(ev.type, doc[ev.trigger_tokens[0]].text) for ev in events_of(doc)]
    return found[0]


@pytest.fixture(scope="module")
def story(nlp_rules: Language) -> Doc:
    return run(nlp_rules, STORY, PUBLISHED)


@pytest.mark.parametrize(
    ("trigger", "cue"),
    [
        ("launched", "background-aggregate: dozens of attacks"),
        ("killed", "background-aggregate: so far"),
        ("backed", "background-description: alliance … backed"),
        ("detained", "background-aggregate: often"),
        ("investigation", "background-aggregate: is under"),
    ],
)
def test_background_the_wording_tells(story: Doc, trigger: str, cue: str) -> None:
    found = [ev for ev in events_of(story) if story[ev.trigger_tokens[0]].lower_ == trigger]
    background = [ev for ev in found if ev.factuality == "historical"]
    assert background, [(ev.factuality, ev.factuality_cue) for ev in found]
    assert background[0].factuality_cue == cue


def test_the_news_itself_stays_asserted(story: Doc) -> None:
    assert _event(story, "stormed").factuality == "asserted"


@pytest.mark.parametrize(
    ("text", "trigger", "cue"),
    [
        (
            "Police arrested ten agitators who had called for protests in the capital.",
            "called",
            "background-description: agitators … had called",
        ),
        (
            "Government troops pushed into the valley, forces reinforcing the army said.",
            "reinforcing",
            "background-description: forces reinforcing",
        ),
        (
            "The ministry, whose head resigned, named Omar Kessa, who has been holding talks "
            "with the rebels, as its envoy.",
            "holding",
            "background-description: Kessa holding",
        ),
        (
            "Two earlier wars which are estimated to have killed over a million people left the "
            "region poor.",
            "killed",
            "background-description: wars … estimated",
        ),
        (
            "Most of the soldiers killed in the fighting were conscripts, the army said.",
            "killed",
            "background-aggregate: Most of",
        ),
        (
            "The envoy met the crew for the first time since their detention in the port.",
            "detention",
            "background-since: since detention",
        ),
    ],
)
def test_descriptions_and_since(nlp_rules: Language, text: str, trigger: str, cue: str) -> None:
    ev = _event(run(nlp_rules, text, PUBLISHED), trigger)
    assert (ev.factuality, ev.factuality_cue) == ("historical", cue)


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        # a headline's participle is its news
        ("Six soldiers killed by rebels in Kessa", "killed"),
        # the victims' count is no count of events
        ("Rebels have killed dozens of villagers in Kessa, the army said.", "killed"),
        # a relative clause in the simple past about a place is the news
        ("Troops entered the town where rebels attacked a convoy on Monday.", "attacked"),
        # a harm done to what a participle describes, dated or not, is an event
        (
            "Police found the bodies of two drivers of a convoy attacked by gunmen on Monday.",
            "attacked",
        ),
        ("The army said a village raided by militants was empty.", "raided"),
        # harm going on now is news, not a state the party is in
        ("The border town is under attack by the rebels, the governor said.", "attack"),
    ],
)
def test_news_in_the_same_shapes_stays_asserted(
    nlp_rules: Language, text: str, trigger: str
) -> None:
    assert _event(run(nlp_rules, text, PUBLISHED), trigger).factuality == "asserted"
