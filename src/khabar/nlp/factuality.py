"""Factuality of each event: asserted, negated, hypothetical, future or historical.

Cues are looked for on the trigger and on the chain of clauses that govern it (up to the
sentence root), so 'has yet to request' and 'did not intend to attack' are negated while
'promised not to leave them' (negation inside the promise's content) stays asserted.
"""

from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Doc, Span, Token

from khabar.nlp.annotations import DateMention, EventCandidate
from khabar.nlp.syntax import GOVERNOR_LINKS
from khabar.nlp.words import WordSet

NEGATORS = WordSet("factuality", "negators")
NEGATING_HEADS = WordSet("factuality", "negating_heads")
MODALS = WordSet("factuality", "modals")
FUTURE_AUX = WordSet("factuality", "future_aux")
HEDGE_ADVERBS = WordSet("factuality", "hedge_adverbs")
#: Adverbs that mark a report as a claim of someone else's: the event is asserted by the
#: source, with the adverb as its (unnamed) attribution when the text names no source.
CLAIM_ADVERBS = WordSet("factuality", "claim_adverbs")
HYPOTHETICAL_HEADS = WordSet("factuality", "hypothetical_heads")
FUTURE_HEADS = WordSet("factuality", "future_heads")
CONDITIONALS = WordSet("factuality", "conditionals")
HISTORY_PHRASES = (
    "over the centuries",
    "in the past",
    "historically",
    "in history",
    "for centuries",
    "decades ago",
    "centuries ago",
    "years ago",
)
HISTORY_YEARS = 3
PERIOD_AFTER = re.compile(r"\s+(?:\d+|few|several|two|three|four|five|hours?|days?|weeks?)\b")
UNNAMED_SOURCES = WordSet("factuality", "unnamed_sources")
REPORTING = WordSet("reporting", "factuality")


