"""The story steps of dating, placing and news-or-background (khabar.nlp.context.story), on
whole short stories written by the project, over the real rule pipeline."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from khabar.nlp.annotations import EventCandidate, events_of
from khabar.nlp.context.background import prep_frame
from khabar.nlp.pipeline import run

PUBLISHED = dt.date(2031, 6, 19)  # a Thursday


def _story(*paragraphs: str) -> str:
    return "\n\n".join(paragraphs) + "\n"


WIRE = _story(
    "Gunmen storm market in northern Kenya",
    "NAIROBI (Reuters) - Gunmen attacked a crowded market in the northern town of Garissa "
    "on Tuesday, killing five traders, police said.",
    "Two of the gunmen were killed when soldiers returned fire. Police later detained three "
    "suspects in the town.",
    "Hours later, students protested against the violence in the Kenyan capital.",
)
BACKGROUND = _story(
    "Talks resume in Juba",
    "JUBA (AP) - Government and rebel negotiators met in Juba on Wednesday to revive stalled "
    "peace talks, officials said.",
    "In 2029, rebels attacked an army base near Bor. They seized weapons and burned the barracks.",
    "The rebels stopped short of an assault on the town. The envoy flew to Addis Ababa ahead "
    "of a meeting between the two leaders.",
)


def _by_trigger(doc_events: list[EventCandidate], doc, word: str) -> EventCandidate:  # type: ignore[no-untyped-def]
    found = [ev for ev in doc_events if doc[ev.trigger_tokens[0]].lower_ == word]
    assert found, f"no event on '{word}'"
    return found[0]


@pytest.fixture(scope="module")
def wire(nlp_rules: Language):  # type: ignore[no-untyped-def]
    return run(nlp_rules, WIRE, PUBLISHED)


@pytest.fixture(scope="module")
def background(nlp_rules: Language):  # type: ignore[no-untyped-def]
    return run(nlp_rules, BACKGROUND, PUBLISHED)


@pytest.mark.slow
def test_the_frame_is_read_before_events(wire) -> None:  # type: ignore[no-untyped-def]
    frame = wire._.khabar_frame
    assert frame.outlet == "Reuters"
    assert frame.news_day is not None and frame.news_day.value == "2031-06-17"
    assert frame.news_place is not None and frame.news_place.text == "Garissa"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("trigger", "how", "value"),
    [
        ("attacked", "sentence", "2031-06-17"),  # its own clause
        ("killed", "news-day", "2031-06-17"),  # the lead's attack, restated
        ("protested", "tied", "2031-06-17"),  # "hours later": the last dated event's day
    ],
)
def test_dates_follow_the_story(wire, trigger: str, how: str, value: str) -> None:  # type: ignore[no-untyped-def]
    ev = _by_trigger(events_of(wire), wire, trigger)
    assert ev.date is not None
    assert (ev.date_how, ev.date.value, ev.date.precision) == (how, value, "day")


@pytest.mark.slow
def test_an_event_of_another_kind_in_a_news_paragraph_takes_the_news_day(wire) -> None:  # type: ignore[no-untyped-def]
    # "detained" (COERCE) is not of the lead's kind, but its paragraph tells the news ("two
    # of the gunmen were killed" took the news day): the news day, never the publication date
    ev = _by_trigger(events_of(wire), wire, "detained")
    assert ev.date is not None
    assert (ev.date_how, ev.date.value) == ("news-day", "2031-06-17")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("trigger", "how", "place"),
    [
        ("attacked", "clause", "Garissa"),
        ("detained", "description", "Garissa"),  # "the town": the town named before
        ("protested", "description", "NAIROBI"),  # "the Kenyan capital", named in the dateline
    ],
)
def test_places_follow_the_story(wire, trigger: str, how: str, place: str) -> None:  # type: ignore[no-untyped-def]
    ev = _by_trigger(events_of(wire), wire, trigger)
    assert ev.location is not None
    assert ev.location_how == how
    assert wire[ev.location.start : ev.location.end].text == place


@pytest.mark.slow
def test_a_capital_named_nowhere_stands_for_its_name(nlp_rules: Language) -> None:
    text = _story(
        "Students march",
        "Thousands of students marched through the Kenyan capital on Monday, police said.",
    )
    doc = run(nlp_rules, text, PUBLISHED)
    ev = _by_trigger(events_of(doc), doc, "marched")
    assert ev.location is not None and ev.location_how == "description"
    assert doc[ev.location.start : ev.location.end].text == "the Kenyan capital"
    assert ev.location.name == "Nairobi"


@pytest.mark.slow
def test_events_in_the_lead_are_news_and_background_is_historical(background) -> None:  # type: ignore[no-untyped-def]
    events = events_of(background)
    met = _by_trigger(events, background, "met")
    assert met.factuality == "asserted"
    attacked = _by_trigger(events, background, "attacked")
    assert (attacked.factuality, attacked.factuality_cue) == ("historical", "background-date: 2029")
    seized = _by_trigger(events, background, "seized")  # follows the dated opener
    assert seized.factuality == "historical"
    assert seized.factuality_cue == "background-paragraph: 2029"
    assert seized.date is None  # background is not dated with the news day


@pytest.mark.slow
@pytest.mark.parametrize(
    ("trigger", "factuality"),
    [("assault", "negated"), ("meeting", "future")],
)
def test_planned_and_stopped_short_events(background, trigger: str, factuality: str) -> None:  # type: ignore[no-untyped-def]
    # the frame of the event word, whichever rule makes it an event
    token = next(t for t in background if t.lower_ == trigger)
    found = prep_frame(token)
    assert found is not None and found[0] == factuality


@pytest.mark.slow
def test_a_place_an_event_answers_is_not_where_it_happened(nlp_rules: Language) -> None:
    doc = run(nlp_rules, "The ministry expelled two envoys in response to Lisbon.", PUBLISHED)
    assert all(ev.location is None for ev in events_of(doc))


@pytest.mark.slow
def test_the_one_day_a_sentence_names_dates_a_reported_event(nlp_rules: Language) -> None:
    doc = run(nlp_rules, "The army said on Monday that troops killed 12 militants.", PUBLISHED)
    killed = _by_trigger(events_of(doc), doc, "killed")
    assert killed.date is not None
    assert (killed.date_how, killed.date.value) == ("sentence-day", "2031-06-16")


@pytest.mark.slow
def test_a_weekday_tagged_as_a_time_is_a_date(nlp_rules: Language) -> None:
    from khabar.nlp.annotations import dates_of

    doc = run(
        nlp_rules, "Shelling wounded two children late Monday night, officials said.", PUBLISHED
    )
    assert [d.value for d in dates_of(doc)] == ["2031-06-16"]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "The UN has delivered aid for the first time since 2029 to the town of Garissa.",
        "Protesters have clashed with police since Monday in Nairobi.",
    ],
)
def test_a_date_that_bounds_a_period_dates_no_event(nlp_rules: Language, text: str) -> None:
    doc = run(nlp_rules, text, PUBLISHED)
    events = events_of(doc)
    assert events and all(ev.date is None for ev in events)


@pytest.mark.slow
def test_a_tie_clause_takes_the_date_its_clause_was_given_from_the_story(
    nlp_rules: Language,
) -> None:
    text = _story(
        "Thousands of protesters marched through the streets of Nairobi on Thursday to demand "
        "the release of jailed opposition leaders.",
        "Demonstrators later marched to parliament, as police fired tear gas at the crowds.",
    )
    doc = run(nlp_rules, text, PUBLISHED)
    fired = _by_trigger(events_of(doc), doc, "fired")
    assert fired.date is not None
    assert (fired.date_how, fired.date.value) == ("tied", "2031-06-19")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        # the lead's event named again with a definite article ("the protest")
        (_story(
            "Police break up protest",
            "Police fired tear gas to break up a protest by students in Nairobi on Tuesday, "
            "witnesses said.",
            "Some 200 students were taking part in that protest outside the parliament, "
            "chanting slogans.",
        ), "taking"),
        # another event of a paragraph that tells the news (one of its events took the news day)
        (_story(
            "Ministry condemns shelling",
            "The foreign ministry of Kenya strongly condemned the shelling of border villages "
            "by rebels on Tuesday, the ministry said in a statement.",
            '"We condemn these attacks on civilians. We call on the rebels to withdraw from the '
            'border at once," the statement said.',
        ), "call"),
    ],
)  # fmt: skip
def test_the_news_day_dates_what_continues_the_news(
    nlp_rules: Language, text: str, trigger: str
) -> None:
    doc = run(nlp_rules, text, PUBLISHED)
    ev = _by_trigger(events_of(doc), doc, trigger)
    assert ev.date is not None
    assert (ev.date_how, ev.date.value) == ("news-day", "2031-06-17")


@pytest.mark.slow
def test_a_time_of_day_relative_to_publication_dates_its_event(nlp_rules: Language) -> None:
    text = _story(
        "Navy ship targeted",
        "Earlier in the day, the army said rebels had attacked a checkpoint near the port.",
        '"Late last night, our forces fired a missile at an enemy ship," a rebel spokesman '
        "said in a statement.",
    )
    doc = run(nlp_rules, text, PUBLISHED)
    fired = _by_trigger(events_of(doc), doc, "fired")
    assert fired.date is not None
    assert (fired.date_how, fired.date.value) == ("sentence", "2031-06-18")


@pytest.mark.slow
def test_a_lead_without_a_day_takes_the_day_a_later_restatement_names(
    nlp_rules: Language,
) -> None:
    text = _story(
        "Police raid opposition offices",
        "Police have raided the offices of an opposition party in the capital and seized "
        "computers and documents, officials say.",
        "Officers also arrested two party leaders at their homes, a spokesman for the party said.",
        "Tuesday's raid came as the party prepared for a rally.",
    )
    doc = run(nlp_rules, text, PUBLISHED)
    raided = _by_trigger(events_of(doc), doc, "raided")
    assert raided.date is not None
    assert (raided.date_how, raided.date.value, raided.date.text) == (
        "news-day",
        "2031-06-17",
        "Tuesday",
    )


@pytest.mark.slow
def test_a_day_in_the_possessive_of_no_event_gives_no_news_day(nlp_rules: Language) -> None:
    text = _story(
        "Police raid opposition offices",
        "Police have raided the offices of an opposition party in the capital and seized "
        "computers and documents, officials say.",
        "Tuesday's newspapers carried photographs of the damage.",
    )
    doc = run(nlp_rules, text, PUBLISHED)
    assert _by_trigger(events_of(doc), doc, "raided").date is None
