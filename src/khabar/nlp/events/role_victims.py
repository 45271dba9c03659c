"""Victims described only as people are civilians (step 11 of
:mod:`khabar.nlp.events.story_roles`, ``roles.civilian-victims``).

PLOVER and ACLED code the victims of political violence who belong to no armed or political
group as civilians: "12 people were killed in the attack", "gunmen abducted four women",
"two villagers were beaten" are attacks on civilians. The actor finder names such a mention
by its noun ("People", "Women"); for the recipient of a violent event (``violent_types``)
whose head is a person noun (``victim_nouns``) and that names no party (no person name, no
organisation, no sector other than civilian) this step gives it the canonical name
"Civilians" (with the country a demonym in it names, as the actor finder writes it:
"Civilians (Syria)") and sector CVL. The text of the mention is kept.

In the same way (``roles.crowd-protesters``) a party described only by a word for a crowd
("demonstrators", "the crowd", ``crowd_nouns``) that protests (``protest_types``) or that a
violent act was done to is named "Protesters" (PLOVER: a protest is by civilian
demonstrators), so a story's "demonstrators" and "protesters" are one party.

Word lists: ``nlp/data/story_roles.yaml`` (``victim_nouns``, ``crowd_nouns``,
``violent_types``, ``protest_types``).
"""

from __future__ import annotations

from spacy.tokens import Doc

from khabar.nlp import rules
from khabar.nlp.annotations import ActorMention, EventCandidate
from khabar.nlp.events.role_clauses import tagged
from khabar.nlp.events.role_words import story_role_words

CIVILIANS = "Civilians"


PROTESTERS = "Protesters"


def _renamed(
    doc: Doc, m: ActorMention, nouns: frozenset[str], name: str, rule: str, how: str
) -> ActorMention | None:
    """``m`` under the canonical ``name`` when it is a description headed by one of
    ``nouns`` that names no party of its own."""
    if m.kind != "NOMINAL" or m.sector not in {None, "CVL"} or m.name.startswith(name):
        return None
    if doc[m.head].lemma_.lower() not in nouns:
        return None
    out = tagged(m, rule, how)
    suffix = m.name[m.name.index(" (") :] if " (" in m.name else ""
    out.name, out.sector = name + suffix, "CVL"
    return out


def _as_civilians(doc: Doc, m: ActorMention) -> ActorMention | None:
    words = story_role_words()
    crowd = _as_protesters(doc, m)
    if crowd is not None:
        return crowd
    how = "victims named by no party are civilians"
    return _renamed(doc, m, words.victim_nouns, CIVILIANS, rules.ROLES_CIVILIANS, how)


def _as_protesters(doc: Doc, m: ActorMention) -> ActorMention | None:
    how = "a crowd named by no party is protesters"
    nouns = story_role_words().crowd_nouns
    return _renamed(doc, m, nouns, PROTESTERS, rules.ROLES_PROTESTERS_NAMED, how)


def civilian_victims(doc: Doc, events: list[EventCandidate]) -> None:
    """Step 11 (in place): the people a violent event harmed, named as civilians, and a
    crowd that protests or is harmed, as protesters."""
    words = story_role_words()
    for ev in events:
        if ev.type in words.violent_types:
            ev.recipient = [_as_civilians(doc, m) or m for m in ev.recipient]
        if ev.type in words.protest_types:
            ev.actor = [_as_protesters(doc, m) or m for m in ev.actor]
