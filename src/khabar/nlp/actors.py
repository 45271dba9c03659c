"""Actor mentions: find the noun phrases that name actors and resolve them.

Resolution order for a noun phrase: known actors (knowledge base) > person and organisation
names > countries (as governments) > common nouns with a sector ("the protesters") >
pronouns and titles, linked back to earlier mentions ("he" -> Amrullah Saleh).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from khabar.geo.countries import CountryTable
from khabar.nlp.annotations import ActorMention
from khabar.nlp.lexicon import TITLES, ActorLexicon, KnownActor

SINGULAR_PERSON = {"he", "him", "his", "she", "her", "hers", "himself", "herself"}
PLURAL = {"they", "them", "their", "theirs", "themselves"}
SINGULAR_THING = {"it", "its"}
QUANTITY_HEADS = {
    "thousand",
    "hundred",
    "dozen",
    "ten",
    "million",
    "number",
    "some",
    "many",
    "group",
    "lot",
    "most",
    "all",
    "several",
    "crowd",
    "scores",
    "score",
    "handful",
    "majority",
}
DEFINITE_COUNTRY_NOUNS = {"country", "republic", "nation", "state", "kingdom"}
SECTOR_NAMES = {
    "GOV": "Government of {c}",
    "MIL": "Military Forces of {c}",
    "COP": "Police Forces of {c}",
    "LEG": "Legislature of {c}",
    "JUD": "Judiciary of {c}",
}
ORG_HEAD_SECTORS = {
    "party": "PTY",
    "ministry": "GOV",
    "army": "MIL",
    "police": "COP",
    "court": "JUD",
    "parliament": "LEG",
    "movement": "REB",
    "front": "REB",
    "union": "LAB",
    "council": "GOV",
    "forces": "MIL",
    "force": "MIL",
    "guard": "MIL",
    "militia": "REB",
    "brigade": "REB",
    "company": "BUS",
    "bank": "BUS",
    "university": "EDU",
    "church": "REL",
    "agency": "GOV",
}
ENTITY_ACTOR_LABELS = {"PERSON", "ORG", "NORP", "GPE"}


@dataclass
class ActorContext:
    """Everything actor resolution needs besides the Doc itself."""

    lexicon: ActorLexicon
    countries: CountryTable


def _strip_det(text: str) -> str:
    for det in ("the ", "The "):
        if text.startswith(det):
            return text[len(det) :]
    return text


def known_actor(text: str, ctx: ActorContext) -> KnownActor | None:
    text = text.strip().rstrip("'s").strip()
    return ctx.lexicon.by_alias.get(text) or ctx.lexicon.by_alias.get(_strip_det(text))


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


def _of_object(tok: Token) -> Token | None:
    for child in tok.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    return None


def _sector_of_lemma(tok: Token, ctx: ActorContext) -> str | None:
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


def _entity_at(tok: Token) -> Span | None:
    if tok.ent_type_:
        for ent in tok.doc.ents:
            if ent.start <= tok.i < ent.end:
                return ent
    return None


def _country_of_tokens(tokens: list[Token], ctx: ActorContext) -> tuple[str | None, str]:
    """A country named by a demonym or country name among modifier tokens."""
    for t in tokens:
        ent = _entity_at(t)
        text = ent.text if ent is not None else t.text
        c = ctx.countries.lookup_name(text)
        if c is not None and (ent is None or ent.label_ in {"GPE", "LOC", "NORP"}):
            return c.alpha3, f"country name '{text}'"
        d = ctx.countries.lookup_demonym(t.text)
        if d is not None:
            return d.alpha3, f"demonym '{t.text}'"
    return None, ""


def _country_in_name(text: str, ctx: ActorContext) -> str | None:
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


def _plural(tok: Token) -> bool:
    return tok.tag_ in {"NNS", "NNPS"} or "Plur" in tok.morph.get("Number", [])


def _title_before(ent: Span) -> str | None:
    doc = ent.doc
    words: list[str] = []
    i = ent.start - 1
    while i >= 0 and doc[i].lower_.rstrip(".") in {t.rstrip(".") for t in TITLE_WORDS}:
        words.insert(0, doc[i].text)
        i -= 1
    return " ".join(words) or None


TITLE_WORDS = TITLES
MILITARY_TITLES = {
    "general",
    "gen.",
    "colonel",
    "col.",
    "commander",
    "lieutenant",
    "major",
    "captain",
    "admiral",
    "marshal",
}


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


def _mention_from_entity(
    ent: Span, head: Token, span: Span, ctx: ActorContext
) -> ActorMention | None:
    known = known_actor(ent.text, ctx)
    title = _title_before(ent) if ent.label_ == "PERSON" else None
    if known is not None:
        return ActorMention(
            start=span.start,
            end=span.end,
            head=head.i,
            name=known.name,
            kind=known.kind,
            country=known.country,
            sector=known.sector or _sector_from_title(title),
            plural=known.kind == "GROUP",
            how="knowledge base",
            title=title,
        )
    if ent.label_ == "PERSON":
        name = ent.text
        country, how = _country_of_tokens([t for t in span if t.i < ent.start], ctx)
        return ActorMention(
            start=span.start,
            end=span.end,
            head=head.i,
            name=name,
            kind="PERSON",
            country=country,
            sector=_sector_from_title(title),
            how="person name" + (f"; {how}" if how else ""),
            title=title,
        )
    if ent.label_ == "ORG":
        name = _strip_det(ent.text)
        last = ent[-1].lemma_.lower()
        return ActorMention(
            start=span.start,
            end=span.end,
            head=head.i,
            name=name,
            kind="ORG",
            country=_country_in_name(name, ctx),
            sector=ORG_HEAD_SECTORS.get(last),
            how="organisation name",
        )
    if ent.label_ in {"GPE", "LOC"}:
        c = ctx.countries.lookup_name(ent.text)
        if c is not None:
            return ActorMention(
                start=span.start,
                end=span.end,
                head=head.i,
                name=c.name,
                kind="COUNTRY",
                country=c.alpha3,
                sector="GOV",
                how="country as actor (its government)",
            )
        capital = _capital_country(ent.text, ctx)
        if capital is not None:
            return ActorMention(
                start=span.start,
                end=span.end,
                head=head.i,
                name=f"Government of {capital[1]}",
                kind="COUNTRY",
                country=capital[0],
                sector="GOV",
                how=f"capital '{ent.text}' standing for its government",
            )
        return None
    if ent.label_ == "NORP":
        party_adj = ctx.lexicon.party_plurals.get(ent.text)
        if party_adj is not None:
            return ActorMention(
                start=span.start,
                end=span.end,
                head=head.i,
                name=ent.text,
                kind="NOMINAL",
                sector="PTY",
                plural=True,
                how=f"party members ('{party_adj}')",
            )
        d = ctx.countries.lookup_demonym(ent.text)
        if d is not None and head.i == ent.end - 1 and (_plural(head) or ent.text.endswith("s")):
            country, name, how = d.alpha3, ent.text, "demonym as people"
            inner = _of_object(head)
            if inner is not None and (c := ctx.countries.lookup_name(inner.text)) is not None:
                country, name = c.alpha3, f"{ent.text} of {c.name}"
                how += f"; living in '{inner.text}'"
            return ActorMention(
                start=span.start,
                end=span.end,
                head=head.i,
                name=name,
                kind="NOMINAL",
                country=country,
                sector="CVL",
                plural=True,
                how=how,
            )
    return None


def _capital_country(text: str, ctx: ActorContext) -> tuple[str, str] | None:
    """The country whose capital ``text`` names: 'Dushanbe', 'Washington' (for "Washington
    D.C."), 'Kuwait City'."""
    cached = _CAPITALS.get(id(ctx.countries))
    if cached is None or cached[0] is not ctx.countries:  # once per table, not per mention
        table: dict[str, tuple[str, str]] = {}
        for c in ctx.countries.countries.values():  # the first country of a shared name wins
            for name in _capital_names(c.capital) if c.capital else ():
                table.setdefault(name, (c.alpha3, c.name))
        cached = _CAPITALS[id(ctx.countries)] = (ctx.countries, table)
    return cached[1].get(text)


#: Capital names per country table (the table is kept, so its id is never reused).
_CAPITALS: dict[int, tuple[CountryTable, dict[str, tuple[str, str]]]] = {}


def _capital_names(capital: str) -> set[str]:
    head = capital.split(",")[0].strip()
    return {capital, head, head.removesuffix(" D.C.").removesuffix(" DC").strip()}


def _nominal_mention(head: Token, span: Span, ctx: ActorContext) -> ActorMention | None:
    sector = _sector_of_lemma(head, ctx)
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
        place = next((e for e in doc.ents if e.start == nxt.i and e.label_ == "GPE"), None)
        if place is not None:
            froms.append(place.root)
    for pobj in froms:
        ent = next((e for e in doc.ents if e.start <= pobj.i < e.end), None)
        name = ent.text if ent is not None else pobj.text
        cap = _capital_country(name, ctx) or (
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
            name=_nominal_name(head, sector, country, ctx),
            kind="NOMINAL",
            country=country,
            sector=sector_out,
            plural=_plural(head),
            how=f"common noun '{head.lemma_}' -> {sector}" + (f"; {how}" if how else ""),
            loaded=loaded,
        )
        if text
        else None
    )


