"""Clauses that tell a PLOVER event without a trigger word of its own type.

- ``event.readiness`` — "forces are ready to intervene", "prepared to strike if attacked":
  declared readiness to use force is a threat of force (PLOVER THREATEN, CAMEO 138).
- ``event.forced-departure`` — "the governor had to quit the city under pressure": a party made
  to quit a place retreats (PLOVER RETREAT); civilians driven from their homes are no party.
- ``event.aid-vehicle`` — "the convoy to the town was completed", "an airlift arrived": a
  relief convoy that went through is aid delivered (PLOVER AID), told by its vehicle.
- ``event.mediator-act`` — "mediators helped avert a standoff": what a mediator helps with
  is its mediation (PLOVER CONSULT, third party), not aid.
- ``event.penalty-term`` — "jailed for 18 years": a penalty's term, not a lasting situation.
- ``event.not-given`` — "a movement backed by the opposition" (a participle that describes a
  party) or "the group finances itself" (a reflexive object): support or aid given to no
  other party in an act of the story, so no event.
- ``event.failed-vote`` — "the draft failed to garner the votes needed": a text that fails
  its vote is rejected by the body that voted (PLOVER REJECT).
- ``event.standing`` — "is under sanctions", "violated a ban", "a breach of the truce": a
  sanction, ban or agreement that stands or is broken is the setting, not an event told.
- ``event.attempt`` — "protesters attempted to bar the mayors", "troops attempted to
  advance": obstruction or a movement of forces attempted is made; the attempt word joins
  the trigger, so the act reads as done, not as planned.
- ``event.text-provision`` — "the resolution bans arms sales", "the law calls for talks":
  what a text provides is its content; the act is adopting or signing it, told elsewhere.
- ``event.no-party-threat`` — "a dispute that threatens to wreck the accord": a situation
  that threatens is a risk, no party's threat (PLOVER THREATEN is an actor's).
- ``event.conceded-background`` — "entered the area despite warnings": an event noun after
  "despite" tells what came before, as the concession's background.
- ``event.armed-march`` — "rebels marched into the city": armed forces on the move are no
  civilian demonstration (PLOVER PROTEST is civilian), so no PROTEST.
"""

from __future__ import annotations

from spacy.tokens import Token

from khabar.nlp.annotations import ActorMention
from khabar.nlp.lexicon import TriggerSense
from khabar.nlp.words import WordSet

READINESS = "event.readiness"
FORCED_DEPARTURE = "event.forced-departure"
AID_VEHICLE = "event.aid-vehicle"
MEDIATOR_ACT = "event.mediator-act"
PENALTY_TERM = "event.penalty-term"
NOT_GIVEN = "event.not-given"
FAILED_VOTE = "event.failed-vote"

#: Texts put to a vote: "the draft", "the resolution", "the motion".
DRAFT_NOUNS = WordSet("events", "draft_nouns")
#: What a text that fails its vote fails to do: "garner", "win", "pass", "secure".
VOTE_OUTCOMES = WordSet("events", "vote_outcomes")
#: Verbs and nouns of breaking a standing rule or agreement.
BREACH_WORDS = WordSet("events", "breach_words")
#: Types of a standing state: sanctions, bans, curfews, agreements, truces.
STANDING_TYPES = frozenset({"SANCTION", "COERCE", "AGREE", "RETREAT"})
ARMED_MARCH = "event.armed-march"

#: Protest words that also tell armed forces moving: "marched into the city".
MARCH_WORDS = WordSet("events", "march_words")
#: Words for armed men: "fighters", "troops", "rebels".
ARMED_NOUNS = WordSet("events", "armed_nouns")
#: Armed sectors: soldiers, police, rebels.
ARMED = WordSet("events", "armed_sectors")

ATTEMPT = "event.attempt"
TEXT_PROVISION = "event.text-provision"
NO_PARTY_THREAT = "event.no-party-threat"
CONCEDED_BACKGROUND = "event.conceded-background"
#: Texts whose provisions are their content: "the resolution", "the law", "the decree".
TEXT_NOUNS = WordSet("events", "text_nouns")
#: Verbs of attempting: "attempted to", "tried to".
ATTEMPT_VERBS = WordSet("events", "attempt_verbs")
#: Types whose attempt is the act itself: obstruction and the movement of forces (an attack
#: or an arrest only tried is told by its outcome, if any).
ATTEMPTED_TYPES = frozenset({"PROTEST", "MOBILIZE"})

#: Verbs by which an act draws a reaction: "sparked condemnation from X".
DRAWING_VERBS = WordSet("events", "drawing_verbs")

#: Types of giving to another party: support, aid, cooperation.
GIVING_TYPES = frozenset({"AID", "COOPERATE", "SUPPORT"})
#: Reflexive objects: "finances itself".
REFLEXIVES = frozenset({"itself", "themselves", "himself", "herself", "ourselves", "oneself"})

