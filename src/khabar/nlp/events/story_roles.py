"""Story-level roles (issue 9, item 10): the actor and recipient of an event whose own clause
names none, found in the rest of its sentence or in the story.

Runs last (``khabar_story_roles_v1``), after the story-event passes. It fills roles that are
empty and adds the targets a clause names beside the victims (steps 2-3); it never removes or
replaces a named party. Every mention it adds is a copy with its own rule id and a ``how``
that says where it came from (sentence-level steps 0-3: :mod:`.role_clauses`). In order, for
each event:

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
   else who took part (``roles.participant``): the subject of a participation or light verb
   whose object the noun is ("X had a meeting with Y": Y whom), or the agent of a verb that
   describes it ("an attack launched by X").
   Whom steps 1-2 find joins the victims already named ("civilians were killed in clashes
   between X and Y": Y beside the civilians);
3. **whom** (sentence-level, :mod:`.role_targets`): the noun a relative clause describes
   ("the group which it accused": ``roles.relative-object``, any type); a trigger's own
   object word that names a party ("summoned the Belgian ambassador"), or the protesters
   its sentence names for a protest that was ended ("broke up the protest":
   ``roles.own-object``); and for a violent event what it was aimed at (``roles.target``:
   "fired at Indian positions", "a vehicle was attacked", "stormed a village, killing 33
   people"), beside the people it killed and in place of a party named only as where it
   came from ("fired missiles from Yemen at a ship"); named by the state a demonym in it
   names, or the party that drives it ("a car driven by X"), else by its noun (the coding
   rule names the target's description when the text names no party); the event's own
   sentence first, then the sentences that tell it again;
4. **exchange** (``roles.exchange``): "X and Y exchanged prisoners", split into one event per
   actor, gives each the other as recipient (the prisoners are what was exchanged); parties
   that agree, sign or meet together ("X and Y agreed on a ceasefire": one event they did
   together) are each the other's counterpart, so the recipient lists them too (the coding
   rule: one line per party, the other as its recipient), never the thing agreed on;
5. **restated actor** (``roles.story-restated``): an agentless violent, protest or
   mobilisation event takes the actor of the nearest event of its kind in the story (earlier
   first, else later: the lead's "were killed in an attack" before the paragraph that names
   the attackers; "three villagers were detained" after "soldiers raided the village"), never
   a pronoun and never a party that is its own recipient; with no such event, a violent one
   takes who the story says claimed responsibility (``roles.responsibility-claim``), and a
   protest the protesters the story names nearest to it (``roles.story-protesters``);
6. **accuser** (``roles.accuser``): a rejection or denial of allegations, accusations or
   claims with no recipient answers who made them: the actor of the story's nearest earlier
   accusation by another party;
7. **protest target** (``roles.protest-government``): a protest with no named target is
   against the government of the protesters' country (or the country the story is about):
   the nearest mention of that government in the story;
8. **implied addressee** (``khabar_story_roles_v2`` only, :mod:`.role_implied`): a statement
   whose object is another party's act takes that act's author (``roles.object-author``:
   "condemned the actions launched by X"), a threat the party its threatened act would be
   done to (``roles.threat-target``), "at the request of X, Y did Z" makes Y the
   request's recipient (``roles.request-addressee``); then a reaction that still names no
   addressee answers the party its actor last dealt with in the story
   (``roles.story-counterpart``);
9. **mutual acts** (``khabar_story_roles_v3`` only, ``story.mutual``): a mutual act whose two
   sides these steps found ("a ceasefire agreement was signed between X and Y") is done by
   both: the other side's part is added, as the story-event passes do for the sides they see;
10. **quoted speaker** (``khabar_story_roles_v4`` only, :mod:`.role_speaker`,
   ``roles.quoted-speaker``): an event whose only actor is an unresolved 'we' takes the
   speaker of its quote, named by the verb that attributes it in its sentence or in the
   sentence of its paragraph where the quote closes. Runs first, so the later steps see it;
11. **civilian victims** (``khabar_story_roles_v4`` only, :mod:`.role_victims`,
   ``roles.civilian-victims``): the recipient of a violent event described only as people
   ("12 people", "two villagers") is named as civilians, a crowd ("demonstrators") that
   protests or is harmed as protesters. Runs last. With v4, after step 3, a verb whose
   object is a bare number joined to one whose object is a party ("killed 14 fighters and
   detained three") acts on that party (``roles.elided-object``, :mod:`.role_targets`), and
   a violent verb that hits or seizes equipment a named party owns ("destroyed a Hezbollah
   drone") was done to that party (``roles.owned-target``).

Word lists: ``nlp/data/story_roles.yaml``.
"""

from __future__ import annotations

from spacy.tokens import Doc

from khabar.geo.countries import CountryTable
from khabar.nlp import rules
from khabar.nlp.actors import focus_country
from khabar.nlp.annotations import ActorMention, EventCandidate
from khabar.nlp.events.fallback import same_party
from khabar.nlp.events.role_clauses import clause_roles, tag_all, tagged
from khabar.nlp.events.role_implied import implied_whom, story_counterparts
from khabar.nlp.events.role_speaker import quoted_speaker
from khabar.nlp.events.role_targets import clause_whom, elided_object, owned_target
from khabar.nlp.events.role_victims import civilian_victims
from khabar.nlp.events.role_words import StoryRoleWords, story_role_words
from khabar.nlp.events.roles import subject_of
from khabar.nlp.events.story_parties import reverse_mutual
from khabar.nlp.events.story_words import story_event_words
from khabar.nlp.lexicon import TriggerLexicon


