"""Whole short stories written by the khabar project for the story tests (fictional places)."""

from __future__ import annotations

import datetime as dt

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

PUBLISHED = dt.date(2031, 6, 16)  # a Monday


def _story(*paragraphs: tuple[str, ...]) -> str:
    return "\n\n".join(" ".join(p) for p in paragraphs) + "\n"


WIRE = _story(
    ("Rebels overrun border post",),
    ("By Staff Writer",),
    ("MARVANI, June 14 (Reuters) - Separatist rebels attacked an army border post outside",
     "the northern town of Kelso on Saturday, killing at least 14 soldiers and wounding 20",
     "others, the defence ministry said."),
    ("The ministry accused the rebels of breaking a ceasefire agreed in the capital last",
     "month. Two gunmen were also killed when soldiers returned fire, it said."),
    ("The government will hold talks with regional leaders on Monday, a spokesman said.",),
)  # fmt: skip

BACKGROUND = _story(
    ("Talks resume in Dorvan",),
    ("DORVAN (AP) — Negotiators from the government and the opposition met in the lakeside",
     "city on Tuesday to revive stalled peace talks, officials said."),
    ("In March 2029, the two sides signed a truce that collapsed within weeks. Fighting",
     "since then has killed dozens of people."),
)  # fmt: skip

DISASTER = _story(
    ("Quake hits hill towns",),
    ("A magnitude 6.2 earthquake struck the hill towns of the eastern province early on",
     "Wednesday, killing 37 people and injuring over 200, emergency officials said."),
    ("Rescue teams searched collapsed homes through the night as aftershocks shook the",
     "area. Heavy rains were expected to slow the work.\n— AFP"),
)  # fmt: skip

SPORT = _story(
    ("City beat Rovers 3-1",),
    ("The home team attacked from the first whistle and the striker scored twice before",
     "half-time in front of 40,000 fans."),
    ("Rovers' coach said his squad had been crushed by a better side. The club now leads",
     "the league by four points."),
)  # fmt: skip


def blank() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


NLP = blank()


def doc(text: str, places: tuple[str, ...] = ()) -> Doc:
    """A tokenised Doc with the given place names marked as GPE entities (first mention)."""
    d = NLP(text)
    ents = []
    for name in places:
        start = text.index(name)
        span = d.char_span(start, start + len(name), label="GPE")
        assert span is not None, name
        ents.append(span)
    d.ents = ents
    return d


def sentence(d: Doc, words: str) -> SpacySpan:
    """The sentence of ``d`` that contains ``words``."""
    return next(s for s in d.sents if words in s.text)


def tokens(d: Doc, words: str) -> SpacySpan:
    start = d.text.index(words)
    span = d.char_span(start, start + len(words))
    assert span is not None
    return span
