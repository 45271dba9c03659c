"""Event triggers from the dependency parse, and the actor/recipient around each trigger."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from khabar.geo.countries import CountryTable
from khabar.nlp.annotations import ActorMention, EventCandidate
from khabar.nlp.factuality import infinitival
from khabar.nlp.lexicon import TriggerLexicon, TriggerSense

#: Verbs whose complement is the *content* of a speech act, not a separate event.
CONTENT_HEADS = {"REQUEST", "AGREE", "THREATEN", "REJECT", "ACCUSE"}
AGENT_DEPS = {"nsubj", "agent"}
OBJECT_DEPS = {"dobj", "dative", "obj", "attr"}
RECIPIENT_PREPS = {
    "to",
    "at",
    "on",
    "upon",
    "against",
    "with",
    "from",
    "for",
    "toward",
    "towards",
    "into",
}
NOUN_AGENT_PREPS = {"by", "of", "from"}
#: Common nouns that, as a compound before an event noun, are its actor ("police raid",
#: "rebel attack"); other common nouns there are its target ("school shooting").
COMPOUND_AGENT_SECTORS = {"MIL", "REB", "COP", "GOV", "OPP", "PTY", "LAB", "CRM"}
#: A noun event in "<verb> on/for <noun>" is the verb subject's ("on a visit", "on strike").
PURPOSE_PREPS = {"on", "for"}
NOUN_TARGET_PREPS = {"against", "on", "to", "at", "with", "for", "toward", "towards"}
PROTEST_SUBJECT_SECTORS = {"CVL", "LAB", "EDU"}
MATERIAL_TYPES = {"PROTEST", "ASSAULT", "COERCE", "MOBILIZE", "SANCTION"}
ARMED_SECTORS = {"MIL", "REB", "COP"}
#: Verbs that are MOBILIZE events only when armed forces do them ("troops concentrated").
FORCE_VERBS = {"concentrate", "gather", "move", "muster", "position", "assemble", "mass"}


def _sense_for_verb(tok: Token, lex: TriggerLexicon) -> tuple[TriggerSense, list[int], str] | None:
    lemma = tok.lemma_.lower()
    # verb + direct object: "open fire", "hold talks", "impose sanctions"
    for child in tok.children:
        if child.dep_ in {"dobj", "obj", "nsubjpass"} and child.pos_ in {"NOUN", "PROPN"}:
            sense = lex.verb_objects.get((lemma, child.lemma_.lower()))
            if sense is not None:
                return sense, [tok.i, child.i], f"verb+object '{lemma} {child.lemma_.lower()}'"
    # ending or suppressing an event: "halted aid", "lifted the curfew", "dispersed the rally"
    changed = _terminated(tok, lex)
    if changed is not None:
        return changed
    # verb + particle/preposition: "call on", "fire at", "crack down"
    for child in tok.children:
        if child.dep_ in {"prt", "prep"}:
            sense = lex.verb_particles.get((lemma, child.lower_))
            needed = lex.particle_complements.get((lemma, child.lower_))
            if needed is not None and not any(
                g.lemma_.lower() in needed for g in child.children if g.dep_ == "pobj"
            ):
                continue  # "took to his heels" is no "took to the streets"
            if sense is not None:
                return sense, [tok.i, child.i], f"verb+particle '{lemma} {child.lower_}'"
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
                noun_sense = _sense_for_noun(noun, lex)
                if noun_sense is not None:
                    return noun_sense[0], [tok.i, noun.i], f"light verb '{lemma}' + {noun_sense[1]}"
    sense = lex.verbs.get(lemma)
    if sense is not None:
        return sense, [tok.i], f"verb '{lemma}'"
    return None


#: Nouns that count or group events: "a wave of attacks", "a series of raids".
QUANTITY_NOUNS = {"wave", "series", "spate", "string", "barrage", "round", "number", "flurry"}


#: What ending an event of one type amounts to (PLOVER): ending aid or talks sanctions,
#: lifting a curfew or calling off a strike concedes, easing sanctions or ending fighting
#: de-escalates.
TERMINATION = {
    "AID": TriggerSense("SANCTION", "discontinue"),
    "COOPERATE": TriggerSense("SANCTION", "discontinue"),
    "CONSULT": TriggerSense("SANCTION", "withdraw", ("diplomatic",)),
    "AGREE": TriggerSense("SANCTION", "withdraw"),
    "SUPPORT": TriggerSense("SANCTION", "withdraw"),
    "SANCTION": TriggerSense("RETREAT", "ease", ("economic",)),
    "COERCE": TriggerSense("CONCEDE", None),
    "PROTEST": TriggerSense("CONCEDE", None),
    "ASSAULT": TriggerSense("RETREAT", "ceasefire", ("military",)),
    "MOBILIZE": TriggerSense("RETREAT", "withdraw", ("military",)),
}


def _terminated(tok: Token, lex: TriggerLexicon) -> tuple[TriggerSense, list[int], str] | None:
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
        noun = _sense_for_noun(child, lex)
        if noun is None:
            continue
        sense, how = noun
        sense = _disambiguate(sense, [], child)
        if is_supp and sense.type == "PROTEST":
            return (
                TriggerSense("COERCE", "restrict"),
                [tok.i, child.i],
                f"suppressing a protest: '{lemma}' + {how}",
            )
        if is_term and sense.type in TERMINATION:
            return (
                TERMINATION[sense.type],
                [tok.i, child.i],
                f"ending an event: '{lemma}' + {how} ({sense.type})",
            )
    return None


#: A promise to harm is a threat (PLOVER): "vowed to fight the U.S.", "pledged to attack".
HARMFUL_CONTENT = {"ASSAULT": "violence", "COERCE": None, "SANCTION": None, "THREATEN": None}


#: Commitments: a commitment to harm is a threat.
VOW_LEMMAS = {"vow", "pledge", "promise", "swear", "commit"}
#: Decisions: "agreed to extend sanctions" is the sanction itself, decided.
DECISION_LEMMAS = {"agree", "decide", "vote", "resolve"}


def _harmful_content(trigger: Token, lex: TriggerLexicon) -> tuple[TriggerSense, str] | None:
    """THREATEN when what a vow/pledge commits to is an act of conflict; the act itself when
    a decision ("agreed to extend sanctions against Russia") decides on a sanction."""
    lemma = trigger.lemma_.lower()
    for child in trigger.children:
        if child.dep_ == "xcomp" and child.pos_ == "VERB":
            inner = _sense_for_verb(child, lex)
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


#: Types whose trigger words are also used figuratively ("fight fires", "a legal battle").
FIGURATIVE_TYPES = {"ASSAULT", "COERCE", "THREATEN", "MOBILIZE"}


def _names_no_party(
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
    blockers = lex.not_event_complements.get(lemma)
    if blockers and any(
        c.lemma_.lower() in blockers or c.lower_ in blockers
        for c in trigger.children
        if c.dep_ in {"acomp", "oprd", "advmod", "dobj", "attr", "prep", "npadvmod", "xcomp"}
        for c in (c, *c.children)
    ):
        return True
    if sense.type not in FIGURATIVE_TYPES:
        return False
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
        and (sense_n := _sense_for_noun(o, lex)) is not None
        and sense_n[0].type in FIGURATIVE_TYPES
    ]
    return any(
        m.dep_ in {"amod", "compound"} and m.lemma_.lower() in lex.figurative_modifiers
        for n in modified
        for m in n.lefts
    )


def _sense_for_noun(tok: Token, lex: TriggerLexicon) -> tuple[TriggerSense, str] | None:
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
    return None


def _is_content_of_speech_act(tok: Token, lex: TriggerLexicon) -> bool:
    """'asked partners to supply weapons': 'supply' is what was asked for, not an event."""
    head = tok.head
    hops = 0
    node = tok
    while (
        node.dep_ in {"xcomp", "ccomp", "acl", "relcl", "pobj", "prep", "advcl", "conj"}
        and hops < 3
    ):
        if node.dep_ == "conj":
            node = node.head
            head = node.head
            hops += 1
            continue
        found = _sense_for_verb(head, lex) if head.pos_ in {"VERB", "AUX"} else None
        noun = _sense_for_noun(head, lex) if head.pos_ == "NOUN" else None
        kind = (found[0].type if found else None) or (noun[0].type if noun else None)
        if kind in CONTENT_HEADS and node.dep_ in {"xcomp", "ccomp", "acl", "advcl"}:
            return True
        if node.dep_ in {"relcl"}:
            return False
        node = head
        head = node.head
        hops += 1
    return False


def _noun_is_anchored(tok: Token, lex: TriggerLexicon, actor_heads: set[int]) -> bool:
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
    sense = _sense_for_noun(tok, lex)
    if sense is not None and sense[0].type in MATERIAL_TYPES:
        return any(t.ent_type_ in {"DATE", "GPE", "LOC", "FAC"} for t in tok.sent)
    return False


def _mention_at(
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


def _swallowed_subject(tok: Token) -> Token | None:
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


def _with_conjuncts(tok: Token, by_head: dict[int, ActorMention]) -> list[ActorMention]:
    out = []
    m = _mention_at(tok, by_head)
    if m is not None:
        out.append(m)
    for conj in tok.conjuncts:
        if _swallowed_subject(conj) is not None:
            continue
        cm = _mention_at(conj, by_head, inner=False)
        if cm is not None and cm not in out:
            out.append(cm)
    return out


CLIMB_DEPS = {"conj", "xcomp", "advcl", "acomp", "pcomp", "prep", "pobj", "acl", "ccomp", "attr"}


def _subject_of(verb: Token, by_head: dict[int, ActorMention]) -> list[ActorMention]:
    if verb.dep_ == "conj" and verb.i > 0:
        prev = verb.doc[verb.i - 1]
        swallowed = _swallowed_subject(prev)
        if swallowed is not None and swallowed.i == verb.i and prev.i in by_head:
            return [by_head[prev.i]]
    node = verb
    for _ in range(6):
        for child in node.children:
            if child.dep_ in {"nsubj"}:
                return _with_conjuncts(child, by_head)
            if child.dep_ == "agent":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        return _with_conjuncts(pobj, by_head)
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
            return _with_conjuncts(node.head, by_head)
        break
    return []


def _cause_in_when_clause(verb: Token, by_head: dict[int, ActorMention]) -> list[ActorMention]:
    """'12 officers were injured when protesters threw stones': with no agent, the subject of
    the 'when/as' clause that tells how it happened did it."""
    for child in verb.children:
        if child.dep_ == "advcl" and any(
            g.dep_ == "advmod" and g.lower_ in {"when", "as"} for g in child.children
        ):
            for g in child.children:
                if g.dep_ == "nsubj":
                    found = _with_conjuncts(g, by_head)
                    if found:
                        return found
    return []


def _passive_subject(verb: Token, by_head: dict[int, ActorMention]) -> list[ActorMention]:
    for child in verb.children:
        if child.dep_ == "nsubjpass":
            return _with_conjuncts(child, by_head)
    return []


LOCATIVE_MODIFIERS = {"outside", "inside", "near", "beside", "opposite"}


def _objects_of(
    verb: Token, by_head: dict[int, ActorMention], skip: set[int]
) -> list[ActorMention]:
    # "establish dialogue with X", "published an appeal to X": the trigger noun's complement.
    for i in sorted(skip):
        noun = verb.doc[i]
        if noun.i == verb.i:
            continue
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ in RECIPIENT_PREPS:
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        found = _with_conjuncts(pobj, by_head)
                        if found:
                            return found
    for child in verb.children:
        if child.dep_ in OBJECT_DEPS and child.i not in skip:
            if any(c.lower_ in LOCATIVE_MODIFIERS for c in child.lefts):
                continue  # "rallied outside parliament": a place, mis-parsed as an object
            found = _with_conjuncts(child, by_head)
            if found:
                return found
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in RECIPIENT_PREPS:
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    found = _with_conjuncts(pobj, by_head)
                    if found:
                        return found
    return []


def _noun_roles(
    noun: Token, by_head: dict[int, ActorMention], lex: TriggerLexicon, violent: bool = False
) -> tuple[list[ActorMention], list[ActorMention]]:
    actors: list[ActorMention] = []
    targets: list[ActorMention] = []
    # "the bombing of a mosque", "the arrest of journalists": for violence 'of' is the target
    agent_preps = NOUN_AGENT_PREPS - {"of"} if violent else NOUN_AGENT_PREPS
    target_preps = NOUN_TARGET_PREPS | {"of"} if violent else NOUN_TARGET_PREPS
    for child in noun.children:
        if child.dep_ == "poss":
            actors = actors or _with_conjuncts(child, by_head)
        elif child.dep_ == "compound" and child.i in by_head:
            m = by_head[child.i]
            if is_equipment(noun.doc[m.head]):
                continue  # "drone attacks": the weapon, neither who nor whom
            if m.kind == "NOMINAL" and m.sector not in COMPOUND_AGENT_SECTORS:
                # "a school shooting", "the church bombing": the institution was the target
                targets = targets or [m]
            else:
                actors = actors or [m]  # "a Taliban attack", "a police raid"
        elif child.dep_ == "prep":
            pobjs = [g for g in child.children if g.dep_ == "pobj"]
            for pobj in pobjs:
                found = _with_conjuncts(pobj, by_head)
                if not found:
                    continue
                if child.lower_ in agent_preps and not actors:
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
        # "Hussein arrived in Amman on a visit", "teachers went on strike": the subject of
        # the verb the noun's phrase completes is its actor.
        actors = _subject_of(node.head, by_head)
    if gov is not None and gov.pos_ in {"VERB", "AUX"}:
        if not actors and node.dep_ in {"nsubjpass", "dobj"}:
            # "X staged protests" names X; "Georgia has seen protests" does not; "X claimed
            # responsibility for the bombing" names the bomber
            light = gov.lemma_.lower() in lex.light_verbs or (
                node.lemma_.lower() == "responsibility"
                and gov.lemma_.lower() in {"claim", "accept", "admit", "take"}
            )
            actors = _subject_of(gov, by_head) if node.dep_ == "dobj" and light else []
            if node.dep_ == "nsubjpass":
                for child in gov.children:
                    if child.dep_ == "agent":
                        for pobj in child.children:
                            actors = actors or _with_conjuncts(pobj, by_head)
        if not targets:
            for verb in (gov, *gov.conjuncts):
                for child in verb.children:
                    if child.dep_ == "dative" and node.dep_ == "dobj":
                        # "gave the Ivory Coast $5 million of aid"
                        targets = targets or _with_conjuncts(child, by_head)
                    if child.dep_ == "prep" and child.lower_ in {"to", "against", "at"}:
                        for pobj in child.children:
                            targets = targets or _with_conjuncts(pobj, by_head)
    return actors, targets


def find_events(
    doc: Doc,
    actors: list[ActorMention],
    lex: TriggerLexicon,
    countries: CountryTable | None = None,
    non_events: list[int] | None = None,
) -> list[EventCandidate]:
    """Event candidates with trigger, PLOVER type and actor/recipient from the syntax.

    Trigger words judged figurative or aimed at no party ("fighting fires") are appended to
    ``non_events``, so that later stages do not read an event into their sentence."""
    by_head = {m.head: m for m in actors}
    # A mention spans tokens; let any token of a mention's span find it.
    for m in actors:
        for i in range(m.start, m.end):
            by_head.setdefault(i, m)
    actor_heads = set(by_head)
    events: list[EventCandidate] = []
    used: set[int] = set()
    for tok in doc:
        if tok.i in used:
            continue
        if tok.pos_ in {"VERB"} or (tok.pos_ == "AUX" and tok.dep_ == "ROOT"):
            if tok.lemma_.lower() in lex.reporting_verbs:
                continue
            found = _sense_for_verb(tok, lex)
            if found is None and tok.lemma_.lower() in FORCE_VERBS:
                subj = _subject_of(tok, by_head)
                if subj and all(a.sector in ARMED_SECTORS for a in subj):
                    found = (
                        TriggerSense("MOBILIZE", "troops", ("military",)),
                        [tok.i],
                        f"verb '{tok.lemma_}' with armed forces as subject",
                    )
            if found is None or _is_content_of_speech_act(tok, lex):
                continue
            sense, trig, how = found
            if sense.type == "AGREE" and (harm := _harmful_content(tok, lex)) is not None:
                sense, how = harm[0], f"{how}; {harm[1]}"
            if _names_no_party(tok, sense, lex, trig):
                if non_events is not None:
                    non_events.append(tok.i)
                continue
            # "soldiers wounded in the attack": a past participle describing a noun is passive
            passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in tok.children) or (
                tok.dep_ == "acl" and tok.tag_ == "VBN"
            )
            if passive:
                actor = []
                for child in tok.children:
                    if child.dep_ == "agent":
                        for pobj in child.children:
                            actor = _with_conjuncts(pobj, by_head)
                if not actor:
                    actor = _cause_in_when_clause(tok, by_head)
                recipient = _passive_subject(tok, by_head)
                if not recipient and tok.dep_ == "acl":
                    # "the 60 diplomats being expelled": the noun the participle describes
                    recipient = _with_conjuncts(tok.head, by_head)
            else:
                actor = _subject_of(tok, by_head)
                recipient = _objects_of(tok, by_head, set(trig))
            recipient = [
                r
                for r in recipient
                if not _same_party(doc, r, actor) and not is_equipment(doc[r.head])
            ]
            if not recipient:
                recipient = _fallback_recipient(tok, trig, actor, by_head, countries, lex)
            sense = _disambiguate(sense, actor, tok)
            if sense.type == "PROTEST" and not actor:
                actor = _crowd_subject(tok)
            if sense.mode == "visit" and not recipient:
                recipient = _visit_host(tok, actor, by_head)
            if (
                sense.type == "CONSULT"
                and not recipient
                and len(actor) < 2
                and tok.lemma_ in {"discuss", "talk", "negotiate", "confer", "consult"}
            ):
                continue  # "residents discussing the situation" is no meeting of two parties
            events.append(_candidate(sense, trig, how, actor, recipient))
            used.update(trig)
        elif tok.pos_ == "NOUN":
            if tok.dep_ in {"compound", "amod", "nmod"}:
                continue  # "emergency assistance": a modifier names no event of its own
            found_n = _sense_for_noun(tok, lex)
            if found_n is None or not _noun_is_anchored(tok, lex, actor_heads):
                continue
            if tok.dep_ == "oprd" or _is_content_of_speech_act(tok, lex):
                continue  # "called X genocide": the noun is the accusation's content
            if tok.dep_ in {"dobj", "nsubjpass"} and _is_content_of_speech_act(tok.head, lex):
                continue  # "called on the EU to impose sanctions": what was asked for
            if tok.head.i in used and tok.dep_ in {"dobj", "nsubjpass"}:
                continue
            sense, how = found_n
            if _names_no_party(tok, sense, lex, [tok.i]):
                if non_events is not None:
                    non_events.append(tok.i)
                continue
            actor, recipient = _noun_roles(
                tok, by_head, lex, violent=sense.type in {"ASSAULT", "COERCE"}
            )
            if (
                not actor
                and sense.type == "CONSULT"
                and tok.dep_ == "pobj"
                and tok.head.lower_ in {"after", "following", "during"}
                and tok.head.head.pos_ == "VERB"
            ):
                # "Hungary dropped its objection after talks with the Commission": a meeting
                # the subject took part in
                actor = _subject_of(tok.head.head, by_head)
            if not actor and sense.type != "PROTEST":
                # "an Israeli air strike", "Russian shelling": the state named by the
                # demonym (protesters' nationality is not their government, so not PROTEST)
                modifier = _country_modifier(tok, countries)
                if modifier is not None:
                    actor = [modifier]
            recipient = [
                r
                for r in recipient
                if not _same_party(doc, r, actor) and not is_equipment(doc[r.head])
            ]
            if not recipient:
                recipient = _fallback_recipient(tok, [tok.i], actor, by_head, countries, lex)
            sense = _disambiguate(sense, actor, tok)
            if sense.mode == "visit" and not recipient:
                recipient = _visit_host(tok, actor, by_head)
            if sense.type == "PROTEST":
                for a in actor:
                    if a.sector is None:
                        a.sector, a.how = "CVL", a.how + "; protesters are civilians unless named"
                        if a.name == "Unnamed group":
                            a.name = "Protesters"
            events.append(_candidate(sense, [tok.i], how, actor, recipient))
            used.add(tok.i)
    _add_naming_accusations(doc, events, by_head, lex)
    events = _merge_restatements(doc, events)
    events = _merge_headline(doc, events)
    _recipients_from_referred_events(doc, events, lex)
    for ev in events:
        ev.salience = salience(doc[ev.trigger_tokens[0]], lex)
    return events


#: Reactions to an event: their recipient is who did it ("condemned the attack").
REACTION_TYPES = {"ACCUSE", "PROTEST", "SUPPORT", "REJECT"}
#: How far back (in sentences) a reaction looks for the event it refers to.
REFERRED_EVENT_SENTENCES = 5


def _recipients_from_referred_events(
    doc: Doc, events: list[EventCandidate], lex: TriggerLexicon
) -> None:
    """'Somalia's president condemned the ambush': a reaction whose object is an event noun
    with no party of its own is aimed at that event's actor — the latest earlier event of
    the noun's type, in this sentence or the few before it, that names one."""
    sent_index = {s.start: i for i, s in enumerate(doc.sents)}
    for ev in events:
        if ev.type not in REACTION_TYPES or ev.recipient:
            continue
        trigger = doc[ev.trigger_tokens[0]]
        nouns = [c for c in trigger.children if c.dep_ in {"dobj", "obj"} and c.pos_ == "NOUN"]
        for noun in nouns:
            sense = _sense_for_noun(noun, lex)
            if sense is None or sense[0].type not in MATERIAL_TYPES:
                continue
            here = sent_index[trigger.sent.start]
            own = {a.name for a in ev.actor}
            earlier = [
                e
                for e in events
                if e is not ev
                and e.type == sense[0].type
                and e.actor
                and not own & {a.name for a in e.actor}
                and e.trigger_start < trigger.i
                and here - sent_index[doc[e.trigger_start].sent.start] <= REFERRED_EVENT_SENTENCES
            ]
            # the same word first ("the ambush" -> "ambushed"), else the latest of its type
            same_word = [e for e in earlier if doc[e.trigger_start].lemma_ == noun.lemma_]
            if earlier:
                referred = max(same_word or earlier, key=lambda e: e.trigger_start)
                ev.recipient = list(referred.actor)
                if ev.recipient:
                    what = doc[referred.trigger_start : referred.trigger_end].text
                    ev.how += f"; recipient: who did the '{noun.text}' (the '{what}' before)"
            break


