"""Background the grammar tells (issue 9, item 5): events the story tells as earlier than its
news without a date of their own.

* ``background-pluperfect``: the narrative's past perfect ("X had threatened reprisals"), in
  a main clause that reports nobody's words (in reported speech "police said gunmen had
  stormed" the past perfect is the news itself);
* ``background-relative``: an event told in a relative clause that describes a person ("the
  former president, who was ousted and arrested", "a leader who rallied protests");
* ``background-tie``: an event tied to the news by "days/weeks after" ("four days after the
  envoy visited"), or whose governing clause is tied to a background time ("before the
  results were announced last month, they rejected them").

Each applies only to asserted events without a date inside the news period. The coding rule
(news-dev README): background placed before the story's news period and given as context is
``historical``. Word lists: ``story_frame.yaml`` (``person_nouns``, ``background_phrases``).
"""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc, Token

from khabar.nlp.annotations import EventCandidate
from khabar.nlp.context.dates import REPORTING_LEMMAS
from khabar.nlp.context.offsets import OFFSET
from khabar.nlp.story.data import frame_words

PLUPERFECT = "background-pluperfect"
RELATIVE = "background-relative"
TIE = "background-tie"
ANTERIOR = (PLUPERFECT, RELATIVE, TIE)

#: how a clause hangs from the one it is part of, on the way up to its main clause
CLAUSE_DEPS = frozenset({"conj", "xcomp", "ccomp", "advcl", "relcl", "acl"})
#: units of "N days after": an earlier day (hours later is the same news)
DAY_UNITS = frozenset({"day", "week", "month", "year"})  # (a single day: still the news)
TIE_MARKS = frozenset({"before", "after", "when", "as", "while", "since"})
QUOTES = frozenset({'"', "“", "”"})
#: the date steps that read the event's own clause (the others lend it a nearby date)
OWN_DATE = frozenset({"sentence", "sentence-no-year", OFFSET})


def _dated_news(ev: EventCandidate, reference: dt.date | None) -> bool:
    """The event carries a date inside the news period (then the grammar says nothing)."""
    if ev.date is None or ev.date_how not in OWN_DATE:
        return False
    if reference is None or ev.date.as_date is None:
        return True
    return ev.date.as_date >= reference - dt.timedelta(days=frame_words().background_days)


def _ancestors(tok: Token, limit: int = 8) -> list[Token]:
    out = []
    node = tok
    for _ in range(limit):
        if node.head is node:
            break
        node = node.head
        out.append(node)
    return out


def _reported(trigger: Token) -> bool:
    """Inside someone's words: under a reporting verb, or in a quoted sentence."""
    if any(a.lemma_.lower() in REPORTING_LEMMAS for a in _ancestors(trigger)):
        return True
    sent = trigger.sent
    if any(t.lemma_.lower() in REPORTING_LEMMAS for t in sent if t.dep_ == "ROOT"):
        return True
    # between quotation marks (an odd number of them before it in its sentence)
    marks = sum(t.text in QUOTES for t in trigger.doc[sent.start : trigger.i])
    return marks % 2 == 1


def pluperfect(trigger: Token) -> bool:
    """'X had threatened reprisals' in a main clause of the narrative."""
    verb = trigger
    if verb.pos_ not in {"VERB", "AUX"} or verb.tag_ != "VBN":
        return False
    if not any(c.dep_ == "aux" and c.lower_ == "had" for c in verb.children):
        return False
    node = verb
    while node.dep_ == "conj":
        node = node.head
    return node.dep_ == "ROOT" and not _reported(trigger)


def describes_a_person(trigger: Token) -> bool:
    """The event is told in a relative clause about a person ('X, who was ousted')."""
    people = frame_words().person_nouns
    for node in [trigger, *_ancestors(trigger, 6)]:
        if node.dep_ == "relcl":
            head = node.head
            past = node.tag_ in {"VBD", "VBN"}
            return past and (head.ent_type_ == "PERSON" or head.lemma_.lower() in people)
    return False


def tied_to_background(doc: Doc, trigger: Token) -> str | None:
    """'four days after X visited' (the event of the after-clause); 'before … last month,
    they rejected' (a governing clause's tie clause names a background time)."""
    for node in [trigger, *_ancestors(trigger, 4)]:
        if node.dep_ == "advcl":
            marks = [c for c in node.children if c.dep_ == "mark" and c.lower_ == "after"]
            for mark in marks:
                near = doc[max(mark.i - 3, 0) : mark.i]
                # "a day after" is still the news (yesterday); "days/weeks after" is not
                units = [
                    t
                    for t in near
                    if t.lemma_.lower() in DAY_UNITS and t.lower_ not in {"day", "hour"}
                ]
                if units:
                    return doc[max(units[-1].i - 1, 0) : mark.i + 1].text
            break
    phrases = frame_words().background_phrases
    for node in [trigger, *_ancestors(trigger, 4)]:
        for child in node.children:
            if child.dep_ != "advcl" or child.i == trigger.i:
                continue
            if not any(c.dep_ == "mark" and c.lower_ in TIE_MARKS for c in child.children):
                continue
            text = " " + " ".join(t.lower_ for t in child.subtree) + " "
            for phrase in phrases:
                if f" {phrase} " in text:
                    return phrase
        if node.dep_ not in CLAUSE_DEPS:
            break
    return None


def assign_anterior(doc: Doc, events: list[EventCandidate], reference: dt.date | None) -> None:
    """Mark asserted events the grammar puts before the news as ``historical`` (in place)."""
    for ev in events:
        if ev.factuality != "asserted" or _dated_news(ev, reference):
            continue
        trigger = doc[ev.trigger_tokens[0]]
        cue: str | None = None
        if pluperfect(trigger):
            cue = f"{PLUPERFECT}: had {trigger.text}"
        elif describes_a_person(trigger):
            cue = f"{RELATIVE}: {trigger.text}"
        else:
            tie = tied_to_background(doc, trigger)
            cue = f"{TIE}: {tie}" if tie else None
        if cue is not None:
            ev.factuality, ev.factuality_cue = "historical", cue