def _exchange(doc: Doc, events: list[EventCandidate]) -> None:
    """Step 4: joint actors of an exchange, or of an act done together, each act towards the
    others."""
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
                ev.recipient = tag_all(others, rules.ROLES_EXCHANGE, how)


def _mutual(doc: Doc, events: list[EventCandidate]) -> None:
    """Step 4: parties that agree, meet or sign together ("X and Y agreed on a ceasefire")
    are each the other's counterpart: with no recipient, the recipient is the other parties."""
    words = story_role_words()
    for ev in events:
        names = {a.name for a in ev.actor}
        lemma = doc[ev.trigger_start].lemma_.lower()
        if ev.recipient or len(names) < 2 or lemma not in words.mutual_words:
            continue
        how = f"the counterpart of the other party in '{doc[ev.trigger_start].text}'"
        ev.recipient = tag_all(list(reversed(ev.actor)), rules.ROLES_EXCHANGE, how)


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
    """Step 5: an agentless event takes the actor of the story's nearest earlier event of its
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
                ev.actor = tag_all(actor, rules.ROLES_RESTATED, how)
                break
        if not ev.actor and ev.type in words.violent_types and claimants:
            how = "who the story says claimed responsibility"
            ev.actor = tag_all(claimants, rules.ROLES_CLAIM, how)
        if not ev.actor and ev.type in words.protest_types:
            crowd = _nearest(ev, protesters)
            if crowd is not None:
                how = "the protesters the story names"
                ev.actor = [tagged(crowd, rules.ROLES_PROTESTERS, how)]


def _accusers(doc: Doc, events: list[EventCandidate]) -> None:
    """Step 6: "X rejected the allegations": whom X rejects is who the story says made them
    (the actor of the nearest earlier accusation by another party)."""
    words = story_role_words()
    accusations = sorted(
        (e for e in events if e.type in words.accusation_types and e.actor),
        key=lambda e: e.trigger_start,
    )
    for ev in events:
        if ev.type not in words.denial_types or ev.recipient:
            continue
        said = {doc[i].lemma_.lower() for i in ev.trigger_tokens}
        objects = {
            c.lemma_.lower() for i in ev.trigger_tokens for c in doc[i].children if c.dep_ == "dobj"
        }
        if not (said | objects) & words.allegation_nouns:
            continue
        names = {a.name for a in ev.actor}
        earlier = [
            e
            for e in accusations
            if e.trigger_start < ev.trigger_start and not names & {a.name for a in e.actor}
        ]
        if earlier:
            how = f"who made the allegations '{doc[ev.trigger_start].text}' answers"
            ev.recipient = tag_all(earlier[-1].actor, rules.ROLES_ACCUSER, how)


def _most_named_country(mentions: list[ActorMention]) -> str | None:
    """The country named most often by the story's mentions (the first named on a tie)."""
    counts: dict[str, int] = {}
    for m in mentions:
        if m.country and m.country not in {"IGO", "NGO"} and m.kind != "PRONOUN":
            counts[m.country] = counts.get(m.country, 0) + 1
    return max(counts, key=lambda c: counts[c]) if counts else None


def _protest_targets(doc: Doc, events: list[EventCandidate], mentions: list[ActorMention]) -> None:
    """Step 7: a protest with no named target is against the protesters' government."""
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
        ev.recipient = [tagged(best, rules.ROLES_PROTEST_TARGET, how)]


def fill_story_roles(
    doc: Doc,
    events: list[EventCandidate],
    mentions: list[ActorMention],
    lex: TriggerLexicon,
    countries: CountryTable | None = None,
    implied: bool = False,
    mutual: bool = False,
    quoted: bool = False,
) -> list[EventCandidate]:
    """Steps 0-7 (and with ``implied`` step 8, with ``mutual`` step 9, with ``quoted`` step
    10 first and step 11 last) of the module docstring; fills empty roles in place and
    returns the events (step 9 adds)."""
    by_head = {m.head: m for m in mentions}
    for m in mentions:
        for i in range(m.start, m.end):
            by_head.setdefault(i, m)
    if quoted:
        quoted_speaker(doc, events, by_head)
    for ev in events:
        clause_roles(doc, ev, by_head, lex, countries)
        clause_whom(doc, ev, by_head, lex, countries)
        if quoted:
            elided_object(doc, ev, by_head)
            owned_target(doc, ev, by_head)
    _exchange(doc, events)
    _mutual(doc, events)
    _restated(doc, events, mentions)
    _accusers(doc, events)
    _protest_targets(doc, events, mentions)
    if implied:
        for ev in events:
            implied_whom(doc, ev, by_head, authors=quoted)
        story_counterparts(doc, events)
    if mutual:
        w = story_event_words()
        events = reverse_mutual(doc, events, w.mutual_triggers, w.harm_types)
    if quoted:
        civilian_victims(doc, events)
    return events