def _merge_restatements(doc: Doc, events: list[EventCandidate]) -> list[EventCandidate]:
    """Two events of one type in one sentence whose parties agree (each role the same, or
    empty in one of them) are one event told twice: "12 officers were injured when
    protesters threw stones". The one naming more parties stays; the other's trigger is
    noted in its ``how``."""

    def names(ms: list[ActorMention]) -> set[str]:
        return {m.name for m in ms}

    def compatible(a: list[ActorMention], b: list[ActorMention]) -> bool:
        return not a or not b or names(a) == names(b)

    kept: list[EventCandidate] = []
    for ev in events:
        sent = doc[ev.trigger_tokens[0]].sent.start
        twin = next(
            (
                k
                for k in kept
                if k.type == ev.type
                and doc[k.trigger_tokens[0]].sent.start == sent
                and compatible(k.actor, ev.actor)
                and compatible(k.recipient, ev.recipient)
            ),
            None,
        )
        if twin is None:
            kept.append(ev)
            continue
        richer, other = (ev, twin) if _roles(ev) > _roles(twin) else (twin, ev)
        richer.actor = richer.actor or other.actor
        richer.recipient = richer.recipient or other.recipient
        trigger = doc[other.trigger_start : other.trigger_end].text
        richer.how += f"; the same event as '{trigger}' in this sentence"
        kept[kept.index(twin)] = richer
    return kept


