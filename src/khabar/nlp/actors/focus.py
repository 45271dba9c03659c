"""The country an article is about: state actors named without a country belong to it."""

from __future__ import annotations

from spacy.tokens import Doc

from khabar.nlp.actors.context import STATE_SECTORS, ActorContext, capital_country
from khabar.nlp.actors.names import nominal_name
from khabar.nlp.annotations import ActorMention
from khabar.text.dateline import find_dateline


def focus_country(mentions: list[ActorMention], dateline: str | None = None) -> str | None:
    """The country an article is about: named in at least half of its country-bearing
    mentions (and at least twice; a wire dateline's country counts twice), else none."""
    counts: dict[str, int] = {}
    if dateline is not None:
        counts[dateline] = 2
    for m in mentions:
        if m.country and m.country not in {"IGO", "NGO"} and m.kind != "PRONOUN":
            counts[m.country] = counts.get(m.country, 0) + 1
    if not counts:
        return None
    best, n = max(counts.items(), key=lambda kv: kv[1])
    return best if n >= 2 and n * 2 >= sum(counts.values()) else None


def dateline_country(doc: Doc, ctx: ActorContext) -> str | None:
    """The country of a wire dateline ("KABUL, Afghanistan (AP) -", "DUSHANBE -") in the
    article's first lines: its qualifier's country, or the country whose capital it names."""
    line = find_dateline(doc.text)
    if line is None:
        return None
    qual = line.qualifier
    if qual and (c := ctx.countries.lookup_name(qual)) is not None:
        return c.alpha3
    city = line.place.title()
    cap = capital_country(city, ctx)
    if cap is not None:
        return cap[0]
    c = ctx.countries.lookup_name(city)
    return c.alpha3 if c is not None else None


def apply_focus_country(doc: Doc, mentions: list[ActorMention], ctx: ActorContext) -> None:
    """'the prime minister', 'riot police': a state actor with no country named is taken to
    belong to the country the article is about."""
    focus = focus_country(mentions, dateline_country(doc, ctx))
    if focus is None:
        return
    for m in mentions:
        if m.kind == "NOMINAL" and m.country is None and m.sector in STATE_SECTORS:
            m.country = focus
            m.name = nominal_name(doc[m.head], m.sector or "", focus, ctx)
            m.how += f"; country: {focus}, the country the article is about"
