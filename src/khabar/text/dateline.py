"""The one dateline parser: "DUSHANBE -", "KABUL, Afghanistan (AP) —" opening a paragraph.

A wire story's dateline names where the report was filed. khabar reads it in two places: the
NLP layer takes its country as the article's focus (``khabar.nlp.actors``) and the extractor
geocodes it as a fallback event location (``khabar.extract.extractor``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: How far into an article a dateline is looked for (characters).
DATELINE_WINDOW = 600

#: Upper-case place words at the start of a line, an optional ", Qualifier", an optional
#: agency in brackets, then a dash or colon and a space.
_DATELINE = re.compile(
    r"(?m)^(?P<place>[A-Z][A-Z'.-]+(?: [A-Z][A-Z'.-]+)*)(?:, (?P<qual>[A-Z][A-Za-z. ]+?))?"
    r"(?: \([^)]{1,30}\))? ?[-–—:] "
)


@dataclass(frozen=True)
class Dateline:
    """A dateline's place words (as written, e.g. "KABUL"), their character offsets, and the
    qualifier after a comma ("Afghanistan"), if any."""

    place: str
    start: int
    end: int
    qualifier: str | None = None


def find_dateline(text: str) -> Dateline | None:
    """The first dateline in the article's opening lines, or None."""
    m = _DATELINE.search(text[:DATELINE_WINDOW])
    if m is None:
        return None
    qual = (m.group("qual") or "").strip()
    return Dateline(
        place=m.group("place"), start=m.start("place"), end=m.end("place"), qualifier=qual or None
    )