#: How many body sentences after a headline are searched for the event it announces.
HEADLINE_LEAD_SENTENCES = 4


def _merge_headline(doc: Doc, events: list[EventCandidate]) -> list[EventCandidate]:
    """A headline ("Border guards clash with smugglers") announces the lead's event: an event
    of the same type with agreeing parties in the first sentences of the body is the same
    event, so the headline's is dropped and the body's notes it."""
    text = doc.text
    first_break = text.find("\n")
    if first_break <= 0 or text[:first_break].rstrip()[-1:] in {".", "!", "?", '"', "”"}:
        return events  # no headline line (the first line is a sentence of the body)
    sents = list(doc.sents)
    head_end = first_break
    lead = [s for s in sents if s.start_char > head_end][:HEADLINE_LEAD_SENTENCES]
    if not lead:
        return events
    lead_end = lead[-1].end_char

    def names(ms: list[ActorMention]) -> set[str]:
        return {m.name for m in ms}

    def agree(a: list[ActorMention], b: list[ActorMention]) -> bool:
        return not a or not b or bool(names(a) & names(b))

    kept = []
    for ev in events:
        start = doc[ev.trigger_start].idx
        if start < head_end:
            body = next(
                (
                    b
                    for b in events
                    if b.type == ev.type
                    and head_end < doc[b.trigger_start].idx < lead_end
                    and agree(b.actor, ev.actor)  # a headline names its parties loosely
                ),
                None,
            )
            if body is not None:
                body.how += "; also announced in the headline"
                continue
        kept.append(ev)
    return kept


