"""Where an event happened, from its clause (khabar.nlp.context.places), over the real rule
pipeline, on sentences and short stories written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from khabar.nlp.annotations import EventCandidate, events_of
from khabar.nlp.pipeline import run

pytestmark = pytest.mark.slow
PUBLISHED = dt.date(2031, 6, 19)


def _event(doc: Doc, word: str) -> EventCandidate:
    found = [ev for ev in events_of(doc) if doc[ev.trigger_tokens[0]].lower_ == word]
    assert found, [(ev.type, doc[ev.trigger_tokens[0]].text) for ev in events_of(doc)]
    return found[0]


def _where(doc: Doc, ev: EventCandidate) -> tuple[str, str | None] | None:
    if ev.location is None:
        return None
    return doc[ev.location.start : ev.location.end].text, ev.location_how


@pytest.mark.parametrize(
    ("text", "trigger", "place"),
    [
        # the place a material event acts on: its direct object, or a preposition of its type
        ("Militants stormed the village of Garissa on Monday.", "stormed", "Garissa"),
        ("The army recaptured the port town of Kismayo from the rebels.", "recaptured",
         "Kismayo"),
        ("Rebels seized control of Mogadishu after a night of fighting.", "seized", "Mogadishu"),
        ("The UN delivered aid to the besieged town of Garissa.", "delivered", "Garissa"),
    ],
)  # fmt: skip
def test_the_place_a_material_event_acts_on(
    nlp_rules: Language, text: str, trigger: str, place: str
) -> None:
    doc = run(nlp_rules, text, PUBLISHED)
    assert _where(doc, _event(doc, trigger)) == (place, "clause")


def test_a_country_object_loses_to_a_town(nlp_rules: Language) -> None:
    doc = run(nlp_rules, "Militants attacked Kenya's border town of Mandera.", PUBLISHED)
    where = _where(doc, _event(doc, "attacked"))
    assert where is not None and where[0] == "Mandera"


@pytest.mark.parametrize(
    ("text", "trigger", "place"),
    [
        # on the verb the event noun is an argument of
        ("The two sides announced in Geneva the signing of a truce agreement.",
         "agreement", "Geneva"),
        ("The French president arrived in Nairobi on Monday for an official state visit.",
         "visit", "Nairobi"),
        ("French president Anne Morel arrived in the Czech Republic for an official state visit.",
         "visit", "Czech Republic"),  # the country is also the party visited
        # where a meeting was held, through the places it is nested in
        ("The two presidents held a meeting at a resort in Mombasa on Friday.", "held",
         "Mombasa"),
        ("The French president paid a state visit to Nairobi last week.", "paid", "Nairobi"),
        # the second and later places of a list hang from the first
        ("The French president paid state visits to Kenya and Burundi last week.", "paid",
         "Kenya"),
    ],
)  # fmt: skip
def test_a_statement_is_placed_where_its_verb_says(
    nlp_rules: Language, text: str, trigger: str, place: str
) -> None:
    doc = run(nlp_rules, text, PUBLISHED)
    assert _where(doc, _event(doc, trigger)) == (place, "clause")


def test_a_statement_is_placed_at_its_speakers_town(nlp_rules: Language) -> None:
    doc = run(nlp_rules, "The Russian embassy in Nairobi warned Kenya against the move.", PUBLISHED)
    assert _where(doc, _event(doc, "warned")) == ("Nairobi", "the place its actor is named by")


def test_a_place_a_statement_addresses_is_not_where_it_was_made(nlp_rules: Language) -> None:
    doc = run(nlp_rules, "The ministry called on Kenya to release the prisoners.", PUBLISHED)
    assert all(ev.location is None for ev in events_of(doc))


def test_a_capital_named_by_its_country_anywhere_in_the_sentence(nlp_rules: Language) -> None:
    text = "The western suburbs of the Kenyan capital saw heavy clashes on Monday."
    doc = run(nlp_rules, text, PUBLISHED)
    ev = _event(doc, "clashes")
    assert ev.location is not None and ev.location_how == "description"
    assert ev.location.name == "Nairobi"


def test_a_party_that_names_a_country_does_not_place_the_next_sentence(
    nlp_rules: Language,
) -> None:
    text = (
        "Troops raided a camp in the town of Garissa on Monday, officials said.\n\n"
        "Kenya's military said soldiers killed two gunmen. They also arrested four men.\n"
    )
    doc = run(nlp_rules, text, PUBLISHED)
    where = _where(doc, _event(doc, "arrested"))
    assert where is None or where[0] != "Kenya"


def test_the_news_place_is_not_a_place_that_only_qualifies_a_party(nlp_rules: Language) -> None:
    text = (
        "Base attacked\n\n"
        "A drone attack on a camp housing U.S. soldiers near the town of Garissa killed six "
        "soldiers late on Sunday, officials said in a statement.\n"
    )
    frame = run(nlp_rules, text, PUBLISHED)._.khabar_frame
    assert frame.news_place is not None and frame.news_place.text == "Garissa"


def test_a_lead_without_a_place_takes_where_the_story_tells_its_news_happened(
    nlp_rules: Language,
) -> None:
    text = (
        "Market attack\n\n"
        "Armed men attacked a crowded market on Tuesday, killing five traders and wounding "
        "twenty others, police officials said.\n\n"
        "The gunmen stormed the market in Mogadishu shortly after noon, witnesses said.\n\n"
        "Soldiers later arrested three suspects, police said.\n"
    )
    doc = run(nlp_rules, text, PUBLISHED)
    assert _where(doc, _event(doc, "arrested")) == ("Mogadishu", "news-place-told")


def test_a_visit_to_several_countries_is_placed_in_each(nlp_rules: Language) -> None:
    text = "The French president paid state visits to Kenya, Burundi and Ghana last week."
    doc = run(nlp_rules, text, PUBLISHED)
    visits = [ev for ev in events_of(doc) if doc[ev.trigger_tokens[0]].lower_ == "paid"]
    places = sorted(w[0] for ev in visits if (w := _where(doc, ev)) is not None)
    assert places == ["Burundi", "Ghana", "Kenya"]


def test_a_place_in_a_list_is_where_a_material_event_happened(nlp_rules: Language) -> None:
    doc = run(nlp_rules, "Heavy fighting broke out in Goma and Bukavu on Monday.", PUBLISHED)
    where = _where(doc, _event(doc, "fighting"))
    assert where is not None and where[1] == "clause"


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("France on Tuesday summoned the Belgian ambassador over the expulsions.", "summoned"),
        ("The French foreign ministry condemned the attack on the embassy.", "condemned"),
    ],
)
def test_a_state_speaks_from_its_capital(nlp_rules: Language, text: str, trigger: str) -> None:
    doc = run(nlp_rules, text, PUBLISHED)
    ev = _event(doc, trigger)
    assert ev.location is not None and ev.location_how == "speaker-seat"
    assert ev.location.name == "Paris"


def test_a_person_speaks_from_no_seat(nlp_rules: Language) -> None:
    doc = run(nlp_rules, "The French president condemned the attack on the embassy.", PUBLISHED)
    assert _event(doc, "condemned").location is None


def test_a_visit_to_a_country_described_goes_to_the_country_named_before(
    nlp_rules: Language,
) -> None:
    text = "Kenya hosted a summit on Monday. Macron paid a state visit to the African country."
    doc = run(nlp_rules, text, PUBLISHED)
    assert _where(doc, _event(doc, "paid")) == ("Kenya", "description")


@pytest.mark.parametrize("trigger", ["held", "met"])
def test_what_is_told_during_a_placed_visit_happened_there(
    nlp_rules: Language, trigger: str
) -> None:
    text = (
        "During his state visit to Kenya, Macron held talks with Ruto and met with opposition "
        "leaders."
    )
    doc = run(nlp_rules, text, PUBLISHED)
    assert _where(doc, _event(doc, trigger)) == ("Kenya", "during")
