"""Story-level roles (issue 9, item 10): the actor and recipient of an event whose own clause
names none, found in the rest of its sentence or in the story.

Runs last (``khabar_story_roles_v1``), after the story-event passes, and only fills roles
that are empty; every mention it adds is a copy with its own rule id and a ``how`` that says
where it came from. In order, for each event:

0. **participle holder** (``roles.participle-holder``, any type): a trigger participle that
   describes a noun acts for that noun when it is a party ("protesters demanding …"), else
   for whoever did something with it ("passed a resolution imposing sanctions");
1. **cause event** (``roles.cause-event``): a violent verb with no agent whose clause names the
   event it happened in or by ("were killed in clashes between X and Y", "wounded in a
   militant attack", "killed in an attack blamed on X", "X shelling killed …") takes that event
   noun's parties: its possessor, modifier, 'by'/'between' parties, or the party an
   attribution verb names;
2. **occurrence between** (``roles.occurrence-between``): an event noun that is the subject of
   a verb of occurrence, or a passive's subject, takes the parties the verb puts 'between'
   ("clashes erupted between X and Y", "an agreement was signed between X and Y"): the first
   is the actor, the rest whom; one plural party ("clashes between armed factions") acts;
3. **target** (``roles.target``): a violent event with no recipient takes what it was aimed
   at ("fired at Indian positions", "a boat was attacked", "attacks on the town"), named by
   the state a demonym in it names, else by its noun (the coding rule names the target's
   description when the text names no party);
4. **exchange** (``roles.exchange``): "X and Y exchanged prisoners", split into one event per
   actor, gives each the other as recipient (the prisoners are what was exchanged); parties
   that agree, sign or meet together ("X and Y agreed on a ceasefire": one event) are each
   the other's counterpart, so the recipient lists them too (the coding rule: one line per
   party, the other as its recipient);
5. **restated actor** (``roles.story-restated``): an agentless violent, protest or
   mobilisation event takes the actor of the nearest event of its kind in the story (earlier
   first, else later: the lead's "were killed in an attack" before the paragraph that names
   the attackers; "three villagers were detained" after "soldiers raided the village"), never
   a pronoun and never a party that is its own recipient; with no such event, a violent one
   takes who the story says claimed responsibility (``roles.responsibility-claim``), and a
   protest the protesters the story names nearest to it (``roles.story-protesters``);
6. **protest target** (``roles.protest-government``): a protest with no named target is
   against the government of the protesters' country (or the country the story is about):
   the nearest mention of that government in the story.

Word lists: ``nlp/data/story_roles.yaml``.
"""

from __future__ import annotations

import copy

from spacy.tokens import Doc, Token

from khabar.geo.countries import CountryTable
from khabar.nlp import rules
from khabar.nlp.actors import focus_country, np_span
from khabar.nlp.actors.names import of_object
from khabar.nlp.annotations import ActorMention, EventCandidate
from khabar.nlp.events.fallback import country_modifier, same_party
from khabar.nlp.events.role_words import StoryRoleWords, story_role_words
from khabar.nlp.events.roles import (
    COMPOUND_AGENT_SECTORS,
    is_equipment,
    noun_roles,
    subject_of,
    with_conjuncts,
)
from khabar.nlp.events.triggers import sense_for_noun
from khabar.nlp.lexicon import TriggerLexicon


def _tagged(m: ActorMention, rule: str, how: str) -> ActorMention:
    """A copy of ``m`` for this event's role, with the rule that put it there."""
    out = copy.copy(m)
    out.rule = rule
    out.how = f"{m.how}; {how}" if m.how else how
    return out


def _tag_all(ms: list[ActorMention], rule: str, how: str) -> list[ActorMention]:
    return [_tagged(m, rule, how) for m in ms]


# ------------------------------------------------------------------------- 1. cause event


def _is_violent_noun(tok: Token, lex: TriggerLexicon, words: StoryRoleWords) -> bool:
    if tok.pos_ not in {"NOUN", "PROPN"}:
        return False
    if tok.lemma_.lower() in words.cause_nouns:
        return True
    found = sense_for_noun(tok, lex)
    return found is not None and found[0].type in words.violent_types


def _attributed(noun: Token, by_head: dict[int, ActorMention], words: StoryRoleWords) -> list:
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


def _participle_holder(verb: Token, by_head: dict[int, ActorMention]) -> list[ActorMention]:
    """'protesters demanding reforms' → the protesters; 'passed a resolution imposing
    sanctions" → who passed it (step 0, any type)."""
    noun = verb.head
    if noun.i in by_head:
        return [by_head[noun.i]]
    if noun.dep_ in {"dobj", "obj"} and noun.head.pos_ in {"VERB", "AUX"}:
        return subject_of(noun.head, by_head)
    return []


# ----------------------------------------------------------------------- 2b. the target


