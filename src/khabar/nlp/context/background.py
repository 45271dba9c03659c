"""News or background (issue 9, item 5): what the story tells as earlier than its news.

* ``background-date``: a date in the event's clause (or the event's own date, or the date of
  the event it followed: "arrests followed the 2009 protests") before the story's news
  period: an earlier year or month, "earlier this month", a day more than a week before
  publication (without a publication date, the latest day the story names);
* ``background-wording``: "since …" (not "since Monday"), "in recent months", "repeatedly",
  "last March", "the earlier decision";
* ``background-paragraph``: the sentences after a dated background sentence that opens a
  paragraph below the lead;
* ``frame-prep``: "ahead of a meeting" (future), "commitments to defend" (hypothetical),
  "stopped short of an attack" (negated);
* what the grammar tells (past perfect, relative clauses about a person, "days after"):
  :mod:`.anterior`;
* descriptions of a party, running totals, habits and what "since" counts from:
  :mod:`.habitual`.

Background events lose the news day and the news place. Word lists: ``story_frame.yaml``.
"""

from __future__ import annotations

import calendar
import datetime as dt

from spacy.tokens import Doc, Token

from khabar.nlp.annotations import DateMention, EventCandidate
from khabar.nlp.context.anterior import ANTERIOR, assign_anterior
from khabar.nlp.context.habitual import HABITUAL, assign_habitual
from khabar.nlp.context.paragraphs import clause_tokens, paragraph_starts
from khabar.nlp.context.story import NEWS_DAY
from khabar.nlp.context.story_places import NEWS_PLACE
from khabar.nlp.sentences import paragraph_of
from khabar.nlp.story.data import frame_words
from khabar.nlp.story.frame import StoryFrame
from khabar.nlp.words import WordSet

MONTH_NAMES = frozenset(m for m in calendar.month_name if m)
WEEKDAY_NAMES = frozenset(d.lower() for d in calendar.day_name)
#: a date after these words is a deadline or a plan, not when the event happened
NOT_WHEN = WordSet("context", "not_when")
BACKGROUND_DATE = "background-date"
BACKGROUND_PARAGRAPH = "background-paragraph"
BACKGROUND_WORDING = "background-wording"
FRAME_PREP = "frame-prep"


def _before_news(d: DateMention, reference: dt.date) -> bool:
    """A date that ends before the story's news period: an earlier year or month, an
    "earlier this month/year", or a day more than ``background_days`` before ``reference``."""
    if d.as_date is None or not d.year_known:
        return False
    earlier = d.text.lower().lstrip().startswith(("earlier", "early"))
    if d.precision == "year":
        year = int(d.end_value) if d.end_value and d.end_value.isdigit() else d.as_date.year
        return year < reference.year or (earlier and year == reference.year)
    if d.precision == "month":
        here = (d.as_date.year, d.as_date.month)
        now = (reference.year, reference.month)
        return here < now or (earlier and here == now)
    return d.as_date < reference - dt.timedelta(days=frame_words().background_days)


def _background_cue(doc: Doc, trigger: Token, clause: set[int]) -> str | None:
    """Wording that puts an event before the news: "since …" on its clause (not "since
    Monday"), a background phrase ("in recent months", "repeatedly"), "last <Month>", or an
    "earlier"/"previous" modifier of the event noun."""
    words = frame_words()
    for i in sorted(clause):
        tok = doc[i]
        if (
            tok.lower_ == "since"
            and tok.dep_ == "prep"
            and not _in_comparison(tok, trigger)
            and not _recent(tok)
        ):
            return tok.text
    text = " ".join(doc[i].lower_ for i in sorted(clause))
    for phrase in words.background_phrases:
        if f" {phrase} " in f" {text} ":
            return phrase
    for i in sorted(clause):  # "last March": a month named as the last one
        tok = doc[i]
        if tok.lower_ == "last" and i + 1 < len(doc) and doc[i + 1].text in MONTH_NAMES:
            return f"{tok.text} {doc[i + 1].text}"
    # "the earlier decision to close": a modifier of the event noun or of the noun it completes
    nouns = [trigger, trigger.head] if trigger.dep_ in {"acl", "xcomp", "pobj"} else [trigger]
    for noun in nouns:
        for child in noun.children:
            if child.dep_ == "amod" and child.lower_ in words.background_modifiers:
                return child.text
    return None