def _roles(ev: EventCandidate) -> int:
    return len(ev.actor) + len(ev.recipient)


def salience(trigger: Token, lex: TriggerLexicon) -> float:
    """How central the trigger is to its sentence: the main clause ranks first."""
    dep = trigger.dep_
    if dep == "ROOT":
        return 0.1
    head = trigger.head
    if dep == "conj" and head.dep_ == "ROOT":
        return 0.06
    if dep in {"ccomp", "parataxis"} and head.lemma_.lower() in lex.reporting_verbs:
        return 0.08  # "X said that Y attacked Z": the attack is the news
    if dep in {"dobj", "nsubjpass", "nsubj"} and head.dep_ == "ROOT":
        return 0.04
    if dep in {"xcomp"}:
        return 0.0
    if dep in {"advcl", "relcl", "acl", "pcomp"}:
        return -0.08
    return -0.04


#: Triggers whose type depends on who acts: workers who 'strike' or 'block' roads protest;
#: armies that 'strike' attack; governments that 'block' coerce.
CIVILIAN_READINGS = {
    "strike": TriggerSense("PROTEST", "boycott"),
    "block": TriggerSense("PROTEST", "obstruct"),
    "blockade": TriggerSense("PROTEST", "obstruct"),
    "march": TriggerSense("PROTEST", "demo"),
}
LABOUR_WORDS = {
    "worker",
    "union",
    "employee",
    "teacher",
    "miner",
    "driver",
    "staff",
    "doctor",
    "nurse",
    "student",
    "farmer",
    "trucker",
    "docker",
    "labor",
    "labour",
}