def _target_token(trig: Token, trig_tokens: set[int], words: StoryRoleWords) -> Token | None:
    """What a violent trigger was aimed at: 'fired at X', 'attacked X', 'X was attacked',
    'attacks on X' (not a time, a number, a weapon or a word of the trigger)."""

    def usable(tok: Token) -> bool:
        # "one of the members of the group": a number with its 'of' names who
        part_of = any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children)
        return (
            tok.i not in trig_tokens
            and (tok.pos_ in {"NOUN", "PROPN", "PRON"} or part_of)
            and (part_of or tok.ent_type_ not in {"DATE", "TIME", "CARDINAL", "ORDINAL"})
            and tok.ent_type_ not in {"DATE", "TIME"}
            and not is_equipment(tok)
            and tok.lower_ not in words.target_stop
        )

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
                if not first and child.dep_ in {"dobj", "nsubjpass"} and usable(child):
                    return child
    return None


def _target(
    doc: Doc,
    ev: EventCandidate,
    by_head: dict[int, ActorMention],
    countries: CountryTable | None,
    words: StoryRoleWords,
) -> ActorMention | None:
    """An unnamed target as the recipient, named by its owner when a demonym or a possessor
    says whose it is ("Indian positions", "a Philippine boat"), else by its noun."""
    trig_tokens = set(ev.trigger_tokens)
    how = f"what '{doc[ev.trigger_start].text}' was aimed at"
    for i in sorted(trig_tokens):
        for child in doc[i].children:
            if child.dep_ == "poss" and child.i in by_head:
                # "dispersed a women's protest": the protest's holders
                return _tagged(by_head[child.i], rules.ROLES_TARGET, how)
    tok = _target_token(doc[ev.trigger_start], trig_tokens, words)
    if tok is None or tok.pos_ == "PRON":
        return None
    if tok.i in by_head:  # "their troops were shot at": a party the filters set aside
        return _tagged(by_head[tok.i], rules.ROLES_TARGET, how)
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
        how=f"'{span.text}': what '{doc[ev.trigger_start].text}' was aimed at",
        rule=rules.ROLES_TARGET,
    )


# ------------------------------------------------------------------------------ the pass


def _sentence_roles(
    doc: Doc,
    ev: EventCandidate,
    by_head: dict[int, ActorMention],
    lex: TriggerLexicon,
    countries: CountryTable | None,
) -> None:
    """Steps 0-3 for one event."""
    words = story_role_words()
    trig = doc[ev.trigger_start]
    if not ev.actor and trig.dep_ == "acl" and trig.tag_ == "VBG":
        holder = _participle_holder(trig, by_head)
        if holder:
            ev.actor = _tag_all(holder, rules.ROLES_PARTICIPLE, f"who '{trig.text}' is said of")
    if not ev.actor:
        actors: list[ActorMention] = []
        targets: list[ActorMention] = []
        rule, how = "", ""
        if trig.pos_ in {"VERB", "AUX"} and ev.type in words.violent_types:
            actors, targets = cause_event_roles(trig, by_head, lex, countries)
            rule, how = rules.ROLES_CAUSE_EVENT, f"party of the event '{trig.text}' happened in"
        elif trig.pos_ == "NOUN":
            actors, targets = occurrence_parties(trig, by_head)
            if not actors and ev.type in words.violent_types:
                actors, targets = _own_parties(trig, by_head)
            rule, how = rules.ROLES_OCCURRENCE, f"party the verb of '{trig.text}' puts between"
        actors = [a for a in actors if not ev.recipient or not same_party(doc, a, ev.recipient)]
        if actors:
            ev.actor = _tag_all(actors, rule, how)
            if not ev.recipient:
                whom = [t for t in targets if not same_party(doc, t, actors)]
                ev.recipient = _tag_all(whom, rule, how + " (whom)")
    if ev.type in words.violent_types and not ev.recipient:
        target = _target(doc, ev, by_head, countries, words)
        if target is not None and all(target.name != a.name for a in ev.actor):
            ev.recipient = [target]


def _exchange(doc: Doc, events: list[EventCandidate]) -> None:
    """Step 3: joint actors of an exchange each act towards the others."""
    words = story_role_words()
    groups: dict[tuple[int, str], list[EventCandidate]] = {}
    for ev in events:
        lemma = doc[ev.trigger_start].lemma_.lower()
        if ev.joint and lemma in words.exchange_verbs | words.mutual_words:
            groups.setdefault((ev.trigger_start, ev.type), []).append(ev)
    for group in groups.values():
        for ev in group:
            if any(
                r.kind != "NOMINAL" or r.sector in words.government_sectors for r in ev.recipient
            ):
                continue  # a named recipient stays
            others = [m for o in group if o is not ev for m in o.actor]
            if others:
                how = f"the other party of '{doc[ev.trigger_start].text}'"
                ev.recipient = _tag_all(others, rules.ROLES_EXCHANGE, how)


def _mutual(doc: Doc, events: list[EventCandidate]) -> None:
    """Step 4b: parties that agree, meet or sign together ("X and Y agreed on a ceasefire")
    are each the other's counterpart: with no recipient, the recipient is the other parties."""
    words = story_role_words()
    for ev in events:
        names = {a.name for a in ev.actor}
        lemma = doc[ev.trigger_start].lemma_.lower()
        if ev.recipient or len(names) < 2 or lemma not in words.mutual_words:
            continue
        how = f"the counterpart of the other party in '{doc[ev.trigger_start].text}'"
        ev.recipient = _tag_all(list(reversed(ev.actor)), rules.ROLES_EXCHANGE, how)


