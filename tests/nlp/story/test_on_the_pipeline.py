"""The story modules on Docs parsed by khabar's real pipeline (lemmas, entities), not only
on tokenised ones."""

from __future__ import annotations

import pytest

from khabar.nlp.story.fatalities import find_fatalities
from khabar.nlp.story.frame import story_frame
from khabar.nlp.story.political import story_domain
from tests.nlp.story.stories import DISASTER, PUBLISHED, SPORT, WIRE


@pytest.mark.slow
def test_frame_fatalities_and_domain_on_parsed_stories(nlp_rules) -> None:  # type: ignore[no-untyped-def]
    wire = nlp_rules(WIRE)
    frame = story_frame(wire, PUBLISHED)
    assert frame.outlet == "Reuters"
    assert frame.news_day is not None and frame.news_day.value == "2031-06-14"
    counts = [m.value for s in wire.sents for m in find_fatalities(s)]
    assert counts == [14, 2]
    assert story_domain(wire).domain == "political"
    assert story_domain(nlp_rules(DISASTER)).domain == "disaster"
    assert story_domain(nlp_rules(SPORT)).domain == "sport"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Officials reported that over 100 members of the border guard were killed during "
         "a clash in the city.", 100),
        ("Officials report at least two members of the police and two gunmen have been "
         "killed in a gun battle.", 4),
        ("Troops killed 26 insurgents in the village on Friday, and captured two.", 26),
    ],
)  # fmt: skip
def test_the_parse_links_a_count_to_a_distant_death_verb(nlp_rules, text: str, value: int) -> None:  # type: ignore[no-untyped-def]
    assert [m.value for m in find_fatalities(nlp_rules(text)[:])] == [value]
