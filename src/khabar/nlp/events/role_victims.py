"""Victims described only as people are civilians (step 11 of
:mod:`khabar.nlp.events.story_roles`, ``roles.civilian-victims``).

PLOVER and ACLED code the victims of political violence who belong to no armed or political
group as civilians: "20 people were killed in the attack", "gunmen abducted seven women",
"three villagers were beaten" are attacks on civilians. The actor finder names such a mention
by its noun ("People", "Women"); for the recipient of a violent event (``violent_types``)
whose head is a person noun (``victim_nouns``) and that names no party (no person name, no
organisation, no sector other than civilian) this step gives it the canonical name
"Civilians" (with the country a demonym in it names, as the actor finder writes it:
"Civilians (Syria)") and sector CVL. The text of the mention is kept.

Word lists: ``nlp/data/story_roles.yaml`` (``victim_nouns``, ``violent_types``).
"""

from __future__ import annotations

from spacy.tokens import Doc

from khabar.nlp import rules
from khabar.nlp.annotations import ActorMention, EventCandidate
from khabar.nlp.events.role_clauses import tagged
from khabar.nlp.events.role_words import story_role_words

CIVILIANS = "Civilians"


def _as_civilians(doc: Doc, m: ActorMention) -> ActorMention | None:
    words = story_role_words()
    if m.kind != "NOMINAL" or m.sector not in {None, "CVL"} or m.name.startswith(CIVILIANS):
        return None
    if doc[m.head].lemma_.lower() not in words.victim_nouns:
        return None
    out = tagged(m, rules.ROLES_CIVILIANS, "victims named by no party are civilians")
    suffix = m.name[m.name.index(" (") :] if " (" in m.name else ""
    out.name, out.sector = CIVILIANS + suffix, "CVL"
    return out


def civilian_victims(doc: Doc, events: list[EventCandidate]) -> None:
    """Step 11 (in place): the people a violent event harmed, named as civilians."""
    words = story_role_words()
    for ev in events:
        if ev.type not in words.violent_types:
            continue
        ev.recipient = [_as_civilians(doc, m) or m for m in ev.recipient]
