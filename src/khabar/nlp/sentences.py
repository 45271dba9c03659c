"""Sentence lookups computed once per Doc, so that per-event code stays linear.

``Token.sent`` walks to the sentence edges on every call and ``doc.sents`` rebuilds every
sentence span; code that asks either for each event or mention grows with the square of the
article's length (issue 13). :func:`sentence_starts` reads the boundaries once.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from typing import Generic, TypeVar

from spacy.tokens import Doc

from khabar.nlp.words import WordSet

T = TypeVar("T")

#: How many words at a paragraph's start the parser may not cut off as a sentence of their own.
OPENING_WORDS = 3
#: Tokens after which a new sentence may start inside a paragraph's opening words.
SENTENCE_ENDS = WordSet("names", "sentence_ends")
DATELINE_DASHES = WordSet("names", "dateline_dashes")


def keep_paragraph_openings(doc: Doc) -> Doc:
    """No sentence starts at the second or third word of a paragraph unless a full stop, a
    colon or a dateline dash comes before it (``sentence.paragraph-opening``).

    The small parser, given a sentence start after a paragraph break, often cuts the first
    word off as a sentence of its own ("Kenyan | and Ugandan troops …", "Russia | and Ukraine
    exchanged …"), and the cut-off party is lost to the clause. Run before the parser, after
    the line-break marks; a start already marked (a dateline's) is kept.
    """
    starts = [0] + [t.i + 1 for t in doc[:-1] if t.is_space and "\n" in t.text]
    for start in starts:
        for i in range(start + 1, min(start + OPENING_WORDS, len(doc))):
            tok, prev = doc[i], doc[i - 1]
            if tok.is_space or prev.is_space or "\n" in prev.text_with_ws:
                break
            if prev.text in SENTENCE_ENDS or prev.text in DATELINE_DASHES:
                break
            if tok.is_sent_start is None:
                tok.is_sent_start = False
    return doc


def sentence_starts(doc: Doc) -> list[int]:
    """For each token, the index of the first token of its sentence (as ``tok.sent.start``)."""
    out = [0] * len(doc)
    for sent in doc.sents:
        for i in range(sent.start, sent.end):
            out[i] = sent.start
    return out


def paragraph_of(char: int, starts: list[int]) -> int:
    """The index of the paragraph (``starts``: ascending paragraph start offsets, the first 0)
    that holds character ``char``."""
    return max(0, bisect_left(starts, char + 1) - 1)


class ByStart(Generic[T]):
    """Items in their original order, looked up by a range of their start offsets.

    ``between(lo, hi)`` returns the items with ``lo <= key < hi`` in their original order,
    in time proportional to the answer when the keys ascend (as the stages build them), and by
    a full scan otherwise."""

    def __init__(self, items: Sequence[T], keys: Sequence[int]) -> None:
        self.items = list(items)
        self.keys = list(keys)
        self.ascending = all(a <= b for a, b in zip(self.keys, self.keys[1:], strict=False))

    def between(self, lo: int, hi: int) -> list[T]:
        if not self.ascending:
            return [x for x, k in zip(self.items, self.keys, strict=True) if lo <= k < hi]
        a = bisect_left(self.keys, lo)
        b = bisect_left(self.keys, hi, lo=a)
        return self.items[a:b]
