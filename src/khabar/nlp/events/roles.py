"""Actor and recipient of a trigger from the dependency parse."""

from __future__ import annotations

from spacy.tokens import Token

from khabar.nlp import rules
from khabar.nlp.annotations import ActorMention, EventCandidate
from khabar.nlp.events.role_words import story_role_words
from khabar.nlp.factuality import infinitival
from khabar.nlp.lexicon import TriggerLexicon, TriggerSense
from khabar.nlp.syntax import OBJECTS, SHARED_SUBJECT_LINKS, SUBJECTS
from khabar.nlp.words import WordSet

AGENT_DEPS = SUBJECTS


OBJECT_DEPS = OBJECTS


RECIPIENT_PREPS = WordSet("events", "recipient_preps")


NOUN_AGENT_PREPS = WordSet("events", "noun_agent_preps")


#: Common nouns that, as a compound before an event noun, are its actor ("police raid",
#: "rebel attack"); other common nouns there are its target ("school shooting").
COMPOUND_AGENT_SECTORS = WordSet("events", "compound_agent_sectors")


#: A noun event in "<verb> on/for <noun>" is the verb subject's ("on a visit", "on strike").
PURPOSE_PREPS = WordSet("events", "purpose_preps")


NOUN_TARGET_PREPS = WordSet("events", "noun_target_preps")


def mention_at(
    head: Token, by_head: dict[int, ActorMention], inner: bool = True
) -> ActorMention | None:
    m = by_head.get(head.i)
    if m is not None or not inner:
        return m
    # The mention may be headed by a token inside this phrase (quantity heads, possessors):
    # "some of the 60 diplomats", "thousands of protesters".
    for child in head.children:
        if child.dep_ in {"poss", "prep"}:
            found = by_head.get(child.i)
            if found is not None:
                return found
            if child.dep_ == "prep" and child.lower_ == "of" and head.lemma_.lower() in QUANTIFIERS:
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and (found := by_head.get(pobj.i)) is not None:
                        return found
    return None


def swallowed_subject(tok: Token) -> Token | None:
    """'attacked the base and soldiers arrested …': the small parser often joins 'soldiers' to
    the object before it; the verb right after it, with no subject, is really its verb."""
    if tok.dep_ != "conj" or tok.i + 1 >= len(tok.doc):
        return None
    nxt = tok.doc[tok.i + 1]
    if (
        nxt.pos_ == "VERB"
        and nxt.dep_ == "conj"
        and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in nxt.children)
    ):
        return nxt
    return None


def with_conjuncts(tok: Token, by_head: dict[int, ActorMention]) -> list[ActorMention]:
    out = []
    m = mention_at(tok, by_head)
    if m is not None:
        out.append(m)
    for conj in tok.conjuncts:
        if swallowed_subject(conj) is not None:
            continue
        cm = mention_at(conj, by_head, inner=False)
        if cm is not None and cm not in out:
            out.append(cm)
    out.extend(p for x in list(out) for p in x.partners if p not in out)  # actors.pairs
    return out


CLIMB_DEPS = SHARED_SUBJECT_LINKS


def subject_of(verb: Token, by_head: dict[int, ActorMention]) -> list[ActorMention]:
    if verb.dep_ == "conj" and verb.i > 0:
        prev = verb.doc[verb.i - 1]
        swallowed = swallowed_subject(prev)
        if swallowed is not None and swallowed.i == verb.i and prev.i in by_head:
            return [by_head[prev.i]]
    node = verb
    for _ in range(6):
        for child in node.children:
            if child.dep_ in {"nsubj"}:
                return with_conjuncts(child, by_head)
            if child.dep_ == "agent":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        return with_conjuncts(pobj, by_head)
        # Shared subjects: conjoined verbs, xcomp ("wants to meet"), participial advcl.
        if node.dep_ in CLIMB_DEPS and node.head is not node:
            if node.dep_ == "ccomp":
                break  # a reported clause has its own subject
            node = node.head
            continue
        if node.dep_ == "relcl" and infinitival(node):
            node = node.head
            continue
        if node.dep_ == "relcl":
            return with_conjuncts(node.head, by_head)
        break
    return []


