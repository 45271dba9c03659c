"""Date expressions resolved against the publication date, and attached to events.

Never guessed: without a publication date, 'August 20' keeps an unknown year (``--08-20``)
and relative expressions ('yesterday') stay unresolved.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from khabar.nlp.annotations import DateMention, EventCandidate, PlaceMention

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
PRESENT_ADVERBS = {"currently", "today", "now", "tonight"}


@dataclass(frozen=True)
class ResolvedDate:
    value: str
    precision: str
    year_known: bool
    as_date: dt.date | None
    end_value: str | None = None


WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}


def resolve_date_text(text: str, published: dt.date | None) -> ResolvedDate | None:
    """Resolve one date expression; ``None`` when it is vague or cannot be anchored."""
    clean = text.strip()
    if not clean or VAGUE.match(clean):
        return None
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
        stripped = re.sub(r"^(on|in|at|since|by|from|during|last|this)\s+", "", text, flags=re.I)
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


def find_date_mentions(doc: Doc, published: dt.date | None) -> list[DateMention]:
    out: list[DateMention] = []
    for ent in doc.ents:
        if ent.label_ not in {"DATE"}:
            continue
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


def paragraph_starts(doc: Doc) -> list[int]:
    """Character offsets where paragraphs start (a line break starts a paragraph)."""
    starts = [0]
    text = doc.text
    i = text.find("\n")
    while i != -1:
        starts.append(i + 1)
        i = text.find("\n", i + 1)
    return starts


def _paragraph_of(char: int, starts: list[int]) -> int:
    n = 0
    for i, s in enumerate(starts):
        if s <= char:
            n = i
    return n


def _clause_tokens(trigger: Token) -> set[int]:
    """Tokens of the trigger's own clause and the clauses that govern it (not its arguments)."""
    ids = {t.i for t in trigger.subtree}
    node = trigger
    while node.head is not node and node.dep_ in {
        "xcomp",
        "ccomp",
        "advcl",
        "conj",
        "acl",
        "relcl",
        "pobj",
        "prep",
        "dobj",
        "nsubj",
        "nsubjpass",
    }:
        node = node.head
        ids.update(
            c.i
            for c in node.children
            if c.dep_ in {"prep", "npadvmod", "advmod"}
            for c in c.subtree
        )
    return ids


OCCURRENCE_LEMMAS = {"take", "occur", "happen", "erupt", "break", "begin", "start"}
REPORTING_LEMMAS = {
    "say",
    "state",
    "report",
    "tell",
    "announce",
    "add",
    "claim",
    "confirm",
    "write",
    "note",
    "according",
}


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
        if (
            node.dep_
            not in {
                "xcomp",
                "conj",
                "advcl",
                "acl",
                "dobj",
                "nsubjpass",
                "pobj",
                "prep",
                "nsubj",
                "ccomp",
            }
            or node.head is node
        ):
            return False
        node = node.head
    return False


def attach_dates(
    doc: Doc, events: list[EventCandidate], dates: list[DateMention], published: dt.date | None
) -> None:
    starts = paragraph_starts(doc)
    event_tokens = {i for ev in events for i in ev.trigger_tokens}
    governors = {id(d): date_governor(doc, d, event_tokens) for d in dates}
    reporting = {id(d) for d in dates if governors[id(d)].lemma_.lower() in REPORTING_LEMMAS}
    for ev in events:
        trigger = doc[ev.trigger_tokens[0]]
        sent: Span = trigger.sent
        in_sent = [d for d in dates if sent.start_char <= d.start_char < sent.end_char]
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
            continue
        if ev.factuality not in {"asserted", "negated"}:
            continue  # a hypothetical or future event does not inherit a past date
        para = _paragraph_of(trigger.idx, starts)
        before = [
            d
            for d in dates
            if d.start_char < sent.start_char
            and _paragraph_of(d.start_char, starts) == para
            and d.precision in {"day", "month"}
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


PLACE_LABELS = {"GPE", "LOC", "FAC"}
LOCATIVE_PREPS = {
    "in",
    "at",
    "near",
    "outside",
    "inside",
    "across",
    "throughout",
    "around",
    "on",
    "into",
    "within",
    "over",
    "through",
    "along",
    "off",
}
VERBAL_TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "REQUEST", "ACCUSE", "REJECT", "THREATEN"}


#: "the village of Tora", "the town of Sake": a capitalised name after these is a place,
#: whether or not the NER or the gazetteer knows it.
SETTLEMENT_WORDS = {"village", "town", "city", "district", "province", "region", "county",
                    "municipality", "neighbourhood", "neighborhood", "suburb", "camp"}  # fmt: skip


#: "residents of Khorog": the name after these is where they live.
RESIDENT_WORDS = {"resident", "inhabitant", "villager", "native", "townspeople"}


def find_place_mentions(doc: Doc) -> list[PlaceMention]:
    out = []
    for ent in doc.ents:
        if ent.label_ in PLACE_LABELS:
            out.append(PlaceMention(start=ent.start, end=ent.end, label="PLACE"))
        elif ent.label_ == "NORP":
            out.append(PlaceMention(start=ent.start, end=ent.end, label="DEMONYM"))
    taken = {i for p in out for i in range(p.start, p.end)}
    for tok in doc:
        if (
            tok.lower_ == "of"
            and tok.i > 0
            and doc[tok.i - 1].lemma_.lower() in SETTLEMENT_WORDS | RESIDENT_WORDS
            and tok.i + 1 < len(doc)
            and doc[tok.i + 1].is_title
            and doc[tok.i + 1].i not in taken
        ):
            end = tok.i + 2
            while end < len(doc) and doc[end].is_title and end - tok.i <= 4:
                end += 1
            if not any(i in taken for i in range(tok.i + 1, end)):
                out.append(PlaceMention(start=tok.i + 1, end=end, label="PLACE"))
    return sorted(out, key=lambda p: p.start)


