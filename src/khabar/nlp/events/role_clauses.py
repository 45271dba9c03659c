"""Roles from the rest of an event's sentence (steps 0-2 of
:mod:`khabar.nlp.events.story_roles`): the participle's holder, the cause event's parties,
the parties 'between' and who took part (whom: :mod:`.role_targets`)."""

from __future__ import annotations

import copy

from spacy.tokens import Doc, Token

from khabar.geo.countries import CountryTable
from khabar.nlp import rules
from khabar.nlp.annotations import ActorMention, EventCandidate
from khabar.nlp.events.fallback import country_modifier, same_party
from khabar.nlp.events.role_words import StoryRoleWords, story_role_words
from khabar.nlp.events.roles import (
    COMPOUND_AGENT_SECTORS,
    noun_roles,
    recipient_complement,
    subject_of,
    with_conjuncts,
)
from khabar.nlp.events.triggers import sense_for_noun
from khabar.nlp.lexicon import TriggerLexicon


def tagged(m: ActorMention, rule: str, how: str) -> ActorMention:
    """A copy of ``m`` for this event's role, with the rule that put it there."""
    out = copy.copy(m)
    out.rule = rule
    out.how = f"{m.how}; {how}" if m.how else how
    return out


def tag_all(ms: list[ActorMention], rule: str, how: str) -> list[ActorMention]:
    return [tagged(m, rule, how) for m in ms]


def is_new(m: ActorMention, ev: EventCandidate) -> bool:
    """Whether ``m`` is not already one of the event's parties (by span or name)."""
    return all(
        not (r.start <= m.head < r.end) and r.name != m.name for r in [*ev.actor, *ev.recipient]
    )


# ------------------------------------------------------------------------- 1. cause event


def _is_violent_noun(tok: Token, lex: TriggerLexicon, words: StoryRoleWords) -> bool:
    if tok.pos_ not in {"NOUN", "PROPN"}:
        return False
    if tok.lemma_.lower() in words.cause_nouns:
        return True
    found = sense_for_noun(tok, lex)
    return found is not None and found[0].type in words.violent_types


def _attributed(
    noun: Token, by_head: dict[int, ActorMention], words: StoryRoleWords
) -> list[ActorMention]:
    """'an attack blamed on X', 'a bombing claimed by X': the party the clause names."""
    for child in noun.children:
        if (
            child.dep_ not in {"relcl", "acl"}
            or child.lemma_.lower() not in words.attribution_verbs
        ):
            continue
        for prep in child.children:
            if prep.dep_ in {"prep", "agent"} and prep.lower_ in words.attribution_preps:
                for pobj in prep.children:
                    if pobj.dep_ == "pobj" and (found := with_conjuncts(pobj, by_head)):
                        return found
    return []


def _cause_nouns(verb: Token, lex: TriggerLexicon, words: StoryRoleWords) -> list[Token]:
    """Event nouns that tell what a violent verb happened in or by."""
    out = []
    for child in verb.children:
        if child.dep_ in {"nsubj", "csubj"} and (
            _is_violent_noun(child, lex, words) or child.pos_ == "ADJ"
        ):
            # "Ukrainian shelling killed two civilians" (the small parser may leave only the
            # demonym as the subject)
            out.append(child)
        elif child.dep_ in {"prep", "agent"} and child.lower_ in words.cause_preps:
            for pobj in child.children:
                if pobj.dep_ == "pobj" and _is_violent_noun(pobj, lex, words):
                    out.append(pobj)  # "killed in clashes between …", "killed by an airstrike"
    return out


def _demonym(tok: Token, countries: CountryTable | None) -> ActorMention | None:
    """'Ukrainian … killed': a demonym as the subject of a violent verb is its state."""
    c = countries.lookup_demonym(tok.text) if countries is not None else None
    if c is None:
        return None
    return ActorMention(
        start=tok.i,
        end=tok.i + 1,
        head=tok.i,
        name=c.name,
        kind="COUNTRY",
        country=c.alpha3,
        sector="GOV",
        how=f"'{tok.text}' as the subject of a violent verb",
        rule=rules.DEMONYM_MODIFIER,
    )


def cause_event_roles(
    verb: Token,
    by_head: dict[int, ActorMention],
    lex: TriggerLexicon,
    countries: CountryTable | None,
) -> tuple[list[ActorMention], list[ActorMention]]:
    """The parties of the event noun an agentless violent verb happened in (step 1)."""
    words = story_role_words()
    for noun in _cause_nouns(verb, lex, words):
        if noun.pos_ == "ADJ":
            own = _demonym(noun, countries)
            if own is not None:
                return [own], []
            continue
        actors, targets = noun_roles(noun, by_head, lex, violent=True)
        actors = actors or _attributed(noun, by_head, words)
        own_m = by_head.get(noun.i)
        if not actors and own_m is not None and own_m.sector in COMPOUND_AGENT_SECTORS:
            actors = [own_m]  # "a rebel grenade attack": the mention its modifier made
        if not actors and (modifier := country_modifier(noun, countries)) is not None:
            actors = [modifier]
        if actors:
            return actors, targets
    return [], []


# ------------------------------------------------------------------ 2. occurrence between


