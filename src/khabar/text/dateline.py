"""The one dateline parser: where a report was filed and who filed it.

Wire copy opens a paragraph with the place it was filed from and, often, the agency:
``KABUL (Reuters) -``, ``NAIROBI, Kenya, June 3 (AP) —``, ``Havana, June 23 (RHC)--``,
``June 23, 2014 (ADDIS ABABA) –``, ``ABUJA—-The``, ``BAKU, Azerbaijan, August 16. The``,
``MOSCOW (Outlet / Wire - date) Russia``, ``Dhaka: The`` opening a prose paragraph, a credit
alone ``(AFP) -``, or a trailing ``— AFP``.
:func:`parse_dateline` reads all of these (with the offsets of the place, the credit and the
date); :func:`find_dateline` is its short form for callers that only need the place. The
story frame (``khabar.nlp.story.frame``), the actors' focus country and the extractor's
dateline fallback all read datelines here. The wire list is ``text/data/datelines.yaml``.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml
from pydantic import BaseModel, ConfigDict

from khabar.errors import KhabarError
from khabar.model import Span

#: How far into an article a place dateline is looked for by :func:`find_dateline`.
DATELINE_WINDOW = 600

_MONTHS = [m for m in calendar.month_name if m] + [m for m in calendar.month_abbr if m] + ["Sept"]
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DASH = r"(?:--|[-–—:])"
_ORD = r"(?:st|nd|rd|th)?"
_DAY_MONTH = (
    rf"(?:(?i:{_MONTH_RE})\.?\s+\d{{1,2}}{_ORD}|\d{{1,2}}{_ORD}\s+(?i:{_MONTH_RE})\.?)"
    r"(?:,?\s+\d{4})?"
)
_CAPS_PLACE = r"[A-Z][A-Z'.\-]+(?:[ \-][A-Z][A-Z'.\-]+){0,3}"
_TITLE_PLACE = r"[A-Z][a-z'\-]+(?:[ \-][A-Z][a-z'\-]+){0,3}"
_REGION = r"[A-Z][\w'.\-]+(?: [A-Z][\w'.\-]+){0,2}"
_CREDIT = r"[A-Z][\w.&' \-]{0,38}[\w.]"


class DatelineWords(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    version: int
    wires: dict[str, tuple[str, ...]]
    not_places: frozenset[str]


@lru_cache(maxsize=1)
def dateline_words() -> DatelineWords:
    try:
        raw = resources.files("khabar.text").joinpath("data/datelines.yaml").read_text("utf-8")
        return DatelineWords.model_validate(yaml.safe_load(raw))
    except (OSError, yaml.YAMLError) as exc:
        raise KhabarError(f"cannot read the packaged dateline word list: {exc}") from exc


class ParsedDateline(BaseModel):
    """A dateline and/or wire credit, with offsets into the article text. ``rule`` names the
    pattern that read it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    place: Span | None = None
    region: Span | None = None
    credit: Span | None = None
    outlet: str | None = None
    date: Span | None = None
    rule: str


def wire_name(credit: str) -> str | None:
    """The canonical name of a known wire credit ("REUTERS" -> "Reuters")."""
    for name, credits in dateline_words().wires.items():
        if credit.strip() in credits:
            return name
    return None


