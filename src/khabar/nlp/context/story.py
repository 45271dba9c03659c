"""Dates, places and news-or-background from the whole story (issue 9, items 3-5).

These passes run after the sentence-level ones (:mod:`.dates`, :mod:`.places`) and only fill
what those left open, in the order an analyst reads a story:

dates   clause / sentence (``sentence``) -> a clause that ties the event to a dated event
        (``tied``) -> the one day its sentence names (``sentence-day``; counted from by
        "two days after": ``offset``, :mod:`.offsets`) -> a tie phrase
        ("hours later": ``tied``) -> the paragraph (``paragraph``) -> the news day, for
        events the story tells as its news (``news-day``; :class:`.view.StoryView`), and
        the other events of a paragraph that tells the news (``news-day-paragraph``; a
        lead without a day takes it from "<day>'s raid": :mod:`.restated`).
        Never the publication date without a textual link.
places  clause -> sentence -> a place description ("the <demonym> capital", "the city":
        ``description``) -> the place a party is named by -> paragraph -> the news place
        (``news-place``; when the lead names none, where the story's first event of the
        lead's kind happened: ``news-place-told``). The dateline comes last, in the extractor.
places: :mod:`.story_places`. News or background: :mod:`.background`.

Each step is a rule id (the ``date_how`` / ``location_how`` value, or the ``factuality_cue``
prefix); word lists are in ``nlp/data/story_frame.yaml``.
"""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc, Token

from khabar.nlp.annotations import DateMention, EventCandidate
from khabar.nlp.context.dates import period_bound
from khabar.nlp.context.offsets import OFFSET, shifted_date
from khabar.nlp.context.restated import with_restated_day
from khabar.nlp.context.view import StoryView
from khabar.nlp.sentences import ByStart, paragraph_of
from khabar.nlp.story.data import frame_words
from khabar.nlp.story.frame import StoryFrame
from khabar.nlp.syntax import TIED_CLAUSE_LINKS

#: rule ids of the story steps
TIED = "tied"
SENTENCE_DAY = "sentence-day"
NEWS_DAY = "news-day"


# --------------------------------------------------------------------------- dates


def _date_of_news_day(frame: StoryFrame, sent_start: int) -> DateMention | None:
    nd = frame.news_day
    if nd is None:
        return None
    year_known = not nd.value.startswith("--")
    return DateMention(
        start_char=nd.start,
        end_char=nd.end,
        text=nd.text,
        value=nd.value,
        precision=nd.precision,
        year_known=year_known,
        sent_start=sent_start,
        as_date=dt.date.fromisoformat(nd.value) if year_known else None,
    )


def _tied_in_sentence(
    doc: Doc, ev: EventCandidate, dated: dict[int, EventCandidate]
) -> EventCandidate | None:
    """The dated event this one is tied to by a subordinate clause ("… when soldiers
    returned fire", "after the minister refused"), in either direction."""
    marks = frame_words().tie_marks
    trigger = doc[ev.trigger_tokens[0]]
    node = trigger
    for _ in range(4):  # this event's clause hangs from a dated event's
        if node.dep_ == "advcl" and any(c.lower_ in marks for c in node.children):
            other = dated.get(node.head.i) or _dated_in_clause(node.head, node, dated)
            if other is not None and other is not ev:
                return other
        if node.head is node or node.dep_ not in TIED_CLAUSE_LINKS:
            break
        node = node.head
    for child in trigger.children:  # a dated event hangs from this one's clause
        if child.dep_ == "advcl" and any(c.lower_ in marks for c in child.children):
            other = dated.get(child.i)
            if other is not None and other is not ev:
                return other
    return None


def _dated_in_clause(
    head: Token, tied: Token, dated: dict[int, EventCandidate]
) -> EventCandidate | None:
    """A dated event told in the clause a tie clause hangs from ("held signs accusing X, as
    police fired"), outside the tie clause itself."""
    inside = {t.i for t in tied.subtree}
    for tok in head.subtree:
        if tok.i not in inside and tok.i in dated:
            return dated[tok.i]
    return None


def _has_tie_phrase(doc: Doc, ev: EventCandidate) -> bool:
    words = frame_words()
    trigger = doc[ev.trigger_tokens[0]]
    sent = trigger.sent
    low = sent.text.lower()
    if any(p in low for p in words.tie_phrases):
        return True
    return trigger.lemma_.lower() in words.tie_lemmas


