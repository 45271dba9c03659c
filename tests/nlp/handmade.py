"""Build small spaCy Docs by hand (words, heads, deps, POS, lemmas): no model needed."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

_VOCAB = spacy.blank("en").vocab  # English lexical attributes (lower_, like_num…)


def make_doc(rows: list[tuple[str, int, str, str, str]]) -> Doc:
    """Rows of (word, head index, dep, POS, lemma); the root points at itself."""
    words = [r[0] for r in rows]
    return Doc(
        _VOCAB,
        words=words,
        heads=[r[1] for r in rows],
        deps=[r[2] for r in rows],
        pos=[r[3] for r in rows],
        lemmas=[r[4] for r in rows],
        sent_starts=[True] + [False] * (len(rows) - 1),
    )
