"""Background the grammar tells (khabar.nlp.context.anterior): past perfect narrative,
relative clauses about a person, "days after" and background tie clauses; on short stories
and sentences written for these tests, over the real rule pipeline."""

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
        "Gang attacks hotel district",
        "Gunmen attacked a hotel in the capital of Lorland on Tuesday, killing four guards, "
        "police said in a statement.",
        "The gang leader had threatened reprisals against hotel staff.",
        "Protesters rallied in support of the former president, who was ousted by lawmakers "
        "and arrested.",
        "The attack came two weeks after the foreign minister visited Kenya.",
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
        ("threatened", "background-pluperfect: had threatened"),
        ("arrested", "background-relative: arrested"),
    ],
)
def test_background_the_grammar_tells(story: Doc, trigger: str, cue: str) -> None:
    ev = _event(story, trigger)
    assert (ev.factuality, ev.factuality_cue) == ("historical", cue)


def test_a_tie_to_a_dated_event_dates_it_before_the_news_period(story: Doc) -> None:
    # "two weeks after" Tuesday's attack: the visit is dated by the count (offset), and that
    # date is before the news period
    ev = _event(story, "visited")
    assert ev.date is not None and ev.date_how == "offset"
    assert ev.date.value == "2031-06-03"
    assert ev.factuality == "historical"
    assert ev.factuality_cue is not None and ev.factuality_cue.startswith("background-date")


@pytest.mark.parametrize("trigger", ["attacked", "rallied"])
def test_the_news_itself_stays_asserted(story: Doc, trigger: str) -> None:
    assert _event(story, trigger).factuality == "asserted"


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        # in reported speech the past perfect is the news itself
        ("Police said gunmen had stormed the village of Garissa.", "stormed"),
        # a single day after is still the news
        ("The strike came a day after the envoy visited Kenya.", "visited"),
    ],
)
def test_reported_pluperfect_and_a_day_after_are_news(
    nlp_rules: Language, text: str, trigger: str
) -> None:
    doc = run(nlp_rules, text, PUBLISHED)
    assert _event(doc, trigger).factuality == "asserted"


def test_a_governing_clause_tied_to_a_background_time(nlp_rules: Language) -> None:
    text = (
        "Observers reported calm across the country on Monday. Before the results were "
        "announced last month, opposition candidates said they rejected the results."
    )
    doc = run(nlp_rules, text, PUBLISHED)
    ev = _event(doc, "rejected")
    assert (ev.factuality, ev.factuality_cue) == ("historical", "background-tie: last month")


@pytest.mark.parametrize(
    ("text", "trigger", "factuality", "cue"),
    [
        # what a pledge or commitment promises is not yet done
        ("The envoy repeated the government's commitments to defend the island in an armed "
         "attack.", "defend", "hypothetical", "frame-prep: commitments to"),
        # an event that followed a background event belongs to its period
        ("Some 4,000 arrests followed the 2027 protests.", "arrests", "historical",
         "background-date: 2027"),
        ("Arrests followed the protests on Monday.", "arrests", "asserted", None),
    ],
)  # fmt: skip
def test_intents_and_what_followed_background(
    nlp_rules: Language, text: str, trigger: str, factuality: str, cue: str | None
) -> None:
    ev = _event(run(nlp_rules, text, PUBLISHED), trigger)
    assert (ev.factuality, ev.factuality_cue) == (factuality, cue)
