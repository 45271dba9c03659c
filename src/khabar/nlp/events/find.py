"""``find_events``: the pass over a Doc that finds triggers and fills their roles."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from khabar.geo.countries import CountryTable
from khabar.nlp import rules
from khabar.nlp.annotations import ActorMention, EventCandidate
from khabar.nlp.events.clause_types import (
    AID_VEHICLE,
    ATTEMPT,
    FAILED_VOTE,
    FORCED_DEPARTURE,
    GIVING_TYPES,
    MEDIATOR_ACT,
    READINESS,
    aid_vehicle,
    armed_march,
    attempted,
    conceded_background,
    drawn_from,
    failed_vote,
    forced_departure,
    mediator_act,
    no_party_threat,
    not_given,
    penalty_term,
    readiness_threat,
    standing,
    text_provision,
)
from khabar.nlp.events.discourse import (
    add_naming_accusations,
    merge_headline,
    merge_restatements,
    recipients_from_referred_events,
)
from khabar.nlp.events.fallback import country_modifier, fallback_recipient, same_party, visit_host
from khabar.nlp.events.figurative import describes_victims, names_no_party, told_as_lasting
from khabar.nlp.events.mediation import mediated_parties
from khabar.nlp.events.rewrites import (
    ORDERED_CLOSURE,
    VOWED_PROHIBITION,
    harmful_content,
    ordered_closure,
    vowed_prohibition,
)
from khabar.nlp.events.roles import (
    cause_in_when_clause,
    crowd_subject,
    is_equipment,
    make_candidate,
    noun_roles,
    objects_of,
    passive_subject,
    subject_of,
    with_conjuncts,
)
from khabar.nlp.events.triggers import (
    ARMED_SECTORS,
    CONTENT_HEADS,
    FORCE_VERBS,
    disambiguate,
    is_content_of_speech_act,
    noun_is_anchored,
    salience,
    sense_for_noun,
    sense_for_verb,
)
from khabar.nlp.lexicon import TriggerLexicon, TriggerSense


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
            if tok.lemma_.lower() in lex.reporting_verbs and not _own_object_event(tok, lex):
                continue  # "reiterated its support" is support; "reiterated that" reports
            if tok.dep_ == "amod":
                continue  # "a foreign-funded militia", "the burned car": a description
            if any(c.dep_ == "advmod" and c.lower_ in lex.habitual_adverbs for c in tok.children):
                continue  # "the committee usually convenes in spring": no event
            if told_as_lasting(tok) and not penalty_term(tok):
                continue  # "has been fighting for years": the background
            found = sense_for_verb(tok, lex)
            if found is None and tok.lemma_.lower() in lex.armed_retreat_verbs:
                subj = subject_of(tok, by_head)
                if subj and all(a.sector in ARMED_SECTORS for a in subj):
                    found = (
                        TriggerSense("RETREAT", "withdraw", ("military",)),
                        [tok.i],
                        f"verb '{tok.lemma_}' with armed forces as subject",
                        rules.FORCE_VERB,
                    )
            if found is None and tok.lemma_.lower() in FORCE_VERBS:
                subj = subject_of(tok, by_head)
                if subj and all(a.sector in ARMED_SECTORS for a in subj):
                    found = (
                        TriggerSense("MOBILIZE", "troops", ("military",)),
                        [tok.i],
                        f"verb '{tok.lemma_}' with armed forces as subject",
                        rules.FORCE_VERB,
                    )
            given_actor = forced_departure(tok, by_head)
            if given_actor is not None and (found is None or found[0].type == "RETREAT"):
                how = f"forced to '{tok.lemma_}': a party made to leave retreats"
                found = (TriggerSense("RETREAT", "withdraw"), [tok.i], how, FORCED_DEPARTURE)
            if found is None and (vehicle := aid_vehicle(tok)) is not None:
                found = (*vehicle, AID_VEHICLE)
            if found is None and (voted := failed_vote(tok)) is not None:
                found = (*voted, FAILED_VOTE)
            ready = readiness_threat(tok, found[0] if found else None)
            if ready is not None:
                acts = found[1] if found else [tok.i]
                found = (ready[0], [tok.head.i, *acts], ready[1], READINESS)
            if found is None or is_content_of_speech_act(tok, lex):
                continue
            sense, trig, how, rule = found
            for retype, retype_rule in (
                (mediator_act(tok, sense), MEDIATOR_ACT),
                (vowed_prohibition(tok) if sense.type == "AGREE" else None, VOWED_PROHIBITION),
                (ordered_closure(tok) if sense.type == "REQUEST" else None, ORDERED_CLOSURE),
            ):
                if retype is not None:
                    sense, how, rule = retype[0], f"{how}; {retype[1]}", retype_rule
            if sense.type == "ASSAULT" and describes_victims(tok, lex):
                if non_events is not None:
                    non_events.append(tok.i)
                continue  # "those killed were candidates": the victims, told elsewhere
            if no_party_threat(tok, sense, by_head):
                continue  # "a dispute that threatens to wreck the accord": a risk
            if rule != FAILED_VOTE and text_provision(tok):
                continue  # "the resolution bans arms sales": the text's content, no act
            if sense.type in GIVING_TYPES and not_given(tok, sense):
                continue  # "a movement backed by X", "finances itself": no act between parties
            if sense.type == "AGREE" and (harm := harmful_content(tok, lex)) is not None:
                sense, how = harm[0], f"{how}; {harm[1]}"
            if names_no_party(tok, sense, lex, trig):
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
                            actor = with_conjuncts(pobj, by_head)
                if not actor:
                    actor = cause_in_when_clause(tok, by_head)
                recipient = passive_subject(tok, by_head)
                if not recipient and tok.dep_ == "acl":
                    # "the 60 diplomats being expelled": the noun the participle describes
                    recipient = with_conjuncts(tok.head, by_head)
            else:
                actor = given_actor or subject_of(tok, by_head)
                recipient = objects_of(tok, by_head, set(trig))
                if reacting := drawn_from(tok, trig, by_head):
                    # "the arrest drew condemnation from X": X condemns who made the arrest
                    actor, recipient = reacting, []
            recipient = [
                r
                for r in recipient
                if not same_party(doc, r, actor) and not is_equipment(doc[r.head])
            ]
            if not recipient:
                recipient = fallback_recipient(tok, trig, actor, by_head, countries, lex)
            sense = disambiguate(sense, actor, tok)
            if armed_march(tok, sense, actor):
                continue  # "rebels marched into the city": no civilian demonstration
            if (tried := attempted(tok, sense)) is not None:
                trig, rule = [tried, *trig], ATTEMPT
                how += f"; attempted ('{doc[tried].text}'): the act was made"
            if sense.type == "PROTEST" and not actor:
                actor = crowd_subject(tok)
            if sense.mode == "visit" and not recipient:
                recipient = visit_host(tok, actor, by_head)
            if (
                sense.type == "CONSULT"
                and not recipient
                and len(actor) < 2
                and tok.lemma_ in {"discuss", "talk", "negotiate", "confer", "consult"}
            ):
                continue  # "residents discussing the situation" is no meeting of two parties
            events.append(make_candidate(sense, trig, how, actor, recipient, rule))
            used.update(trig)
        elif tok.pos_ == "NOUN":
            if tok.dep_ in {"compound", "amod", "nmod"}:
                continue  # "emergency assistance": a modifier names no event of its own
            found_n = sense_for_noun(tok, lex)
            if found_n is None or not noun_is_anchored(tok, lex, actor_heads):
                continue
            if tok.dep_ == "oprd" or is_content_of_speech_act(tok, lex):
                continue  # "called X genocide": the noun is the accusation's content
            if tok.dep_ in {"dobj", "nsubjpass"} and is_content_of_speech_act(tok.head, lex):
                continue  # "called on the EU to impose sanctions": what was asked for
            if (
                tok.head.i in used
                and tok.dep_ in {"dobj", "nsubjpass"}
                and not _mediates(events, tok.head.i)
            ):
                continue  # "launched an attack" is one event, "mediated an exchange" two
            if tok.dep_ in {"dobj", "attr"} and tok.head.lemma_.lower() in lex.judging_verbs:
                continue  # "smuggling poses a threat": a judgement of a situation, no event
            if _content_of(events, tok):
                continue  # "agreed on a truce", "called for talks": what was agreed or asked
            sense, how = found_n
            if conceded_background(tok):
                continue  # "despite warnings": what came before, not the news
            if standing(tok, sense):
                continue  # "under UN sanctions", "violated a ban": the setting, no event
            if names_no_party(tok, sense, lex, [tok.i]):
                if non_events is not None:
                    non_events.append(tok.i)
                continue
            actor, recipient = noun_roles(
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
                actor = subject_of(tok.head.head, by_head)
            if not actor and sense.type != "PROTEST":
                # "an Israeli air strike", "Russian shelling": the state named by the
                # demonym (protesters' nationality is not their government, so not PROTEST)
                modifier = country_modifier(tok, countries)
                if modifier is not None:
                    actor = [modifier]
            recipient = [
                r
                for r in recipient
                if not same_party(doc, r, actor) and not is_equipment(doc[r.head])
            ]
            if not recipient:
                recipient = fallback_recipient(tok, [tok.i], actor, by_head, countries, lex)
            if not actor and not recipient and tok.lemma_.lower() in lex.situation_nouns:
                continue  # "amid years of conflict": the story's setting, no event
            sense = disambiguate(sense, actor, tok)
            if armed_march(tok, sense, actor):
                continue
            if sense.mode == "visit" and not recipient:
                recipient = visit_host(tok, actor, by_head)
            if sense.type == "PROTEST":
                for a in actor:
                    if a.sector is None:
                        a.sector, a.how = "CVL", a.how + "; protesters are civilians unless named"
                        if a.name == "Unnamed group":
                            a.name = "Protesters"
            events.append(make_candidate(sense, [tok.i], how, actor, recipient, rules.NOUN))
            used.add(tok.i)
    add_naming_accusations(doc, events, by_head, lex)
    mediated_parties(doc, events, by_head)
    events = merge_restatements(doc, events)
    events = merge_headline(doc, events)
    recipients_from_referred_events(doc, events, lex)
    for ev in events:
        ev.salience = salience(doc[ev.trigger_tokens[0]], lex)
    return events


def _mediates(events: list[EventCandidate], verb: int) -> bool:
    """The verb is a third party's mediation: its object is an event of other parties."""
    return any(verb in ev.trigger_tokens and ev.mode == "third-party" for ev in events)


#: Prepositions that introduce what an agreement, request or threat is about.
CONTENT_PREPS = {"on", "to", "for"}


def _content_of(events: list[EventCandidate], noun: Token) -> bool:
    """The event noun is what a verb event of a speech-act type (``CONTENT_HEADS``: agree,
    request, threaten, reject, accuse) is about, after "on", "to" or "for": one event."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.dep_ not in {"prep", "prt"} or prep.lower_ not in CONTENT_PREPS:
        return False
    heads = {prep.i, prep.head.i}
    if any(ev.type in CONTENT_HEADS and heads & set(ev.trigger_tokens) for ev in events):
        return True
    # "reiterated its support for the ceasefire": what is supported is no event of its own
    return prep.lower_ == "for" and any(
        ev.type == "SUPPORT" and ev.rule == rules.VERB_OBJECT and prep.head.i in ev.trigger_tokens
        for ev in events
    )


def _own_object_event(verb: Token, lex: TriggerLexicon) -> bool:
    """A reporting verb with an object it makes an event with ("reiterated its support")."""
    lemma = verb.lemma_.lower()
    return any(
        c.dep_ in {"dobj", "obj"} and (lemma, c.lemma_.lower()) in lex.verb_objects
        for c in verb.children
    )
