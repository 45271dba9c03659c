"""Which verbs and nouns are triggers, of which PLOVER type and reading, and how central."""

from __future__ import annotations

from spacy.tokens import Token

from khabar.nlp import rules
from khabar.nlp.annotations import ActorMention
from khabar.nlp.events.roles import NOUN_AGENT_PREPS, NOUN_TARGET_PREPS
from khabar.nlp.lexicon import TriggerLexicon, TriggerSense
from khabar.nlp.scoring import load_scoring
from khabar.nlp.syntax import SPEECH_CONTENT_LINKS
from khabar.nlp.words import QuadTypes, WordSet

#: Verbs whose complement is the *content* of a speech act, not a separate event.
CONTENT_HEADS = WordSet("events", "content_heads")


PROTEST_SUBJECT_SECTORS = WordSet("events", "protest_subject_sectors")


MATERIAL_TYPES = QuadTypes("material_conflict")


ARMED_SECTORS = WordSet("events", "armed_sectors")


#: Verbs that are MOBILIZE events only when armed forces do them ("troops concentrated").
FORCE_VERBS = WordSet("events", "force_verbs")


#: What a verb trigger rule finds: the sense, the trigger tokens, the ``how`` text, the rule id.
VerbTrigger = tuple[TriggerSense, list[int], str, str]


def sense_for_verb(tok: Token, lex: TriggerLexicon) -> VerbTrigger | None:
    lemma = tok.lemma_.lower()
    # verb + direct object: "open fire", "hold talks", "impose sanctions"; the object may be
    # counted: "expelled a series of envoys"
    for child in tok.children:
        if child.dep_ in {"dobj", "obj", "nsubjpass"} and child.pos_ in {"NOUN", "PROPN"}:
            counted = [
                g
                for p in child.children
                if child.lemma_.lower() in QUANTITY_NOUNS and p.dep_ == "prep" and p.lower_ == "of"
                for g in p.children
                if g.dep_ == "pobj"
            ]
            for obj in (child, *counted):
                sense = lex.verb_objects.get((lemma, obj.lemma_.lower()))
                if sense is not None:
                    kind = _kind_of(obj, lex) if lemma in lex.light_verbs else None
                    if kind is not None and kind[0].type != sense.type:
                        # "signed a ceasefire agreement": the agreement's kind is the event
                        how = f"light verb '{lemma}' + {kind[1]}"
                        return kind[0], [tok.i, obj.i], how, rules.LIGHT_VERB
                    how = f"verb+object '{lemma} {obj.lemma_.lower()}'"
                    return sense, [tok.i, obj.i], how, rules.VERB_OBJECT
    # ending or suppressing an event: "halted aid", "lifted the curfew", "dispersed the rally"
    changed = terminated(tok, lex)
    if changed is not None:
        return changed
    # verb + particle/preposition: "call on", "fire at", "crack down", "forced them back"
    for child in tok.children:
        if child.dep_ in {"prt", "prep"} or (child.dep_ == "advmod" and child.lower_ == "back"):
            sense = lex.verb_particles.get((lemma, child.lower_))
            needed = lex.particle_complements.get((lemma, child.lower_))
            complement = [
                g.i
                for g in child.children
                if g.dep_ == "pobj" and needed is not None and g.lemma_.lower() in needed
            ]
            if needed is not None and not complement:
                continue  # "took to his heels" is no "took to the streets"
            if sense is not None:
                how = f"verb+particle '{lemma} {child.lower_}'"
                return sense, [tok.i, child.i, *complement], how, rules.VERB_PARTICLE
    # light verb + event noun object: "launch an attack", "published an appeal",
    # "engaged in ethnic cleansing", "undertook a mediation mission"
    if lemma in lex.light_verbs:
        objects = [c for c in tok.children if c.dep_ in {"dobj", "obj", "nsubjpass"}]
        objects += [
            g
            for c in tok.children
            if c.dep_ == "prep" and c.lower_ in {"in", "into"}
            for g in c.children
            if g.dep_ == "pobj"
        ]
        # "launched a wave of drone attacks", "carried out a series of raids"
        objects += [
            g
            for c in objects
            if c.lemma_.lower() in QUANTITY_NOUNS
            for p in c.children
            if p.dep_ == "prep" and p.lower_ == "of"
            for g in p.children
            if g.dep_ == "pobj"
        ]
        for child in objects:
            if child.pos_ != "NOUN":
                continue
            for noun in (child, *[c for c in child.lefts if c.dep_ == "compound"]):
                noun_sense = sense_for_noun(noun, lex)
                if noun_sense is not None:
                    how = f"light verb '{lemma}' + {noun_sense[1]}"
                    return noun_sense[0], [tok.i, noun.i], how, rules.LIGHT_VERB
    sense = lex.verbs.get(lemma)
    if sense is not None:
        return sense, [tok.i], f"verb '{lemma}'", rules.VERB
    return None


