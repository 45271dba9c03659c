"""Other spellings of a place mention to look up when the mention as written is not found."""

from __future__ import annotations

import re

_DIRECTION = re.compile(
    r"^(?:(?:the\s+)?(?:far\s+|extreme\s+)?"
    r"(?:north|south|east|west|central|north-?east|north-?west|south-?east|south-?west)"
    r"(?:ern|ernmost)?)\s+(?P<rest>.+)$",
    re.IGNORECASE,
)
_ABBREV = (
    (re.compile(r"^St\.?\s+", re.IGNORECASE), "Saint "),
    (re.compile(r"^Ste\.?\s+", re.IGNORECASE), "Sainte "),
    (re.compile(r"^Ft\.?\s+", re.IGNORECASE), "Fort "),
    (re.compile(r"^Mt\.?\s+", re.IGNORECASE), "Mount "),
)


def name_variants(q: str) -> list[tuple[str, str]]:
    """(variant, note) pairs in the order to try: without a direction word ("northern
    Afghanistan"; the caller keeps areas only), abbreviations expanded ("St." -> "Saint"),
    hyphens as spaces, an upper-case name in title case."""
    out: list[tuple[str, str]] = []
    m = _DIRECTION.match(q)
    if m:
        out.append((m.group("rest"), "direction word ignored"))
    for pat, repl in _ABBREV:
        if pat.match(q):
            out.append((pat.sub(repl, q), "abbreviation expanded"))
    if "-" in q:
        out.append((q.replace("-", " "), "hyphen as space"))
    if q.isupper() and len(q) > 3:
        out.append((q.title(), "upper case"))
    return out
