"""A normalised spelling of transliterated names: "Deir Ezzor" finds "Deir ez-Zor".

English writes Arabic, Persian and Pashto place names in many ways: the article glued,
hyphenated, assimilated or dropped ("ez-Zor", "Ezzor", "al-Zor"), letters doubled or not, a
final "h" or not. ``spelling_key`` folds those differences away; ``RespelledNames`` maps the key
of every name of a place in the countries listed in ``geo/data/words.yaml``
(``transliterated_countries``) to the names as the index has them. The resolver looks a name up
this way only when nothing is found as written (rule ``respelled-name``, lowered score).
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

from khabar.geo.countries import fold
from khabar.geo.entry import GazetteerEntry, is_latin
from khabar.geo.index import GazetteerIndex
from khabar.geo.sources import load_words

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


class RespelledNames:
    """Names of places in the transliterated countries, by their normalised spelling."""

    def __init__(self, names: list[tuple[str, str | None]]) -> None:
        self._by_key: dict[str, set[str]] = defaultdict(set)
        for text, _country in names:
            if is_latin(text):
                key = spelling_key(text)
                if len(key) >= MIN_KEY_LENGTH:
                    self._by_key[key].add(text)

    @classmethod
    def of(cls, index: GazetteerIndex) -> RespelledNames:
        """The table of ``index``'s file (built on first use, ~1 s, then shared by every index
        object open on the same file in this process, like the file's own data)."""
        key = (str(index.path), _mtime(index)) if index.path is not None else None
        hit = index.derived.get("respelled") or (_SHARED.get(key) if key else None)
        if not isinstance(hit, RespelledNames):
            countries = sorted(load_words().transliterated_countries)
            kinds = ["city", "admin1", "admin2", "country", "region"]
            names = [
                (text, country)
                for text, _k, country, _p in index.names_of(
                    kinds, main_only=False, countries=countries
                )
            ]
            hit = cls(names)
            if key is not None:
                _SHARED[key] = hit
        index.derived["respelled"] = hit
        return hit

    def names(self, name: str) -> list[str]:
        """The index's names spelled like ``name`` once normalised (none: an empty list)."""
        key = spelling_key(name)
        if len(key) < MIN_KEY_LENGTH:
            return []
        return sorted(self._by_key.get(key, ()))


#: Tables by index file (path, modification time): a rebuilt file gets a new table.
_SHARED: dict[tuple[str, float], RespelledNames] = {}


def _mtime(index: GazetteerIndex) -> float:
    try:
        return Path(str(index.path)).stat().st_mtime
    except OSError:
        return 0.0


def lookup_respelled(
    index: GazetteerIndex, name: str
) -> tuple[str, tuple[tuple[GazetteerEntry, bool], ...]]:
    """The entries of the transliterated countries spelled like ``name`` once normalised, as
    alternate-name matches, and a name they were found by ("" and none if there are none)."""
    countries = load_words().transliterated_countries
    texts = RespelledNames.of(index).names(name)
    found: dict[str, tuple[GazetteerEntry, bool]] = {}
    for text in texts:
        for e, _ in index.lookup(text):
            if e.country in countries:
                found.setdefault(e.key, (e, False))
    return (texts[0] if found else ""), tuple(found.values())