POSSESSIVE_PRONOUNS = {"its", "their", "his", "her", "our", "my"}
FALLBACK_PREPS = {"to", "from", "against", "with", "for", "on", "at", "toward", "towards"}
#: Words whose 'to' introduces a source or a cause: "according to", "due to", "thanks to".
SOURCE_PREP_HEADS = {"according", "due", "thanks", "owing", "prior", "contrary"}
#: How many levels below the trigger the fallback looks for a party.
FALLBACK_DEPTH = 3


def _same_party(doc: Doc, r: ActorMention, actor: list[ActorMention]) -> bool:
    """'Syria … withdraw its troops': the actor's own forces are not the recipient."""
    if any(r is a or (r.name == a.name and r.kind != "NOMINAL") for a in actor):
        return True
    if any(
        r.country is not None
        and r.country == a.country
        and "COUNTRY" in {r.kind, a.kind}
        and r.sector == a.sector == "GOV"
        for a in actor
    ):
        return True  # "Government of X" acting on "X": the state on itself
    first = doc[r.start]
    return first.lower_ in POSSESSIVE_PRONOUNS and first.dep_ == "poss"


def _country_modifier(tok: Token, countries: CountryTable | None) -> ActorMention | None:
    """'an Australian ultimatum', 'Israeli changes': a demonym or country naming a party."""
    if countries is None:
        return None
    for child in tok.lefts:
        if child.dep_ in {"amod", "compound", "nmod", "poss"}:
            c = countries.lookup_demonym(child.text) or countries.lookup_name(child.text)
            if c is not None:
                return ActorMention(
                    start=child.i,
                    end=child.i + 1,
                    head=child.i,
                    name=c.name,
                    kind="COUNTRY",
                    country=c.alpha3,
                    sector="GOV",
                    how=f"'{child.text}' modifying '{tok.text}'",
                )
    return None