def _claimants(doc: Doc, by_head: dict[int, ActorMention]) -> list[ActorMention]:
    """Who the story says claimed responsibility ("X claimed responsibility for …")."""
    words = story_role_words()
    for tok in doc:
        if tok.lemma_.lower() in words.claim_nouns and tok.dep_ == "dobj":
            verb = tok.head
            if verb.lemma_.lower() in words.claim_verbs:
                found = subject_of(verb, by_head)
                if found:
                    return found
    return []


def _same_kind(a: str, b: str, words: StoryRoleWords) -> bool:
    return a == b or (a in words.violent_family and b in words.violent_family)


def _nearest(ev: EventCandidate, mentions: list[ActorMention]) -> ActorMention | None:
    """The mention nearest before the event's trigger, else the nearest after it."""
    at = ev.trigger_start
    return min(mentions, key=lambda m: (m.start > at, abs(m.start - at)), default=None)


def _restated(doc: Doc, events: list[EventCandidate], mentions: list[ActorMention]) -> None:
    """Step 4: an agentless event takes the actor of the story's nearest earlier event of its
    kind, else of the nearest later one (the lead's "were killed in an attack" before the
    paragraph that names the attackers)."""
    words = story_role_words()
    ordered = sorted(events, key=lambda e: e.trigger_start)
    by_head = {m.head: m for m in mentions}
    claimants = [c for c in _claimants(doc, by_head) if c.rule != rules.PRONOUN]
    protesters = [m for m in mentions if doc[m.head].lemma_.lower() in words.protester_nouns]
    for n, ev in enumerate(ordered):
        if ev.actor or ev.type not in words.restated_types:
            continue
        for other in [*reversed(ordered[:n]), *ordered[n + 1 :]]:
            if not _same_kind(other.type, ev.type, words) or not other.actor:
                continue
            if any(o.rule == rules.ROLES_RESTATED for o in other.actor):
                continue  # only actors the story names for an event, not ones lent on
            actor = [
                a
                for a in other.actor
                if a.kind in words.party_kinds
                and a.rule != rules.PRONOUN
                and not same_party(doc, a, ev.recipient)
            ]
            if actor:
                where = "earlier" if other.trigger_start < ev.trigger_start else "later"
                said = doc[other.trigger_start].text
                how = f"actor of the story's {where} {other.type} event '{said}'"
                ev.actor = _tag_all(actor, rules.ROLES_RESTATED, how)
                break
        if not ev.actor and ev.type in words.violent_types and claimants:
            how = "who the story says claimed responsibility"
            ev.actor = _tag_all(claimants, rules.ROLES_CLAIM, how)
        if not ev.actor and ev.type in words.protest_types:
            crowd = _nearest(ev, protesters)
            if crowd is not None:
                how = "the protesters the story names"
                ev.actor = [_tagged(crowd, rules.ROLES_PROTESTERS, how)]


def _most_named_country(mentions: list[ActorMention]) -> str | None:
    """The country named most often by the story's mentions (the first named on a tie)."""
    counts: dict[str, int] = {}
    for m in mentions:
        if m.country and m.country not in {"IGO", "NGO"} and m.kind != "PRONOUN":
            counts[m.country] = counts.get(m.country, 0) + 1
    return max(counts, key=lambda c: counts[c]) if counts else None


def _protest_targets(doc: Doc, events: list[EventCandidate], mentions: list[ActorMention]) -> None:
    """Step 5: a protest with no named target is against the protesters' government."""
    words = story_role_words()
    focus = focus_country(mentions) or _most_named_country(mentions)
    for ev in events:
        if ev.type not in words.protest_types or ev.recipient:
            continue
        country = next((a.country for a in ev.actor if a.country), None) or focus
        if country is None:
            continue
        govs = [
            m
            for m in mentions
            if m.country == country
            and m.sector in words.government_sectors
            and m.kind != "PRONOUN"
            and not same_party(doc, m, ev.actor)
        ]
        if not govs:
            continue
        best = min(
            govs, key=lambda m: (m.start > ev.trigger_start, abs(m.start - ev.trigger_start))
        )
        how = "a protest with no named target is against the protesters' government"
        ev.recipient = [_tagged(best, rules.ROLES_PROTEST_TARGET, how)]


def fill_story_roles(
    doc: Doc,
    events: list[EventCandidate],
    mentions: list[ActorMention],
    lex: TriggerLexicon,
    countries: CountryTable | None = None,
) -> list[EventCandidate]:
    """Steps 1-5 of the module docstring, in order; fills empty roles in place."""
    by_head = {m.head: m for m in mentions}
    for m in mentions:
        for i in range(m.start, m.end):
            by_head.setdefault(i, m)
    for ev in events:
        _sentence_roles(doc, ev, by_head, lex, countries)
    _exchange(doc, events)
    _mutual(doc, events)
    _restated(doc, events, mentions)
    _protest_targets(doc, events, mentions)
    return events
