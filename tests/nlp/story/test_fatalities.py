"""nlp.story.fatalities: counts of people killed, attached to the violent event's trigger."""

from __future__ import annotations

import pytest

from khabar.nlp.story.fatalities import fatalities_for_trigger, find_counts, find_fatalities
from tests.nlp.story.stories import BACKGROUND, DISASTER, NLP, SPORT, WIRE, doc, sentence, tokens


def test_a_wire_story_the_attack_killed_14_the_return_fire_two() -> None:
    d = doc(WIRE)
    lead = sentence(d, "attacked an army border post")
    killed = fatalities_for_trigger(lead, tokens(d, "attacked"))
    assert killed is not None and (killed.value, killed.text) == (14, "at least 14")
    assert WIRE[killed.start : killed.end] == "at least 14" and killed.rule
    later = sentence(d, "returned fire")
    two = fatalities_for_trigger(later, tokens(d, "returned fire"))
    assert two is not None and two.value == 2


def test_a_vague_count_keeps_its_words_and_no_number() -> None:
    d = doc(BACKGROUND)
    found = find_fatalities(sentence(d, "Fighting since then"))
    assert [(f.value, f.text) for f in found] == [(None, "dozens")]


def test_a_disaster_count_and_the_injured_are_told_apart() -> None:
    d = doc(DISASTER)
    found = find_fatalities(sentence(d, "earthquake struck"))
    assert [(f.value, f.text) for f in found] == [(37, "37")]


def test_a_sports_report_has_no_fatalities_despite_its_numbers() -> None:
    d = doc(SPORT)
    assert all(find_fatalities(s) == [] for s in d.sents)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Gunmen killed 12 to 15 villagers.", 12),
        ("Between 12 and 15 people died in the raid.", 12),
        ("Twelve soldiers and three civilians were killed in the ambush.", 15),
        ("The death toll rose to 1,200 on Friday.", 1200),
        ("Rebels killed twenty-five villagers.", 25),
        ("Two dozen people were killed.", 24),
        ("A dozen protesters were shot dead.", 12),
        ("Two men were stabbed to death.", 2),
        ("The blast left more than 30 dead.", 30),
        ("Nine civilians, including two children, were killed.", 9),
        ("A police officer was shot dead.", 1),
        ("Gunmen killed an estimated 40 people.", 40),
        ("1,500 people were killed in the siege.", 1500),
    ],
)
def test_counts_read_the_lowest_stated_number(text: str, value: int) -> None:
    [found] = find_fatalities(NLP(text)[:])
    assert found.value == value


@pytest.mark.parametrize(
    "text",
    [
        "Police said 7 people were injured.",
        "The 14-year-old was killed in 2019.",
        "Troops advanced 10 km and seized 3 villages.",
        "Gunmen killed a guard in 2 attacks.",
        "Rebels attacked villages between 17-22 July, killing an unknown number.",
    ],
)
def test_no_fatality_count(text: str) -> None:
    assert [f.value for f in find_fatalities(NLP(text)[:])] in ([], [None])


def test_an_article_counts_one_only_before_a_passive_death() -> None:
    assert [f.value for f in find_fatalities(NLP("A bomb killed 5 people.")[:])] == [5]
    assert [f.value for f in find_fatalities(NLP("The raid killed a lot of people.")[:])] == [None]


def test_years_and_units_are_no_counts() -> None:
    counts = find_counts(NLP("In 2019, 40 km away, 5 people fled.")[:])
    assert [c.value for c in counts] == [5]