def _is_locative(doc: Doc, place: PlaceMention) -> bool:
    head = doc[place.end - 1]
    # "the province of Nangarhar": climb through the 'of' to the locative preposition.
    node = head
    for _ in range(3):
        if node.dep_ == "pobj" and node.head.lower_ in LOCATIVE_PREPS:
            return True
        if node.dep_ in {"pobj", "prep", "compound", "appos"} or node.head.lemma_ in {
            "province",
            "region",
            "district",
            "city",
            "town",
            "village",
            "area",
        }:
            node = node.head
            continue
        break
    return node.dep_ == "npadvmod" or (node.dep_ == "pobj" and node.head.lower_ in LOCATIVE_PREPS)


def attach_locations(
    doc: Doc,
    events: list[EventCandidate],
    places: list[PlaceMention],
    actor_spans: list[tuple[int, int]],
) -> None:
    starts = paragraph_starts(doc)

    def inside_actor(p: PlaceMention) -> bool:
        # a place that only qualifies an actor ("the president of Tajikistan"), not one that
        # is a whole mention by itself
        return any(
            s <= p.start and p.end <= e and (s, e) != (p.start, p.end) for s, e in actor_spans
        )

    all_candidates = [p for p in places if p.label == "PLACE" and not inside_actor(p)]
    # places that qualify an actor ("residents of Khorog", "Kabul police")
    actor_places = [p for p in places if p.label == "PLACE" and inside_actor(p)]
    for ev in events:
        trigger = doc[ev.trigger_tokens[0]]
        sent = trigger.sent
        roles = [(m.start, m.end) for m in (*ev.actor, *ev.recipient)]
        candidates = [
            p for p in all_candidates if not any(s <= p.start and p.end <= e for s, e in roles)
        ]
        if ev.type in VERBAL_TYPES:
            # Where a statement was made: a place attached to the trigger itself only.
            own = [p for p in candidates if _attached_to(doc, p, ev.trigger_tokens)]
            if own:
                ev.location, ev.location_how = own[0], "clause"
            continue
        clause = _clause_tokens(trigger)
        in_clause = [p for p in candidates if p.end - 1 in clause and _is_locative(doc, p)]
        if in_clause:
            ev.location, ev.location_how = _most_specific(doc, in_clause), "clause"
            continue
        if any(t.lower_ == "there" and t.dep_ == "advmod" and t.i in clause for t in sent):
            prev_sent = doc[sent.start - 1].sent if sent.start > 0 else None
            prev = [
                p
                for p in candidates
                if prev_sent is not None and prev_sent.start <= p.start < prev_sent.end
            ]
            if prev:
                ev.location = _most_specific(doc, prev)
                ev.location_how = "'there' -> place of the previous sentence"
                continue
        in_sent = [
            p for p in candidates if sent.start <= p.start < sent.end and _is_locative(doc, p)
        ]
        if in_sent:
            ev.location, ev.location_how = _most_specific(doc, in_sent), "sentence"
            continue
        if ev.factuality not in {"asserted", "negated"}:
            continue
        # "residents of Khorog protested": the place that names where the actor is from.
        own_place = [
            p
            for p in places
            if p.label == "PLACE"
            and sent.start <= p.start < sent.end
            and (
                any(s <= p.start and p.end <= e and (s, e) != (p.start, p.end) for s, e in roles)
                or _qualifies(doc, p, roles)
            )
        ]
        if own_place:  # (verbal events left above: only material ones reach here)
            ev.location, ev.location_how = own_place[0], "the place its actor is named by"
            continue
        para = _paragraph_of(trigger.idx, starts)
        before = [
            p
            for p in (*candidates, *actor_places)
            if p.end <= sent.start
            and _paragraph_of(doc[p.start].idx, starts) == para
            and (_is_locative(doc, p) or p in actor_places)
        ]
        if before:
            ev.location, ev.location_how = max(before, key=lambda p: p.start), "paragraph"


def _qualifies(doc: Doc, place: PlaceMention, roles: list[tuple[int, int]]) -> bool:
    """'residents of Khorog', 'protesters from Herat': the place names where a party is from."""
    head = doc[place.end - 1]
    prep = head.head
    return (
        head.dep_ == "pobj"
        and prep.lower_ in {"of", "from"}
        and any(s <= prep.head.i < e for s, e in roles)
    )


def _attached_to(doc: Doc, place: PlaceMention, trigger_tokens: list[int]) -> bool:
    head = doc[place.end - 1]
    return (
        head.dep_ == "pobj"
        and head.head.lower_ in LOCATIVE_PREPS
        and head.head.head.i in trigger_tokens
    )


def _most_specific(doc: Doc, places: list[PlaceMention]) -> PlaceMention:
    """Prefer a sub-national place over a country when both modify the event."""
    from khabar.geo.countries import load_countries

    countries = load_countries()
    non_country = [p for p in places if countries.lookup_name(doc[p.start : p.end].text) is None]
    return (non_country or places)[0]
