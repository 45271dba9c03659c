"""The whole extractor on sentences written for these tests (slow: loads the models once)."""

from __future__ import annotations

import datetime as dt

import pytest

from khabar.model import Event, ExtractionResult

pytestmark = pytest.mark.slow
PUB = dt.date(2026, 3, 14)


def only(result: ExtractionResult, type_: str) -> Event:
    found = [e for e in result.events if e.type == type_]
    assert len(found) == 1, [(e.type, e.evidence.trigger.text) for e in result.events]
    return found[0]


def names(refs: list) -> list[str]:  # type: ignore[type-arg]
    return [r.name for r in refs]


def test_negation(extractor) -> None:  # type: ignore[no-untyped-def]
    ev = only(
        extractor.extract_text("The government did not arrest the journalists.", PUB), "COERCE"
    )
    assert ev.factuality == "negated"
    assert names(ev.recipient) == ["Journalists"]


def test_conditional_is_hypothetical(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "If the talks fail, the rebels may attack the capital."
    ev = only(extractor.extract_text(text, PUB), "ASSAULT")
    assert ev.factuality == "hypothetical"
    assert ev.actor[0].sector == "REB"


def test_attribution_and_date_and_place(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Local residents said that soldiers shot two farmers near Kunduz on Sunday."
    ev = only(extractor.extract_text(text, PUB), "ASSAULT")
    assert ev.factuality == "asserted"
    assert ev.attribution is not None and ev.attribution.text == "Local residents"
    assert ev.attribution.kind == "unnamed"
    assert (ev.actor[0].sector, ev.recipient[0].sector) == ("MIL", "CVL")
    assert ev.date is not None and (ev.date.value, ev.date.how) == ("2026-03-08", "sentence")
    assert ev.location is not None and ev.location.country == "AFG"


def test_passive_voice_swaps_roles(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Two activists were arrested by the police in Almaty on Tuesday."
    ev = only(extractor.extract_text(text, PUB), "COERCE")
    assert names(ev.actor) == ["Police"]
    assert names(ev.recipient) == ["Activists"]
    assert ev.location is not None and ev.location.country == "KAZ"


def test_pronoun_resolves_to_the_person(extractor) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Prime Minister Lena Varga met the union leaders on Friday. "
        "She urged them to end the strike."
    )
    result = extractor.extract_text(text, PUB)
    req = only(result, "REQUEST")
    assert names(req.actor) == ["Lena Varga"]
    assert req.actor[0].text == "Prime Minister Lena Varga"  # the text naming "She"
    assert req.actor[0].sector == "GOV"
    assert "pronoun" in req.actor[0].how


def test_date_without_publication_date_keeps_unknown_year(extractor) -> None:  # type: ignore[no-untyped-def]
    result = extractor.extract_text("On March 3, protesters marched through Bishkek.")
    ev = only(result, "PROTEST")
    assert ev.date is not None
    assert (ev.date.value, ev.date.how) == ("--03-03", "sentence-no-year")
    assert any(w.code == "no-publication-date" for w in result.warnings)


def test_unknown_actor_keeps_its_name(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "The Zorvian Liberation Front attacked a police convoy near Mosul."
    ev = only(extractor.extract_text(text, PUB), "ASSAULT")
    assert names(ev.actor) == ["Zorvian Liberation Front"]
    assert ev.actor[0].country is None  # not invented
    assert ev.recipient[0].sector == "COP"


def test_two_events_in_one_sentence(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Rebels attacked the army base and soldiers arrested three suspects."
    result = extractor.extract_text(text, PUB)
    assert sorted(e.type for e in result.events) == ["ASSAULT", "COERCE"]
    assert names(only(result, "COERCE").actor) == ["Soldiers"]
    assert names(only(result, "ASSAULT").actor) == ["Rebels"]


def test_history_and_intent(extractor) -> None:  # type: ignore[no-untyped-def]
    old = only(extractor.extract_text("In 1994 the army shelled the village.", PUB), "ASSAULT")
    assert old.factuality == "historical"
    intent = extractor.extract_text("Iran will send humanitarian aid to Lebanon.", PUB)
    ev = only(intent, "AGREE")  # PLOVER: a stated intent to give aid is an AGREE
    assert ev.factuality == "asserted"
    assert (names(ev.actor), names(ev.recipient)) == (["Iran"], ["Lebanon"])


def test_offsets_index_into_the_stored_text(extractor) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Headline about talks\n\nKABUL - Envoys met in Doha on Monday.\r\n"
        "They agreed to meet again."
    )
    result = extractor.extract_text(text, PUB)
    stored = result.article.text
    assert "\r" not in stored
    assert result.events
    for ev in result.events:
        assert stored[ev.evidence.start : ev.evidence.end] == ev.evidence.text
        t = ev.evidence.trigger
        assert stored[t.start : t.end] == t.text
        for ref in (*ev.actor, *ev.recipient):
            assert stored[ref.start : ref.end] == ref.text
        if ev.location is not None:
            assert stored[ev.location.start : ev.location.end] == ev.location.text


def test_non_english_article_gets_a_warning_and_no_events(extractor) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Полиция задержала десятки протестующих в центре города во вторник, сообщили "
        "местные журналисты. Власти заявили, что митинг не был согласован."
    )
    result = extractor.extract_text(text, PUB)
    assert result.events == []
    assert [w.code for w in result.warnings] == ["non-english"]
    assert result.article.language == "ru"


def test_batches_match_single_extraction(extractor) -> None:  # type: ignore[no-untyped-def]
    from khabar.ingest.read import RawArticle

    texts = ["Police detained six protesters in Osh.", "The rebels did not attack Herat."]
    many = list(extractor.extract_many([RawArticle(text=t) for t in texts]))
    single = [extractor.extract(RawArticle(text=t)) for t in texts]
    assert [r.model_dump() for r in many] == [r.model_dump() for r in single]


def test_dateline_locates_events_of_its_paragraph(extractor) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Clashes reported\n\nOSH - Police detained six protesters on Monday, witnesses said.\n"
        "Later, officials met traders."
    )
    result = extractor.extract_text(text, PUB)
    ev = only(result, "COERCE")
    assert ev.location is not None
    assert ev.location.text == "OSH" and ev.location.country == "KGZ"
    assert ev.location.how is not None and ev.location.how.startswith("dateline")
    assert all(p.text != "OSH" for p in result.places)  # a dateline is not a place mention


def test_quoted_refusal_is_a_rejection_by_the_speaker(extractor) -> None:  # type: ignore[no-untyped-def]
    text = '"We will not accept the result," opposition leader Dara Vance told reporters.'
    ev = only(extractor.extract_text(text, PUB), "REJECT")
    assert ev.factuality == "asserted"
    assert names(ev.actor) == ["Dara Vance"]
    assert ev.actor[0].text == "opposition leader Dara Vance"  # the speaker of "We"
    assert "'We' in a quote" in ev.actor[0].how


def test_state_actors_take_the_country_the_article_is_about(extractor) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Armenia held local elections on Sunday. Voters in Armenia queued for hours. "
        "Police detained two observers."
    )
    ev = only(extractor.extract_text(text, PUB), "COERCE")
    assert (ev.actor[0].sector, ev.actor[0].country) == ("COP", "ARM")
    assert "the country the article is about" in ev.actor[0].how


