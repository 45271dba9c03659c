"""Acronyms the story defines (``actor.story-acronym``): "the Rapid Support Forces (RSF)" (or
"the Rapid Support Forces, RSF,") makes
every later "RSF" that party, over a knowledge-base alias of the same letters (another
organisation's acronym) and over an unresolved name, and a bare "RSF" the mention finder did
not see becomes a mention of it."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from khabar.nlp import rules
from khabar.nlp.annotations import ActorMention

#: An acronym: two to ten capitals, digits or hyphens, starting with a capital ("FARC-EP").
_ACRONYM = re.compile(r"[A-Z][A-Z0-9-]{1,9}")
#: Kinds of mention that can carry an acronym (not a person, a pronoun or a country).
_DEFINED_KINDS = frozenset({"ORG", "GROUP", "NOMINAL"})


def _is_acronym(text: str) -> bool:
    return bool(_ACRONYM.fullmatch(text)) and any(c.isalpha() for c in text[1:])


def _initials_in_order(acronym: str, initials: list[str]) -> bool:
    """Whether the acronym's letters are the name's initials, in order ("PDP": "Peoples
    Democratic Party")."""
    rest = iter(initials)
    return all(letter in rest for letter in acronym if letter.isalpha())


def _defined(doc: Doc, mentions: list[ActorMention]) -> dict[str, ActorMention]:
    """Acronym -> the mention it is defined for: "<name> (<ACRONYM>)" or "<name>, <ACRONYM>,",
    where the acronym's letters are the initials of the name's capitalised words in order;
    in brackets also in another order ("FARC" for a name translated from Spanish) when its
    first letter is one of them. A credit in brackets ("(AFP)" after a ministry) or a list
    of names ("the United Nations, UNICEF,") defines nothing."""
    found: dict[str, ActorMention] = {}
    for i in range(1, len(doc) - 2):
        opens, closes = doc[i].text, doc[i + 2].text
        bracket = opens == "(" and closes == ")"
        comma = opens == "," and closes in {",", ".", ";"}
        if not (bracket or comma) or not _is_acronym(doc[i + 1].text):
            continue
        acronym = doc[i + 1].text
        before = [m for m in mentions if m.start < i and m.end >= i and m.kind in _DEFINED_KINDS]
        if not before or acronym in found:
            continue
        named = max(before, key=lambda m: m.end - m.start)
        initials = [t.text[0] for t in doc[named.start : i] if t.text[:1].isupper()]
        letters = {c for c in acronym if c.isalpha()}
        loose = bracket and acronym[0] in initials and letters <= set(initials)
        if loose or _initials_in_order(acronym, initials):
            found[acronym] = named
    return found


def _stripped(doc: Doc, m: ActorMention) -> str:
    words = [t.text for t in doc[m.start : m.end] if t.lower_ not in {"the", "'s", "’s"}]
    return " ".join(words)


def apply_story_acronyms(doc: Doc, mentions: list[ActorMention]) -> list[ActorMention]:
    """The mentions with the story's acronyms resolved to the parties they are defined for
    (in place), plus a mention for each bare acronym no mention covers; document order."""
    defined = _defined(doc, mentions)
    if not defined:
        return mentions
    covered = {i for m in mentions for i in range(m.start, m.end)}
    for m in mentions:
        acronym = next((a for a in defined if _stripped(doc, m) == a or m.name == a), None)
        source = defined.get(acronym) if acronym is not None else None
        if source is None or source is m or source.start <= m.head < source.end:
            continue
        m.copy_resolution(source, f"'{acronym}' as the story defines it: {source.name}")
        m.kind, m.plural, m.rule = source.kind, source.plural, rules.STORY_ACRONYM
    added = []
    for tok in doc:
        source = defined.get(tok.text)
        if source is None or tok.i in covered or tok.dep_ == "compound":
            continue
        start = tok.i - 1 if tok.i > 0 and doc[tok.i - 1].lower_ == "the" else tok.i
        added.append(
            ActorMention(
                start=start,
                end=tok.i + 1,
                head=tok.i,
                name=source.name,
                kind=source.kind,
                country=source.country,
                sector=source.sector,
                plural=source.plural,
                how=f"'{tok.text}' as the story defines it: {source.name}",
                rule=rules.STORY_ACRONYM,
            )
        )
    return sorted([*mentions, *added], key=lambda m: m.start) if added else mentions
