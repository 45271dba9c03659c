"""An agreement or vow to do harm is typed as the harm ('agreed to attack'); a vow that no one
will be allowed to act is a threat (``event.vowed-prohibition``); an order that closes a
place is the closure (``event.ordered-closure``)."""

from __future__ import annotations

from spacy.tokens import Token

from khabar.nlp.events.triggers import sense_for_verb
from khabar.nlp.lexicon import TriggerLexicon, TriggerSense
from khabar.nlp.words import WordSet

#: A promise to harm is a threat (PLOVER): "vowed to fight the U.S.", "pledged to attack".
HARMFUL_CONTENT = {"ASSAULT": "violence", "COERCE": None, "SANCTION": None, "THREATEN": None}


#: Commitments: a commitment to harm is a threat.
VOW_LEMMAS = WordSet("events", "vow_lemmas")


#: Decisions: "agreed to extend sanctions" is the sanction itself, decided.
DECISION_LEMMAS = WordSet("events", "decision_lemmas")

VOWED_PROHIBITION = "event.vowed-prohibition"
ORDERED_CLOSURE = "event.ordered-closure"

#: Verbs of permitting: vowed that nobody "will be permitted" or it "will not tolerate".
PERMISSION_LEMMAS = WordSet("events", "permission_lemmas")
#: Subjects that deny to everyone: "no one", "nobody", "nothing".
NOBODY = frozenset({"nobody", "none", "nothing", "noone"})
#: Orders whose content is carried out by the state: "ordered", "directed".
ORDER_LEMMAS = WordSet("events", "order_lemmas")
#: What an order closes: "ordered closed", "ordered shut", "ordered to close".
CLOSURE_LEMMAS = WordSet("events", "closure_lemmas")


def _denied_to_all(clause: Token) -> bool:
    """ "no one would be allowed", "will not be tolerated", "nobody will be permitted"."""
    if clause.lemma_.lower() not in PERMISSION_LEMMAS:
        return False
    if any(c.dep_ == "neg" for c in clause.children):
        return True
    return any(
        c.dep_ in {"nsubj", "nsubjpass"}
        and (c.lower_ in NOBODY or any(d.dep_ == "det" and d.lower_ == "no" for d in c.children))
        for c in clause.children
    )


def vowed_prohibition(trigger: Token) -> tuple[TriggerSense, str] | None:
    """THREATEN when a vow's content denies an act to everyone: "vowed that no one would be
    allowed to meddle", "pledged it would not tolerate attacks" (PLOVER: warn of negative
    action)."""
    if trigger.lemma_.lower() not in VOW_LEMMAS:
        return None
    for child in trigger.children:
        if child.dep_ in {"ccomp", "xcomp"} and _denied_to_all(child):
            return (
                TriggerSense("THREATEN", None),
                f"a vow that '{child.text}' is denied is a warning",
            )
    return None


def ordered_closure(trigger: Token) -> tuple[TriggerSense, str] | None:
    """COERCE (restrict) when an order's content closes something: "schools were ordered
    closed", "ordered the crossings shut", "ordered police to seal the border"."""
    if trigger.lemma_.lower() not in ORDER_LEMMAS:
        return None
    for child in trigger.children:
        if child.dep_ in {"oprd", "xcomp", "ccomp", "acomp"} and (
            child.lemma_.lower() in CLOSURE_LEMMAS or child.lower_ in CLOSURE_LEMMAS
        ):
            return TriggerSense("COERCE", "restrict"), f"an order that closes ('{child.text}')"
    return None


def harmful_content(trigger: Token, lex: TriggerLexicon) -> tuple[TriggerSense, str] | None:
    """THREATEN when what a vow/pledge commits to is an act of conflict; the act itself when
    a decision ("agreed to extend sanctions against Russia") decides on a sanction."""
    lemma = trigger.lemma_.lower()
    for child in trigger.children:
        if child.dep_ == "xcomp" and child.pos_ == "VERB":
            inner = sense_for_verb(child, lex)
            if (
                lemma in DECISION_LEMMAS
                and inner is not None
                and inner[0].type in {"SANCTION", "COERCE"}
            ):
                return inner[0], f"deciding to {inner[0].type} ('{child.text}') is doing it"
            if lemma in VOW_LEMMAS and inner is not None and inner[0].type in HARMFUL_CONTENT:
                mode = HARMFUL_CONTENT[inner[0].type]
                return (
                    TriggerSense("THREATEN", mode, inner[0].context),
                    f"a commitment to {inner[0].type} ('{child.text}') is a threat",
                )
    return None