def test_weekday_of_publication_is_that_day(extractor) -> None:  # type: ignore[no-untyped-def]
    monday = dt.date(2026, 11, 2)
    ev = only(extractor.extract_text("Police detained two observers on Monday.", monday), "COERCE")
    assert ev.date is not None and ev.date.value == "2026-11-02"


def test_value_laden_words_are_reported_as_framing(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "The army said terrorists attacked a checkpoint near Kandahar."
    ev = only(extractor.extract_text(text, PUB), "ASSAULT")
    assert [f.text for f in ev.framing] == ["terrorists"]
    stored = extractor.extract_text(text, PUB).article.text
    assert all(stored[f.start : f.end] == f.text for f in ev.framing)


@pytest.mark.parametrize(
    "text",
    [
        "Firefighters spent the night fighting two apartment fires.",
        "The company is locked in a legal battle with its former chief.",
        "The two supermarket chains are waging a price war.",
        "He took to his heels when the guards arrived.",
        "The injured driver was taken to a hospital in the capital.",
        "The former mayor pleaded guilty to fraud on Tuesday.",
        "She fought back tears as she spoke to reporters.",
        "The singer died of a heart attack at his home.",
    ],
)
def test_figurative_and_non_political_uses_are_no_events(extractor, text: str) -> None:  # type: ignore[no-untyped-def]
    assert extractor.extract_text(text, PUB).events == [], text


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("Militants attacked the trade ministry on Monday.", "ASSAULT"),
        ("Troops opened fire on protesters near the border.", "ASSAULT"),
        ("Thousands took to the streets of the capital on Sunday.", "PROTEST"),
        ("The rebels fought government troops near the airport.", "ASSAULT"),
        ("The mayor pleaded with the government to send more food aid.", "REQUEST"),
    ],
)
def test_same_words_in_political_use_stay_events(extractor, text: str, type_: str) -> None:  # type: ignore[no-untyped-def]
    only(extractor.extract_text(text, PUB), type_)


