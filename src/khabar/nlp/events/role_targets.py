"""Whom an event was done to, from its sentence (step 3 of
:mod:`khabar.nlp.events.story_roles`): the noun a relative clause describes, a trigger's own
object, and what a violent act was aimed at."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from khabar.geo.countries import CountryTable
from khabar.nlp import rules
from khabar.nlp.actors import np_span
from khabar.nlp.actors.names import of_object
from khabar.nlp.annotations import ActorMention, EventCandidate
from khabar.nlp.events.role_clauses import is_new, tagged
from khabar.nlp.events.role_words import StoryRoleWords, story_role_words
from khabar.nlp.events.roles import is_equipment
from khabar.nlp.events.triggers import sense_for_noun
from khabar.nlp.lexicon import TriggerLexicon


def clause_whom(
    doc: Doc,
    ev: EventCandidate,
    by_head: dict[int, ActorMention],
    lex: TriggerLexicon,
    countries: CountryTable | None,
) -> None:
    """Step 3 for one event (in place)."""
    _relative_object(doc, ev, by_head)
    _own_object(doc, ev, by_head, lex)
    _clause_target(doc, ev, by_head, countries)


def _relative_object(doc: Doc, ev: EventCandidate, by_head: dict[int, ActorMention]) -> None:
    """'the group which it accused of …': a trigger in a relative clause whose relative word
    is its object acts on the noun the clause describes (any type)."""
    trig = doc[ev.trigger_start]
    if ev.recipient or trig.dep_ != "relcl":
        return
    noun = trig.head
    inner = of_object(noun)  # "members of X which it accused": X
    found = by_head.get(noun.i) or (by_head.get(inner.i) if inner is not None else None)
    if found is None:
        return
    if any(c.dep_ in {"dobj", "nsubjpass"} and c.tag_ in {"WDT", "WP"} for c in trig.children):
        how = f"the noun the clause of '{trig.text}' describes"
        head = found
        if all(head.name != a.name for a in ev.actor):
            ev.recipient = [tagged(head, rules.ROLES_RELATIVE, how)]


def _own_object(
    doc: Doc, ev: EventCandidate, by_head: dict[int, ActorMention], lex: TriggerLexicon
) -> None:
    """'summoned the Belgian ambassador', 'broke up the protest': a trigger's own object (a
    word of the trigger) is whom it was done to — the party it names, or for a protest the
    protesters the sentence names (any type)."""
    if ev.recipient:
        return
    words = story_role_words()
    for i in ev.trigger_tokens:
        tok = doc[i]
        if tok.dep_ != "dobj" or i == ev.trigger_start:
            continue
        protest = tok.lemma_.lower() in words.protest_nouns
        if not protest and sense_for_noun(tok, lex) is not None:
            continue  # "launched artillery attacks": the event itself, not whom
        found = None if protest else by_head.get(i)
        how = f"the object of '{doc[ev.trigger_start].text}'"
        if protest:
            crowd = [
                m
                for m in by_head.values()
                if doc[m.head].lemma_.lower() in words.protester_nouns
                and doc[m.head].sent.start == tok.sent.start
            ]
            found = crowd[0] if crowd else None
            how = f"the protesters of the protest '{doc[ev.trigger_start].text}' ended"
        if found is not None and all(found.name != a.name for a in ev.actor):
            ev.recipient = [tagged(found, rules.ROLES_OWN_OBJECT, how)]
            return


def _target_token(trig: Token, trig_tokens: set[int], words: StoryRoleWords) -> Token | None:
    """What a violent trigger was aimed at: 'fired at X', 'attacked X', 'X was attacked',
    'attacks on X' (not a time, a number, a weapon or a word of the trigger)."""

    def usable(tok: Token) -> bool:
        # "one of the members of the group": a number with its 'of' names who
        part_of = any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children)
        return (
            tok.i not in trig_tokens
            and not any(t.i in trig_tokens for t in tok.subtree)  # "a wave of attacks"
            and (tok.pos_ in {"NOUN", "PROPN", "PRON"} or part_of)
            and (part_of or tok.ent_type_ not in {"DATE", "TIME", "CARDINAL", "ORDINAL"})
            and tok.ent_type_ not in {"DATE", "TIME"}
            and not is_equipment(tok)
            and tok.lower_ not in words.target_stop
        )

    def usable_passive(tok: Token) -> bool:
        return usable(tok) or (is_equipment(tok) and tok.i not in trig_tokens)

    verbs = [trig.doc[i] for i in sorted(trig_tokens)]
    # "an air strike that killed two civilians": the noun's clause tells whom it hit
    verbs += [c for c in trig.children if c.dep_ in {"relcl", "acl"} and c.pos_ == "VERB"]
    for first in (True, False):
        for verb in verbs:
            for child in verb.children:
                if child.dep_ == "prep" and child.lower_ in words.target_preps:
                    pobjs = [g for g in child.children if g.dep_ == "pobj" and usable(g)]
                    if pobjs and (first == (child.lower_ in words.aimed_preps)):
                        return pobjs[0]
                if not first and child.dep_ == "dobj" and usable(child):
                    return child
                if not first and child.dep_ == "nsubjpass" and usable_passive(child):
                    return child  # "a vehicle was attacked": even a vehicle is what was hit
    return None


def _target(
    doc: Doc,
    trig_tokens: set[int],
    by_head: dict[int, ActorMention],
    countries: CountryTable | None,
    words: StoryRoleWords,
) -> ActorMention | None:
    """An unnamed target as the recipient, named by its owner when a demonym or a possessor
    says whose it is ("Indian positions", "a Philippine boat"), else by its noun."""
    first = doc[min(trig_tokens)]
    how = f"what '{first.text}' was aimed at"
    for i in sorted(trig_tokens):
        for child in doc[i].children:
            if child.dep_ == "poss" and child.i in by_head:
                # "dispersed a women's protest": the protest's holders
                return tagged(by_head[child.i], rules.ROLES_TARGET, how)
    tok = _target_token(first, trig_tokens, words)
    if tok is None or tok.pos_ == "PRON":
        return None
    if tok.i in by_head:  # "their troops were shot at": a party the filters set aside
        return tagged(by_head[tok.i], rules.ROLES_TARGET, how)
    for child in tok.children:  # "a car driven by Israeli forces": whose it is
        if child.dep_ == "acl":
            for agent in child.children:
                if agent.dep_ == "agent":
                    for pobj in agent.children:
                        if pobj.dep_ == "pobj" and pobj.i in by_head:
                            return tagged(by_head[pobj.i], rules.ROLES_TARGET, how)
    span = np_span(tok)
    named_by = of_object(tok) if tok.pos_ == "NUM" else None  # "one of the members"
    name, country, sector = (named_by or tok).lemma_.capitalize(), None, None
    for t in span:
        found = countries.lookup_demonym(t.text) if countries is not None else None
        if found is not None and t.i != tok.i:
            name, country, sector = found.name, found.alpha3, "GOV"
            break
    return ActorMention(
        start=span.start,
        end=span.end,
        head=tok.i,
        name=name,
        kind="NOMINAL",
        country=country,
        sector=sector,
        how=f"'{span.text}': what '{first.text}' was aimed at",
        rule=rules.ROLES_TARGET,
    )


def _clause_target(
    doc: Doc, ev: EventCandidate, by_head: dict[int, ActorMention], countries: CountryTable | None
) -> None:
    words = story_role_words()
    if ev.type not in words.violent_types:
        return
    # the event's own trigger first, then (with no recipient yet) the other sentences that
    # tell it (``mentions``)
    triggers = [set(ev.trigger_tokens)]
    if not ev.recipient:
        triggers += [set(range(a, b)) for a, b in ev.mentions]
    target = None
    for tokens in triggers:
        target = _target(doc, tokens, by_head, countries, words)
        if target is not None:
            break
    if target is None or any(target.name == a.name for a in ev.actor) or not is_new(target, ev):
        return
    if not ev.recipient or all(_from_origin(doc, r) for r in ev.recipient):
        ev.recipient = [target]  # "fired missiles from Yemen at a ship": the ship, not Yemen
    elif doc[target.head].dep_ in {"dobj", "nsubjpass"}:
        # "stormed a village, killing 33 people": the village beside the people killed (the
        # object only: "arrested X at his home" names where, not another target)
        ev.recipient = [*ev.recipient, target]


def _from_origin(doc: Doc, m: ActorMention) -> bool:
    """A party named only as where the act came from ("from Yemen")."""
    head = doc[m.head]
    return head.dep_ == "pobj" and head.head.lower_ == "from"


def elided_object(doc: Doc, ev: EventCandidate, by_head: dict[int, ActorMention]) -> None:
    """``khabar_story_roles_v4`` (``roles.elided-object``): a trigger verb whose object is a
    bare number ("killed 14 fighters and detained three") acts on the party the verb it is
    joined to names as its object: the number counts the same noun, left out (any type;
    only an event with no recipient)."""
    if ev.recipient:
        return
    trig = doc[ev.trigger_start]
    if trig.pos_ != "VERB" or trig.dep_ != "conj":
        return
    numbers = [c for c in trig.children if c.dep_ == "dobj" and c.like_num and not c.n_lefts]
    if not numbers or any(c.dep_ == "prep" for c in numbers[0].children):
        return
    for obj in trig.head.children:
        if obj.dep_ == "dobj" and obj.i in by_head:
            found = by_head[obj.i]
            if all(found.name != a.name for a in ev.actor):
                how = f"'{numbers[0].text}' counts the '{obj.text}' of '{trig.head.text}'"
                ev.recipient = [tagged(found, rules.ROLES_ELIDED_OBJECT, how)]
            return


def owned_target(doc: Doc, ev: EventCandidate, by_head: dict[int, ActorMention]) -> None:
    """``khabar_story_roles_v4`` (``roles.owned-target``): a violent verb that hits, seizes
    or destroys (``owned_target_verbs``) a piece of equipment a named party owns ("destroyed
    a Hezbollah drone", "seized a Bordurian tanker") was done to that party (only an event with
    no recipient; the equipment's mention must name a party, not only describe one)."""
    words = story_role_words()
    if ev.recipient or ev.type not in words.violent_types:
        return
    for i in ev.trigger_tokens:
        verb = doc[i]
        if verb.lemma_.lower() not in words.owned_target_verbs:
            continue
        for obj in verb.children:
            if obj.dep_ not in {"dobj", "nsubjpass"} or not is_equipment(obj):
                continue
            found = by_head.get(obj.i)
            if found is None or found.kind in {"NOMINAL", "PRONOUN"}:
                continue
            if all(found.name != a.name for a in ev.actor):
                how = f"whose '{obj.text}' '{verb.text}' hit"
                ev.recipient = [tagged(found, rules.ROLES_OWNED_TARGET, how)]
                return
