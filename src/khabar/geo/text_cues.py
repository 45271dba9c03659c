"""What the text right around a place mention says about it: a qualifier after it ("Paris,
Texas"), a list it stands in ("Ohio, Texas and Georgia"), and the country demonyms of the text
outside the mentions."""

from __future__ import annotations

import re

from khabar.geo.entry import GazetteerEntry
from khabar.geo.index import GazetteerIndex
from khabar.geo.sources import load_words
from khabar.model.core import Place

QUALIFIER = re.compile(r"^\s*,\s*((?:[A-Z][\w.'’-]*)(?:\s+[A-Z][\w.'’-]*){0,3})")
LIST_BEFORE = re.compile(r"[A-Z][\w.'’-]*,\s*$")
LIST_AFTER = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)[A-Z]")
CAPITALISED = re.compile(r"\b[A-Z][a-z]{2,}\b", re.ASCII)


def qualifier_entries(index: GazetteerIndex, after: str) -> list[GazetteerEntry]:
    """Entries named right after the mention: 'Paris, Texas', 'Jalalabad, Afghanistan'."""
    m = QUALIFIER.match(after)
    if not m:
        return []
    words = m.group(1).split()
    for n in range(len(words), 0, -1):
        name = " ".join(words[:n])
        name = load_words().us_state_abbreviations.get(name, name).rstrip(".,")
        hits = [e for e, _ in index.lookup(name) if e.kind in ("country", "admin1", "admin2")]
        if hits:
            return hits
    return []


def text_demonyms(
    text: str, mentions: list[Place], by_demonym: dict[str, str]
) -> list[tuple[str, str]]:
    """(word, country) of each country demonym in ``text`` outside the mentions
    (``by_demonym``: folded demonym to alpha-3; an ASCII word's folded form is its lower case)."""
    out = []
    for w in CAPITALISED.finditer(text):
        a3 = by_demonym.get(w.group().lower())
        if a3 is not None and not any(m.start <= w.start() < m.end for m in mentions):
            out.append((w.group(), a3))
    return out


def in_a_list(before: str, after: str) -> bool:
    """True when the mention, followed by ', Name', is preceded by 'Name, ' or when the name
    after it is followed by another item (', Name', ' and Name')."""
    if LIST_BEFORE.search(before):
        return True
    m = QUALIFIER.match(after)
    return bool(m and LIST_AFTER.match(after[m.end() :]))
