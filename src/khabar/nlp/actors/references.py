"""Pronouns, bare titles, party plurals and 'the country' linked to earlier mentions."""

from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Doc, Token

from khabar.nlp import rules
from khabar.nlp.actors.context import (
    FIRST_PERSON,
    PERSON_ROLE_NOUNS,
    PLURAL,
    SINGULAR_PERSON,
    SINGULAR_THING,
    ActorContext,
)
from khabar.nlp.actors.focus import apply_focus_country
from khabar.nlp.actors.names import country_in_name, nominal_name, of_object
from khabar.nlp.annotations import ActorMention
from khabar.nlp.entities import entities_before
from khabar.nlp.scoring import load_scoring
from khabar.nlp.words import WordSet

QUOTING_VERBS = WordSet("reporting", "references")

#: Kinds of mention a plural pronoun may refer to besides plural nouns.
PLURAL_KINDS = frozenset({"GROUP", "ORG", "COUNTRY"})
#: Sectors of a singular common noun that is a body of people ("the army", "the police").
COLLECTIVE_SECTORS = frozenset({"MIL", "COP", "GOV", "REB"})


def _sentence_index(doc: Doc) -> dict[int, int]:
    index: dict[int, int] = {}
    for n, sent in enumerate(doc.sents):
        for t in sent:
            index[t.i] = n
    return index


class _Earlier:
    """The mentions resolved so far, in order, with indexes that keep each look-up local:
    the mentions over each token, the people by title, and each mention's sentence."""

    def __init__(self, sent_of: dict[int, int]) -> None:
        self.sent_of = sent_of
        self.items: list[ActorMention] = []
        self.sents: list[int] = []
        self.ascending = True  # sentences ascend along the list (as the mention pass makes them)
        self.covering: dict[int, list[ActorMention]] = {}
        self.by_title: dict[str, ActorMention] = {}

    def add(self, m: ActorMention) -> None:
        s = self.sent_of[m.head]
        self.ascending = self.ascending and (not self.sents or self.sents[-1] <= s)
        self.items.append(m)
        self.sents.append(s)
        for i in range(m.start, m.end):
            self.covering.setdefault(i, []).append(m)
        if m.kind == "PERSON" and m.title:
            self.by_title[m.title.lower()] = m  # the latest person with the title wins

    def since(self, sent: int) -> list[ActorMention]:
        """The mentions from sentence ``sent`` on (all of them when sentences do not ascend)."""
        if not self.ascending:
            return self.items
        return self.items[bisect_left(self.sents, sent) :]


def _covering(mentions: list[ActorMention]) -> dict[int, list[ActorMention]]:
    out: dict[int, list[ActorMention]] = {}
    for m in mentions:
        for i in range(m.start, m.end):
            out.setdefault(i, []).append(m)
    return out


def link_references(doc: Doc, mentions: list[ActorMention], ctx: ActorContext) -> None:
    """Resolve pronouns, bare titles, party plurals and 'the country' against earlier mentions."""
    sent_of = _sentence_index(doc)
    earlier = _Earlier(sent_of)
    resolved = earlier.items
    over_token = _covering(mentions)
    for m in mentions:
        s = sent_of[m.head]
        if m.kind == "PRONOUN" and doc[m.head].lower_ in FIRST_PERSON:
            speaker = _quoted_speaker(doc, doc[m.head], over_token)
            if speaker is not None:
                m.copy_resolution(speaker, f"'{doc[m.head].text}' in a quote by {speaker.name}")
                m.kind = speaker.kind
                m.antecedent = speaker.antecedent or (speaker.start, speaker.end)
        elif m.kind == "PRONOUN":
            _resolve_pronoun(doc, m, earlier, sent_of, s)
        elif m.kind == "NOMINAL" and m.rule == rules.PARTY_MEMBERS:
            _resolve_party(m, resolved, ctx)
        elif m.kind == "NOMINAL" and m.rule == rules.SECTOR_NOUN_COUNTRY_REF:
            _resolve_country_ref(m, resolved, doc, ctx, sent_of, s)
        elif m.kind == "NOMINAL" and m.country is None:
            _resolve_anaphoric_nominal(doc, m, resolved, ctx, sent_of, s)
        if m.kind == "NOMINAL" and m.sector == "GOV" and m.country is None:
            _resolve_bare_title(doc, m, earlier)
        earlier.add(m)
    apply_focus_country(doc, mentions, ctx)