#: Words that declare readiness ("ready", "prepared", "poised").
READINESS_WORDS = WordSet("events", "readiness_words")
#: Verbs of using force that, declared as ready, threaten it ("intervene", "retaliate").
FORCE_INTENT_VERBS = WordSet("events", "force_intent_verbs")
#: Types whose act, declared as ready, is a threat.
THREATENING_TYPES = frozenset({"ASSAULT", "COERCE"})
#: Verbs of compulsion: "was forced to leave", "compelled to withdraw".
COMPULSION_VERBS = WordSet("events", "compulsion_verbs")
#: Verbs of quitting a place.
DEPARTURE_VERBS = WordSet("events", "departure_verbs")
#: Sectors that are no party to a retreat (civilians, refugees).
NON_PARTY_SECTORS = WordSet("events", "non_party_sectors")
#: Vehicles that deliver relief ("convoy", "airlift").
AID_VEHICLES = WordSet("events", "aid_vehicles")
#: Verbs that tell a vehicle went through ("arrived", "was completed", "went ahead").
ARRIVAL_VERBS = WordSet("events", "arrival_verbs")
#: Modifiers that make a vehicle a military one ("a military convoy").
MILITARY_MODIFIERS = WordSet("events", "military_modifiers")
#: Nouns that name a mediator ("mediators", "an intermediary").
MEDIATOR_NOUNS = WordSet("events", "mediator_nouns")
#: Penalty verbs: "for N years" after them is the penalty's term.
PENALTY_VERBS = WordSet("events", "penalty_verbs")


def readiness_threat(tok: Token, found: TriggerSense | None) -> tuple[TriggerSense, str] | None:
    """THREATEN when ``tok`` is the act a party declares itself ready to do: "are prepared
    to intervene", "stands ready to strike"; ``found`` is the verb's own sense, if any."""
    if tok.dep_ != "xcomp" or tok.head.lemma_.lower() not in READINESS_WORDS:
        return None
    lemma = tok.lemma_.lower()
    if found is None and lemma not in FORCE_INTENT_VERBS:
        return None
    if found is not None and found.type not in THREATENING_TYPES:
        return None
    how = f"ready to '{lemma}': declared readiness to use force is a threat"
    return TriggerSense("THREATEN", "violence", ("military",)), how


def forced_departure(tok: Token, by_head: dict[int, ActorMention]) -> list[ActorMention] | None:
    """The party made to leave ("X was forced to quit the port"), or None."""
    head = tok.head
    if tok.dep_ != "xcomp" or tok.lemma_.lower() not in DEPARTURE_VERBS:
        return None
    if head.lemma_.lower() not in COMPULSION_VERBS:
        return None
    subjects = [by_head[c.i] for c in head.children if c.dep_ == "nsubjpass" and c.i in by_head]
    if not subjects or any(a.sector in NON_PARTY_SECTORS for a in subjects):
        return None
    if any(a.kind == "NOMINAL" and a.sector is None for a in subjects):
        return None  # "people were forced to leave": no named party
    return subjects


def aid_vehicle(tok: Token) -> tuple[TriggerSense, list[int], str] | None:
    """AID when a relief vehicle is the subject of a verb of arrival or completion."""
    lemma = tok.lemma_.lower()
    if lemma not in ARRIVAL_VERBS:
        return None
    for child in tok.children:
        if child.dep_ not in {"nsubj", "nsubjpass"} or child.lemma_.lower() not in AID_VEHICLES:
            continue
        if any(m.lemma_.lower() in MILITARY_MODIFIERS for m in child.lefts):
            return None
        how = f"'{child.lower_}' + '{lemma}': a relief vehicle that went through is aid"
        return TriggerSense("AID", None, ("humanitarian",)), [tok.i, child.i], how
    return None


def mediator_act(tok: Token, sense: TriggerSense) -> tuple[TriggerSense, str] | None:
    """CONSULT (third party) for help or support given by mediators."""
    if sense.type not in {"AID", "COOPERATE", "SUPPORT"}:
        return None
    for child in tok.children:
        if child.dep_ == "nsubj" and child.lemma_.lower() in MEDIATOR_NOUNS:
            how = f"'{child.lower_}' + '{tok.lemma_.lower()}': a mediator's help is mediation"
            return TriggerSense("CONSULT", "third-party", ("diplomatic",)), how
    return None


def penalty_term(tok: Token) -> bool:
    """ "Jailed for 18 years": the span after a penalty verb is its term, not a lasting."""
    return tok.lemma_.lower() in PENALTY_VERBS