def occurrence_parties(
    noun: Token, by_head: dict[int, ActorMention]
) -> tuple[list[ActorMention], list[ActorMention]]:
    """'clashes erupted between X and Y': X the actor, Y the recipient (step 2)."""
    words = story_role_words()
    verb = noun.head
    occurs = noun.dep_ == "nsubj" and verb.lemma_.lower() in words.occurrence_verbs
    if not occurs and noun.dep_ != "nsubjpass":  # "an agreement was signed between X and Y"
        return [], []
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in words.party_preps:
            for pobj in child.children:
                if pobj.dep_ == "pobj" and (found := with_conjuncts(pobj, by_head)):
                    return found[:1], found[1:]
    return [], []


def _own_parties(
    noun: Token, by_head: dict[int, ActorMention]
) -> tuple[list[ActorMention], list[ActorMention]]:
    """'clashes between armed factions': one plural party on both sides is the actor."""
    words = story_role_words()
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in words.party_preps:
            for pobj in child.children:
                found = with_conjuncts(pobj, by_head) if pobj.dep_ == "pobj" else []
                if len(found) == 1 and found[0].plural:
                    return found, []
    return [], []


def _taken_part(
    noun: Token, by_head: dict[int, ActorMention], lex: TriggerLexicon, words: StoryRoleWords
) -> tuple[list[ActorMention], list[ActorMention]]:
    """'X had a meeting with Y', 'an attack launched by X': who the clause says did the act
    the noun names (its participation verb's subject, or the agent of a verb describing it)."""
    actors = _attributed(noun, by_head, words)
    if actors:
        return actors, []
    verb = noun.head
    lemma = verb.lemma_.lower()
    if noun.dep_ != "dobj" or (
        lemma not in words.participation_verbs and lemma not in lex.light_verbs
    ):
        return [], []
    actors = subject_of(verb, by_head)
    if not actors:
        return [], []
    return actors, recipient_complement(noun, by_head) or recipient_complement(verb, by_head)


def _participle_holder(verb: Token, by_head: dict[int, ActorMention]) -> list[ActorMention]:
    """'protesters demanding reforms' → the protesters; 'passed a resolution imposing
    sanctions" → who passed it (step 0, any type)."""
    noun = verb.head
    if noun.i in by_head:
        return [by_head[noun.i]]
    if noun.dep_ in {"dobj", "obj"} and noun.head.pos_ in {"VERB", "AUX"}:
        return subject_of(noun.head, by_head)
    return []


# -------------------------------------------------------------------------- one event


def clause_roles(
    doc: Doc,
    ev: EventCandidate,
    by_head: dict[int, ActorMention],
    lex: TriggerLexicon,
    countries: CountryTable | None,
) -> None:
    """Steps 0-2 of :mod:`khabar.nlp.events.story_roles` for one event (in place)."""
    _clause_actor(doc, ev, by_head, lex, countries)


def _clause_actor(
    doc: Doc,
    ev: EventCandidate,
    by_head: dict[int, ActorMention],
    lex: TriggerLexicon,
    countries: CountryTable | None,
) -> None:
    words = story_role_words()
    trig = doc[ev.trigger_start]
    actors: list[ActorMention]
    targets: list[ActorMention]
    if not ev.actor and trig.dep_ == "acl" and trig.tag_ == "VBG":
        holder = _participle_holder(trig, by_head)
        if holder:
            ev.actor = tag_all(holder, rules.ROLES_PARTICIPLE, f"who '{trig.text}' is said of")
    if ev.actor and trig.pos_ in {"VERB", "AUX"} and ev.type in words.violent_types:
        # the actor known already: the cause event's other side still joins the victims
        actors, targets = cause_event_roles(trig, by_head, lex, countries)
        if {a.name for a in actors} & {a.name for a in ev.actor}:
            how = f"party of the event '{trig.text}' happened in (whom)"
            whom = [t for t in targets if not same_party(doc, t, ev.actor) and is_new(t, ev)]
            ev.recipient = [*ev.recipient, *tag_all(whom, rules.ROLES_CAUSE_EVENT, how)]
    if not ev.actor:
        actors, targets = [], []
        rule, how = "", ""
        gerund = trig.tag_ == "VBG" and trig.dep_ == "nsubj"  # "fighting broke out": a noun
        if trig.pos_ in {"VERB", "AUX"} and ev.type in words.violent_types and not gerund:
            actors, targets = cause_event_roles(trig, by_head, lex, countries)
            rule, how = rules.ROLES_CAUSE_EVENT, f"party of the event '{trig.text}' happened in"
        elif trig.pos_ == "NOUN" or gerund:
            actors, targets = occurrence_parties(trig, by_head)
            if not actors and ev.type in words.violent_types:
                actors, targets = _own_parties(trig, by_head)
            rule, how = rules.ROLES_OCCURRENCE, f"party the verb of '{trig.text}' puts between"
            if not actors:
                actors, targets = _taken_part(trig, by_head, lex, words)
                rule, how = rules.ROLES_PARTICIPANT, f"who took part in '{trig.text}'"
        actors = [a for a in actors if not ev.recipient or not same_party(doc, a, ev.recipient)]
        if actors:
            ev.actor = tag_all(actors, rule, how)
            # "civilians were killed in clashes between X and Y": Y too, beside the victims
            whom = [t for t in targets if not same_party(doc, t, actors) and is_new(t, ev)]
            ev.recipient = [*ev.recipient, *tag_all(whom, rule, how + " (whom)")]
