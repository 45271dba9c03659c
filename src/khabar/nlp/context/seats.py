"""Where a state speaks from: its capital (rule ``speaker-seat``)."""

from __future__ import annotations

from spacy.tokens import Doc

from khabar.nlp.annotations import EventCandidate, PlaceMention
from khabar.nlp.story.data import frame_words

#: ``location_how`` of a state's statement placed at its capital
SPEAKER_SEAT = "speaker-seat"


def speaker_seat(doc: Doc, ev: EventCandidate) -> PlaceMention | None:
    """A state that speaks by its own name ("France summoned the ambassador") or by an organ
    named by it ("the French foreign ministry said"): its capital, by name (the extractor
    geocodes it, and prefers the dateline when the story has one)."""
    from khabar.geo.countries import load_countries

    countries = load_countries()
    for m in ev.actor:
        span = doc[m.start : m.end]
        country = countries.lookup_name(span.text)
        if country is None and span.root.lemma_.lower() in frame_words().seat_nouns:
            for tok in span:
                if tok.i != span.root.i and tok.dep_ in {"amod", "compound", "poss", "nmod"}:
                    text = tok.text
                    country = countries.lookup_demonym(text) or countries.lookup_name(text)
                    if country is not None:
                        break
        if country is not None and country.capital:
            return PlaceMention(start=m.start, end=m.end, label="PLACE", name=country.capital)
    return None
