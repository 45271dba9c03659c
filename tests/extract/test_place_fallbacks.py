"""After geocoding: a country gives way to the lead's town in it (or the dateline town), and a
place the gazetteer lacks to the nearest town of its sentence (khabar.extract.fallbacks), on
short stories written for these tests, through the whole extractor."""

from __future__ import annotations

import datetime as dt

import pytest

from khabar.model import Event, ExtractionResult

pytestmark = pytest.mark.slow
PUB = dt.date(2031, 6, 19)


def _event(result: ExtractionResult, trigger: str) -> Event:
    found = [e for e in result.events if e.evidence.trigger.text.lower().startswith(trigger)]
    assert found, [(e.type, e.evidence.trigger.text) for e in result.events]
    return found[0]


def test_a_country_gives_way_to_the_lead_town_in_it(extractor) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Market attack\n\n"
        "Police said that armed men attacked a market in the town of Garissa in Kenya on "
        "Tuesday, killing five traders.\n\n"
        "Later, rebels ambushed a police convoy in Kenya and kidnapped two officers.\n"
    )
    loc = _event(extractor.extract_text(text, PUB), "ambushed").location
    assert loc is not None and loc.name == "Garissa" and loc.country == "KEN"
    assert loc.how is not None and loc.how.startswith("news-place-within")


def test_a_country_of_another_story_keeps_its_own_point(extractor) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Market attack\n\n"
        "Police said that armed men attacked a market in the town of Garissa in Kenya on "
        "Tuesday, killing five traders.\n\n"
        "In a separate incident, rebels ambushed a police convoy in Uganda.\n"
    )
    loc = _event(extractor.extract_text(text, PUB), "ambushed").location
    assert loc is not None and loc.country == "UGA" and loc.precision == "country"


def test_a_country_gives_way_to_the_dateline_town_in_it(extractor) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Convoy ambushed\n\n"
        "KAMPALA (Reuters) - Rebels ambushed a police convoy in Uganda on Tuesday and "
        "kidnapped two officers, the army said in a statement.\n"
    )
    loc = _event(extractor.extract_text(text, PUB), "ambushed").location
    assert loc is not None and loc.name == "Kampala"
    assert loc.how is not None and loc.how.startswith(("news-place-within", "dateline-within"))


def test_a_place_no_gazetteer_knows_gives_way_to_the_nearest_town(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Gunmen stormed the village of Xqorzuba near Garissa on Tuesday, killing five people."
    loc = _event(extractor.extract_text(text, PUB), "stormed").location
    assert loc is not None and loc.name == "Garissa"
    assert loc.how is not None and loc.how.startswith("nearest-resolved: 'Xqorzuba'")


def test_a_country_gives_way_first_to_a_town_of_its_own_paragraph(extractor) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Market attack\n\n"
        "Police said that armed men attacked a market in the town of Garissa in Kenya on "
        "Tuesday, killing five traders.\n\n"
        "Later, rebels ambushed a police convoy in Kenya and kidnapped two officers, residents "
        "of Mandera said.\n"
    )
    loc = _event(extractor.extract_text(text, PUB), "ambushed").location
    assert loc is not None and loc.name == "Mandera"
    assert loc.how is not None and loc.how.startswith("paragraph-within")


def test_a_country_gives_way_to_the_storys_town_in_it(extractor) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Rocket fire\n\n"
        "Militants fired rockets at Kenya on Saturday, the army said in a statement issued "
        "late in the evening.\n\n"
        "Residents of Mandera said the rockets hit a school and two houses.\n"
    )
    loc = _event(extractor.extract_text(text, PUB), "fired").location
    assert loc is not None and loc.name == "Mandera"
    assert loc.how is not None and loc.how.startswith("story-within")


def test_a_province_gives_way_to_a_town_in_it(extractor) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Village attacked\n\n"
        "Gunmen attacked villagers in Borno state on Tuesday, killing nine people, the police "
        "said in a statement on Wednesday.\n\n"
        "Hundreds of residents fled to Maiduguri, the state capital, officials said.\n"
    )
    loc = _event(extractor.extract_text(text, PUB), "attacked").location
    assert loc is not None and loc.name == "Maiduguri" and loc.admin1 == "Borno"
    assert loc.how is not None and loc.how.startswith("story-within")


def test_the_wire_a_story_credits_is_no_place(extractor) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Envoys expelled\n\n"
        "NAIROBI, June 18 (Xinhua) -- Kenya said Wednesday that it is expelling four "
        "diplomats in retaliation.\n"
    )
    result = extractor.extract_text(text, PUB)
    assert all(p.text != "Xinhua" for p in result.places)
    placed = [e.location.text for e in result.events if e.location is not None]
    assert placed and all(text == "NAIROBI" for text in placed)  # the dateline instead


