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

:func:`story_frame` takes a parsed ``Doc`` (and its place mentions); the dateline is read by
the one dateline parser, :func:`khabar.text.dateline.parse_dateline`. The word lists live in
``nlp/data/story_frame.yaml`` (and ``text/data/datelines.yaml``).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from pydantic import BaseModel, ConfigDict
from spacy.tokens import Doc

from khabar.model import Span
from khabar.nlp.story.data import frame_words
from khabar.text.dateline import ParsedDateline as Dateline
from khabar.text.dateline import parse_dateline

__all__ = ["Dateline", "NewsDay", "NewsPlace", "StoryFrame", "parse_dateline", "story_frame"]

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC", "PLACE"})
_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DAY_MONTH = rf"(?:(?i:{_MONTH_RE})\.?\s+\d{{1,2}}|\d{{1,2}}\s+(?i:{_MONTH_RE})\.?)"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


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


# ------------------------------------------------------------------------------ dates


def _clip(day: dt.date, published: dt.date) -> dt.date:
    """A month-day without a year: this year's, unless that is after publication."""
    return day if day <= published else day.replace(year=day.year - 1)


def resolve_day(expression: str, published: dt.date | None) -> str | None:
    """An ISO day for a weekday, a relative day or a month-day, against ``published``."""
    words = frame_words()
    low = re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", " ".join(expression.lower().split()))
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


def find_news_place(
    doc: Doc,
    lead: Span | None,
    dateline: Dateline | None,
    places: list[tuple[int, int]] | None = None,
) -> NewsPlace | None:
    """The first place of the lead (outside the dateline), else the dateline place.
    ``places``: place mentions as character spans (default: the Doc's place entities)."""
    if places is None:
        places = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in PLACE_LABELS]
    skip_end = dateline.place.end if dateline and dateline.place else -1
    if lead is not None:
        for start, end in sorted(places):
            if start < lead.start or start < skip_end:
                continue
            if start >= lead.end:
                break
            if modifies_a_party(doc, start, end):
                continue
            return NewsPlace(text=doc.text[start:end], start=start, end=end, how="lead",
                             score=0.8)  # fmt: skip
    if dateline and dateline.place:
        p = dateline.place
        return NewsPlace(text=p.text, start=p.start, end=p.end, how="dateline (filed from)",
                         score=0.3)  # fmt: skip
    return None


def modifies_a_party(doc: Doc, start: int, end: int) -> bool:
    """'U.S. troops', 'Kabul police': a place that only qualifies who acted is not the
    news place ('Khartoum state', 'Kenya's capital' still are)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    return (
        root.dep_ in {"compound", "amod", "nmod", "poss"}
        and root.head.pos_ in {"NOUN", "PROPN"}
        and root.head.lemma_.lower() not in frame_words().description_nouns
        and not root.head.ent_type_
    )


def story_frame(
    doc: Doc,
    published: dt.date | None,
    dateline: Dateline | None = None,
    outlet: str | None = None,
    places: list[tuple[int, int]] | None = None,
) -> StoryFrame:
    """Read the frame of a whole article.

    ``dateline``: one already parsed (else :func:`khabar.text.dateline.parse_dateline` reads
    it); ``outlet``: the caller's metadata, used when no credit is found; ``places``: the place
    mentions found by the pipeline, as character spans (default: the Doc's place entities)."""
    text = doc.text
    if dateline is None:
        dateline = parse_dateline(text)
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
        news_place=find_news_place(doc, lead, dateline, places),
    )