def _deadline(doc: Doc, d: DateMention) -> bool:
    """'until May 30', 'by June': a deadline, not when the event happened."""
    span = doc.char_span(d.start_char, d.end_char, alignment_mode="expand")
    if span is None:
        return False
    first = span[0] if span[0].lower_ in NOT_WHEN else (doc[span.start - 1] if span.start else None)
    return first is not None and first.lower_ in NOT_WHEN


def _recent(since: Token) -> bool:
    """'since Monday', 'since yesterday': a start inside the news period."""
    words = {t.lower_ for c in since.children for t in c.subtree}
    return bool(words & (WEEKDAY_NAMES | {"yesterday", "today", "morning", "dawn", "midnight"}))


def _in_comparison(tok: Token, trigger: Token) -> bool:
    node = tok
    for _ in range(6):
        if node.i == trigger.i or node.head is node:
            return False
        node = node.head
        if _superlative(node) or any(
            c.dep_ in {"amod", "advmod"} and _superlative(c) for c in node.children
        ):
            return True
    return False


def _superlative(tok: Token) -> bool:
    return tok.tag_ in {"JJS", "RBS"} or tok.lower_ in {"first", "last", "only"}


def prep_frame(trigger: Token) -> tuple[str, str] | None:
    """The frame an event word is planned, expected or stopped in: "ahead of talks", "plans
    for a protest", "bracing for unrest", "stopped short of an attack" (word list
    ``frame_preps``), "talks to be held" (scheduled: future), "an operation to arrest"
    (a purpose: hypothetical)."""
    preps = frame_words().frame_preps
    purpose = trigger.head
    if (
        trigger.pos_ == "NOUN"
        and trigger.dep_ == "dobj"
        and purpose.dep_ == "advcl"
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in purpose.children)
    ):  # "needed to secure its endorsement": what the purpose clause aims at
        return "hypothetical", f"to {purpose.text}"
    for child in trigger.children:
        if _scheduled(child):
            return "future", f"to {child.text}"
    if trigger.dep_ == "advcl" and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in trigger.children
    ):
        return "hypothetical", f"to {trigger.text}"
    if (
        trigger.dep_ in {"acl", "xcomp", "relcl"}
        and trigger.head.lemma_.lower() in frame_words().intent_nouns
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in trigger.children)
    ):  # "a pledge to defend", "commitments to withdraw": what was promised
        return "hypothetical", f"{trigger.head.text} to"
    node = trigger
    for _ in range(3):
        if node.dep_ != "pobj":
            return None
        prep = node.head
        owner = prep.head if prep.lower_ in {"of", "to", "for"} else prep
        for word in (owner.lower_, owner.lemma_.lower()):
            if word in preps:
                return preps[word], f"{owner.text} {prep.text}"
        node = owner
        if node.dep_ == "pobj":
            continue
        return None
    return None


def _scheduled(clause: Token) -> bool:
    """'talks to be held', 'talks to take place': an infinitive that schedules the event
    (not its content: 'a request to support' is what was requested)."""
    if clause.dep_ not in {"acl", "relcl"}:
        return False
    children = list(clause.children)
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in children) and (
        any(c.dep_ == "auxpass" for c in children)
        or clause.lemma_.lower() in frame_words().schedule_verbs
    )


def _compares(doc: Doc, d: DateMention, trigger: Token) -> bool:
    """'the deadliest attack since 2014', 'the first … since 2019': a date that only scopes a
    superlative or ordinal does not date the event."""
    span = doc.char_span(d.start_char, d.end_char, alignment_mode="expand")
    return _in_comparison(span.root if span is not None else trigger, trigger)