def _nominal_name(head: Token, sector: str, country: str | None, ctx: ActorContext) -> str:
    found = ctx.countries.get(country) if country else None
    cname = found.name if found is not None else None
    if cname and sector in SECTOR_NAMES:
        return SECTOR_NAMES[sector].format(c=cname)
    noun = head.text if _plural(head) else head.lemma_
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


def find_framing(doc: Doc, ctx: ActorContext) -> list[tuple[int, int]]:
    """Character spans of value-laden words ('terrorists', 'freedom fighters', 'genocide')."""
    terms = ctx.lexicon.loaded_terms
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(doc):
        two = f"{doc[i].lower_} {doc[i + 1].lower_}" if i + 1 < len(doc) else ""
        if two in terms:
            out.append((doc[i].idx, doc[i + 1].idx + len(doc[i + 1])))
            i += 2
            continue
        if doc[i].lower_ in terms:
            out.append((doc[i].idx, doc[i].idx + len(doc[i])))
        i += 1
    return out


def find_actor_mentions(doc: Doc, ctx: ActorContext) -> list[ActorMention]:
    """All actor mentions in document order, with pronouns and titles linked back."""
    mentions: list[ActorMention] = []
    for tok in doc:
        if tok.pos_ not in {"NOUN", "PROPN", "PRON"} or tok.dep_ in {"compound", "amod", "flat"}:
            continue
        mention = mention_for_head(tok, ctx) or _definite_org_reference(tok, mentions)
        if mention is not None:
            mentions.append(mention)
    link_references(doc, mentions, ctx)
    return mentions