def _fallback_recipient(
    trigger: Token,
    trig: list[int],
    actor: list[ActorMention],
    by_head: dict[int, ActorMention],
    countries: CountryTable | None,
    lex: TriggerLexicon | None = None,
) -> list[ActorMention]:
    """Where the syntax gives no object: 'demanded that X …', 'rejected an Australian
    ultimatum', 'an appeal from X', 'aid to Mozambique', 'withdraw troops from Lebanon'."""
    doc = trigger.doc

    def ok(found: list[ActorMention]) -> list[ActorMention]:
        return [
            m for m in found if not _same_party(doc, m, actor) and not is_equipment(doc[m.head])
        ]

    for child in trigger.children:  # "demanded that the government end curbs"
        if child.dep_ == "ccomp":
            inner = (
                _sense_for_verb(child, lex) if lex is not None and child.pos_ == "VERB" else None
            )
            harmful = (inner is not None and inner[0].type in HARMFUL_CONTENT) or (
                lex is not None and child.lemma_.lower() in lex.suppressors
            )
            if harmful:
                # "warned that the army would crush any protest": the army is the speaker's
                # side; whoever it would act on is the recipient
                for grand in child.children:
                    if grand.dep_ in {"dobj", "obj"} and (
                        found := ok(_with_conjuncts(grand, by_head))
                    ):
                        return found
                continue
            for grand in child.children:
                if grand.dep_ in {"nsubj", "nsubjpass"} and (
                    found := ok(_with_conjuncts(grand, by_head))
                ):
                    return found
    objects = [c for c in trigger.children if c.dep_ in {"dobj", "obj"} and c.i not in trig[:1]]
    for obj in objects:
        modifier = _country_modifier(obj, countries)
        if modifier is not None and not _same_party(doc, modifier, actor):
            return [modifier]
        for child in obj.children:
            if child.dep_ == "prep" and child.lower_ in {
                "from",
                "by",
                "of",
                "to",
                "for",
                "against",
            }:
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and (found := ok(_with_conjuncts(pobj, by_head))):
                        return found
    # A party named in a complement of the trigger's own phrase, down to the object of its
    # content ("promised to continue military aid to Mozambique").
    frontier = [c for c in trigger.children if c.dep_ in {"dobj", "prep", "xcomp", "advcl"}]
    for depth in range(FALLBACK_DEPTH):
        nxt: list[Token] = []
        for node in frontier:
            if depth > 0 and node.dep_ == "dobj" and node.i not in trig and len(actor) < 2:
                # (two parties that agree to "exchange prisoners" act on each other: the
                # prisoners are what is exchanged, not a party)
                # the object of the content: "threatened to ban opposition candidates",
                # "refused to meet Jordan's king"
                found = ok(_with_conjuncts(node, by_head))
                if found:
                    return found
            content_of = depth > 0 and node.lower_ == "of" and node.head.dep_ == "dobj"
            if node.lower_ in SOURCE_PREP_HEADS:
                continue  # "according to X", "thanks to X": a source or cause, not a party
            if (
                node.dep_ == "prep"
                and (node.lower_ in FALLBACK_PREPS or content_of)
                and node.head.lower_ not in SOURCE_PREP_HEADS
            ):
                # "... to demand the resignation of President X"
                for pobj in node.children:
                    if pobj.dep_ == "pobj":
                        found = ok(_with_conjuncts(pobj, by_head))
                        if found and (
                            found[0].kind in {"COUNTRY", "ORG", "GROUP", "PERSON"}
                            or (found[0].kind == "NOMINAL" and found[0].sector is not None)
                        ):
                            return found
            nxt.extend(c for c in node.children if c.dep_ in {"prep", "pobj", "dobj", "xcomp"})
        frontier = nxt
    return []