def cause_in_when_clause(verb: Token, by_head: dict[int, ActorMention]) -> list[ActorMention]:
    """'12 officers were injured when protesters threw stones': with no agent, the subject of
    the 'when/as' clause that tells how it happened did it."""
    for child in verb.children:
        if child.dep_ == "advcl" and any(
            g.dep_ == "advmod" and g.lower_ in {"when", "as"} for g in child.children
        ):
            for g in child.children:
                if g.dep_ == "nsubj":
                    found = with_conjuncts(g, by_head)
                    if found:
                        return found
    return []


def passive_subject(verb: Token, by_head: dict[int, ActorMention]) -> list[ActorMention]:
    for child in verb.children:
        if child.dep_ == "nsubjpass":
            return with_conjuncts(child, by_head)
    return []


LOCATIVE_MODIFIERS = WordSet("events", "locative_modifiers")


def objects_of(verb: Token, by_head: dict[int, ActorMention], skip: set[int]) -> list[ActorMention]:
    # "establish dialogue with X", "published an appeal to X": the trigger noun's complement.
    for i in sorted(skip):
        noun = verb.doc[i]
        if noun.i == verb.i:
            continue
        found = recipient_complement(noun, by_head)
        if found:
            return found
    for child in verb.children:
        if child.dep_ in OBJECT_DEPS and child.i not in skip:
            if any(c.lower_ in LOCATIVE_MODIFIERS for c in child.lefts):
                continue  # "rallied outside parliament": a place, mis-parsed as an object
            found = with_conjuncts(child, by_head)
            if found:
                return found
    return recipient_complement(verb, by_head)


def recipient_complement(head: Token, by_head: dict[int, ActorMention]) -> list[ActorMention]:
    """The first party in a recipient preposition's object under ``head`` ("appeal to X")."""
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in RECIPIENT_PREPS:
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    found = with_conjuncts(pobj, by_head)
                    if found:
                        return found
    return []


