"""Places from the whole story (issue 9, item 4): after the sentence-level places
(:mod:`.places`), in the order an analyst reads a story — a place description ("the <demonym>
capital", "the city": ``description``) -> the place a party is named by -> paragraph -> the
news place (``news-place``; when the lead names none, where the story's first event of the
lead's kind happened: ``news-place-told``). The dateline comes last, in the extractor. The
date steps are in :mod:`.story`."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from khabar.geo.countries import CountryTable
from khabar.nlp.annotations import EventCandidate, PlaceMention
from khabar.nlp.context.paragraphs import clause_tokens
from khabar.nlp.context.places import LOCATIVE_PREPS, VERBAL_TYPES
from khabar.nlp.context.view import StoryView
from khabar.nlp.story.data import frame_words
from khabar.nlp.story.frame import StoryFrame, modifies_a_party

#: rule ids of the story's place steps
DESCRIPTION = "description"
NEWS_PLACE = "news-place"
NEWS_PLACE_TOLD = "news-place-told"


def _description_noun(doc: Doc, ev: EventCandidate, countries: CountryTable) -> Token | None:
    """'in the Kenyan capital', 'near the city': a locative place description in the
    event's clause; or a capital its sentence names by its country ("the suburbs of the
    Libyan capital saw clashes"), whatever its role in the sentence."""
    nouns = frame_words().description_nouns
    trigger = doc[ev.trigger_tokens[0]]
    clause = clause_tokens(trigger)
    for i in sorted(clause):
        tok = doc[i]
        if (
            tok.lemma_.lower() in nouns
            and tok.dep_ == "pobj"
            and tok.head.lower_ in LOCATIVE_PREPS
            and any(c.lower_ == "the" for c in tok.children)
        ):
            return tok
    roles = [(m.start, m.end) for m in (*ev.actor, *ev.recipient)]
    for tok in trigger.sent:
        if (
            tok.lemma_.lower() == "capital"
            and _country_modifier(tok, countries)
            and not any(s <= tok.i < e for s, e in roles)
        ):
            return tok
    return None


def _country_modifier(noun: Token, countries: CountryTable) -> bool:
    return any(
        mod.dep_ in {"amod", "compound", "poss", "nmod"}
        and (countries.lookup_demonym(mod.text) or countries.lookup_name(mod.text))
        for mod in noun.children
    )


def _place_text(doc: Doc, p: PlaceMention) -> str:
    return doc[p.start : p.end].text


def _describe(
    doc: Doc, noun: Token, places: list[PlaceMention], countries: CountryTable
) -> PlaceMention | None:
    """The place a description stands for: the capital of the country its modifier names,
    else the most recent place named before it that is not a country."""
    before = [p for p in places if p.label == "PLACE" and p.end <= noun.i]
    span = (noun.left_edge.i, noun.i + 1)
    if noun.lemma_.lower() == "capital":
        country = None
        for mod in noun.children:
            if mod.dep_ in {"amod", "compound", "poss", "nmod"}:
                country = countries.lookup_demonym(mod.text) or countries.lookup_name(mod.text)
                if country is not None:
                    break
        if country is not None and country.capital:
            for p in reversed(before):
                if _place_text(doc, p).lower() == country.capital.lower():
                    return p
            return PlaceMention(start=span[0], end=span[1], label="PLACE", name=country.capital)
    for p in reversed(before):
        if countries.lookup_name(_place_text(doc, p)) is None:
            return p
    return None


def _countries_named(
    doc: Doc, lo: int, hi: int, places: list[PlaceMention], countries: CountryTable
) -> set[str]:
    out = set()
    for p in places:
        if lo <= p.start < hi:
            text = _place_text(doc, p)
            c = (
                countries.lookup_name(text)
                if p.label == "PLACE"
                else countries.lookup_demonym(text)
            )
            if c is not None:
                out.add(c.alpha3)
    return out