def assign_background(
    doc: Doc,
    events: list[EventCandidate],
    dates: list[DateMention],
    published: dt.date | None,
    frame: StoryFrame | None = None,
) -> None:
    """News or background (in place): the dated-before-news rule, background paragraphs,
    and the prepositional frames of future and negated events."""
    for ev in events:
        if ev.factuality != "asserted":
            continue
        found = prep_frame(doc[ev.trigger_tokens[0]])
        if found is not None:
            ev.factuality, ev.factuality_cue = found[0], f"{FRAME_PREP}: {found[1]}"
    # without a publication date, the latest date the story names stands for it
    known = [d.as_date for d in dates if d.as_date and d.year_known]
    reference = published or (max(known) if known else None)
    starts = paragraph_starts(doc)
    old = [d for d in dates if reference is not None and _before_news(d, reference)]
    lead_para = paragraph_of(frame.lead.start, starts) if frame and frame.lead else -1
    opener_paragraphs: dict[int, DateMention] = {}
    for d in old:
        span = doc.char_span(d.start_char, d.end_char, alignment_mode="expand")
        para = paragraph_of(d.start_char, starts)
        if span is None or para <= lead_para:
            continue  # the headline and the lead tell the news
        if span.sent.start_char - starts[para] <= 2:  # the paragraph's opening sentence
            opener_paragraphs.setdefault(para, d)
    for ev in events:
        if ev.factuality != "asserted":
            continue
        trigger = doc[ev.trigger_tokens[0]]
        clause = clause_tokens(trigger) | _followed(trigger)
        own = [
            d
            for d in old
            if (span := doc.char_span(d.start_char, d.end_char, alignment_mode="expand"))
            is not None
            and span.root.i in clause
            and not _compares(doc, d, trigger)
            and not _deadline(doc, d)
        ]
        if (
            ev.date is not None
            and reference is not None
            and ev.date_how != NEWS_DAY
            and _before_news(ev.date, reference)
            and not _compares(doc, ev.date, trigger)
            and not _deadline(doc, ev.date)
        ):
            own.insert(0, ev.date)
        if own:
            ev.factuality, ev.factuality_cue = "historical", f"{BACKGROUND_DATE}: {own[0].text}"
            _forget_news(ev)
            continue
        cue = _background_cue(doc, trigger, clause)
        if cue is not None:
            ev.factuality, ev.factuality_cue = "historical", f"{BACKGROUND_WORDING}: {cue}"
            _forget_news(ev)
            continue
        para = paragraph_of(trigger.idx, starts)
        opener = opener_paragraphs.get(para)
        if (
            opener is not None
            and opener.start_char <= trigger.idx
            and (ev.date is None or ev.date_how in {"paragraph", NEWS_DAY})
        ):
            ev.factuality = "historical"
            ev.factuality_cue = f"{BACKGROUND_PARAGRAPH}: {opener.text}"
            _forget_news(ev)
    assign_anterior(doc, events, reference)
    assign_habitual(doc, events)
    for ev in events:
        if ev.factuality_cue and ev.factuality_cue.startswith((*ANTERIOR, *HABITUAL)):
            _forget_news(ev)


def _followed(trigger: Token) -> set[int]:
    """'arrests followed the 2009 protests': the event happened in the period of the event
    it followed, so that event's date is the event's too."""
    head = trigger.head
    if trigger.dep_ != "nsubj" or head.lemma_.lower() not in frame_words().sequence_verbs:
        return set()
    return {t.i for c in head.children if c.dep_ == "dobj" for t in c.subtree}


def _forget_news(ev: EventCandidate) -> None:
    """Background takes neither the news day nor the news place."""
    if ev.date_how == NEWS_DAY:
        ev.date, ev.date_how = None, None
    if ev.location_how == NEWS_PLACE:
        ev.location, ev.location_how = None, None
