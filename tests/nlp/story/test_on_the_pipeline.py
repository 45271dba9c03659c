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
