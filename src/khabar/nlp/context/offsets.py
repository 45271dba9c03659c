"""Dates counted from another date: "X came two days after Y" (rule ``offset``).

A clause opened by "after" or "before" with a count of days or weeks in front of it ("two
days after troops bombed the camp", "a day before police arrested the mayor") ties its event
to the date of the clause it hangs from, shifted by that count: the event of the "after"
clause happened that many days earlier, the event of the "before" clause that many days
later. The coding rule (news-dev README): a date is resolved from a sentence that explicitly
ties the event to a dated event. Only day dates with a known year are shifted; a count of
hours is the same day and moves nothing. The shifted date keeps the span from the anchor date
to the tie word, so both stay visible.
"""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc, Token

from khabar.nlp.annotations import DateMention

#: rule id (the ``date_how`` of a shifted date)
OFFSET = "offset"

#: the tie words and the direction they move the event's date from the anchor
DIRECTIONS = {"after": -1, "before": 1}
#: units of the count, in days (hours are the same day: no shift)
UNITS = {"day": 1, "week": 7}
#: counts written as words ("a day after", "the day before" count one)
COUNT_WORDS = {
    "a": 1,
    "an": 1,
    "the": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}
#: how far up from the trigger the tie clause is looked for
CLIMB = 4


def _count(doc: Doc, mark: Token) -> int | None:
    """'two days' / 'a week' / 'the day' right before the tie word, in days."""
    if mark.i < 2:
        return None
    unit, number = doc[mark.i - 1], doc[mark.i - 2]
    per = UNITS.get(unit.lemma_.lower())
    if per is None:
        return None
    n = int(number.text) if number.text.isdigit() else COUNT_WORDS.get(number.lower_, 0)
    return n * per if 0 < n <= 60 else None


def _tie_clause(trigger: Token) -> tuple[Token, Token] | None:
    """The 'after'/'before' clause the trigger is told in, and its tie word."""
    node = trigger
    for _ in range(CLIMB):
        if node.dep_ == "advcl":
            for child in node.children:
                if child.dep_ == "mark" and child.lower_ in DIRECTIONS:
                    return node, child
            return None
        if node.head is node:
            return None
        node = node.head
    return None


def shifted_date(
    doc: Doc, trigger: Token, anchor: DateMention, published: dt.date | None
) -> DateMention | None:
    """The anchor date moved by the count of the tie clause the trigger is told in; ``None``
    when the trigger is in no such clause or the anchor is inside it (then it dates the tied
    event itself)."""
    if anchor.precision != "day" or not anchor.year_known or anchor.as_date is None:
        return None
    found = _tie_clause(trigger)
    if found is None:
        return None
    clause, mark = found
    days = _count(doc, mark)
    if days is None:
        return None
    lo = min(t.idx for t in clause.subtree)
    hi = max(t.idx + len(t) for t in clause.subtree)
    lo = min(lo, mark.idx)
    if lo <= anchor.start_char < hi:
        return None
    on = anchor.as_date + dt.timedelta(days=DIRECTIONS[mark.lower_] * days)
    if published is not None and on > published:
        return None
    phrase_start = doc[mark.i - 2].idx
    start = min(anchor.start_char, phrase_start)
    end = max(anchor.end_char, mark.idx + len(mark))
    return DateMention(
        start_char=start,
        end_char=end,
        text=doc.text[start:end],
        value=on.isoformat(),
        precision="day",
        year_known=True,
        sent_start=anchor.sent_start,
        as_date=on,
    )
