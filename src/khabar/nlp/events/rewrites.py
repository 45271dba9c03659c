"""An agreement or vow to do harm is typed as the harm ('agreed to attack')."""

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