#: Nouns that count or group events: "a wave of attacks", "a series of raids".
QUANTITY_NOUNS = WordSet("events", "quantity_nouns")


def terminated(tok: Token, lex: TriggerLexicon) -> VerbTrigger | None:
    lemma = tok.lemma_.lower()
    particles = {c.lower_ for c in tok.children if c.dep_ == "prt"}
    keys = {lemma} | {f"{lemma}_{p}" for p in particles}
    is_term = bool(keys & lex.terminators)
    is_supp = bool(keys & lex.suppressors)
    if not (is_term or is_supp):
        return None
    objects = [
        c for c in tok.children if c.dep_ in {"dobj", "obj", "nsubjpass"} and c.pos_ == "NOUN"
    ]
    # "lifted a state of emergency": the event noun may sit in the object's 'of' phrase
    objects += [
        g
        for o in list(objects)
        for p in o.children
        if p.dep_ == "prep" and p.lower_ == "of"
        for g in p.children
        if g.dep_ == "pobj" and g.pos_ == "NOUN"
    ]
    # "ended mediation efforts": the event noun may be the object's compound
    objects += [
        c for o in list(objects) for c in o.lefts if c.dep_ == "compound" and c.pos_ == "NOUN"
    ]
    for child in objects:
        noun = sense_for_noun(child, lex)
        if noun is None:
            continue
        sense, how = noun
        sense = disambiguate(sense, [], child)
        if is_supp and sense.type == "PROTEST":
            return (
                TriggerSense("COERCE", "restrict"),
                [tok.i, child.i],
                f"suppressing a protest: '{lemma}' + {how}",
                rules.SUPPRESSION,
            )
        if is_term and sense.type in lex.termination:
            return (
                lex.termination[sense.type],
                [tok.i, child.i],
                f"ending an event: '{lemma}' + {how} ({sense.type})",
                rules.TERMINATION,
            )
    # "guards stopped the farmers from marching": the protest verb after 'from'
    for prep in tok.children if is_supp else ():
        if prep.dep_ != "prep" or prep.lower_ != "from":
            continue
        for verb in prep.children:
            done = lex.verbs.get(verb.lemma_.lower()) if verb.dep_ == "pcomp" else None
            if done is not None and done.type == "PROTEST":
                how = f"suppressing a protest: '{lemma}' from '{verb.lemma_.lower()}'"
                return TriggerSense("COERCE", "restrict"), [tok.i], how, rules.SUPPRESSION
    return None


def _kind_of(noun: Token, lex: TriggerLexicon) -> tuple[TriggerSense, str] | None:
    """The sense a modifier gives a noun ("a ceasefire agreement", "a peace deal"), if any."""
    for child in noun.lefts:
        if child.dep_ in {"compound", "amod"}:
            key = (child.lemma_.lower(), noun.lemma_.lower())
            sense = lex.noun_compounds.get(key) or lex.noun_compounds.get(
                (child.lower_, noun.lemma_.lower())
            )
            if sense is not None:
                return sense, f"noun '{child.lower_} {noun.lemma_.lower()}'"
    return None


def sense_for_noun(tok: Token, lex: TriggerLexicon) -> tuple[TriggerSense, str] | None:
    lemma = tok.lemma_.lower()
    for child in tok.lefts:
        if child.dep_ in {"compound", "amod"}:
            sense = lex.noun_compounds.get((child.lemma_.lower(), lemma)) or lex.noun_compounds.get(
                (child.lower_, lemma)
            )
            if sense is not None:
                return sense, f"noun '{child.lower_} {lemma}'"
    sense = lex.nouns.get(lemma) or lex.nouns.get(tok.lower_)
    if sense is not None:
        return sense, f"noun '{lemma}'"
    # a verb's noun with the verb's object after "of": "a swap of hostages"
    for prep in tok.rights:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    sense = lex.verb_objects.get((lemma, obj.lemma_.lower()))
                    if sense is not None:
                        return sense, f"noun '{lemma} of {obj.lemma_.lower()}'"
    return None


def is_content_of_speech_act(tok: Token, lex: TriggerLexicon) -> bool:
    """'asked partners to supply weapons': 'supply' is what was asked for, not an event."""
    head = tok.head
    hops = 0
    node = tok
    while node.dep_ in SPEECH_CONTENT_LINKS and hops < 3:
        if node.dep_ == "conj":
            node = node.head
            head = node.head
            hops += 1
            continue
        found = sense_for_verb(head, lex) if head.pos_ in {"VERB", "AUX"} else None
        noun = sense_for_noun(head, lex) if head.pos_ == "NOUN" else None
        kind = (found[0].type if found else None) or (noun[0].type if noun else None)
        if kind in CONTENT_HEADS and node.dep_ in {"xcomp", "ccomp", "acl", "advcl"}:
            return True
        if node.dep_ in {"relcl"}:
            return False
        node = head
        head = node.head
        hops += 1
    return False


