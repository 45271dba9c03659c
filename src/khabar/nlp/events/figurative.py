"""Trigger words used figuratively or aimed at no party ('fighting fires')."""

from __future__ import annotations

from spacy.tokens import Token

from khabar.nlp.events.roles import LOCATIVE_MODIFIERS
from khabar.nlp.events.triggers import sense_for_noun
from khabar.nlp.lexicon import TriggerLexicon, TriggerSense
from khabar.nlp.words import WordSet

#: Types whose trigger words are also used figuratively ("fight fires", "a legal battle").
FIGURATIVE_TYPES = WordSet("events", "figurative_types")
#: Dependents that can change a trigger's meaning (``not_event_complements``).
COMPLEMENT_DEPS = {
    "acomp", "oprd", "advmod", "dobj", "attr", "prep", "npadvmod", "xcomp", "nsubjpass",
    "compound",
}  # fmt: skip


def names_no_party(
    trigger: Token, sense: TriggerSense, lex: TriggerLexicon, trigger_tokens: list[int]
) -> bool:
    """True when the trigger is used in a way that makes no political event: a complement
    that changes the verb's meaning ("pleaded guilty"), or, for conflict types, an object
    that is no party ("fighting fires", "the battle against cancer") or a figurative
    modifier ("a legal battle", "a price war", "fought a legal battle")."""
    lemma = trigger.lemma_.lower()
    if (
        trigger.pos_ == "VERB"
        and lemma in lex.intransitive_only
        and any(
            c.dep_ in {"dobj", "obj"} and not any(g.lower_ in LOCATIVE_MODIFIERS for g in c.lefts)
            for c in trigger.children
        )
    ):
        return True  # "the figures demonstrate the influence", "rallied support"
    if (
        trigger.pos_ == "VERB"
        and lemma in lex.transitive_only
        and not any(c.dep_ in {"dobj", "obj", "nsubjpass"} for c in trigger.children)
    ):
        return True  # "the president returned to the capital" (no territory or captive)
    blockers = lex.not_event_complements.get(lemma)
    # the complements, and the noun a participle describes ("a video shared online")
    described = [trigger.head] if trigger.dep_ == "acl" else []
    if blockers and any(
        c.lemma_.lower() in blockers or c.lower_ in blockers
        for c in [*trigger.children, *described]
        if c.dep_ in COMPLEMENT_DEPS or c in described
        for c in (c, *c.children)
    ):
        return True
    if sense.type not in FIGURATIVE_TYPES:
        return False
    if (
        trigger.pos_ == "NOUN"
        and trigger.dep_ == "pobj"
        and trigger.head.lower_ == "of"
        and trigger.head.head.lemma_.lower() in lex.named_by_event_noun
    ):
        return True  # "prisoners of war": the noun names people, it tells no event
    objects = [c for c in trigger.children if c.dep_ in {"dobj", "obj", "nsubjpass"}]
    objects += [
        g
        for c in trigger.children
        if c.dep_ == "prep" and c.lower_ in {"against", "on", "with"}
        for g in c.children
        if g.dep_ == "pobj"
    ]
    objects = [o for o in objects if o.i not in trigger_tokens]  # "opened fire": the trigger
    if any(o.lemma_.lower() in lex.non_party_objects for o in objects):
        return True
    # The trigger noun itself, or a conflict noun as the verb's object ("fought a legal
    # battle"); not any object ("attacked the trade ministry" is an attack).
    modified = [trigger] if trigger.pos_ == "NOUN" else []
    modified += [
        o
        for o in objects
        if o.pos_ == "NOUN"
        and (sense_n := sense_for_noun(o, lex)) is not None
        and sense_n[0].type in FIGURATIVE_TYPES
    ]
    return any(
        m.dep_ in {"amod", "compound"} and m.lemma_.lower() in lex.figurative_modifiers
        for n in modified
        for m in n.lefts
    )


def describes_victims(tok: Token, lex: TriggerLexicon) -> bool:
    """ "Those killed were candidates", "a boy shot dead was their nephew": a past
    participle with no agent that describes the subject of another verb names the victims of
    an event told elsewhere, not an event (rule ``event.victims``); one with its event in
    the sentence ("soldiers wounded in the attack") tells that event's victims."""
    if tok.dep_ != "acl" or tok.tag_ != "VBN":
        return False
    if any(c.dep_ in {"agent", "auxpass", "nsubjpass"} for c in tok.children):
        return False
    preps = [c for c in tok.children if c.dep_ == "prep"]
    if any(sense_for_noun(g, lex) for p in preps for g in p.children if g.dep_ == "pobj"):
        return False
    node = tok.head
    while node.dep_ == "pobj" and node.head.dep_ == "prep" and node.head.head.pos_ in NOMINALS:
        node = node.head.head  # "one of the men killed", "candidates for seats killed"
    return node.dep_ in {"nsubj", "nsubjpass"} and node.pos_ in NOMINALS


#: Parts of speech of a noun phrase's head ("those", "one of").
NOMINALS = frozenset({"NOUN", "PROPN", "PRON", "NUM"})


#: "for years": a span that makes a verb a standing situation.
HABITUAL_DURATIONS = WordSet("events", "habitual_durations")


def told_as_lasting(tok: Token) -> bool:
    """ "The group has been fighting for years": a verb with a span of years is a standing
    situation, the story's background, not an event (rule ``event.lasting``)."""
    return any(
        c.dep_ == "prep"
        and c.lower_ == "for"
        and any(g.dep_ == "pobj" and g.lemma_.lower() in HABITUAL_DURATIONS for g in c.children)
        for c in tok.children
    )
