"""Place rules (``khabar.nlp.context.places``): which spans are places, on hand-built Docs."""

from __future__ import annotations

import pytest
from spacy.tokens import Span

from khabar.nlp.context.places import find_place_mentions
from tests.nlp.handmade import make_doc


def _doc(words: list[str], ents: list[tuple[int, int, str]]):  # type: ignore[no-untyped-def]
    rows = [(w, 0, "dep" if i else "ROOT", "X", w.lower()) for i, w in enumerate(words)]
    doc = make_doc(rows)
    doc.ents = [Span(doc, s, e, label=label) for s, e, label in ents]
    return doc


@pytest.mark.parametrize(
    ("words", "ents", "expected"),
    [
        # named entities: places and demonyms
        (["Clashes", "in", "Kabul"], [(2, 3, "GPE")], [("Kabul", "PLACE")]),
        (["Afghan", "troops", "left"], [(0, 1, "NORP")], [("Afghan", "DEMONYM")]),
        (["near", "the", "Amu", "River"], [(2, 4, "LOC")], [("Amu River", "PLACE")]),
        (["Envoys", "met", "Ali"], [(2, 3, "PERSON")], []),
        # a capitalised name after a settlement or resident word, known to no entity
        (["in", "the", "village", "of", "Tora"], [], [("Tora", "PLACE")]),
        (["one", "resident", "of", "Upper", "Dara", "said"], [], [("Upper Dara", "PLACE")]),
        (["the", "village", "of", "peace"], [], []),
        (["the", "rest", "of", "Europe"], [], []),
        # ... unless an entity already holds it
        (["the", "town", "of", "Sake"], [(3, 4, "GPE")], [("Sake", "PLACE")]),
    ],
)
def test_place_mentions(
    words: list[str], ents: list[tuple[int, int, str]], expected: list[tuple[str, str]]
) -> None:
    doc = _doc(words, ents)
    found = [(doc[p.start : p.end].text, p.label) for p in find_place_mentions(doc)]
    assert found == expected
