"""News or background (khabar.nlp.context.background) on short stories written by the
project, over the real rule pipeline."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from khabar.nlp.annotations import events_of
from khabar.nlp.context.background import prep_frame
from khabar.nlp.pipeline import run

PUBLISHED = dt.date(2031, 6, 19)  # a Thursday


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "trigger", "factuality", "cue"),
    [
        # an earlier month, "earlier this month", a day weeks before publication
        ("In March, the two leaders signed a truce in Geneva.", "signed", "historical",
         "background-date: March"),
        ("Earlier this month, soldiers arrested the mayor of the town.", "arrested",
         "historical", "background-date: Earlier this month"),
        ("On May 2, police arrested the mayor of the town.", "arrested", "historical",
         "background-date: May 2"),
        # wording that puts the event before the news
        ("Farmers have protested against the tax since the election.", "protested",
         "historical", "background-wording: since"),
        ("Rebels have attacked the town in recent months, residents said.", "attacked",
         "historical", "background-wording: in recent months"),
        # the news: a weekday of this week, today; a superlative's "since" is no background
        ("Rebels attacked the town on Tuesday, residents said.", "attacked", "asserted", None),
        ("Rebels have shelled the town since Monday, residents said.", "shelled", "asserted",
         None),
        ("The army suspended the talks until May 30.", "suspended", "asserted", None),
        ("Rebels attacked the town in the deadliest raid since 2019.", "attacked", "asserted",
         None),
    ],
)  # fmt: skip
def test_news_or_background(
    nlp_rules: Language, text: str, trigger: str, factuality: str, cue: str | None
) -> None:
    doc = run(nlp_rules, text, PUBLISHED)
    found = [ev for ev in events_of(doc) if doc[ev.trigger_tokens[0]].lower_ == trigger]
    assert found, f"no event on '{trigger}'"
    assert (found[0].factuality, found[0].factuality_cue) == (factuality, cue)


@pytest.mark.slow
def test_without_a_publication_date_the_latest_named_day_is_the_reference(
    nlp_rules: Language,
) -> None:
    text = (
        "Troops shelled the border town on June 12, 2031, officials said.\n\n"
        "In 2027, rebels attacked the same town."
    )
    doc = run(nlp_rules, text, None)
    by_word = {doc[ev.trigger_tokens[0]].lower_: ev for ev in events_of(doc)}
    assert by_word["shelled"].factuality == "asserted"
    assert by_word["attacked"].factuality == "historical"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "trigger", "cue"),
    [
        ("The militia has repeatedly attacked the convoys.", "attacked",
         "background-wording: repeatedly"),
        ("Her brother was killed by gunmen last March.", "killed",
         "background-wording: last March"),
    ],
)  # fmt: skip
def test_habitual_and_last_month_wording(
    nlp_rules: Language, text: str, trigger: str, cue: str
) -> None:
    doc = run(nlp_rules, text, None)
    found = [ev for ev in events_of(doc) if doc[ev.trigger_tokens[0]].lower_ == trigger]
    assert found, f"no event on '{trigger}'"
    assert (found[0].factuality, found[0].factuality_cue) == ("historical", cue)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "word", "factuality"),
    [
        ("The group announced plans for a protest in the capital.", "protest", "future"),
        ("The capital is bracing for unrest after the disputed vote.", "unrest",
         "hypothetical"),
        ("Envoys arrived for talks to be held on Friday.", "talks", "future"),
        ("Troops launched an operation in the hills to arrest the commanders.", "arrest",
         "hypothetical"),
        ("Ten votes were needed to win its endorsement.", "endorsement", "hypothetical"),
        ("Charities joined efforts to provide shelter to the refugees.", "provide",
         "hypothetical"),
    ],
)  # fmt: skip
def test_planned_expected_and_purpose_frames(
    nlp_rules: Language, text: str, word: str, factuality: str
) -> None:
    doc = run(nlp_rules, text, PUBLISHED)
    token = next(t for t in doc if t.lower_ == word)
    found = prep_frame(token)
    assert found is not None and found[0] == factuality