#: Heads of "some of the diplomats", "dozens of protesters": the party is after the 'of'.
QUANTIFIERS = {"some", "many", "most", "all", "none", "several", "dozen", "dozens", "hundred",
               "hundreds", "thousand", "thousands", "million", "millions", "group", "number",
               "majority", "half", "one", "two", "three", "four", "five", "few"}  # fmt: skip
CROWD_WORDS = {"thousand", "thousands", "hundred", "hundreds", "dozen", "dozens", "crowd"}


def _crowd_subject(verb: Token) -> list[ActorMention]:
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
                )
            ]
    return []


def _visit_host(
    trigger: Token, actor: list[ActorMention], by_head: dict[int, ActorMention]
) -> list[ActorMention]:
    """'visited Tehran', 'arrived in Amman on a visit', 'a visit to Kabul': the host of a visit
    is the place visited (its government, as the actor stage resolves a capital or country)."""
    nodes = [trigger]
    if trigger.dep_ == "pobj" and trigger.head.dep_ == "prep":
        nodes.append(trigger.head.head)  # "arrived ... on a visit"
    for node in nodes:
        for child in node.children:
            if child.dep_ == "prep" and child.lower_ in {"to", "in"}:
                for pobj in child.children:
                    found = [m for m in _with_conjuncts(pobj, by_head) if m not in actor]
                    if pobj.dep_ == "pobj" and found and pobj.ent_type_ in {"GPE", "LOC"}:
                        return found
    return []