def noun_roles(
    noun: Token, by_head: dict[int, ActorMention], lex: TriggerLexicon, violent: bool = False
) -> tuple[list[ActorMention], list[ActorMention]]:
    actors: list[ActorMention] = []
    targets: list[ActorMention] = []
    # "the bombing of a mosque", "the arrest of journalists": for violence 'of' is the target,
    # and for acts done to someone ("the expulsion of 35 diplomats")
    # "X came to the aid of Y": Y is helped, X helps
    rescue = noun.dep_ == "pobj" and noun.head.lower_ == "to" and noun.head.head.lemma_ == "come"
    violent = violent or rescue or noun.lemma_.lower() in story_role_words().patient_of_nouns
    agent_preps = NOUN_AGENT_PREPS - {"of"} if violent else NOUN_AGENT_PREPS
    target_preps = NOUN_TARGET_PREPS | {"of"} if violent else NOUN_TARGET_PREPS
    for child in noun.children:
        if child.dep_ == "poss":
            actors = actors or with_conjuncts(child, by_head)
        elif child.dep_ == "compound" and child.i in by_head:
            m = by_head[child.i]
            if is_equipment(noun.doc[m.head]):
                continue  # "drone attacks": the weapon, neither who nor whom
            if violent and m.rule == rules.CAPITAL:
                continue  # "the Mogadishu attack": where it happened, not who did it
            if m.kind == "NOMINAL" and m.sector not in COMPOUND_AGENT_SECTORS:
                # "a school shooting", "the church bombing": the institution was the target
                targets = targets or [m]
            else:
                actors = actors or [m]  # "a Taliban attack", "a police raid"
        elif child.dep_ == "prep":
            pobjs = [g for g in child.children if g.dep_ == "pobj"]
            for pobj in pobjs:
                found = with_conjuncts(pobj, by_head)
                if not found:
                    continue
                if child.lower_ == "between" and len(found) > 1:
                    # "clashes between X and Y": the first named is the actor, the rest whom
                    actors, targets = actors or found[:1], targets or found[1:]
                elif child.lower_ in agent_preps and not actors:
                    actors = found
                elif child.lower_ in target_preps and not targets:
                    targets = found
    # Climb to the governing verb: "a declaration with a request ... was published by X and is
    # addressed to Y"; "the appeal of X"; "X published an appeal to Y".
    node = noun
    for _ in range(4):
        if node.dep_ in {"pobj", "prep"} and node.head.pos_ in {"ADP", "NOUN", "PROPN"}:
            node = node.head
            continue
        break
    gov = node.head if node.dep_ in {"dobj", "nsubjpass", "nsubj", "obj"} else None
    if (
        not actors
        and node.dep_ == "prep"
        and node.lower_ in PURPOSE_PREPS
        and node.head.pos_ == "VERB"
        and not any(c.dep_ in {"nsubjpass", "auxpass"} for c in node.head.children)
    ):
        # "Marta came to Lisbon on a tour", "teachers went on strike": the subject of
        # the verb the noun's phrase completes is its actor.
        actors = subject_of(node.head, by_head)
    if rescue and not actors:
        actors = subject_of(noun.head.head, by_head)
    if gov is not None and gov.pos_ in {"VERB", "AUX"}:
        if not actors and node.dep_ in {"nsubjpass", "dobj"}:
            # "X staged protests" names X; "Georgia has seen protests" does not; "X claimed
            # responsibility for the bombing" names the bomber
            light = gov.lemma_.lower() in lex.light_verbs or (
                node.lemma_.lower() == "responsibility"
                and gov.lemma_.lower() in {"claim", "accept", "admit", "take"}
            )
            actors = subject_of(gov, by_head) if node.dep_ == "dobj" and light else []
            if node.dep_ == "nsubjpass":
                for child in gov.children:
                    if child.dep_ == "agent":
                        for pobj in child.children:
                            actors = actors or with_conjuncts(pobj, by_head)
        if not targets:
            for verb in (gov, *gov.conjuncts):
                for child in verb.children:
                    if child.dep_ == "dative" and node.dep_ == "dobj":
                        # "gave the Ivory Coast $5 million of aid"
                        targets = targets or with_conjuncts(child, by_head)
                    if child.dep_ == "prep" and child.lower_ in {"to", "against", "at"}:
                        for pobj in child.children:
                            targets = targets or with_conjuncts(pobj, by_head)
    return actors, targets


#: Heads of "some of the diplomats", "dozens of protesters": the party is after the 'of'.
QUANTIFIERS = WordSet("events", "quantifiers")


CROWD_WORDS = WordSet("events", "crowd_words")


def crowd_subject(verb: Token) -> list[ActorMention]:
    """'Thousands demonstrated': a crowd of unnamed people protesting are protesters."""
    for child in verb.children:
        if child.dep_ == "nsubj" and (child.lemma_.lower() in CROWD_WORDS or child.like_num):
            return [
                ActorMention(
                    start=child.i,
                    end=child.i + 1,
                    head=child.i,
                    name="Protesters",
                    kind="NOMINAL",
                    sector="CVL",
                    plural=True,
                    how=f"'{child.text}' protesting: protesters are civilians unless named",
                    rule=rules.PROTESTING_NOUN,
                )
            ]
    return []


#: Weapons and vehicles: a party when they act ("Israeli tanks fired"), never a recipient
#: ("supplying drones") or an actor by compounding ("drone attacks").
EQUIPMENT = WordSet("events", "equipment")


def is_equipment(tok: Token) -> bool:
    return tok.lemma_.lower() in EQUIPMENT


def make_candidate(
    sense: TriggerSense,
    trig: list[int],
    how: str,
    actor: list[ActorMention],
    recipient: list[ActorMention],
    rule: str,
) -> EventCandidate:
    recipient = [r for r in recipient if all(r is not a for a in actor)]
    return EventCandidate(
        type=sense.type,
        mode=sense.mode,
        context=list(sense.context),
        trigger_start=min(trig),
        trigger_end=max(trig) + 1,
        trigger_tokens=sorted(trig),
        how=how,
        actor=actor,
        recipient=recipient,
        rule=rule,
    )