def not_given(tok: Token, sense: TriggerSense) -> bool:
    """Support that describes a party ("a protest movement backed by the president", "tanks
    supported by artillery fire") or aid a party gives itself ("finances itself")."""
    if sense.type == "SUPPORT" and tok.dep_ == "acl" and tok.tag_ == "VBN":
        return True
    return any(c.dep_ in {"dobj", "obj"} and c.lower_ in REFLEXIVES for c in tok.children)


def armed_march(tok: Token, sense: TriggerSense, actor: list[ActorMention]) -> bool:
    """A march by armed forces: no civilian demonstration. The marchers are the event's
    actor, or else the word for them: its subject, or the noun a participle describes."""
    if sense.type != "PROTEST" or tok.lemma_.lower() not in MARCH_WORDS:
        return False
    if actor:
        return all(a.sector in ARMED for a in actor)
    marchers = [c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if tok.dep_ == "acl":
        marchers.append(tok.head)
    return bool(marchers) and all(m.lemma_.lower() in ARMED_NOUNS for m in marchers)


def failed_vote(tok: Token) -> tuple[TriggerSense, list[int], str] | None:
    """REJECT when a text put to a vote fails to win it: "the draft failed to pass"."""
    if tok.lemma_.lower() != "fail":
        return None
    drafts = [c for c in tok.children if c.dep_ == "nsubj" and c.lemma_.lower() in DRAFT_NOUNS]
    # the outcome verb may hang lower when a dash aside splits the clause ("failed — by a
    # vote of 2 to 2 — to garner")
    outcome = [
        c
        for c in tok.subtree
        if c.i > tok.i and c.pos_ == "VERB" and c.lemma_.lower() in VOTE_OUTCOMES
    ]
    if not drafts or not outcome:
        return None
    how = f"'{drafts[0].lower_}' failed to '{outcome[0].lemma_}': the text was voted down"
    return TriggerSense("REJECT", None), [tok.i], how


def standing(tok: Token, sense: TriggerSense) -> bool:
    """A sanction, ban or agreement told as standing or broken, not as done: "the group is
    under UN sanctions", "ships that violated a ban", "a breach of the ceasefire"."""
    if sense.type not in STANDING_TYPES:
        return False
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ == "under" and head.head.lemma_.lower() == "be":
        return True
    if tok.dep_ in {"dobj", "obj"} and head.lemma_.lower() in BREACH_WORDS:
        return True
    return tok.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in BREACH_WORDS


def drawn_from(tok: Token, trig: list[int], by_head: dict[int, ActorMention]) -> list[ActorMention]:
    """Who reacted when an act "drew condemnation from X" or "sparked criticism by X": X is the
    reaction's actor (the act, the verb's subject, is what it is aimed at)."""
    if tok.lemma_.lower() not in DRAWING_VERBS:
        return []
    for i in trig:
        for prep in tok.doc[i].children:
            if prep.dep_ == "prep" and prep.lower_ in {"from", "by"}:
                for pobj in prep.children:
                    if pobj.dep_ == "pobj" and pobj.i in by_head:
                        return [by_head[pobj.i]]
    return []


def attempted(tok: Token, sense: TriggerSense) -> int | None:
    """The attempt verb when ``tok`` is force or obstruction attempted ("attempted to bar"),
    else None."""
    if sense.type not in ATTEMPTED_TYPES or tok.dep_ != "xcomp":
        return None
    return tok.head.i if tok.head.lemma_.lower() in ATTEMPT_VERBS else None


def text_provision(tok: Token) -> bool:
    """The verb tells what a text provides ("the resolution bans arms sales"): its subject is
    a resolution, law, decree or draft (shared by a conjoined verb: "bans X and calls for Y")."""
    node = tok
    while node.dep_ == "conj" and not any(c.dep_ == "nsubj" for c in node.children):
        node = node.head
    return any(
        c.dep_ == "nsubj" and c.lemma_.lower() in TEXT_NOUNS and c.pos_ == "NOUN"
        for c in node.children
    )


def no_party_threat(tok: Token, sense: TriggerSense, by_head: dict[int, ActorMention]) -> bool:
    """A thing, not a party, that "threatens to" do something: a risk, no threat."""
    if sense.type != "THREATEN" or not any(c.dep_ == "xcomp" for c in tok.children):
        return False
    for subj in (c for c in tok.children if c.dep_ == "nsubj"):
        if tok.dep_ == "relcl" and subj.lower_ in {"that", "which"}:
            subj = tok.head  # "a standoff that threatened to …"
        return subj.pos_ == "NOUN" and subj.i not in by_head
    return False


def conceded_background(tok: Token) -> bool:
    """An event noun after "despite": "despite warnings", "despite protests"."""
    return tok.dep_ == "pobj" and tok.head.lower_ in {"despite", "notwithstanding"}