def mention_for_head(tok: Token, ctx: ActorContext) -> ActorMention | None:
    """Resolve the noun phrase headed by ``tok`` (without looking at other mentions)."""
    if (
        tok.pos_ == "PRON"
        and tok.lower_ in {"those", "whoever", "anyone"}
        and any(c.dep_ == "relcl" for c in tok.children)
    ):
        end = tok.right_edge.i + 1
        for t in tok.doc[tok.i : end]:
            if t.text in {",", ";", "(", "—"}:  # the description ends at the first comma
                end = t.i
                break
        span = tok.doc[tok.i : end]
        return ActorMention(
            start=span.start,
            end=span.end,
            head=tok.i,
            name="Unnamed group",
            kind="NOMINAL",
            plural=True,
            how="described by a relative clause",
        )
    if tok.pos_ == "PRON":
        low = tok.lower_
        if low in SINGULAR_PERSON | PLURAL | SINGULAR_THING | FIRST_PERSON:
            return ActorMention(
                start=tok.i,
                end=tok.i + 1,
                head=tok.i,
                name=tok.text,
                kind="PRONOUN",
                plural=low in PLURAL,
                how="pronoun (unresolved)",
            )
        return None
    low = tok.lower_
    if (
        tok.lemma_.lower() in QUANTITY_HEADS
        or low in QUANTITY_HEADS
        or low.rstrip("s") in QUANTITY_HEADS
        or tok.like_num
    ):
        inner = _of_object(tok)
        if inner is not None:
            found = mention_for_head(inner, ctx)
            if found is not None:
                span = np_span(tok)
                found.start, found.end = span.start, span.end
                return found
    span = np_span(tok)
    own = _entity_at(tok)
    if own is not None and (own.start < span.start or own.end > span.end):
        # "the State Committee for National Security": the name runs past the noun phrase
        span = tok.doc[min(span.start, own.start) : max(span.end, own.end)]
    head_sector = _sector_of_lemma(tok, ctx)

    compound_noun = (
        tok.i > 0
        and tok.doc[tok.i - 1].dep_ == "compound"
        and f"{tok.doc[tok.i - 1].lower_} {tok.lemma_.lower()}" in ctx.lexicon.sector_by_lemma
    )

    def allowed(e: Span) -> bool:
        if compound_noun and e.end == tok.i and e.label_ in {"PERSON", "ORG"}:
            return False  # "Riot police": the small model tags 'Riot' as a person
        # The head's own entity or a name before the head ("Taliban militants"); after the
        # head ("the president of Tajikistan Emomali Rahmon", "residents of Khorog") only
        # people and known actors, or organisations led by an official ("leader of Hamas").
        if e.start <= tok.i < e.end or e.end <= tok.i:
            return True
        if head_sector is None:
            return False
        if e.label_ == "PERSON" or known_actor(e.text, ctx) is not None:
            return True
        return e.label_ in {"GPE", "NORP"} or (
            e.label_ == "ORG" and head_sector in {"GOV", "MIL", "COP", "REB", "PTY", "LEG"}
        )

    ents = [
        e
        for e in doc_ents_in(span)
        if (e.label_ in ENTITY_ACTOR_LABELS or known_actor(e.text, ctx)) and allowed(e)
    ]
    ordered = sorted(
        ents,
        key=lambda e: (
            known_actor(e.text, ctx) is None,
            e.label_ != "PERSON",
            not (e.start <= tok.i < e.end),
            e.label_ == "GPE",
        ),
    )
    for ent in ordered:
        is_own = own is not None and (own.start, own.end) == (ent.start, ent.end)
        if ent.label_ in {"GPE", "NORP"} and not is_own and head_sector:
            continue  # "the government of Tajikistan": the country qualifies a nominal actor
        if ent.label_ == "NORP" and not is_own:
            continue
        m = _mention_from_entity(ent, tok, span, ctx)
        if m is not None:
            return m
    nominal = _nominal_mention(tok, span, ctx)
    if nominal is None and tok.pos_ == "NOUN" and not own:
        # "a police convoy", "the army base": the modifier names the actor
        for child in tok.lefts:
            if child.dep_ == "compound" and _sector_of_lemma(child, ctx) not in {None, "OTHER"}:
                nominal = _nominal_mention(child, span, ctx)
                if nominal is not None:
                    nominal.head = tok.i
                    nominal.how += f" (modifier of '{tok.text}')"
                break
    if nominal is not None:
        inner = _of_object(tok)
        if inner is not None and nominal.country is None:
            inner_m = mention_for_head(inner, ctx)
            if inner_m is not None and inner_m.country:
                nominal.country = inner_m.country
                nominal.name = _nominal_name(tok, nominal.sector or "", inner_m.country, ctx)
                nominal.how += f"; country from '{inner.text}'"
            elif inner is not None and any(
                t.lemma_.lower() in DEFINITE_COUNTRY_NOUNS for t in inner.subtree
            ):
                nominal.how += "; country from context"
                nominal.title = f"country-ref:{inner.i}"
        return nominal
    # "the Taliban's activities": the possessor is the actor.
    for child in tok.lefts:
        if child.dep_ == "poss" and child.pos_ in {"PROPN", "NOUN"}:
            m = mention_for_head(child, ctx)
            if m is not None:
                return m
    return None