@pytest.mark.parametrize(
    ("text", "type_", "actor", "recipient"),
    [
        # the object of the promised/threatened/refused action is the recipient
        (
            "The defence minister promised to continue its military aid to Mozambique.",
            "AGREE",
            "Defence minister",
            "Mozambique",
        ),
        ("The president threatened to ban opposition candidates.", "THREATEN", None, None),
        # "gave X aid": the indirect object receives the aid
        ("The European Union gave Kenya 5 million dollars of aid.", "AID", None, "Kenya"),
        # "arrived in Amman on a visit": the visitor and the host
        ("The Iraqi president arrived in Amman on a visit.", "CONSULT", None, "Jordan"),
    ],
)
def test_recipients_of_content_and_noun_events(  # type: ignore[no-untyped-def]
    extractor, text: str, type_: str, actor: str | None, recipient: str | None
) -> None:
    ev = only(extractor.extract_text(text, PUB), type_)
    assert ev.recipient, (text, ev)
    if actor is not None:
        assert actor in names(ev.actor)
    if recipient is not None:
        assert any(recipient in n for n in names(ev.recipient)), names(ev.recipient)
    assert ev.actor, (text, ev)


def test_officials_from_a_capital_belong_to_its_country(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "The envoy has yet to open a dialogue with officials from Dushanbe."
    ev = only(extractor.extract_text(text, PUB), "CONSULT")
    assert [r.country for r in ev.recipient] == ["TJK"]
    assert ev.factuality == "negated"


def test_saying_others_must_agree_is_a_request(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "The foreign minister said the two rebel groups must agree to a ceasefire."
    ev = only(extractor.extract_text(text, PUB), "REQUEST")
    assert names(ev.actor) == ["Foreign minister"]
    assert ev.recipient and ev.factuality == "asserted"


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("The rebels vowed to attack government positions.", "THREATEN"),
        ("The government vowed to provide aid to the refugees.", "AGREE"),
    ],
)
def test_a_vow_to_harm_is_a_threat(extractor, text: str, type_: str) -> None:  # type: ignore[no-untyped-def]
    ev = only(extractor.extract_text(text, PUB), type_)
    assert ev.recipient, ev


@pytest.mark.parametrize(
    ("text", "type_", "country", "sector"),
    [
        ("Israeli tanks fired shells at targets near the border.", "ASSAULT", "ISR", "MIL"),
        ("Washington demanded that the militia release the hostages.", "REQUEST", "USA", "GOV"),
        ("The PRC demanded that the company cancel the sale.", "REQUEST", "CHN", "GOV"),
    ],
)
def test_equipment_capitals_and_abbreviations_name_state_actors(  # type: ignore[no-untyped-def]
    extractor, text: str, type_: str, country: str, sector: str
) -> None:
    ev = only(extractor.extract_text(text, PUB), type_)
    assert [(a.country, a.sector) for a in ev.actor] == [(country, sector)]


