"""Whom a statement or a request is addressed to when its clause names no party (step 8 of
:mod:`khabar.nlp.events.story_roles`; PLOVER: an accusation, a rejection, a request … has a
target):

- **object author** (``roles.object-author``): the party whose act, statement or proposal is
  the object of an accusation, rejection, approval or agreement ("condemned the military
  actions launched by X", "rejected a challenge by X", "dismissed the appeal X lodged",
  "voted against X's plan"): the agent of a participle that describes the object, its 'by' or
  'from' party, the subject of a relative clause on it, or its possessor;
- **threatened party** (``roles.threat-target``): a threat whose clause names what would be
  done ("warned it would break off talks with X", "threatened to attack X") is made to whom
  that act would be done: the act's object, or the party its object or the verb names with
  'with', 'against' or 'on' (``khabar_story_roles_v4``: or, where that names another
  party's acts, their author: "would take action against attacks by X");
- **story counterpart** (``roles.story-counterpart``, after the sentence-level steps): a
  reaction (an accusation, rejection, demand, threat or sanction) that names no addressee
  answers the party its actor was last dealing with in the story — the actor of the nearest
  earlier event done to it, or the recipient of its own nearest earlier act (in the few
  sentences before its own): in a story of two sides, the other side;
- **request addressee** (``roles.request-addressee``): "at the request of X, Y did Z" — X asked
  and Y did as asked, so Y (the subject of the verb the request is attached to) is whom the
  request was made to.

Word lists: ``nlp/data/story_roles.yaml`` (``authored_types``, ``authored_preps``,
``author_preps``, ``threat_types``, ``threat_preps``, ``request_nouns``, ``request_preps``,
``reaction_types``, ``counterpart_sentences``).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from khabar.nlp import rules
from khabar.nlp.actors.names import of_object
from khabar.nlp.annotations import ActorMention, EventCandidate
from khabar.nlp.events.fallback import same_party
from khabar.nlp.events.role_clauses import tag_all
from khabar.nlp.events.role_words import story_role_words
from khabar.nlp.events.roles import subject_of, with_conjuncts


def implied_whom(
    doc: Doc, ev: EventCandidate, by_head: dict[int, ActorMention], authors: bool = False
) -> None:
    """Step 8 for one event (in place): only an event with no recipient. With ``authors``
    (``khabar_story_roles_v4``) a threat against another party's acts is made to their
    author."""
    if ev.recipient:
        return
    _object_author(doc, ev, by_head)
    if not ev.recipient:
        _threat_target(doc, ev, by_head, authors)
    if not ev.recipient:
        _request_addressee(doc, ev, by_head)


def _objects(doc: Doc, ev: EventCandidate) -> list[Token]:
    """What the trigger acts on: its object, or the noun after 'against'/'to' ("voted against
    the plan", "objected to the proposal")."""
    words = story_role_words()
    out = []
    for i in ev.trigger_tokens:
        for child in doc[i].children:
            if child.dep_ in {"dobj", "nsubjpass"} and child.i not in ev.trigger_tokens:
                out.append(child)
            elif child.dep_ == "prep" and child.lower_ in words.authored_preps:
                out.extend(g for g in child.children if g.dep_ == "pobj")
    return out


def _author(noun: Token, by_head: dict[int, ActorMention]) -> tuple[list[ActorMention], str]:
    """Who made or did what ``noun`` names, and how the text says so."""
    words = story_role_words()
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in words.author_preps:
            for pobj in child.children:
                if pobj.dep_ == "pobj" and (found := with_conjuncts(pobj, by_head)):
                    return found, f"'{child.text}' party of '{noun.text}'"
        if child.dep_ in {"acl", "relcl"}:
            for g in child.children:
                if g.dep_ == "agent":
                    for pobj in g.children:
                        if pobj.dep_ == "pobj" and (found := with_conjuncts(pobj, by_head)):
                            return found, f"who '{child.text}' '{noun.text}'"
                if g.dep_ == "nsubj" and g.i in by_head:  # "the appeal X lodged"
                    return with_conjuncts(g, by_head), f"who '{child.text}' '{noun.text}'"
        if child.dep_ == "poss" and child.i in by_head:
            return [by_head[child.i]], f"whose '{noun.text}'"
    return [], ""


def _object_author(doc: Doc, ev: EventCandidate, by_head: dict[int, ActorMention]) -> None:
    words = story_role_words()
    if ev.type not in words.authored_types:
        return
    for noun in _objects(doc, ev):
        if noun.i in by_head:
            return  # the object is a party: the clause's own rules name it
        found, how = _author(noun, by_head)
        found = [m for m in found if not same_party(doc, m, ev.actor)]
        if found:
            said = doc[ev.trigger_start].text
            ev.recipient = tag_all(
                found, rules.ROLES_OBJECT_AUTHOR, f"{how}, what '{said}' answers"
            )
            return


def _party_or_author(
    noun: Token, by_head: dict[int, ActorMention], authors: bool
) -> list[ActorMention]:
    """The party ``noun`` names, else (with ``authors``) who did the act it names ("action
    against attacks by X": X)."""
    if noun.i in by_head:
        return with_conjuncts(noun, by_head)
    if not authors:
        return []
    found = _author(noun, by_head)[0]
    for prep in noun.children if not found else ():
        if prep.dep_ == "prep" and prep.lower_ in story_role_words().author_preps:
            for pobj in prep.children:  # "attacks by agents of X": X
                inner = of_object(pobj) if pobj.dep_ == "pobj" else None
                if inner is not None and inner.i in by_head:
                    return with_conjuncts(inner, by_head)
    return found


def _threatened(
    verb: Token, by_head: dict[int, ActorMention], authors: bool = False
) -> list[ActorMention]:
    """Whom the act a threat names would be done to."""
    words = story_role_words()
    for child in verb.children:
        if child.dep_ == "dobj":
            if child.i in by_head:
                return with_conjuncts(child, by_head)
            for prep in child.children:
                if prep.dep_ == "prep" and prep.lower_ in words.threat_preps:
                    for pobj in prep.children:
                        if pobj.dep_ == "pobj" and (
                            found := _party_or_author(pobj, by_head, authors)
                        ):
                            return found
        if child.dep_ == "prep" and child.lower_ in words.threat_preps - {"with"}:
            for pobj in child.children:
                if pobj.dep_ == "pobj" and (found := _party_or_author(pobj, by_head, authors)):
                    return found
    return []


def _threat_target(
    doc: Doc, ev: EventCandidate, by_head: dict[int, ActorMention], authors: bool = False
) -> None:
    words = story_role_words()
    if ev.type not in words.threat_types:
        return
    trig = doc[ev.trigger_start]
    for verb in trig.children:
        if verb.dep_ not in {"ccomp", "xcomp"} or verb.pos_ not in {"VERB", "AUX"}:
            continue
        found = [
            m
            for m in _threatened(verb, by_head, authors)
            if m.kind != "PRONOUN" and not same_party(doc, m, ev.actor)
        ]
        if found:
            how = f"whom '{trig.text}' says '{verb.text}' would be done to"
            ev.recipient = tag_all(found, rules.ROLES_THREAT_TARGET, how)
            return


def _request_addressee(doc: Doc, ev: EventCandidate, by_head: dict[int, ActorMention]) -> None:
    words = story_role_words()
    trig = doc[ev.trigger_start]
    if ev.type != "REQUEST" or trig.lemma_.lower() not in words.request_nouns:
        return
    prep = trig.head
    if prep.dep_ != "prep" or prep.lower_ not in words.request_preps or prep.head.pos_ != "VERB":
        return
    verb = prep.head
    found = [m for m in subject_of(verb, by_head) if not same_party(doc, m, ev.actor) and m.kind]
    if found:
        how = f"who '{verb.text}' at the '{trig.text}'"
        ev.recipient = tag_all(found, rules.ROLES_REQUEST_ADDRESSEE, how)


def _key(m: ActorMention) -> str:
    """A party's name without case or a plural 's' ("Rebels" and "Rebel" are one party)."""
    return m.name.lower().removesuffix("s")


def _named(ms: list[ActorMention]) -> list[ActorMention]:
    return [m for m in ms if m.kind != "PRONOUN" or m.antecedent is not None]


def story_counterparts(doc: Doc, events: list[EventCandidate]) -> None:
    """The story counterpart of each reaction with an actor and no recipient (in place)."""
    words = story_role_words()
    sent_of = {s.start: n for n, s in enumerate(doc.sents)}
    where = {id(e): sent_of[doc[e.trigger_start].sent.start] for e in events}
    ordered = sorted(events, key=lambda e: e.trigger_start)
    for n, ev in enumerate(ordered):
        if ev.recipient or not ev.actor or ev.type not in words.reaction_types:
            continue
        names = {_key(a) for a in ev.actor}
        for other in reversed(ordered[:n]):
            if where[id(ev)] - where[id(other)] > words.counterpart_sentences:
                break
            if where[id(other)] == where[id(ev)]:
                continue  # its own sentence's parties are the clause rules' to name
            if names & {_key(r) for r in other.recipient}:
                found, said = _named(other.actor), "acted towards"
            elif names & {_key(a) for a in other.actor}:
                found, said = _named(other.recipient), "dealt with"
            else:
                continue
            found = [m for m in found if _key(m) not in names and not same_party(doc, m, ev.actor)]
            if found:
                how = f"the party the story says last {said} it ('{doc[other.trigger_start].text}')"
                ev.recipient = tag_all(found, rules.ROLES_COUNTERPART, how)
                break
