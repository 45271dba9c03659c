"""nlp.story.political: disasters, accidents, crime, sport and business are not political."""

from __future__ import annotations

import pytest

from khabar.nlp.story.political import judge_sentence, story_domain
from tests.nlp.story.stories import BACKGROUND, DISASTER, NLP, SPORT, WIRE, doc, sentence


def test_a_disaster_report_is_not_political() -> None:
    d = doc(DISASTER)
    domain = story_domain(d)
    assert domain.domain == "disaster"
    judged = judge_sentence(sentence(d, "earthquake struck"), story=domain)
    assert (judged.political, judged.kind, judged.rule) == (False, "disaster", "nonpolitical.cue")
    assert any(c.text == "earthquake" for c in judged.cues)


def test_a_sports_report_attacks_are_not_political() -> None:
    d = doc(SPORT)
    domain = story_domain(d)
    assert domain.domain == "sport" and domain.rule == "story.cue-majority"
    assert not judge_sentence(sentence(d, "home team attacked"), story=domain).political
    # a sentence with no cue of its own takes the story's domain
    plain = NLP("They were crushed.")[:]
    judged = judge_sentence(plain, story=domain)
    assert (judged.political, judged.rule) == (False, "nonpolitical.story")


@pytest.mark.parametrize("text", [WIRE, BACKGROUND])
def test_wire_stories_are_political(text: str) -> None:
    d = doc(text)
    assert story_domain(d).domain == "political"
    assert all(judge_sentence(s, story=story_domain(d)).political for s in d.sents)


@pytest.mark.parametrize(
    ("text", "political", "kind"),
    [
        ("A bus plunged into a gorge, killing 12 passengers.", False, "accident"),
        ("A gas explosion at a factory killed nine workers.", False, "accident"),
        ("A cholera outbreak has killed 30 people.", False, "disease"),
        ("A shopkeeper was shot dead in a robbery, police said.", False, "crime"),
        ("Shares plunged after the raid on the market.", False, "business"),
        ("Militants attacked a bus, killing 12 passengers.", True, "political"),
        ("A car bomb exploded outside the ministry.", True, "political"),
        ("Soldiers fired on protesters in the square.", True, "political"),
        ("Five people were killed on Friday.", True, "political"),
    ],
)
def test_harm_sentences(text: str, political: bool, kind: str) -> None:
    judged = judge_sentence(NLP(text)[:])
    assert (judged.political, judged.kind) == (political, kind)


def test_a_political_actor_told_by_the_caller_wins() -> None:
    judged = judge_sentence(
        NLP("The convoy was hit near a flooded bridge.")[:], political_actor=True
    )
    assert judged.political and judged.rule == "political.actor"


def test_a_state_actor_in_a_disaster_story_is_the_responder_not_a_party() -> None:
    d = doc(DISASTER)
    told = NLP("The government said five people were injured in the town.")[:]
    assert not judge_sentence(told, story=story_domain(d)).political
    judged = judge_sentence(told)  # the same sentence in a political story
    assert judged.political and judged.rule == "political.state"
    armed = NLP("The government said troops killed five people in the town.")[:]
    assert judge_sentence(armed, story=story_domain(d)).political