def test_cause_in_a_when_clause_is_the_actor_and_one_event_is_told_once(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Twelve police officers were injured when protesters threw stones."
    ev = only(extractor.extract_text(text, PUB), "ASSAULT")
    assert names(ev.actor) == ["Protesters"]
    assert [r.sector for r in ev.recipient] == ["COP"]
    assert "the same event as" in ev.how


def test_dateline_of_the_article_locates_later_material_events(extractor) -> None:  # type: ignore[no-untyped-def]
    text = (
        "KABUL, Afghanistan - Officials met on Monday to discuss the budget.\n\n"
        "Police detained six protesters on Tuesday, witnesses said."
    )
    ev = only(extractor.extract_text(text, PUB), "COERCE")
    assert ev.location is not None and ev.location.country == "AFG"
    assert "dateline of the article" in (ev.location.how or "")
    assert ev.location.score is not None and ev.location.score <= 0.3


def test_residents_of_a_place_protest_there(extractor) -> None:  # type: ignore[no-untyped-def]
    text = (
        "On March 10, residents of Herat protested against the closure of a market. "
        "Police detained six protesters, a local journalist said."
    )
    result = extractor.extract_text(text, PUB)
    protest, arrest = only(result, "PROTEST"), only(result, "COERCE")
    assert protest.location is not None and protest.location.text == "Herat"
    assert "the place its actor is named by" in (protest.location.how or "")
    assert arrest.location is not None and arrest.location.text == "Herat"


@pytest.mark.parametrize(
    ("text", "type_", "actor", "recipient"),
    [
        ("A gunman opened fire in a school shooting on Monday.", "ASSAULT", "Gunman", "School"),
        ("Thousands demonstrated against the government on Sunday.", "PROTEST", "Protesters", None),
    ],
)
def test_compound_targets_and_crowds(  # type: ignore[no-untyped-def]
    extractor, text: str, type_: str, actor: str, recipient: str | None
) -> None:
    ev = only(extractor.extract_text(text, PUB), type_)
    assert names(ev.actor) == [actor]
    if recipient is not None:
        assert names(ev.recipient) == [recipient]


def test_demonstrate_with_an_object_is_no_protest(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "The figures demonstrate the influence of the students."
    assert [e.type for e in extractor.extract_text(text, PUB).events if e.type == "PROTEST"] == []


def test_demonym_of_a_strike_names_its_state_and_facilities_their_force(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "At least 12 people were killed in an Israeli air strike on Tuesday."
    ev = only(extractor.extract_text(text, PUB), "ASSAULT")
    assert [a.country for a in ev.actor] == ["ISR"]
    text = "Militants attacked a military base on Sunday."
    ev = only(extractor.extract_text(text, PUB), "ASSAULT")
    assert [r.sector for r in ev.recipient] == ["MIL"]


@pytest.mark.parametrize(
    ("text", "type_", "actor", "recipient"),
    [
        (
            "Russian forces launched a wave of drone attacks on Kyiv overnight.",
            "ASSAULT",
            "RUS",
            "UKR",
        ),
        (
            "The Islamic State group claimed responsibility for the bombing of a mosque.",
            "ASSAULT",
            None,
            None,
        ),
        ("Tehran denied supplying drones to Moscow.", "REJECT", "IRN", "RUS"),
    ],
)
def test_weapons_are_neither_actor_nor_recipient(  # type: ignore[no-untyped-def]
    extractor, text: str, type_: str, actor: str | None, recipient: str | None
) -> None:
    ev = only(extractor.extract_text(text, PUB), type_)
    assert ev.actor and ev.recipient, ev
    assert all("drone" not in r.text.lower() for r in [*ev.actor, *ev.recipient])
    if actor is not None:
        assert [a.country for a in ev.actor] == [actor]
    if recipient is not None:
        assert [r.country for r in ev.recipient] == [recipient]


def test_parties_agreeing_on_an_exchange_are_not_its_objects(extractor) -> None:  # type: ignore[no-untyped-def]
    result = extractor.extract_text("Ukraine and Russia agreed to exchange prisoners.", PUB)
    # one event per party (story.joint-actors), each agreeing with the other, not with them
    pairs = sorted(
        ([a.country for a in e.actor], [r.country for r in e.recipient])
        for e in result.events
        if e.type == "AGREE"
    )
    assert pairs == [(["RUS"], ["UKR"]), (["UKR"], ["RUS"])]


def test_allegedly_is_a_claim_not_a_hypothesis(extractor) -> None:  # type: ignore[no-untyped-def]
    ev = only(extractor.extract_text("Soldiers allegedly killed five villagers.", PUB), "ASSAULT")
    assert ev.factuality == "asserted"
    assert ev.attribution is not None and ev.attribution.text == "allegedly"
    assert "claim" in ev.how
    ev2 = only(extractor.extract_text("Soldiers probably killed five villagers.", PUB), "ASSAULT")
    assert ev2.factuality == "hypothetical"
    assert (
        ev.confidence
        < only(extractor.extract_text("Soldiers killed five villagers.", PUB), "ASSAULT").confidence
    )


def test_the_date_of_a_report_is_not_the_date_of_the_event(extractor) -> None:  # type: ignore[no-untyped-def]
    # the report's day is never the event's own date; when it is the only day the sentence
    # names, the event is told as of that day, and `how` says so (news-dev's coding rule)
    text = "Soldiers killed five villagers, local residents told reporters on Monday."
    ev = only(extractor.extract_text(text, PUB), "ASSAULT")
    assert ev.date is not None and ev.date.how == "sentence-day"
    text = "Soldiers killed five villagers on Monday, local residents said."
    own = only(extractor.extract_text(text, PUB), "ASSAULT").date
    assert own is not None and own.how == "sentence"


def test_pronoun_in_the_same_sentence_and_a_warning_about_the_own_army(extractor) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The president spoke on television.\n\n"
        "Police arrested the opposition leader at his home and charged him with treason."
    )
    ev = only(extractor.extract_text(text, PUB), "COERCE")
    assert names(ev.recipient) == ["Opposition leader"]
    text = "The president warned that the army would crush any protesters."
    ev = only(extractor.extract_text(text, PUB), "THREATEN")
    assert names(ev.recipient) == ["Protesters"]


def test_an_unknown_village_named_as_such_is_the_place(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Soldiers killed five civilians in the village of Qalandarabad on Monday."
    ev = only(extractor.extract_text(text, PUB), "ASSAULT")
    assert ev.location is not None and ev.location.text == "Qalandarabad"


def test_condemning_an_attack_is_aimed_at_the_attackers(extractor) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Militants ambushed a police convoy on Thursday, killing seven officers. "
        "The government announced a new offensive. "
        "The president condemned the ambush."
    )
    result = extractor.extract_text(text, PUB)
    ev = only(result, "ACCUSE")
    assert names(ev.recipient) == ["Militants"]
    assert "who did the 'ambush'" in ev.how


@pytest.mark.parametrize(
    ("text", "type_", "factuality"),
    [
        ("The minister did not meet the ambassador on Monday.", "CONSULT", "negated"),
        ("The rebels will not accept the deal.", "REJECT", "asserted"),
        ("If the rebels advance, the army will attack the town.", "ASSAULT", "hypothetical"),
        ("The army said it will attack the town if the rebels advance.", "THREATEN", "asserted"),
    ],
)
def test_refusals_conjectures_and_threats(  # type: ignore[no-untyped-def]
    extractor, text: str, type_: str, factuality: str
) -> None:
    assert only(extractor.extract_text(text, PUB), type_).factuality == factuality


def test_decisions_and_concessions_in_diplomacy(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "European Union ministers agreed on Monday to extend sanctions against Russia."
    ev = only(extractor.extract_text(text, PUB), "SANCTION")
    assert [r.country for r in ev.recipient] == ["RUS"]
    text = "Hungary dropped its objection after talks with the European Commission."
    result = extractor.extract_text(text, PUB)
    assert names(only(result, "CONCEDE").actor) == ["Hungary"]
    assert names(only(result, "CONSULT").actor) == ["Hungary"]


def test_the_source_of_a_report_is_not_a_recipient(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "According to the minister, the army withdrew from the town, the agency said."
    for ev in extractor.extract_text(text, PUB).events:
        assert "Minister" not in names(ev.recipient), ev


@pytest.mark.parametrize(
    ("text", "type_", "recipient"),
    [
        ("Some of the 60 Russian diplomats being expelled left on Monday.", "COERCE", "RUS"),
        ("Three soldiers wounded in the attack were taken to hospital.", "ASSAULT", None),
    ],
)
def test_participles_describe_their_recipients(  # type: ignore[no-untyped-def]
    extractor, text: str, type_: str, recipient: str | None
) -> None:
    ev = next(e for e in extractor.extract_text(text, PUB).events if e.type == type_)
    assert ev.recipient, ev
    if recipient is not None:
        assert [r.country for r in ev.recipient] == [recipient]


def test_the_dateline_tells_whose_police_and_officials_they_are(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "KABUL, Afghanistan (AP) - Police detained six protesters on Monday."
    ev = only(extractor.extract_text(text, PUB), "COERCE")
    assert [(a.country, a.sector) for a in ev.actor] == [("AFG", "COP")]


def test_a_headline_event_told_again_in_the_lead_is_one_event(extractor) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Police detain dozens of protesters in the capital\n\n"
        "Police detained 40 protesters on Sunday, witnesses said."
    )
    ev = only(extractor.extract_text(text, PUB), "COERCE")
    assert "also announced in the headline" in ev.how
    assert ev.evidence.text.startswith("Police detained 40")


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("The two sides reached a consensus to share intelligence.", "AGREE"),
        ("Thousands of families sought refuge in the neighbouring country.", "REQUEST"),
        ("The foreign ministry summoned the Russian ambassador on Monday.", "ACCUSE"),
        ("The officers ended mediation efforts between the militias.", "SANCTION"),
        ("The army lifted the siege of the city.", "CONCEDE"),
        ("The alliance said it would tighten its naval blockade of the harbour.", "THREATEN"),
    ],
)
def test_diplomatic_and_military_phrases(extractor, text: str, type_: str) -> None:  # type: ignore[no-untyped-def]
    assert type_ in [e.type for e in extractor.extract_text(text, PUB).events], text


@pytest.mark.parametrize(
    ("text", "type_", "factuality"),
    [
        ("Experts believe that the militants will attack the capital soon.", "ASSAULT", "future"),
        ("It is possible that the army shelled the village.", "ASSAULT", "hypothetical"),
        ("The opposition hopes to hold talks with the president.", "CONSULT", "hypothetical"),
    ],
)
def test_predictions_possibilities_and_hopes_are_not_facts(  # type: ignore[no-untyped-def]
    extractor, text: str, type_: str, factuality: str
) -> None:
    assert only(extractor.extract_text(text, PUB), type_).factuality == factuality


def test_the_story_frame_hands_over_outlet_description_place_and_dateline(extractor) -> None:  # type: ignore[no-untyped-def]
    # a multi-paragraph wire story written for this test
    text = (
        "Students march in Nairobi\n\n"
        "NAIROBI (Reuters) - Thousands of students marched through the Kenyan capital on "
        "Friday to protest against a rise in fees, police said.\n\n"
        "The education minister condemned the protest and urged calm."
    )
    result = extractor.extract_text(text, PUB)
    assert result.article.outlet == "Reuters"
    march = next(e for e in result.events if e.evidence.trigger.text == "marched")
    assert march.date is not None and (march.date.value, march.date.how) == (
        "2026-03-13",
        "sentence",
    )
    loc = march.location
    assert loc is not None and loc.lat is not None and loc.lon is not None
    assert abs(loc.lat - (-1.29)) < 0.3 and abs(loc.lon - 36.82) < 0.3  # Nairobi
    # a statement the text places nowhere takes the dateline, with a low score
    said = [e for e in result.events if e.evidence.text.startswith("The education minister")]
    assert said and all(e.location is not None for e in said)
    assert all("where the report was filed" in (e.location.how or "") for e in said)  # type: ignore[union-attr]
    assert all((e.location.score or 0) <= 0.5 for e in said)  # type: ignore[union-attr]
