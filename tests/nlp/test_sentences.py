"""Sentence and offset indexes computed once per Doc (khabar.nlp.sentences)."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from khabar.nlp.components import mark_line_breaks
from khabar.nlp.sentences import ByStart, keep_paragraph_openings, paragraph_of, sentence_starts


def test_sentence_starts_match_token_sent() -> None:
    starts = [True, False, False, True, False, False, False, True]
    doc = Doc(
        spacy.blank("en").vocab, words=["A", "b", ".", "C", "d", "e", ".", "F"], sent_starts=starts
    )
    assert sentence_starts(doc) == [tok.sent.start for tok in doc]
    assert sentence_starts(doc) == [0, 0, 0, 3, 3, 3, 3, 7]


@pytest.mark.parametrize(
    ("char", "expected"), [(0, 0), (9, 0), (10, 1), (11, 1), (25, 2), (10_000, 2)]
)
def test_paragraph_of(char: int, expected: int) -> None:
    assert paragraph_of(char, [0, 10, 25]) == expected


@pytest.mark.parametrize("keys", [[1, 3, 3, 7, 9], [9, 1, 7, 3, 3]])
@pytest.mark.parametrize(("lo", "hi"), [(0, 100), (3, 4), (2, 8), (4, 7), (9, 10), (10, 20)])
def test_by_start_between_keeps_order_sorted_or_not(keys: list[int], lo: int, hi: int) -> None:
    items = [f"item{i}" for i in range(len(keys))]
    index = ByStart(items, keys)
    expected = [x for x, k in zip(items, keys, strict=True) if lo <= k < hi]
    assert index.between(lo, hi) == expected


def test_a_paragraph_keeps_its_opening_words() -> None:
    """'Kenyan | and Ugandan troops …': the first words after a headline are not cut off."""
    nlp = spacy.blank("en")
    doc = mark_line_breaks(nlp("Town retaken\n\nKenyan and Ugandan troops retook it. They left."))
    keep_paragraph_openings(doc)
    flags = {t.text: t.is_sent_start for t in doc}
    assert flags["Kenyan"] is True
    assert flags["and"] is False and flags["Ugandan"] is False
    assert flags["troops"] is None  # the parser decides past the opening words


def test_a_dateline_still_ends_its_own_sentence() -> None:
    nlp = spacy.blank("en")
    doc = keep_paragraph_openings(mark_line_breaks(nlp("Talks end\n\nKABUL - Envoys met.")))
    flags = {t.text: t.is_sent_start for t in doc}
    assert flags["KABUL"] is True and flags["Envoys"] is True
    assert flags["-"] is False


def test_a_short_opening_sentence_may_end() -> None:
    nlp = spacy.blank("en")
    doc = keep_paragraph_openings(mark_line_breaks(nlp("Intro\n\nYes. Envoys met.")))
    assert {t.text: t.is_sent_start for t in doc}["Envoys"] is None


@pytest.mark.slow
def test_the_pipeline_parses_a_paragraph_opening_as_one_clause(nlp_rules: Language) -> None:
    doc = nlp_rules("Prisoners swapped\n\nRussia and Ukraine exchanged 90 prisoners on Monday.")
    russia = next(t for t in doc if t.text == "Russia")
    assert russia.sent.start == russia.i
    assert any(t.text == "exchanged" for t in russia.sent)
