"""Sentence and offset indexes computed once per Doc (khabar.nlp.sentences)."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from khabar.nlp.sentences import ByStart, paragraph_of, sentence_starts


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
