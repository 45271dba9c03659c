"""Paragraph starts and a trigger's clause: the extents dates and places are searched in."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from khabar.nlp.syntax import CLAUSE_CONTEXT_LINKS


def paragraph_starts(doc: Doc) -> list[int]:
    """Character offsets where paragraphs start (a line break starts a paragraph)."""
    starts = [0]
    text = doc.text
    i = text.find("\n")
    while i != -1:
        starts.append(i + 1)
        i = text.find("\n", i + 1)
    return starts


def clause_tokens(trigger: Token) -> set[int]:
    """Tokens of the trigger's own clause and the clauses that govern it (not its arguments)."""
    ids = {t.i for t in trigger.subtree}
    node = trigger
    while node.head is not node and node.dep_ in CLAUSE_CONTEXT_LINKS:
        node = node.head
        ids.update(
            c.i
            for c in node.children
            if c.dep_ in {"prep", "npadvmod", "advmod"}
            for c in c.subtree
        )
    return ids