def _definite_org_reference(tok: Token, previous: list[ActorMention]) -> ActorMention | None:
    """'the committee' after 'the State Committee for National Security' is that committee."""
    if tok.pos_ != "NOUN" or not any(c.lower_ in {"the", "this"} for c in tok.lefts):
        return None
    word = tok.lemma_.lower()
    for cand in reversed(previous):
        if cand.kind in {"ORG", "GROUP"} and word in {w.lower() for w in cand.name.split()}:
            m = ActorMention(
                start=tok.left_edge.i, end=tok.i + 1, head=tok.i, name=cand.name, kind=cand.kind
            )
            m.copy_resolution(cand, f"'the {tok.text}' -> {cand.name}")
            m.plural = cand.plural
            return m
    return None


def doc_ents_in(span: Span) -> list[Span]:
    return [e for e in span.doc.ents if e.start >= span.start and e.end <= span.end]


def _sentence_index(doc: Doc) -> dict[int, int]:
    index: dict[int, int] = {}
    for n, sent in enumerate(doc.sents):
        for t in sent:
            index[t.i] = n
    return index


def link_references(doc: Doc, mentions: list[ActorMention], ctx: ActorContext) -> None:
    """Resolve pronouns, bare titles, party plurals and 'the country' against earlier mentions."""
    sent_of = _sentence_index(doc)
    resolved: list[ActorMention] = []
    for m in mentions:
        s = sent_of[m.head]
        if m.kind == "PRONOUN" and doc[m.head].lower_ in FIRST_PERSON:
            speaker = _quoted_speaker(doc, doc[m.head], mentions)
            if speaker is not None:
                m.copy_resolution(speaker, f"'{doc[m.head].text}' in a quote by {speaker.name}")
                m.kind = speaker.kind
        elif m.kind == "PRONOUN":
            _resolve_pronoun(doc, m, resolved, sent_of, s)
        elif m.kind == "NOMINAL" and m.how.startswith("party members"):
            _resolve_party(m, resolved, ctx)
        elif m.kind == "NOMINAL" and m.title and m.title.startswith("country-ref:"):
            m.title = None
            _resolve_country_ref(m, resolved, doc, ctx, sent_of, s)
        elif m.kind == "NOMINAL" and m.country is None:
            _resolve_anaphoric_nominal(doc, m, resolved, ctx, sent_of, s)
        if m.kind == "NOMINAL" and m.sector == "GOV" and m.country is None:
            _resolve_bare_title(doc, m, resolved)
        resolved.append(m)
    _apply_focus_country(doc, mentions, ctx)


