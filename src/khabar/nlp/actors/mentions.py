"""The pass over a Doc that finds every actor mention, in document order."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from khabar.nlp import rules
from khabar.nlp.actors.acronyms import apply_story_acronyms
from khabar.nlp.actors.allegiance import apply_allegiance, relative_subjects
from khabar.nlp.actors.context import (
    DEFINITE_COUNTRY_NOUNS,
    DEFINITE_ORG_HEADS,
    ENTITY_ACTOR_LABELS,
    FIRST_PERSON,
    PLURAL,
    QUANTITY_HEADS,
    SINGULAR_PERSON,
    SINGULAR_THING,
    ActorContext,
    known_actor,
)
from khabar.nlp.actors.names import (
    mention_from_entity,
    nominal_mention,
    nominal_name,
    np_span,
    of_object,
    sector_of_lemma,
)
from khabar.nlp.actors.pairs import add_partners
from khabar.nlp.actors.references import link_references
from khabar.nlp.annotations import ActorMention
from khabar.nlp.entities import entities_in, entity_at


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


#: Sectors an adjective names an actor by ("a militant attack", "a rebel offensive"); not
#: "military", which classifies more often than it names ("military aid", "military exercises").
ARMED_MODIFIER_SECTORS = frozenset({"REB", "COP"})


def _names_sector(tok: Token, ctx: ActorContext) -> bool:
    """A modifier that names an actor: a sector noun, or an adjective of an armed sector."""
    sector = sector_of_lemma(tok, ctx)
    if tok.dep_ == "amod":
        return sector in ARMED_MODIFIER_SECTORS
    return sector not in {None, "OTHER"}


def find_actor_mentions(
    doc: Doc, ctx: ActorContext, story_acronyms: bool = False, pairs: bool = False
) -> list[ActorMention]:
    """All actor mentions in document order, with pronouns and titles linked back (and with
    ``story_acronyms``, v2: the acronyms the story defines resolved, :mod:`.acronyms`, and
    "the ministry" after a named ministry that ministry; with ``pairs``, v3: the second party
    of "Rwandan and Mozambican forces" and "the two countries", :mod:`.pairs`)."""
    mentions: list[ActorMention] = []
    # each word of an organisation's or group's name -> the latest such mention named with it
    org_by_word: dict[str, ActorMention] = {}
    for tok in doc:
        if tok.pos_ not in {"NOUN", "PROPN", "PRON"} or tok.dep_ in {"compound", "amod", "flat"}:
            continue
        mention = mention_for_head(tok, ctx) or _definite_org_reference(tok, org_by_word)
        if (
            story_acronyms  # v2: "the ministry" after a named ministry is that ministry
            and mention is not None
            and mention.rule == rules.SECTOR_NOUN
            and tok.lemma_.lower() in DEFINITE_ORG_HEADS
        ):
            mention = _definite_org_reference(tok, org_by_word) or mention
        if mention is not None:
            mentions.append(mention)
            if mention.kind in {"ORG", "GROUP"}:
                org_by_word.update((w.lower(), mention) for w in mention.name.split())
    if story_acronyms:
        mentions = apply_story_acronyms(doc, mentions)
    link_references(doc, mentions, ctx)
    if pairs:
        apply_allegiance(doc, mentions)
        mentions = relative_subjects(doc, mentions)
        mentions = add_partners(doc, mentions, ctx)
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
            rule=rules.RELATIVE_CLAUSE,
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
                rule=rules.PRONOUN,
            )
        return None
    low = tok.lower_
    if (
        tok.lemma_.lower() in QUANTITY_HEADS
        or low in QUANTITY_HEADS
        or low.rstrip("s") in QUANTITY_HEADS
        or tok.like_num
    ):
        inner = of_object(tok)
        if inner is not None:
            found = mention_for_head(inner, ctx)
            if found is not None:
                span = np_span(tok)
                found.start, found.end = span.start, span.end
                return found
    span = np_span(tok)
    own = entity_at(tok)
    if own is not None and (own.start < span.start or own.end > span.end):
        # "the State Committee for National Security": the name runs past the noun phrase
        span = tok.doc[min(span.start, own.start) : max(span.end, own.end)]
    head_sector = sector_of_lemma(tok, ctx)

    compound_noun = (
        tok.i > 0
        and tok.doc[tok.i - 1].dep_ == "compound"
        and f"{tok.doc[tok.i - 1].lower_} {tok.lemma_.lower()}" in ctx.lexicon.sector_by_lemma
    )

    def allowed(e: Span) -> bool:
        if compound_noun and e.end == tok.i and e.label_ in {"PERSON", "ORG"}:
            return False  # "Riot police": the small model tags 'Riot' as a person
        # The head's own entity or a name before the head ("Taliban militants"); after the
        # head ("the mayor of Veldor Anna Brix", "residents of Kessa") only
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
        for e in entities_in(span)
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
        m = mention_from_entity(ent, tok, span, ctx)
        if m is not None:
            return m
    nominal = nominal_mention(tok, span, ctx)
    if nominal is None and tok.pos_ == "NOUN" and not own:
        # "a police convoy", "the army base": the modifier names the actor
        # "a rebel grenade attack": a compound's own compound modifies the phrase too
        # "a militant attack": an adjective of an armed sector names it too
        for child in tok.lefts:
            if child.dep_ not in {"compound", "amod"}:
                continue
            nested = [g for g in child.lefts if g.dep_ in {"compound", "amod"}]
            word = next((t for t in (child, *nested) if _names_sector(t, ctx)), None)
            if word is None and child.dep_ == "amod":
                continue
            if word is not None:
                nominal = nominal_mention(word, span, ctx)
                if nominal is not None:
                    nominal.head = tok.i
                    nominal.how += f" (modifier of '{tok.text}')"
            break
    if nominal is not None:
        inner = of_object(tok)
        if inner is not None and nominal.country is None:
            inner_m = mention_for_head(inner, ctx)
            if inner_m is not None and inner_m.country:
                nominal.country = inner_m.country
                nominal.name = nominal_name(tok, nominal.sector or "", inner_m.country, ctx)
                nominal.how += f"; country from '{inner.text}'"
            elif inner is not None and any(
                t.lemma_.lower() in DEFINITE_COUNTRY_NOUNS for t in inner.subtree
            ):
                nominal.how += "; country from context"
                nominal.rule = rules.SECTOR_NOUN_COUNTRY_REF
        return nominal
    # "the Taliban's activities": the possessor is the actor.
    for child in tok.lefts:
        if child.dep_ == "poss" and child.pos_ in {"PROPN", "NOUN"}:
            m = mention_for_head(child, ctx)
            if m is not None:
                return m
    return None


def _definite_org_reference(
    tok: Token, org_by_word: dict[str, ActorMention]
) -> ActorMention | None:
    """'the committee' after 'the State Committee for National Security' is that committee."""
    if tok.pos_ != "NOUN" or not any(c.lower_ in {"the", "this"} for c in tok.lefts):
        return None
    cand = org_by_word.get(tok.lemma_.lower())
    if cand is None:
        return None
    m = ActorMention(
        start=tok.left_edge.i,
        end=tok.i + 1,
        head=tok.i,
        name=cand.name,
        kind=cand.kind,
        rule=rules.DEFINITE_ORG,
    )
    m.copy_resolution(cand, f"'the {tok.text}' -> {cand.name}")
    m.plural = cand.plural
    return m