def infinitival(tok: Token) -> bool:
    """'abilities to help': spaCy calls it a relative clause, but it is a complement."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def _governors(tok: Token) -> list[Token]:
    """The trigger, then each clause head above it up to the root."""
    chain = [tok]
    node = tok
    while node.head is not node and len(chain) < 14:
        if node.dep_ in GOVERNOR_LINKS:
            if node.dep_ == "relcl" and not infinitival(node):
                break
            if node.dep_ == "conj":
                node = node.head
                continue
            node = node.head
            chain.append(node)
        else:
            break
    return chain


def _has_neg(tok: Token) -> str | None:
    for child in tok.children:
        if child.dep_ == "neg" or child.lower_ in {"never", "neither", "nor"}:
            return child.text
        if child.dep_ == "det" and child.lower_ == "no":
            return child.text
        if child.dep_ == "preconj" and child.lower_ == "neither":
            return child.text
    return None


def _yet_to(tok: Token) -> bool:
    """'has yet to X' / 'is yet to X'."""
    return tok.lemma_ in {"have", "be"} and any(c.lower_ == "yet" for c in tok.children)


def negation_cue(trigger: Token) -> str | None:
    chain = _governors(trigger)
    # Negation on the trigger itself, or on heads linked by xcomp/aux ("did not intend to attack").
    for i, node in enumerate(chain):
        cue = _has_neg(node)
        if cue is not None and (
            i == 0
            or chain[i - 1].dep_ in {"xcomp", "pobj", "prep", "dobj", "nsubj", "nsubjpass", "attr"}
        ):
            return cue
        if i > 0 and _yet_to(node) and chain[i - 1].dep_ == "xcomp":
            return "yet to"
        if (
            i > 0
            and node.lemma_.lower() in NEGATING_HEADS
            and chain[i - 1].dep_ in {"xcomp", "ccomp", "dobj", "pobj", "prep"}
        ):
            return node.text
        if i > 0 and node.dep_ in {"ccomp", "advcl"}:
            break
    # Nominal negation: "neither the leadership of X nor …", "no talks".
    for tok in trigger.subtree:
        if tok.lower_ == "neither" and tok.i < trigger.i:
            return "neither"
    for node in chain[:3]:
        for child in node.children:
            if child.dep_ in {"nsubj", "nsubjpass"} and any(
                g.lower_ == "neither" for g in child.subtree
            ):
                return "neither … nor"
    return None


def word_forms(tok: Token) -> set[str]:
    """The lemma and plain suffix-stripped forms: the small model lemmatises "hopes" as
    "hop", so a head word is also matched by its own form without -s/-es/-ed/-ing."""
    low = tok.lower_
    forms = {tok.lemma_.lower(), low}
    for suffix in ("s", "es", "ed", "d", "ing"):
        if low.endswith(suffix) and len(low) > len(suffix) + 2:
            forms.add(low[: -len(suffix)])
    return forms


def shared_aux(trigger: Token) -> Token | None:
    """'would expand an embargo, target banks and ban sales': a conjunct with no subject or
    auxiliary of its own shares the modal or future auxiliary of the verb it is joined to."""
    node = trigger
    while node.dep_ == "conj" and node.head is not node:
        if any(c.dep_ in {"nsubj", "nsubjpass", "aux", "auxpass"} for c in node.children):
            return None
        node = node.head
        for child in node.children:
            if child.dep_ == "aux" and (child.lower_ in MODALS or child.lower_ in FUTURE_AUX):
                return child
    return None


def modality_cue(trigger: Token) -> tuple[str, str] | None:
    """('hypothetical'|'future', cue word) from modals, conditionals, hedges and heads."""
    shared = shared_aux(trigger)
    if shared is not None:
        return ("hypothetical" if shared.lower_ in MODALS else "future"), shared.text
    chain = _governors(trigger)
    for i, node in enumerate(chain):
        for child in node.children:
            low = child.lower_
            if child.dep_ in {"advmod"} and low in HEDGE_ADVERBS:
                return "hypothetical", child.text
            if child.dep_ == "mark" and low in CONDITIONALS:
                return "hypothetical", child.text
            if child.dep_ == "aux" and low in MODALS:
                return "hypothetical", child.text
            if child.dep_ == "advcl" and i == 0:
                # "If the rebels advance, the army will attack": an if-clause conditions it
                for mark in child.children:
                    if mark.dep_ == "mark" and mark.lower_ in {"if"}:
                        return "hypothetical", mark.text
        for child in node.children:
            if child.dep_ == "aux" and child.lower_ in FUTURE_AUX:
                # "Probably it will lead to …": a hedge anywhere in the clause wins.
                if any(c.lower_ in HEDGE_ADVERBS for c in node.children):
                    return "hypothetical", child.text
                return "future", child.text
        if i > 0:
            forms = word_forms(node)
            if forms & FUTURE_HEADS and chain[i - 1].dep_ == "xcomp":
                return "future", node.text
            if forms & HYPOTHETICAL_HEADS and chain[i - 1].dep_ in {
                "xcomp",
                "ccomp",
                "acl",
                "pobj",
                "prep",
                "dobj",
                "attr",
            }:
                return "hypothetical", node.text
        if node.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in CONDITIONALS for c in node.children
        ):
            return "hypothetical", "if"
        if i > 0 and chain[i - 1].dep_ in {"ccomp", "csubj"}:
            # "It is possible that the army shelled the village"
            for child in node.children:
                if child.dep_ == "acomp" and child.lower_ in HEDGE_ADJECTIVES:
                    return "hypothetical", child.text
    return None


#: "It is possible/likely/unclear whether …": the clause is not asserted.
HEDGE_ADJECTIVES = WordSet("factuality", "hedge_adjectives")


def history_cue(
    sent: Span, trigger: Token, date: DateMention | None, published: dt.date | None
) -> str | None:
    lowered = sent.text.lower()
    for phrase in HISTORY_PHRASES:
        at = lowered.find(phrase)
        # "in the past 48 hours" is the news period, "in the past" alone is history
        if at >= 0 and not PERIOD_AFTER.match(lowered, at + len(phrase)):
            return phrase
    if (
        date is not None
        and date.as_date is not None
        and published is not None
        and (published - date.as_date).days > 365 * HISTORY_YEARS
    ):
        return date.text
    return None


def attribution_of(sent: Span, trigger: Token) -> tuple[int, int, str] | None:
    """The source a statement is attributed to: 'some media outlets state that …'."""
    node = trigger
    for _ in range(6):
        if node.dep_ in {"ccomp", "parataxis"} and node.head.lemma_.lower() in REPORTING:
            verb = node.head
            for child in verb.children:
                if child.dep_ in {"nsubj", "nsubjpass"}:
                    span = sent.doc[child.left_edge.i : child.right_edge.i + 1]
                    head = child.lemma_.lower()
                    named = child.pos_ == "PROPN" or child.ent_type_ in {"PERSON", "ORG", "GPE"}
                    kind = "named" if named and head not in UNNAMED_SOURCES else "unnamed"
                    return span.start_char, span.end_char, kind
            return None
        if node.head is node:
            break
        node = node.head
    # "according to X"
    for tok in sent:
        if (
            tok.lower_ == "according"
            and tok.i + 1 < len(sent.doc)
            and sent.doc[tok.i + 1].lower_ == "to"
        ):
            pobjs = [c for c in sent.doc[tok.i + 1].children if c.dep_ == "pobj"]
            if pobjs:
                p = pobjs[0]
                span = sent.doc[p.left_edge.i : p.right_edge.i + 1]
                named = p.pos_ == "PROPN"
                return span.start_char, span.end_char, "named" if named else "unnamed"
    return None


def claim_cue(trigger: Token) -> Token | None:
    """'allegedly killed', 'reportedly seized': the claim adverb governing the trigger."""
    for node in _governors(trigger)[:3]:
        for child in node.children:
            if child.dep_ == "advmod" and child.lower_ in CLAIM_ADVERBS:
                return child
    return None


def assign_factuality(doc: Doc, events: list[EventCandidate]) -> None:
    """Set negation/modality factuality, its cue and the attribution (in place)."""
    for ev in events:
        trigger = doc[ev.trigger_tokens[0]]
        sent = trigger.sent
        neg = negation_cue(trigger)
        mod = modality_cue(trigger)
        claim = claim_cue(trigger)
        if neg is not None:
            ev.factuality, ev.factuality_cue = "negated", neg
        elif mod is not None:
            ev.factuality, ev.factuality_cue = mod
        else:
            ev.factuality = "asserted"
            if claim is not None:
                ev.factuality_cue = claim.text
        ev.attribution = attribution_of(sent, trigger)
        if ev.attribution is None and claim is not None and neg is None and mod is None:
            ev.attribution = (claim.idx, claim.idx + len(claim.text), "unnamed")


def assign_history(doc: Doc, events: list[EventCandidate], published: dt.date | None) -> None:
    """Mark asserted events as historical when their date or wording is far in the past."""
    for ev in events:
        if ev.factuality != "asserted":
            continue
        trigger = doc[ev.trigger_tokens[0]]
        hist = history_cue(trigger.sent, trigger, ev.date, published)
        if hist is not None:
            ev.factuality, ev.factuality_cue = "historical", hist