STATE_SECTORS = {"GOV", "MIL", "COP", "LEG", "JUD"}
FIRST_PERSON = {"i", "we", "me", "us", "my", "our", "myself", "ourselves"}


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


_DATELINE_WORDS = re.compile(
    r"(?m)^(?P<city>[A-Z][A-Z'.-]+(?: [A-Z][A-Z'.-]+)*)(?:, (?P<qual>[A-Z][A-Za-z. ]+?))?"
    r"(?: \([^)]{1,30}\))? ?[-–—:] "
)


def dateline_country(doc: Doc, ctx: ActorContext) -> str | None:
    """The country of a wire dateline ("KABUL, Afghanistan (AP) -", "DUSHANBE -") in the
    article's first lines: its qualifier's country, or the country whose capital it names."""
    m = _DATELINE_WORDS.search(doc.text[:600])
    if m is None:
        return None
    qual = (m.group("qual") or "").strip()
    if qual and (c := ctx.countries.lookup_name(qual)) is not None:
        return c.alpha3
    city = m.group("city").title()
    cap = _capital_country(city, ctx)
    if cap is not None:
        return cap[0]
    c = ctx.countries.lookup_name(city)
    return c.alpha3 if c is not None else None


def _apply_focus_country(doc: Doc, mentions: list[ActorMention], ctx: ActorContext) -> None:
    """'the prime minister', 'riot police': a state actor with no country named is taken to
    belong to the country the article is about."""
    focus = focus_country(mentions, dateline_country(doc, ctx))
    if focus is None:
        return
    for m in mentions:
        if m.kind == "NOMINAL" and m.country is None and m.sector in STATE_SECTORS:
            m.country = focus
            m.name = _nominal_name(doc[m.head], m.sector or "", focus, ctx)
            m.how += f"; country: {focus}, the country the article is about"


def _quoted_speaker(doc: Doc, pronoun: Token, mentions: list[ActorMention]) -> ActorMention | None:
    """'"We will not accept …," opposition leader X told the crowd': 'we' is X's side."""
    sent = pronoun.sent
    for tok in sent:
        if tok.lemma_.lower() in {"say", "tell", "add", "write", "declare", "insist", "state"}:
            for child in tok.children:
                if child.dep_ == "nsubj" and child.i != pronoun.i:
                    for cand in mentions:
                        if cand.start <= child.i < cand.end and cand.kind != "PRONOUN":
                            return cand
    return None


#: Common nouns for one person, antecedents of 'he'/'she' ("the opposition leader").
PERSON_ROLE_NOUNS = {
    "leader", "president", "minister", "premier", "official", "commander", "spokesman",
    "spokeswoman", "spokesperson", "governor", "mayor", "chief", "general", "ambassador",
    "envoy", "king", "queen", "emir", "sultan", "prince", "journalist", "activist", "candidate",
    "lawmaker", "senator", "judge", "prosecutor", "suspect", "soldier", "officer", "cleric",
    "chairman", "chairwoman", "secretary", "diplomat", "politician", "dissident", "blogger",
}  # fmt: skip


