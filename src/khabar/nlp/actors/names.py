"""One noun phrase -> one actor mention: names, countries as governments, sector nouns."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Span, Token

from khabar.nlp import rules
from khabar.nlp.actors.context import (
    MILITARY_TITLES,
    ORG_HEAD_SECTORS,
    SECTOR_NAMES,
    TITLE_WORDS,
    ActorContext,
    capital_country,
    known_actor,
    strip_det,
)
from khabar.nlp.annotations import ActorMention
from khabar.nlp.entities import entity_at, entity_starting_at


def np_span(tok: Token) -> Span:
    """The noun phrase headed by ``tok``: its left modifiers plus an ``of`` complement."""
    doc = tok.doc
    left = tok.i
    for child in tok.lefts:
        if child.dep_ in {"det", "amod", "compound", "poss", "nummod", "nmod", "quantmod", "case"}:
            left = min(left, child.left_edge.i)
    right = tok.i
    for child in tok.rights:
        if (
            (
                child.dep_ == "prep"
                and child.lower_ == "of"
                and any(g.dep_ == "pobj" for g in child.children)
            )
            or child.dep_ in {"compound", "appos", "flat"}
            or (child.dep_ == "case" and child.i == tok.i + 1)
        ):
            right = max(right, child.right_edge.i)
    while left < tok.i and doc[left].is_punct:
        left += 1
    while right > tok.i and doc[right].is_punct:
        right -= 1
    return doc[left : right + 1]


def of_object(tok: Token) -> Token | None:
    for child in tok.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    return None


def sector_of_lemma(tok: Token, ctx: ActorContext) -> str | None:
    lemma = tok.lemma_.lower()
    prev = tok.doc[tok.i - 1] if tok.i > 0 else None
    if prev is not None and prev.dep_ in {"compound", "amod"}:
        two = f"{prev.lemma_.lower()} {lemma}"
        if two in ctx.lexicon.sector_by_lemma:
            return ctx.lexicon.sector_by_lemma[two]
    sector = (
        ctx.lexicon.sector_by_lemma.get(lemma)
        or ctx.lexicon.sector_by_lemma.get(tok.lower_)
        # a capitalised plural at the start of a sentence is tagged PROPN: 'Rebels attacked'
        or ctx.lexicon.sector_by_lemma.get(tok.lower_[:-1] if tok.lower_.endswith("s") else "")
        or ctx.lexicon.sector_by_lemma.get(tok.lower_[:-2] if tok.lower_.endswith("men") else "")
    )
    if lemma in {"organization", "organisation", "community"} and any(
        c.lower_ == "international" for c in tok.lefts
    ):
        return "IGO"
    return sector


def _country_of_tokens(tokens: list[Token], ctx: ActorContext) -> tuple[str | None, str]:
    """A country named by a demonym or country name among modifier tokens."""
    for t in tokens:
        ent = entity_at(t)
        text = ent.text if ent is not None else t.text
        c = ctx.countries.lookup_name(text)
        if c is not None and (ent is None or ent.label_ in {"GPE", "LOC", "NORP"}):
            return c.alpha3, f"country name '{text}'"
        d = ctx.countries.lookup_demonym(t.text)
        if d is not None:
            return d.alpha3, f"demonym '{t.text}'"
    return None, ""


def country_in_name(text: str, ctx: ActorContext) -> str | None:
    """'Democratic Party of Tajikistan' -> TJK; 'Tajik Democratic Party' -> TJK."""
    words = text.replace("'s", "").split()
    for n in (3, 2, 1):
        for i in range(len(words) - n + 1):
            chunk = " ".join(words[i : i + n])
            c = ctx.countries.lookup_name(chunk) or (
                ctx.countries.lookup_demonym(chunk) if n == 1 else None
            )
            if c is not None:
                return c.alpha3
    return None


def is_plural(tok: Token) -> bool:
    return tok.tag_ in {"NNS", "NNPS"} or "Plur" in tok.morph.get("Number", [])


def _title_before(ent: Span) -> str | None:
    doc = ent.doc
    words: list[str] = []
    i = ent.start - 1
    while i >= 0 and doc[i].lower_.rstrip(".") in {t.rstrip(".") for t in TITLE_WORDS}:
        words.insert(0, doc[i].text)
        i -= 1
    return " ".join(words) or None


def _sector_from_title(title: str | None) -> str | None:
    if not title:
        return None
    words = {w.lower() for w in title.split()}
    if words & MILITARY_TITLES:
        return "MIL"
    if words & {"judge"}:
        return "JUD"
    if words & {"senator", "sen."}:
        return "LEG"
    if words - {"mr.", "mrs.", "ms.", "dr."}:
        return "GOV"
    return None


def mention_from_entity(
    ent: Span, head: Token, span: Span, ctx: ActorContext
) -> ActorMention | None:

    def at(**fields: Any) -> ActorMention:
        return ActorMention(start=span.start, end=span.end, head=head.i, **fields)

    known = known_actor(ent.text, ctx)
    title = _title_before(ent) if ent.label_ == "PERSON" else None
    if known is not None:
        return at(
            name=known.name,
            kind=known.kind,
            country=known.country,
            sector=known.sector or _sector_from_title(title),
            plural=known.kind == "GROUP",
            how="knowledge base",
            rule=rules.KNOWN_ACTOR,
            title=title,
        )
    if ent.label_ == "PERSON":
        name = ent.text
        country, how = _country_of_tokens([t for t in span if t.i < ent.start], ctx)
        return at(
            name=name,
            kind="PERSON",
            country=country,
            sector=_sector_from_title(title),
            how="person name" + (f"; {how}" if how else ""),
            rule=rules.PERSON_NAME,
            title=title,
        )
    if ent.label_ == "ORG":
        name = strip_det(ent.text)
        last = ent[-1].lemma_.lower()
        return at(
            name=name,
            kind="ORG",
            country=country_in_name(name, ctx),
            sector=ORG_HEAD_SECTORS.get(last),
            how="organisation name",
            rule=rules.ORG_NAME,
        )
    if ent.label_ in {"GPE", "LOC"}:
        c = ctx.countries.lookup_name(ent.text)
        if c is not None:
            return at(
                name=c.name,
                kind="COUNTRY",
                country=c.alpha3,
                sector="GOV",
                how="country as actor (its government)",
                rule=rules.COUNTRY,
            )
        capital = capital_country(ent.text, ctx)
        if capital is not None:
            return at(
                name=f"Government of {capital[1]}",
                kind="COUNTRY",
                country=capital[0],
                sector="GOV",
                how=f"capital '{ent.text}' standing for its government",
                rule=rules.CAPITAL,
            )
        return None
    if ent.label_ == "NORP":
        party_adj = ctx.lexicon.party_plurals.get(ent.text)
        if party_adj is not None:
            return at(
                name=ent.text,
                kind="NOMINAL",
                sector="PTY",
                plural=True,
                how=f"party members ('{party_adj}')",
                rule=rules.PARTY_MEMBERS,
            )
        d = ctx.countries.lookup_demonym(ent.text)
        if d is not None and head.i == ent.end - 1 and (is_plural(head) or ent.text.endswith("s")):
            country, name, how = d.alpha3, ent.text, "demonym as people"
            inner = of_object(head)
            if inner is not None and (c := ctx.countries.lookup_name(inner.text)) is not None:
                country, name = c.alpha3, f"{ent.text} of {c.name}"
                how += f"; living in '{inner.text}'"
            return at(
                name=name,
                kind="NOMINAL",
                country=country,
                sector="CVL",
                plural=True,
                how=how,
                rule=rules.DEMONYM_PEOPLE,
            )
    return None


def nominal_mention(head: Token, span: Span, ctx: ActorContext) -> ActorMention | None:
    sector = sector_of_lemma(head, ctx)
    if sector is None:
        return None
    modifiers = [t for t in span if t.i != head.i]
    country, how = _country_of_tokens(modifiers, ctx)
    # "officials from Dushanbe": a capital in a 'from' complement stands for the country.
    # The small parser often attaches the phrase to the verb ("establish dialogue with the
    # officials from Dushanbe"), so a place named right after "from" counts too.
    froms = [
        pobj
        for child in head.rights
        if child.dep_ == "prep" and child.lower_ == "from"
        for pobj in child.children
    ]
    doc = head.doc
    if span.end + 1 < len(doc) and doc[span.end].lower_ == "from":
        nxt = doc[span.end + 1]
        place = entity_starting_at(doc, nxt.i)
        if place is not None and place.label_ == "GPE":
            froms.append(place.root)
    for pobj in froms:
        ent = entity_at(pobj)
        name = ent.text if ent is not None else pobj.text
        cap = capital_country(name, ctx) or (
            (c.alpha3, c.name) if (c := ctx.countries.lookup_name(name)) else None
        )
        if cap is not None:
            country, how = cap[0], f"'from {name}'"
            break
    if sector == "OTHER":
        sector_out: str | None = None
    else:
        sector_out = sector
    text = span.text
    lowered = {t.lower_ for t in span}
    loaded = bool(lowered & ctx.lexicon.loaded_terms) or head.lower_ in ctx.lexicon.loaded_terms
    return (
        ActorMention(
            start=span.start,
            end=span.end,
            head=head.i,
            name=nominal_name(head, sector, country, ctx),
            kind="NOMINAL",
            country=country,
            sector=sector_out,
            plural=is_plural(head),
            how=f"common noun '{head.lemma_}' -> {sector}" + (f"; {how}" if how else ""),
            rule=rules.SECTOR_NOUN,
            loaded=loaded,
        )
        if text
        else None
    )


def nominal_name(head: Token, sector: str, country: str | None, ctx: ActorContext) -> str:
    found = ctx.countries.get(country) if country else None
    cname = found.name if found is not None else None
    if cname and sector in SECTOR_NAMES:
        return SECTOR_NAMES[sector].format(c=cname)
    noun = head.text if is_plural(head) else head.lemma_
    noun = noun[:1].upper() + noun[1:]
    if (
        head.i > 0
        and head.doc[head.i - 1].dep_ in {"compound", "amod"}
        and not head.doc[head.i - 1].ent_type_
        and (
            head.doc[head.i - 1].dep_ == "compound"
            or f"{head.doc[head.i - 1].lower_} {head.lemma_.lower()}" in ctx.lexicon.sector_by_lemma
        )
    ):
        noun = f"{head.doc[head.i - 1].text.capitalize()} {noun.lower()}"
    return f"{noun} ({cname})" if cname else noun