def test_a_state_speaks_from_its_capital_unless_a_dateline_says_where(extractor) -> None:  # type: ignore[no-untyped-def]
    lead = "France on Tuesday summoned the Belgian ambassador over the expulsion of diplomats.\n"
    loc = _event(extractor.extract_text("Diplomatic row\n\n" + lead, PUB), "summoned").location
    assert loc is not None and loc.name == "Paris" and loc.country == "FRA"
    assert loc.how is not None and loc.how.startswith("speaker-seat")
    filed = "Diplomatic row\n\nNAIROBI, June 18 (Reuters) - " + lead
    loc = _event(extractor.extract_text(filed, PUB), "summoned").location
    assert loc is not None and loc.text == "NAIROBI"


def test_a_state_visit_to_a_country_is_received_in_its_capital(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "State visit\n\nThe French president paid a state visit to Kenya last week.\n"
    loc = _event(extractor.extract_text(text, PUB), "paid").location
    assert loc is not None and loc.name == "Nairobi" and loc.country == "KEN"
    assert loc.how is not None and loc.how.startswith("visited-capital")


def test_a_visit_to_a_country_whose_town_the_story_names_goes_there(extractor) -> None:  # type: ignore[no-untyped-def]
    text = (
        "State visit\n\nThe French president paid a state visit to Kenya last week.\n\n"
        "He toured a factory in Mombasa on Friday.\n"
    )
    loc = _event(extractor.extract_text(text, PUB), "paid").location
    assert loc is not None and loc.name == "Mombasa"


DOUBTFUL = (
    "Border fire\n\n"
    "SRINAGAR, India (Reuters) - Indian and Pakistani troops exchanged fire across the Line of "
    "Control in Kashmir on Monday, the Indian army said.\n\n"
    "Officials in the Green Line area said two soldiers were wounded.\n"
)


def test_a_doubtful_far_place_gives_way_to_the_trusted_place_of_its_sentence(extractor) -> None:  # type: ignore[no-untyped-def]
    result = extractor.extract_text(DOUBTFUL, PUB)
    fired = [e for e in result.events if "Line of Control" in e.evidence.text]
    assert fired
    for ev in fired:  # never an island group in the Pacific for a line in Kashmir
        loc = ev.location
        assert loc is not None and loc.lon is not None and 60 < loc.lon < 90, loc
        assert loc.how is not None


def test_a_doubtful_far_place_with_no_trusted_neighbour_stays_unresolved(extractor) -> None:  # type: ignore[no-untyped-def]
    result = extractor.extract_text(DOUBTFUL, PUB)
    wounded = [e for e in result.events if "Green Line" in e.evidence.text]
    assert wounded
    for ev in wounded:
        loc = ev.location
        # unresolved with the reason, or a place near the story's own (Kashmir, the dateline)
        assert loc is None or loc.lon is None or 60 < loc.lon < 90, loc
        if loc is not None and loc.lon is None:
            assert loc.how is not None and "doubtful-place" in loc.how


def test_a_place_no_gazetteer_knows_gives_way_to_a_town_of_its_paragraph(extractor) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Convoy attacked\n\n"
        "Gunmen attacked a police convoy near Mandera on Monday, officials said. Later they "
        "stormed the village of Xqorzuba, killing five people.\n"
    )
    loc = _event(extractor.extract_text(text, PUB), "stormed").location
    assert loc is not None and loc.name == "Mandera"
    assert loc.how is not None and loc.how.startswith("paragraph-resolved: 'Xqorzuba'")


def test_a_place_no_gazetteer_knows_gives_way_to_the_storys_last_town(extractor) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Raids in the north\n\n"
        "Police said armed men attacked a market in Garissa on Monday, killing three traders.\n\n"
        "On Tuesday, gunmen stormed the village of Xqorzuba, killing five people.\n"
    )
    loc = _event(extractor.extract_text(text, PUB), "stormed").location
    assert loc is not None and loc.name == "Garissa"
    assert loc.how is not None and loc.how.startswith("story-resolved: 'Xqorzuba'")


def test_a_place_no_gazetteer_knows_is_not_pulled_out_of_the_country_its_sentence_names(
    extractor,
) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Raids in the north\n\n"
        "Police said armed men attacked a market in Garissa on Monday, killing three traders.\n\n"
        "On Tuesday, gunmen stormed the village of Xqorzuba in Uganda, killing five people.\n"
    )
    loc = _event(extractor.extract_text(text, PUB), "stormed").location
    assert loc is not None and loc.name != "Garissa"