def _resolve_pronoun(
    doc: Doc, m: ActorMention, previous: list[ActorMention], sent_of: dict[int, int], s: int
) -> None:
    low = doc[m.head].lower_
    want_person = low in SINGULAR_PERSON
    want_plural = low in PLURAL
    best: ActorMention | None = None
    best_score = -1.0
    for cand in previous:
        distance = s - sent_of[cand.head]
        if distance > 2 or (cand.kind == "PRONOUN" and cand.how == "pronoun (unresolved)"):
            continue
        if cand.start <= m.head < cand.end:
            continue  # "the authorities of their country": not its own antecedent
        is_person = cand.kind == "PERSON" or (
            cand.kind == "NOMINAL"
            and not cand.plural
            and doc[cand.head].lemma_.lower() in PERSON_ROLE_NOUNS
        )  # "arrested the opposition leader ... and charged him"
        if want_person and not is_person:
            continue
        if want_plural and not (cand.plural or cand.kind in {"GROUP", "ORG", "COUNTRY"}):
            continue
        if not want_person and not want_plural and (cand.kind == "PERSON" or cand.plural):
            continue
        score = 3.0 - distance
        if doc[cand.head].dep_ in {"nsubj", "nsubjpass"}:
            score += 1.5
        if distance == 0:
            score += 1.0  # "arrested the opposition leader ... and charged him"
        if "\n" in doc.text[doc[cand.head].idx : doc[m.head].idx]:
            score -= 1.5  # a new paragraph: an earlier one's people are less likely meant
        if want_plural and cand.plural:
            score += 1.0
        if any(
            o is not cand
            and o.start <= cand.start
            and cand.end <= o.end
            and (o.start, o.end) != (cand.start, cand.end)
            for o in previous
        ):
            score -= 2.0  # a name inside a larger mention ("the citizens of Tajikistan")
        if is_person:
            score += 0.1
        score += cand.head / 100000.0  # later mentions win ties
        if score > best_score:
            best, best_score = cand, score
    if best is not None:
        m.copy_resolution(best, f"pronoun '{doc[m.head].text}' -> {best.name}")
        m.kind = best.kind
        m.plural = want_plural


def _resolve_party(m: ActorMention, previous: list[ActorMention], ctx: ActorContext) -> None:
    adj = ctx.lexicon.party_plurals.get(m.name)
    for cand in reversed(previous):
        if adj and cand.kind in {"ORG", "GROUP"} and cand.name.split()[0] == adj:
            m.copy_resolution(cand, f"'{m.name}' -> members of {cand.name}")
            m.kind = cand.kind
            return


def _resolve_country_ref(
    m: ActorMention,
    previous: list[ActorMention],
    doc: Doc,
    ctx: ActorContext,
    sent_of: dict[int, int],
    s: int,
) -> None:
    """'the authorities of their country' / 'the government of the republic'."""
    inner = _of_object(doc[m.head])
    owner = None
    if inner is not None:
        for child in inner.lefts:
            if child.dep_ == "poss" and child.lower_ in PLURAL | SINGULAR_PERSON | SINGULAR_THING:
                owner = next((p for p in previous if p.head == child.i), None)
    country = owner.country if owner is not None and owner.country else None
    how = f"country of '{owner.name}'" if country and owner else ""
    if country is None:
        for cand in reversed(previous):
            if cand.country and cand.country not in {"IGO", "NGO"}:
                country, how = cand.country, f"most recent country in context ({cand.name})"
                break
        if country is None:
            for ent in doc.ents:
                if ent.start >= doc[m.head].i:
                    break
                c = _country_in_name(ent.text, ctx)
                if c:
                    country, how = c, f"most recent country in context ('{ent.text}')"
    if country:
        m.country = country
        m.name = _nominal_name(doc[m.head], m.sector or "", country, ctx)
        m.how += f"; {how}"


def _resolve_anaphoric_nominal(
    doc: Doc,
    m: ActorMention,
    previous: list[ActorMention],
    ctx: ActorContext,
    sent_of: dict[int, int],
    s: int,
) -> None:
    """'terrorists', 'the militants' after a named armed group refer back to it."""
    lemma = doc[m.head].lemma_.lower()
    if lemma not in ctx.lexicon.anaphoric_nouns or m.sector not in {"REB", None}:
        return
    for cand in reversed(previous):
        if s - sent_of[cand.head] > 4:
            break
        if cand.kind in {"GROUP", "ORG"} and cand.sector == "REB":
            m.copy_resolution(cand, f"'{m.name}' linked to the armed group last named: {cand.name}")
            return


def _resolve_bare_title(doc: Doc, m: ActorMention, previous: list[ActorMention]) -> None:
    """'Vice President' alone -> the person introduced with that title."""
    span_text = " ".join(t.lower_ for t in doc[m.start : m.end] if t.dep_ != "det")
    for cand in reversed(previous):
        if cand.kind == "PERSON" and cand.title and cand.title.lower() == span_text:
            m.copy_resolution(cand, f"title '{span_text}' -> {cand.name}")
            m.kind = "PERSON"
            return
