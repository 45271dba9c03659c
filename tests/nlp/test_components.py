"""Small stages that need no model: line breaks, datelines, name parts."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Span

from khabar.nlp.components import mark_line_breaks, unforce_name_parts

NLP = spacy.blank("en")


def test_line_breaks_and_datelines_start_sentences() -> None:
    doc = mark_line_breaks(NLP("Talks end\n\nKABUL - Envoys met. They left.\nNew paragraph"))
    starts = [t.text for t in doc if t.is_sent_start]
    assert starts[:3] == ["Talks", "KABUL", "Envoys"]
    assert "New" in starts


def test_place_glued_to_a_name_is_released_for_ner() -> None:
    doc = NLP("leader Dara Vance met officials in Dara Province and in Jordan .")
    doc.ents = [
        Span(doc, 1, 2, label="GPE"),  # Dara (Vance): part of a person's name
        Span(doc, 6, 7, label="GPE"),  # Dara (Province): a place word follows
        Span(doc, 10, 11, label="GPE"),  # Jordan
    ]
    kept = [(e.text, e.start) for e in unforce_name_parts(doc).ents]
    assert kept == [("Dara", 6), ("Jordan", 10)]


@pytest.mark.parametrize(
    ("words", "place", "kept"),
    [
        ("talks in Jordan ended", (2, 3), True),  # an opener before the place
        ("host Jordan Peterson spoke", (1, 2), False),  # a name's first part
        ("rain hit Dara Province today", (2, 3), True),  # a place word continues the place
        ("rain hit North Dara today", (3, 4), True),  # a direction word before it
        ("the Riverton Police said", (1, 2), True),  # an institution named after the place
        ("Ms Riverton Vance left", (1, 2), False),  # a capitalised word after: a person
    ],
)
def test_name_parts(words: str, place: tuple[int, int], kept: bool) -> None:
    doc = NLP(words)
    doc.ents = [Span(doc, *place, label="GPE")]
    assert bool(unforce_name_parts(doc).ents) is kept
