"""Date mentions resolved against the publication date, and the date each event takes."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from khabar.nlp.annotations import DateMention, EventCandidate
from khabar.nlp.context.offsets import OFFSET, shifted_date
from khabar.nlp.context.paragraphs import paragraph_starts
from khabar.nlp.sentences import ByStart, paragraph_of
from khabar.nlp.story.data import frame_words
from khabar.nlp.syntax import DATE_SCOPE_LINKS
from khabar.nlp.words import WordSet

YEAR_RANGE = re.compile(r"\b(1[5-9]\d\d|20\d\d)\s*(?:-|–|—|to|until)\s*(1[5-9]\d\d|20\d\d|\d\d)\b")


YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")


MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}


MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})


MONTH_DAY = re.compile(
    r"\b(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b"
    r"|\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?("
    + "|".join(sorted(MONTHS, key=len, reverse=True))
    + r")\b",
    re.IGNORECASE,
)


VAGUE = re.compile(
    r"^(the\s+)?(each|every|some|many|few|several|recent|coming|past|same|next|previous|"
    r"centuries|decades|years|months|weeks|days|time|now|currently|today's|future|period)\b",
    re.IGNORECASE,
)


PRESENT_ADVERBS = WordSet("context", "present_adverbs")


@dataclass(frozen=True)
class ResolvedDate:
    value: str
    precision: str
    year_known: bool
    as_date: dt.date | None
    end_value: str | None = None


WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}


#: "late Friday night", "early on Monday", "Friday morning": a weekday with a part of the day.
WEEKDAY_PART = re.compile(
    r"^(?:(?:late|early|earlier|later)\s+)?(?:on\s+|this\s+|last\s+)?"
    r"(?P<day>" + "|".join(calendar.day_name) + r")"
    r"(?:\s+(?:night|morning|afternoon|evening))?$",
    re.IGNORECASE,
)

#: "two days", "18 years", "the past week": a length of time, not a date ("two days ago" is).
DURATION = re.compile(
    r"^(?:the\s+)?(?:past\s+|last\s+|next\s+|first\s+|coming\s+)?"
    r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|few|"
    r"a\s+few|some)\s+(?:hour|day|night|week|month|year|decade)s?$",
    re.IGNORECASE,
)


def resolve_date_text(text: str, published: dt.date | None) -> ResolvedDate | None:
    """Resolve one date expression; ``None`` when it is vague or cannot be anchored."""
    clean = text.strip()
    if not clean or VAGUE.match(clean) or DURATION.match(clean):
        return None
    weekday = WEEKDAY_PART.match(clean)
    if weekday is not None:
        if published is None:
            return None
        back = (published.weekday() - WEEKDAYS[weekday.group("day").lower()]) % 7
        on = published - dt.timedelta(days=back)
        return ResolvedDate(on.isoformat(), "day", True, on)
    bare = re.sub(r"^(on|this)\s+", "", clean, flags=re.IGNORECASE).lower()
    if published is not None and WEEKDAYS.get(bare) == published.weekday():
        # "on Monday" in an article published on a Monday is that day, not a week before
        return ResolvedDate(published.isoformat(), "day", True, published)
    rng = YEAR_RANGE.search(clean)
    if rng:
        start = int(rng.group(1))
        end_raw = rng.group(2)
        end = int(end_raw) if len(end_raw) == 4 else (start // 100) * 100 + int(end_raw)
        if end >= start:
            return ResolvedDate(str(start), "year", True, dt.date(start, 7, 1), str(end))
    has_year = YEAR.search(clean) is not None
    md = MONTH_DAY.search(clean)
    if published is None and not has_year:
        if md:
            month = MONTHS[(md.group(1) or md.group(4)).lower().rstrip(".")]
            day = int(md.group(2) or md.group(3))
            if 1 <= day <= 31:
                return ResolvedDate(f"--{month:02d}-{day:02d}", "day", False, None)
        return None  # relative expressions need a publication date
    rel = RELATIVE_PERIOD.match(clean)
    if rel and published is not None:
        return _relative_period(rel.group(1).lower(), rel.group(2).lower(), published)
    return _dateparser_resolve(clean, published)


#: "earlier this month", "late last year", "this year": a month or year relative to publication.
RELATIVE_PERIOD = re.compile(
    r"^(?:(?:earlier|later|early|late)\s+)?(?:in\s+)?(this|last|next)\s+(month|year)$",
    re.IGNORECASE,
)


def _relative_period(which: str, unit: str, published: dt.date) -> ResolvedDate:
    step = {"this": 0, "last": -1, "next": 1}[which]
    if unit == "year":
        year = published.year + step
        return ResolvedDate(str(year), "year", True, dt.date(year, 7, 1))
    index = published.year * 12 + published.month - 1 + step
    year, month = divmod(index, 12)
    return ResolvedDate(f"{year}-{month + 1:02d}", "month", True, dt.date(year, month + 1, 1))


def _dateparser_resolve(text: str, published: dt.date | None) -> ResolvedDate | None:
    import dateparser
    from dateparser.date import DateDataParser

    settings: dict[str, object] = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if published is not None:
        settings["RELATIVE_BASE"] = dt.datetime.combine(published, dt.time(12, 0))
    parser = DateDataParser(languages=["en"], settings=settings)
    data = parser.get_date_data(text)
    if data is None or data.date_obj is None:
        # "in late February", "since early November": the month the expression falls in
        stripped = re.sub(
            r"^(?:(?:on|in|at|since|by|from|during|last|this)\s+)?(?:(?:early|mid|late)[\s-]+)?",
            "",
            text,
            flags=re.I,
        )
        if stripped != text:
            data = parser.get_date_data(stripped)
        if data is None or data.date_obj is None:
            single = YEAR.fullmatch(text.strip())
            if single:
                year = int(single.group(1))
                return ResolvedDate(str(year), "year", True, dt.date(year, 7, 1))
            return None
    day = data.date_obj.date()
    if published is not None and day > published + dt.timedelta(days=1):
        return None  # a past-preferring parse that still lands in the future is not trusted
    period = data.period or "day"
    if period == "year":
        return ResolvedDate(f"{day.year}", "year", True, day)
    if period == "month":
        return ResolvedDate(f"{day.year}-{day.month:02d}", "month", True, day)
    if period == "week":
        return None  # 'last week' has no day, month or year precision of its own
    _ = dateparser  # imported for its side effect of loading language data once
    return ResolvedDate(day.isoformat(), "day", True, day)


def _relative_day(text: str, published: dt.date | None) -> ResolvedDate | None:
    """A time of day that names a day relative to publication ("last night", "this
    morning"; ``relative_days`` in story_frame.yaml); other times of day name no day."""
    shift = frame_words().relative_days.get(" ".join(text.lower().split()))
    if shift is None or published is None:
        return None
    on = published + dt.timedelta(days=shift)
    return ResolvedDate(on.isoformat(), "day", True, on)


def find_date_mentions(doc: Doc, published: dt.date | None) -> list[DateMention]:
    out: list[DateMention] = []
    for ent in doc.ents:
        if ent.label_ not in {"DATE", "TIME"}:
            continue
        # a time of day names a day only with its weekday ("late Friday night") or as a day
        # relative to publication ("last night")
        resolved = _relative_day(ent.text, published)
        if resolved is None and (ent.label_ == "DATE" or WEEKDAY_PART.match(ent.text.strip())):
            resolved = resolve_date_text(ent.text, published)
        if resolved is None:
            continue
        out.append(
            DateMention(
                start_char=ent.start_char,
                end_char=ent.end_char,
                text=ent.text,
                value=resolved.value,
                precision=resolved.precision,
                year_known=resolved.year_known,
                sent_start=ent.sent.start,
                end_value=resolved.end_value,
                as_date=resolved.as_date,
            )
        )
    return out


OCCURRENCE_LEMMAS = WordSet("context", "occurrence_lemmas")


REPORTING_LEMMAS = WordSet("reporting", "dates")


def date_governor(doc: Doc, d: DateMention, event_tokens: set[int]) -> Token:
    """The verb or event word a date expression modifies ('during the floods of 2010' -> spent)."""
    tok = doc.char_span(d.start_char, d.end_char, alignment_mode="expand")
    node = tok.root if tok is not None else doc[0]
    for _ in range(10):
        if node.i in event_tokens or node.pos_ in {"VERB", "AUX"} or node.head is node:
            return node
        node = node.head
    return node


def _governed_by(trigger: Token, gov: Token) -> bool:
    """True when ``gov`` is the trigger or a head whose clause the trigger shares."""
    node = trigger
    for _ in range(6):
        if node.i == gov.i:
            return True
        if node.dep_ not in DATE_SCOPE_LINKS or node.head is node:
            return False
        node = node.head
    return False


#: words before a date that make it the start or end of a period, not when an event happened
#: ("for the first time since 2012", "until March")
PERIOD_WORDS = frozenset({"since", "until", "till"})


def period_bound(doc: Doc, d: DateMention) -> bool:
    """'since 2012', 'until Friday': the date bounds a period; it dates no event."""
    first = d.text.split(maxsplit=1)[0].lower() if d.text.strip() else ""
    if first in PERIOD_WORDS:
        return True
    before = doc.text[: d.start_char].rstrip().rsplit(maxsplit=1)
    return bool(before) and before[-1].lower() in PERIOD_WORDS


def attach_dates(
    doc: Doc, events: list[EventCandidate], dates: list[DateMention], published: dt.date | None
) -> None:
    dates = [d for d in dates if not period_bound(doc, d)]
    starts = paragraph_starts(doc)
    event_tokens = {i for ev in events for i in ev.trigger_tokens}
    governors = {id(d): date_governor(doc, d, event_tokens) for d in dates}
    reporting = {id(d) for d in dates if governors[id(d)].lemma_.lower() in REPORTING_LEMMAS}
    by_char = ByStart(dates, [d.start_char for d in dates])
    for ev in events:
        trigger = doc[ev.trigger_tokens[0]]
        sent: Span = trigger.sent
        in_sent = by_char.between(sent.start_char, sent.end_char)
        own = [d for d in in_sent if governors[id(d)].i in ev.trigger_tokens]
        # A date on the reporting verb ("residents told reporters on Monday") dates the report,
        # not the event reported.
        shared = [
            d
            for d in in_sent
            if d not in own
            and _governed_by(trigger, governors[id(d)])
            and (id(d) not in reporting or governors[id(d)].i in ev.trigger_tokens)
        ]
        # "…, which took place on August 18": an occurrence verb dates the event it describes.
        occurred = [d for d in in_sent if governors[id(d)].lemma_.lower() in OCCURRENCE_LEMMAS]
        options = own or shared or occurred
        chosen = options[0] if options else None
        if chosen is not None:
            ev.date = chosen
            ev.date_how = "sentence" if chosen.year_known else "sentence-no-year"
            shifted = shifted_date(doc, trigger, chosen, published)
            if shifted is not None:  # "two days after X": counted from the clause's date
                ev.date, ev.date_how = shifted, OFFSET
            continue
        if ev.factuality not in {"asserted", "negated"}:
            continue  # a hypothetical or future event does not inherit a past date
        para = paragraph_of(trigger.idx, starts)
        para_end = starts[para + 1] if para + 1 < len(starts) else sent.start_char
        before = [
            d
            for d in by_char.between(starts[para], min(sent.start_char, para_end))
            if d.precision in {"day", "month"}
        ]
        # Prefer when things happened over when they were reported ("said on Wednesday").
        before = [d for d in before if id(d) not in reporting] or before
        if before:
            ev.date = before[-1]
            ev.date_how = "paragraph" if ev.date.year_known else "paragraph-no-year"
            continue
        if published is not None and any(t.lower_ in PRESENT_ADVERBS for t in sent):
            ev.date = DateMention(
                start_char=0,
                end_char=0,
                text="",
                value=published.isoformat(),
                precision="day",
                year_known=True,
                sent_start=sent.start,
                as_date=published,
            )
            ev.date_how = "publication"
