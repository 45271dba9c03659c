"""A normalised spelling of transliterated names: "Deir Ezzor" finds "Deir ez-Zor".

English writes Arabic, Persian and Pashto place names in many ways: the article glued,
hyphenated, assimilated or dropped ("ez-Zor", "Ezzor", "al-Zor"), letters doubled or not, a
final "h" or not. ``spelling_key`` folds those differences away; the index maps the key
of every name of a place in the countries listed in ``geo/data/words.yaml``
(``transliterated_countries``) to the names as the index has them: the index stores these keys
when it is built (table ``spellings``, ``spelling_rows``), so nothing is computed when it is
opened. The resolver looks a name up this way only when nothing is found as written (rule
``respelled-name``, lowered score).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from khabar.geo.countries import fold
from khabar.geo.entry import GazetteerEntry, is_latin
from khabar.geo.sources import load_words

if TYPE_CHECKING:  # the index writes this module's table when it is built
    from khabar.geo.index import GazetteerIndex

_SEPARATORS = re.compile(r"[-‐‑–'’`ʿʾ.]+")
_DOUBLED = re.compile(r"(.)\1+")
#: An article glued to a name and assimilated to its first letter: "Ezzor", "Arraqqa".
_GLUED = re.compile(r"^[ae]([dnrstz])(?=\1[a-z]{2})")

#: Keys shorter than this are too ambiguous to look up.
MIN_KEY_LENGTH = 5


def spelling_key(name: str) -> str:
    """The normalised spelling of ``name``: folded, the article dropped wherever it stands
    ("al-", "ez-", "Ezzor" -> "zor"), no spaces or hyphens, no doubled letter, no final "h"."""
    articles = load_words().transliterated_articles
    words = []
    for word in _SEPARATORS.sub(" ", fold(name)).split():
        if word in articles:
            continue
        words.append(_GLUED.sub("", word))
    key = _DOUBLED.sub(r"\1", "".join(words))
    return key[:-1] if key.endswith("h") and len(key) >= MIN_KEY_LENGTH else key


#: Bump when ``spelling_key`` changes: the index's table of spelling keys is then rebuilt.
SPELLING_VERSION = "1"

#: The kinds of places whose names are looked up by their spelling.
SPELLED_KINDS = ("city", "admin1", "admin2", "country", "region")


def spelling_fingerprint() -> str:
    """What the index's table of spelling keys depends on besides the gazetteer: this module's
    version and the word lists it reads (a change makes the index stale, so it is rebuilt)."""
    words = load_words()
    lists = [sorted(words.transliterated_countries), sorted(words.transliterated_articles)]
    digest = hashlib.sha256(json.dumps(lists).encode()).hexdigest()[:16]
    return f"{SPELLING_VERSION}:{digest}"


def spelling_rows(index: GazetteerIndex) -> Iterator[tuple[str, str]]:
    """(spelling key, name as the index has it) of every Latin-script name of a place in the
    transliterated countries: written into the index when it is built (``spellings``)."""
    countries = sorted(load_words().transliterated_countries)
    seen: set[tuple[str, str]] = set()
    for text, _kind, _country, _pop in index.names_of(
        SPELLED_KINDS, main_only=False, countries=countries
    ):
        if is_latin(text):
            key = spelling_key(text)
            if len(key) >= MIN_KEY_LENGTH and (key, text) not in seen:
                seen.add((key, text))
                yield key, text


def respelled_names(index: GazetteerIndex, name: str) -> list[str]:
    """The index's names spelled like ``name`` once normalised (none: an empty list)."""
    key = spelling_key(name)
    return [] if len(key) < MIN_KEY_LENGTH else index.spelled(key)


def lookup_respelled(
    index: GazetteerIndex, name: str
) -> tuple[str, tuple[tuple[GazetteerEntry, bool], ...]]:
    """The entries of the transliterated countries spelled like ``name`` once normalised, as
    alternate-name matches, and a name they were found by ("" and none if there are none)."""
    countries = load_words().transliterated_countries
    texts = respelled_names(index, name)
    found: dict[str, tuple[GazetteerEntry, bool]] = {}
    for text in texts:
        for e, _ in index.lookup(text):
            if e.country in countries:
                found.setdefault(e.key, (e, False))
    return (texts[0] if found else ""), tuple(found.values())