def attach_story_dates(doc: Doc, events: list[EventCandidate], frame: StoryFrame | None) -> None:
    """Date the events the clause step left undated (in place): a clause that ties it to a
    dated event, the one day its sentence names, a tie phrase ("hours later"), the paragraph
    (already set by :mod:`.dates`), the news day."""
    from khabar.nlp.annotations import dates_of

    view = StoryView.of(doc, events, frame)
    frame = with_restated_day(doc, frame, view)  # "Thursday's raid" later in the story
    days = [d for d in dates_of(doc) if d.precision == "day" and not period_bound(doc, d)]
    by_char = ByStart(days, [d.start_char for d in days])
    dated = {i: ev for ev in events if ev.date is not None for i in ev.trigger_tokens}
    ordered = sorted(events, key=lambda e: e.trigger_tokens[0])
    last_day: DateMention | None = None
    for ev in ordered:
        from_paragraph = ev.date_how in {"paragraph", "paragraph-no-year"}
        if ev.date is not None and not from_paragraph:
            if ev.date.precision == "day":
                last_day = ev.date
            continue
        if ev.factuality not in {"asserted", "negated"}:
            continue
        trigger = doc[ev.trigger_tokens[0]]
        tied = _tied_in_sentence(doc, ev, dated)
        if tied is not None and tied.date is not None and tied is not ev:
            # "came two days after": the tied event's day, moved by the count
            shifted = shifted_date(doc, trigger, tied.date, frame.published if frame else None)
            ev.date, ev.date_how = (tied.date, TIED) if shifted is None else (shifted, OFFSET)
            dated.update({i: ev for i in ev.trigger_tokens})
            continue
        sent = trigger.sent
        in_sent = by_char.between(sent.start_char, sent.end_char)
        if len({d.value for d in in_sent}) == 1:
            # the one day the sentence names ("said on Monday that …", "late Friday night
            # when …"): the event is told as of that day
            ev.date, ev.date_how = in_sent[0], SENTENCE_DAY
            shifted = shifted_date(doc, trigger, in_sent[0], frame.published if frame else None)
            if shifted is not None:
                ev.date, ev.date_how = shifted, OFFSET
            dated.update({i: ev for i in ev.trigger_tokens})
            continue
        if _has_tie_phrase(doc, ev):
            anchor = last_day or (_date_of_news_day(frame, trigger.sent.start) if frame else None)
            if anchor is not None:
                ev.date, ev.date_how = anchor, TIED
                dated.update({i: ev for i in ev.trigger_tokens})
                continue
        if from_paragraph:
            continue
        if (
            frame is not None
            and view.is_news(doc, ev)
            and not _other_day_in_paragraph(doc, ev, view, frame)
        ):
            news = _date_of_news_day(frame, trigger.sent.start)
            if news is not None:
                ev.date, ev.date_how = news, NEWS_DAY
                dated.update({i: ev for i in ev.trigger_tokens})
    if frame is not None:
        _news_day_paragraphs(doc, ordered, view, frame)


def _news_day_paragraphs(
    doc: Doc, events: list[EventCandidate], view: StoryView, frame: StoryFrame
) -> None:
    """An event told in a paragraph that tells the news (one of its events took the news
    day) and names no other day is told as of the news day too (rule ``news-day-paragraph``;
    its ``how`` is the news day's)."""

    def para(ev: EventCandidate) -> int:
        return paragraph_of(doc[ev.trigger_tokens[0]].idx, view.starts)

    news_paras = {para(ev) for ev in events if ev.date_how == NEWS_DAY}
    # (the paragraphs are those of the news day before this pass: it does not chain)
    for ev in events:
        if (
            ev.date is None
            and ev.factuality in {"asserted", "negated"}
            and para(ev) in news_paras
            and not _other_day_in_paragraph(doc, ev, view, frame)
        ):
            ev.date = _date_of_news_day(frame, doc[ev.trigger_tokens[0]].sent.start)
            ev.date_how = NEWS_DAY


def _other_day_in_paragraph(
    doc: Doc, ev: EventCandidate, view: StoryView, frame: StoryFrame
) -> bool:
    """A paragraph that names another day tells another day's events."""
    from khabar.nlp.annotations import dates_of

    trigger = doc[ev.trigger_tokens[0]]
    para = paragraph_of(trigger.idx, view.starts)
    lo = view.starts[para]
    hi = view.starts[para + 1] if para + 1 < len(view.starts) else len(doc.text)
    news = frame.news_day.value if frame.news_day else None
    return any(lo <= d.start_char < hi and d.value != news for d in dates_of(doc))
