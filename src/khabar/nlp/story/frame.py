"""The story frame: what an analyst reads before coding any event of an article.

* the **dateline** — where the report was filed and who filed it: ``KABUL (Reuters) -``,
  ``NAIROBI, Kenya, June 3 (AP) —``, a credit alone ``(AFP) -``, or a trailing ``— AFP``;
* the **outlet** — the wire or outlet credited there (else the caller's metadata);
* the **lead** — the first real paragraph (the headline, byline and page chrome are skipped);
* the **news day** — the first day-precision date expression of the lead (a weekday is the
  most recent such day on or before publication; "yesterday" is the day before), else the
  dateline's date; never the publication date without a textual link;
* the **news place** — the first place named in the lead, else the dateline place (which
  only says where the report was filed, so its ``how`` says so).

:func:`parse_dateline` works on text; :func:`story_frame` takes a parsed ``Doc`` (its place
entities) and an optional dateline found by another parser. All word lists live in
``nlp/data/story_frame.yaml``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable
from typing import Protocol

from pydantic import BaseModel, ConfigDict
from spacy.tokens import Doc

from khabar.model import Span
from khabar.nlp.story.data import frame_words

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC", "PLACE"})
_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_DASH = r"[-–—:]"
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DAY_MONTH = rf"(?:(?i:{_MONTH_RE})\.?\s+\d{{1,2}}|\d{{1,2}}\s+(?i:{_MONTH_RE})\.?)"
_CAPS_PLACE = r"[A-Z][A-Z'.\-]+(?:[ \-][A-Z][A-Z'.\-]+){0,3}"
_TITLE_PLACE = r"[A-Z][a-z'\-]+(?:[ \-][A-Z][a-z'\-]+){0,3}"
_REGION = r"[A-Z][\w'.\-]+(?: [A-Z][\w'.\-]+){0,2}"
_CREDIT = r"[A-Z][\w.&' \-]{0,38}[\w.]"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Dateline(_Frozen):
    """A dateline and/or wire credit, with offsets into the article text."""

    place: Span | None = None
    credit: Span | None = None
    outlet: str | None = None
    date: Span | None = None
    rule: str


class NewsDay(_Frozen):
    """The story's news day (ISO date, or ``--MM-DD`` without a publication date)."""

    value: str
    precision: str = "day"
    text: str
    start: int
    end: int
    how: str


class NewsPlace(_Frozen):
    """The story's news place: a place mention and how it was chosen."""

    text: str
    start: int
    end: int
    how: str
    score: float


class StoryFrame(_Frozen):
    published: dt.date | None
    dateline: Dateline | None
    outlet: str | None
    outlet_how: str | None
    lead: Span | None
    news_day: NewsDay | None
    news_place: NewsPlace | None


class DatelinePlace(Protocol):
    """A dateline found by another parser (e.g. ``khabar.text.dateline``): its place words
    as written and their character offsets."""

    @property
    def place(self) -> str: ...

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


# --------------------------------------------------------------------------- dateline


def _wire_name(credit: str) -> str | None:
    for name, credits in frame_words().wires.items():
        if credit.strip() in credits:
            return name
    return None


def _span(text: str, match: re.Match[str], group: str, offset: int) -> Span | None:
    if match.groupdict().get(group) is None:
        return None
    start, end = match.span(group)
    return Span(text=text[offset + start : offset + end], start=offset + start, end=offset + end)


_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "dateline-caps",
        re.compile(
            rf"^(?P<place>{_CAPS_PLACE})(?:,\s*(?P<region>{_REGION}))??"
            rf"(?:,\s*(?P<date>{_DAY_MONTH}))?\s*(?:\((?P<credit>{_CREDIT})\))?\s*{_DASH}\s+(?=\S)"
        ),
    ),
    (
        "dateline-credit",
        re.compile(
            rf"^(?P<place>{_TITLE_PLACE})(?:,\s*(?P<region>{_REGION}))??"
            rf"(?:,\s*(?P<date>{_DAY_MONTH}))?\s*\((?P<credit>{_CREDIT})\)\s*{_DASH}\s+(?=\S)"
        ),
    ),
    ("credit-only", re.compile(rf"^\((?P<credit>{_CREDIT})\)\s*{_DASH}\s+(?=\S)")),
)
_TRAILING = re.compile(rf"{_DASH}\s*(?P<credit>{_CREDIT})\s*$")