def _disambiguate(sense: TriggerSense, actor: list[ActorMention], trigger: Token) -> TriggerSense:
    civilian = CIVILIAN_READINGS.get(trigger.lemma_.lower())
    if civilian is None:
        return sense
    lemma = trigger.lemma_.lower()
    if lemma in {"block", "blockade"}:
        # PLOVER: obstructing passage is a protest unless the state does it (then COERCE)
        if actor and all(a.sector not in {"GOV", "MIL", "COP"} for a in actor):
            return civilian
        return sense
    if actor and all(a.sector in PROTEST_SUBJECT_SECTORS | {"OPP", "PTY"} for a in actor):
        return civilian
    if not actor and any(t.lemma_.lower() in LABOUR_WORDS for t in trigger.sent):
        return civilian
    return sense


def _add_naming_accusations(
    doc: Doc, events: list[EventCandidate], by_head: dict[int, ActorMention], lex: TriggerLexicon
) -> None:
    """'X called Y "genocide"' / 'branded them terrorists': an accusation by naming."""
    for tok in doc:
        if tok.lemma_.lower() not in {"call", "label", "brand", "describe", "term", "denounce"}:
            continue
        oprd = [c for c in tok.children if c.dep_ in {"oprd", "xcomp", "attr"} and c.pos_ == "NOUN"]
        if not oprd:
            continue
        noun = oprd[0]
        negative = (
            noun.lemma_.lower() in lex.nouns
            and lex.nouns[noun.lemma_.lower()].type in {"ASSAULT", "COERCE"}
        ) or noun.lemma_.lower() in {
            "terrorist",
            "criminal",
            "crime",
            "aggression",
            "terrorism",
            "occupation",
            "invasion",
            "war crime",
            "genocide",
        }
        if not negative or any(e.trigger_tokens == [tok.i] for e in events):
            continue
        actor = _subject_of(tok, by_head)
        target = [
            m for c in tok.children if c.dep_ in OBJECT_DEPS for m in _with_conjuncts(c, by_head)
        ]
        events.append(
            _candidate(
                TriggerSense(type="ACCUSE", mode="allege"),
                [tok.i],
                f"naming: '{tok.lemma_} … {noun.text}'",
                actor,
                target,
            )
        )


#: Weapons and vehicles: a party when they act ("Israeli tanks fired"), never a recipient
#: ("supplying drones") or an actor by compounding ("drone attacks").
EQUIPMENT = {"tank", "aircraft", "warplane", "jet", "helicopter", "gunship", "drone", "warship",
             "artillery", "submarine", "frigate", "missile", "rocket", "vehicle"}  # fmt: skip


def is_equipment(tok: Token) -> bool:
    return tok.lemma_.lower() in EQUIPMENT


def _candidate(
    sense: TriggerSense,
    trig: list[int],
    how: str,
    actor: list[ActorMention],
    recipient: list[ActorMention],
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
    )