_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "dateline-caps",
        re.compile(
            rf"^(?P<place>{_CAPS_PLACE})(?:,\s*(?P<region>{_REGION}))??"
            rf"(?:,\s*(?P<date>{_DAY_MONTH}))?\s*(?:\((?P<credit>{_CREDIT})\))?\s*"
            # "ABUJA — The", "ABUJA—-The", "TBILISI (Reuters) -The"
            rf"(?:{_DASH}\s+(?=\S)|[–—]-?(?=[A-Z])|(?:(?<=\))|(?<=\) )){_DASH}(?=[A-Z]))"
        ),
    ),
    (
        # "BAKU, Azerbaijan, August 16. The ministry ..."
        "dateline-caps-date",
        re.compile(
            rf"^(?P<place>{_CAPS_PLACE})(?:,\s*(?P<region>{_REGION}))??,\s*(?P<date>{_DAY_MONTH})"
            rf"(?:\.\s+|\s*{_DASH}\s*)(?=[A-Z])"
        ),
    ),
    (
        # "MOSCOW (Outlet News / Wire - 19th April, 2022) Russia ...": a note, no dash
        "dateline-caps-note",
        re.compile(rf"^(?P<place>{_CAPS_PLACE})\s*\([^()\n]{{2,80}}\)\s*(?:{_DASH}\s*)?(?=[A-Z])"),
    ),
    (
        "dateline-credit",
        re.compile(
            rf"^(?P<place>{_TITLE_PLACE})(?:,\s*(?P<region>{_REGION}))??"
            rf"(?:,\s*(?P<date>{_DAY_MONTH}))?\s*\((?P<credit>{_CREDIT})\)\s*{_DASH}\s*(?=\S)"
        ),
    ),
    (
        "dateline-date-first",
        re.compile(rf"^(?P<date>{_DAY_MONTH})\s*\((?P<place>{_CAPS_PLACE})\)\s*{_DASH}\s*(?=\S)"),
    ),
    ("credit-only", re.compile(rf"^\((?P<credit>{_CREDIT})\)\s*{_DASH}\s+(?=\S)")),
    # "Dhaka: The government ordered ...": a title-case place and a colon, only at the start of
    # a prose paragraph (a headline "Place: what happened" is no dateline)
    ("dateline-title-colon", re.compile(rf"^(?P<place>{_TITLE_PLACE}):\s+(?=[A-Z])")),
)
#: words a line needs for a "Place: ..." opening to be a dateline rather than a headline
TITLE_COLON_MIN_WORDS = 15
_TRAILING = re.compile(rf"{_DASH}\s*(?P<credit>{_CREDIT})\s*$")


def _span(text: str, match: re.Match[str], group: str, offset: int) -> Span | None:
    if match.groupdict().get(group) is None:
        return None
    start, end = match.span(group)
    return Span(text=text[offset + start : offset + end], start=offset + start, end=offset + end)


def _lines(text: str) -> Iterable[tuple[int, str]]:
    offset = 0
    for line in text.splitlines(keepends=True):
        yield offset, line.rstrip("\r\n")
        offset += len(line)


def parse_dateline(text: str, max_lines: int = 8) -> ParsedDateline | None:
    """The dateline at the start of one of the first lines, else a trailing wire credit."""
    words = dateline_words()
    lines = [(o, line) for o, line in _lines(text) if line.strip()]
    for offset, line in lines[:max_lines]:
        stripped = line.lstrip()
        at = offset + len(line) - len(stripped)
        for rule, pattern in _PATTERNS:
            m = pattern.match(stripped)
            if not m:
                continue
            if rule == "dateline-title-colon" and len(stripped.split()) < TITLE_COLON_MIN_WORDS:
                continue
            place = _span(text, m, "place", at)
            if place is not None and place.text.upper() in words.not_places:
                continue
            credit = _span(text, m, "credit", at)
            if credit is not None and rule == "dateline-caps" and place is not None:
                rule = "dateline-caps-credit"
            outlet = (wire_name(credit.text) or credit.text) if credit else None
            if place is None and outlet is None:
                continue
            return ParsedDateline(
                place=place,
                region=_span(text, m, "region", at),
                credit=credit,
                outlet=outlet,
                date=_span(text, m, "date", at),
                rule=rule,
            )
    for offset, line in lines[:max_lines] + lines[-3:]:
        m = _TRAILING.search(line)
        if m and wire_name(m.group("credit")):
            credit = _span(text, m, "credit", offset)
            assert credit is not None
            return ParsedDateline(
                credit=credit, outlet=wire_name(credit.text), rule="trailing-credit"
            )
    return None


@dataclass(frozen=True)
class Dateline:
    """A dateline's place words (as written, e.g. "KABUL"), their character offsets, and the
    qualifier after a comma ("Afghanistan"), if any."""

    place: str
    start: int
    end: int
    qualifier: str | None = None


def find_dateline(text: str) -> Dateline | None:
    """The place of the first dateline in the article's opening lines, or None."""
    parsed = parse_dateline(text[:DATELINE_WINDOW])
    if parsed is None or parsed.place is None:
        return None
    p, region = parsed.place, parsed.region
    return Dateline(p.text, p.start, p.end, region.text if region else None)