def noun_is_anchored(tok: Token, lex: TriggerLexicon, actor_heads: set[int]) -> bool:
    """A noun trigger counts only with an argument, a date/place, or a verb of occurrence."""
    for child in tok.children:
        if child.dep_ == "poss":
            return True
        if child.dep_ == "prep" and child.lower_ in NOUN_AGENT_PREPS | NOUN_TARGET_PREPS | {"in"}:
            for pobj in child.children:
                if pobj.i in actor_heads or pobj.ent_type_ in {"GPE", "LOC", "DATE", "ORG", "NORP"}:
                    return True
        if child.dep_ in {"relcl", "acl"} and (
            child.lemma_ in lex.occurrence_verbs
            or any(g.ent_type_ == "DATE" for g in child.subtree)
        ):
            return True
        if child.dep_ == "compound" and child.i in actor_heads:
            return True
    # Through a carrier noun: "a declaration with a request … was published by X".
    node = tok
    for _ in range(3):
        if node.dep_ in {"pobj", "prep"} and node.head.pos_ in {"ADP", "NOUN"}:
            node = node.head
            continue
        break
    head = node.head
    if node.dep_ in {"nsubj", "nsubjpass"} and head.lemma_.lower() in lex.occurrence_verbs:
        return True
    if node.dep_ in {"dobj", "nsubjpass"} and head.lemma_.lower() in lex.light_verbs:
        return True
    # A physical event noun in a sentence that dates or places it.
    sense = sense_for_noun(tok, lex)
    if sense is not None and sense[0].type in MATERIAL_TYPES:
        return any(t.ent_type_ in {"DATE", "GPE", "LOC", "FAC"} for t in tok.sent)
    return False


def salience(trigger: Token, lex: TriggerLexicon) -> float:
    """How central the trigger is to its sentence: the main clause ranks first."""
    weights = load_scoring().salience  # nlp/data/scoring.yaml
    dep = trigger.dep_
    if dep == "ROOT":
        return weights.root
    head = trigger.head
    if dep == "conj" and head.dep_ == "ROOT":
        return weights.root_conjunct
    if dep in {"ccomp", "parataxis"} and head.lemma_.lower() in lex.reporting_verbs:
        return weights.reported  # "X said that Y attacked Z": the attack is the news
    if dep in {"dobj", "nsubjpass", "nsubj"} and head.dep_ == "ROOT":
        return weights.root_argument
    if dep in {"xcomp"}:
        return weights.open_complement
    if dep in {"advcl", "relcl", "acl", "pcomp"}:
        return weights.subordinate
    return weights.other


#: Triggers whose type depends on who acts: workers who 'strike' or 'block' roads protest;
#: armies that 'strike' attack; governments that 'block' coerce.
CIVILIAN_READINGS = {
    "strike": TriggerSense("PROTEST", "boycott"),
    "block": TriggerSense("PROTEST", "obstruct"),
    "blockade": TriggerSense("PROTEST", "obstruct"),
    "bar": TriggerSense("PROTEST", "obstruct"),
    "march": TriggerSense("PROTEST", "demo"),
    "occupy": TriggerSense("PROTEST", "obstruct"),  # "striking teachers occupied the hall"
    "mass": TriggerSense("PROTEST", "demo"),  # "protesters massed outside parliament"
}
#: Subjects that are a crowd, not a named party: "hundreds occupied the lobby".
CROWD_SUBJECTS = {"thousand", "hundred", "dozen", "crowd", "crowds"}


LABOUR_WORDS = WordSet("events", "labour_words")


def disambiguate(sense: TriggerSense, actor: list[ActorMention], trigger: Token) -> TriggerSense:
    civilian = CIVILIAN_READINGS.get(trigger.lemma_.lower())
    if civilian is None:
        return sense
    lemma = trigger.lemma_.lower()
    if lemma in {"block", "blockade", "bar"}:
        # PLOVER: obstructing passage is a protest unless the state does it (then COERCE)
        state = {"GOV", "MIL", "COP"} | ({"JUD", "LEG"} if lemma == "bar" else set())
        if actor and all(a.sector not in state for a in actor):
            return civilian
        return sense
    if actor and all(a.sector in PROTEST_SUBJECT_SECTORS | {"OPP", "PTY"} for a in actor):
        return civilian
    if not actor and any(
        c.dep_ == "nsubj" and c.lemma_.lower() in CROWD_SUBJECTS for c in trigger.children
    ):
        return civilian
    if not actor and any(t.lemma_.lower() in LABOUR_WORDS for t in trigger.sent):
        return civilian
    return sense