def _lines(text: str) -> Iterable[tuple[int, str]]:
    offset = 0
    for line in text.splitlines(keepends=True):
        yield offset, line.rstrip("\r\n")
        offset += len(line)


def parse_dateline(text: str, max_lines: int = 8) -> Dateline | None:
    """The dateline at the start of one of the first lines, else a trailing wire credit."""
    words = frame_words()
    first = [(o, line) for o, line in _lines(text) if line.strip()][:max_lines]
    for offset, line in first:
        stripped = line.lstrip()
        lead_ws = len(line) - len(stripped)
        for rule, pattern in _PATTERNS:
            m = pattern.match(stripped)
            if not m:
                continue
            place = _span(text, m, "place", offset + lead_ws)
            if place is not None and place.text.upper() in words.not_places:
                continue
            credit = _span(text, m, "credit", offset + lead_ws)
            if credit is not None and rule == "dateline-caps" and place is not None:
                rule = "dateline-caps-credit"
            outlet = (_wire_name(credit.text) or credit.text) if credit else None
            if place is None and outlet is None:
                continue
            date = _span(text, m, "date", offset + lead_ws)
            return Dateline(place=place, credit=credit, outlet=outlet, date=date, rule=rule)
    lines = [(o, line) for o, line in _lines(text) if line.strip()]
    for offset, line in lines[:max_lines] + lines[-3:]:
        m = _TRAILING.search(line)
        if m and _wire_name(m.group("credit")):
            credit = _span(text, m, "credit", offset)
            assert credit is not None
            return Dateline(credit=credit, outlet=_wire_name(credit.text), rule="trailing-credit")
    return None


# ------------------------------------------------------------------------------ dates


def _clip(day: dt.date, published: dt.date) -> dt.date:
    """A month-day without a year: this year's, unless that is after publication."""
    return day if day <= published else day.replace(year=day.year - 1)


def resolve_day(expression: str, published: dt.date | None) -> str | None:
    """An ISO day for a weekday, a relative day or a month-day, against ``published``."""
    words = frame_words()
    low = " ".join(expression.lower().split())
    if low in words.relative_days:
        if published is None:
            return None
        return (published + dt.timedelta(days=words.relative_days[low])).isoformat()
    if low in _WEEKDAYS:
        if published is None:
            return None
        back = (published.weekday() - _WEEKDAYS[low]) % 7
        return (published - dt.timedelta(days=back)).isoformat()
    m = re.fullmatch(r"(?:(\w+)\.?\s+(\d{1,2})|(\d{1,2})\s+(\w+)\.?)(?:,?\s+(\d{4}))?", low)
    if not m:
        return None
    month = _MONTHS.get(m.group(1) or m.group(4) or "")
    day = int(m.group(2) or m.group(3))
    if month is None or not 1 <= day <= calendar.monthrange(2000, month)[1]:
        return None
    if m.group(5):
        try:
            return dt.date(int(m.group(5)), month, day).isoformat()
        except ValueError:
            return None
    if published is None:
        return f"--{month:02d}-{day:02d}"
    try:
        return _clip(dt.date(published.year, month, day), published).isoformat()
    except ValueError:  # 29 February in a common year
        return None


def _day_pattern() -> re.Pattern[str]:
    words = frame_words()
    relative = "|".join(re.escape(w) for w in sorted(words.relative_days, key=len, reverse=True))
    weekdays = "|".join(calendar.day_name)
    return re.compile(
        rf"\b(?:{relative}|{weekdays}|{_DAY_MONTH}(?:,?\s+\d{{4}})?)\b(?!\s*\d{{4}})",
        re.IGNORECASE,
    )