def _quoted_speaker(
    doc: Doc, pronoun: Token, over_token: dict[int, list[ActorMention]]
) -> ActorMention | None:
    """'"We will not accept …," opposition leader X told the crowd': 'we' is X's side."""
    sent = pronoun.sent
    for tok in sent:
        if tok.lemma_.lower() in QUOTING_VERBS:
            for child in tok.children:
                if child.dep_ == "nsubj" and child.i != pronoun.i:
                    for cand in over_token.get(child.i, ()):
                        if cand.kind != "PRONOUN":
                            return cand
    return None


def _resolve_pronoun(
    doc: Doc, m: ActorMention, earlier: _Earlier, sent_of: dict[int, int], s: int
) -> None:
    low = doc[m.head].lower_
    want_person = low in SINGULAR_PERSON
    want_plural = low in PLURAL
    w = load_scoring().pronoun  # nlp/data/scoring.yaml
    best: ActorMention | None = None
    best_score = -1.0
    for cand in earlier.since(s - w.max_sentences):
        distance = s - sent_of[cand.head]
        if distance > w.max_sentences or cand.kind == "PRONOUN":
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
        collective = cand.kind == "NOMINAL" and cand.sector in COLLECTIVE_SECTORS
        if want_plural and not (cand.plural or collective or cand.kind in PLURAL_KINDS):
            continue  # "the army said they …": a force or a government is a 'they' too
        if not want_person and not want_plural and (cand.kind == "PERSON" or cand.plural):
            continue
        score = w.base - distance
        if doc[cand.head].dep_ in {"nsubj", "nsubjpass"}:
            score += w.subject
        if distance == 0:
            score += w.same_sentence  # "arrested the opposition leader ... and charged him"
        if any("\n" in t.text_with_ws for t in doc[cand.head : m.head]):
            # a new paragraph: an earlier one's people are less likely meant
            score += w.new_paragraph
        if want_plural and cand.plural:
            score += w.plural_match
        if any(
            o is not cand
            and o.start <= cand.start
            and cand.end <= o.end
            and (o.start, o.end) != (cand.start, cand.end)
            for o in earlier.covering.get(cand.start, ())
        ):
            score += w.nested  # a name inside a larger mention ("the citizens of Tajikistan")
        if is_person:
            score += w.person
        score += cand.head / 100000.0  # later mentions win ties
        if score > best_score:
            best, best_score = cand, score
    if best is not None:
        m.copy_resolution(best, f"pronoun '{doc[m.head].text}' -> {best.name}")
        m.kind = best.kind
        m.antecedent = best.antecedent or (best.start, best.end)
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
    inner = of_object(doc[m.head])
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
            for ent in entities_before(doc, m.head):
                c = country_in_name(ent.text, ctx)
                if c:
                    country, how = c, f"most recent country in context ('{ent.text}')"
                    break
    if country:
        m.country = country
        m.name = nominal_name(doc[m.head], m.sector or "", country, ctx)
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


def _resolve_bare_title(doc: Doc, m: ActorMention, earlier: _Earlier) -> None:
    """'Vice President' alone -> the person introduced with that title."""
    span_text = " ".join(t.lower_ for t in doc[m.start : m.end] if t.dep_ != "det")
    cand = earlier.by_title.get(span_text)
    if cand is not None:
        m.copy_resolution(cand, f"title '{span_text}' -> {cand.name}")
        m.kind = "PERSON"
