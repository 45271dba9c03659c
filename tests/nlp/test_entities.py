"""Entity lookups from IOB tags agree with ``doc.ents`` (khabar.nlp.entities)."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc, Span

from khabar.nlp.entities import entities_before, entities_in, entity_at, entity_starting_at
from tests.nlp.handmade import make_doc

WORDS = ["Rebels", "from", "North", "Kivu", "attacked", "Goma", "on", "Monday", "."]
#: (start, end, label) of the entities over WORDS: two adjacent ones and a lone one.
ENTS = [(2, 4, "GPE"), (5, 6, "GPE"), (7, 8, "DATE")]


def _doc(ents: list[tuple[int, int, str]]) -> Doc:
    doc = make_doc([(w, i, "dep", "X", w.lower()) for i, w in enumerate(WORDS)])
    doc.set_ents([Span(doc, s, e, label=label) for s, e, label in ents])
    return doc


def _key(span: Span | None) -> tuple[int, int, str] | None:
    return None if span is None else (span.start, span.end, span.label_)


@pytest.mark.parametrize("ents", [ENTS, [], [(0, 1, "NORP"), (1, 4, "ORG")], [(0, 9, "ORG")]])
def test_lookups_agree_with_doc_ents(ents: list[tuple[int, int, str]]) -> None:
    doc = _doc(ents)
    for tok in doc:
        expected = next((e for e in doc.ents if e.start <= tok.i < e.end), None)
        assert _key(entity_at(tok)) == _key(expected)
        starting = next((e for e in doc.ents if e.start == tok.i), None)
        assert _key(entity_starting_at(doc, tok.i)) == _key(starting)
        before = [e for e in doc.ents if e.start < tok.i][::-1]
        assert [_key(e) for e in entities_before(doc, tok.i)] == [_key(e) for e in before]
    for start in range(len(doc)):
        for end in range(start, len(doc) + 1):
            inside = [e for e in doc.ents if e.start >= start and e.end <= end]
            assert [_key(e) for e in entities_in(doc[start:end])] == [_key(e) for e in inside]


def test_entity_at_a_token_outside_any_entity_is_none() -> None:
    doc = _doc(ENTS)
    assert entity_at(doc[4]) is None
    assert entity_starting_at(doc, 3) is None  # inside "North Kivu", not its start
    assert entity_starting_at(doc, 99) is None
