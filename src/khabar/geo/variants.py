"""Other spellings of a place mention to look up when the mention as written is not found."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from khabar.geo.entry import GazetteerEntry
from khabar.geo.index import GazetteerIndex

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

_COUNTY = re.compile(r"\s+Co\.?$")


def name_variants(q: str) -> list[tuple[str, str]]:
    """(variant, note) pairs in the order to try: without a direction word ("northern
    Afghanistan"; the caller keeps areas only), abbreviations expanded ("St." -> "Saint",
    "Platte Co." -> "Platte County"), hyphens as spaces, an upper-case name in title case."""
    out: list[tuple[str, str]] = []
    m = _DIRECTION.match(q)
    if m:
        out.append((m.group("rest"), "direction word ignored"))
    for pat, repl in _ABBREV:
        if pat.match(q):
            out.append((pat.sub(repl, q), "abbreviation expanded"))
    if _COUNTY.search(q):
        out.append((_COUNTY.sub(" County", q), "abbreviation expanded"))
    if "-" in q:
        out.append((q.replace("-", " "), "hyphen as space"))
    if q.isupper() and len(q) > 3:
        out.append((q.title(), "upper case"))
    return out


_CODE = re.compile(r"^(?:[A-Z]\.?){2,3}$")


def division_code(q: str) -> str | None:
    """The ISO 3166-2 subdivision code a capitalised abbreviation may be ("BC", "B.C.", "NSW",
    "SA": the part after the country's code and the hyphen), or None."""
    return q.replace(".", "") if _CODE.match(q) else None


class DivisionCodes:
    """First-level divisions by the part of their ISO 3166-2 code after the hyphen ("BC" ->
    British Columbia, Baja California, ...): many countries share a code, so the text's
    country context decides, and without it the score stays low."""

    def __init__(self, divisions: Iterable[GazetteerEntry]) -> None:
        self._by_code: dict[str, list[GazetteerEntry]] = defaultdict(list)
        for e in divisions:
            if e.kind == "admin1" and e.admin1 and "-" in e.admin1:
                self._by_code[e.admin1.split("-", 1)[1]].append(e)

    @classmethod
    def of(cls, index: GazetteerIndex) -> DivisionCodes:
        """The codes of ``index``'s divisions; one table per index file (and version of it)
        per process, as reading them scans the whole index (~0.1 s)."""
        if index.path is None:
            return cls(index.iter_entries(["admin1"]))
        key = (str(index.path), index.path.stat().st_mtime_ns)
        if key not in _SHARED:
            _SHARED.clear()
            _SHARED[key] = cls(index.iter_entries(["admin1"]))
        return _SHARED[key]

    def lookup(self, q: str) -> list[GazetteerEntry]:
        code = division_code(q)
        return list(self._by_code.get(code, ())) if code else []


_SHARED: dict[tuple[str, int], DivisionCodes] = {}