def find_news_day(
    text: str, lead: Span | None, dateline: Dateline | None, published: dt.date | None
) -> NewsDay | None:
    """The first resolvable day in the lead; else the dateline's date."""
    if lead is not None:
        for m in _day_pattern().finditer(text, lead.start, lead.end):
            if dateline and dateline.date and m.start() == dateline.date.start:
                continue
            value = resolve_day(m.group(0), published)
            if value:
                return NewsDay(value=value, text=m.group(0), start=m.start(), end=m.end(),
                               how="lead")  # fmt: skip
    if dateline and dateline.date:
        value = resolve_day(dateline.date.text, published)
        if value:
            d = dateline.date
            return NewsDay(value=value, text=d.text, start=d.start, end=d.end, how="dateline")
    return None


# ------------------------------------------------------------------------ lead, place


def find_lead(text: str) -> Span | None:
    """The first paragraph with enough words to be prose (skips headline and chrome)."""
    minimum = frame_words().lead_min_words
    blocks = re.split(r"\n\s*\n", text) if re.search(r"\n\s*\n", text) else text.split("\n")
    offset = 0
    for block in blocks:
        start = text.find(block, offset)
        offset = start + len(block)
        if len(block.split()) >= minimum:
            stripped = block.strip()
            begin = start + block.find(stripped)
            return Span(text=stripped, start=begin, end=begin + len(stripped))
    return None


def find_news_place(doc: Doc, lead: Span | None, dateline: Dateline | None) -> NewsPlace | None:
    """The first place entity of the lead (outside the dateline), else the dateline place."""
    skip_end = dateline.place.end if dateline and dateline.place else -1
    if lead is not None:
        for ent in doc.ents:
            if ent.label_ not in PLACE_LABELS or ent.start_char < lead.start:
                continue
            if ent.start_char >= lead.end:
                break
            if ent.start_char < skip_end:
                continue
            return NewsPlace(text=ent.text, start=ent.start_char, end=ent.end_char,
                             how="lead", score=0.8)  # fmt: skip
    if dateline and dateline.place:
        p = dateline.place
        return NewsPlace(text=p.text, start=p.start, end=p.end, how="dateline (filed from)",
                         score=0.3)  # fmt: skip
    return None


def merge_dateline(text: str, found: DatelinePlace) -> Dateline:
    """Another parser's dateline place, with the credit and date this module reads."""
    own = parse_dateline(text)
    place = Span(text=text[found.start : found.end], start=found.start, end=found.end)
    return Dateline(
        place=place,
        credit=own.credit if own else None,
        outlet=own.outlet if own else None,
        date=own.date if own and own.place and own.place.start == found.start else None,
        rule="external" + (f"+{own.rule}" if own and own.credit else ""),
    )


def story_frame(
    doc: Doc,
    published: dt.date | None,
    dateline: Dateline | DatelinePlace | None = None,
    outlet: str | None = None,
) -> StoryFrame:
    """Read the frame of a whole article. ``dateline``: one found by another parser (its
    place is kept; the credit and date are read here), else :func:`parse_dateline`;
    ``outlet``: the caller's metadata, used when no credit is found."""
    text = doc.text
    if dateline is None:
        dateline = parse_dateline(text)
    elif not isinstance(dateline, Dateline):
        dateline = merge_dateline(text, dateline)
    lead = find_lead(text)
    credited = dateline.outlet if dateline else None
    outlet_how = None
    if credited:
        outlet_how = dateline.rule if dateline else None
    elif outlet:
        outlet_how = "metadata"
    return StoryFrame(
        published=published,
        dateline=dateline,
        outlet=credited or outlet,
        outlet_how=outlet_how,
        lead=lead,
        news_day=find_news_day(text, lead, dateline, published),
        news_place=find_news_place(doc, lead, dateline),
    )