def _news_place(
    doc: Doc, places: list[PlaceMention], frame: StoryFrame | None, countries: CountryTable
) -> PlaceMention | None:
    """The lead's first town or region (its first country when it names no smaller place)."""
    if frame is None or frame.lead is None or frame.news_place is None:
        return None
    if frame.news_place.how != "lead":
        return None  # a dateline place alone is where the report was filed (the extractor's)
    start, end = frame.news_place.start, frame.lead.end
    in_lead = [
        p
        for p in places
        if p.label == "PLACE"
        and start <= doc[p.start].idx < end
        and not modifies_a_party(doc, doc[p.start].idx, doc[p.end - 1].idx + len(doc[p.end - 1]))
        and not _addressed(doc, p)
    ]
    specific = [p for p in in_lead if countries.lookup_name(_place_text(doc, p)) is None]
    chosen = specific or in_lead
    return chosen[0] if chosen else None


def _told_news_place(
    doc: Doc, events: list[EventCandidate], frame: StoryFrame | None, countries: CountryTable
) -> PlaceMention | None:
    """When the lead names no place: the town or region where the story's first event of
    the lead's kind happened (its clause says where: a headline, a later paragraph)."""
    if frame is None or frame.lead is None:
        return None
    view = StoryView.of(doc, events, frame)
    for ev in sorted(events, key=lambda e: e.trigger_tokens[0]):
        if (
            ev.factuality == "asserted"
            and ev.type in view.lead_types
            and ev.location is not None
            and ev.location_how == "clause"
            and countries.lookup_name(_place_text(doc, ev.location)) is None
        ):
            return ev.location
    return None


#: "a response to X", "talks with X", "sanctions against X": the place is a party addressed,
#: not where the news happened
ADDRESSED_PREPS = frozenset({"to", "with", "against", "toward", "towards", "for", "by"})


def _addressed(doc: Doc, place: PlaceMention) -> bool:
    head = doc[place.end - 1]
    return head.dep_ == "pobj" and head.head.lower_ in ADDRESSED_PREPS


def _country_of_lead(
    doc: Doc, place: PlaceMention, lead_countries: set[str], countries: CountryTable
) -> bool:
    """The place is a country the lead names (so the lead's town lies in it, most likely)."""
    country = countries.lookup_name(_place_text(doc, place))
    return country is not None and country.alpha3 in lead_countries


def attach_story_places(
    doc: Doc,
    events: list[EventCandidate],
    places: list[PlaceMention],
    frame: StoryFrame | None,
    countries: CountryTable,
) -> None:
    """Place the events the clause/sentence/paragraph steps left unplaced (in place)."""
    news_place, news_how = _news_place(doc, places, frame, countries), NEWS_PLACE
    if news_place is None:
        news_place, news_how = _told_news_place(doc, events, frame, countries), NEWS_PLACE_TOLD
    news_countries: set[str] = set()
    if news_place is not None and frame is not None and frame.lead is not None:
        lead = doc.char_span(frame.lead.start, frame.lead.end, alignment_mode="expand")
        if lead is not None:
            news_countries = _countries_named(doc, lead.start, lead.end, places, countries)
    for ev in events:
        if ev.factuality not in {"asserted", "negated"} or ev.type in VERBAL_TYPES:
            continue  # a statement's place only when the text says where it was made
        if ev.location is not None:
            continue  # (a country gives way to the lead's town in it after geocoding)
        noun = _description_noun(doc, ev, countries)
        if noun is not None:
            found = _describe(doc, noun, places, countries)
            if found is not None:
                ev.location, ev.location_how = found, DESCRIPTION
                continue
        if news_place is None:
            continue
        sent = doc[ev.trigger_tokens[0]].sent
        news_text = _place_text(doc, news_place)
        if any(
            p.label == "PLACE"
            and sent.start <= p.start < sent.end
            and _place_text(doc, p) != news_text
            and not _country_of_lead(doc, p, news_countries, countries)
            for p in places
        ):
            continue  # the sentence names another place; it is not the news place's event
        named = _countries_named(doc, sent.start, sent.end, places, countries)
        if news_countries and named - news_countries:
            continue  # an event in another country is not pulled to the news place
        ev.location, ev.location_how = news_place, news_how
