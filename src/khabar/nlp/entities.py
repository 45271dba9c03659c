"""Named-entity lookups that read the tokens' IOB tags, never the whole ``doc.ents``.

``doc.ents`` rebuilds a tuple of every entity in the document on each access, so scanning it
for every token or mention makes extraction quadratic in article length (issue 13). These
helpers walk only the tokens of the entity or span asked about and return the same spans
``doc.ents`` would (same start, end, label, kb id and entity id).
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

# Token.ent_iob: 0 = no tag, 1 = inside, 2 = outside, 3 = begin.
_INSIDE = 1
_BEGIN = 3


def _starts_entity(tok: Token) -> bool:
    return tok.ent_iob == _BEGIN and tok.ent_type != 0


def _entity_from(doc: Doc, start: int) -> Span:
    """The entity whose first token is ``doc[start]`` (a B token with a label)."""
    end = start + 1
    while end < len(doc) and doc[end].ent_iob == _INSIDE:
        end += 1
    first = doc[start]
    return Span(doc, start, end, label=first.ent_type, kb_id=first.ent_kb_id, span_id=first.ent_id)


def entity_at(tok: Token) -> Span | None:
    """The entity that covers ``tok``, or None."""
    if not tok.ent_type:
        return None
    doc = tok.doc
    i = tok.i
    while i > 0 and doc[i].ent_iob == _INSIDE:
        i -= 1
    return _entity_from(doc, i) if _starts_entity(doc[i]) else None


def entity_starting_at(doc: Doc, i: int) -> Span | None:
    """The entity whose first token is ``doc[i]``, or None."""
    return _entity_from(doc, i) if 0 <= i < len(doc) and _starts_entity(doc[i]) else None


def entities_in(span: Span) -> list[Span]:
    """The entities that lie wholly inside ``span``, in document order."""
    doc = span.doc
    out = []
    for i in range(span.start, span.end):
        if _starts_entity(doc[i]):
            ent = _entity_from(doc, i)
            if ent.end <= span.end:
                out.append(ent)
    return out


def entities_before(doc: Doc, i: int) -> Iterator[Span]:
    """The entities that start before token ``i``, nearest first."""
    for j in range(min(i, len(doc)) - 1, -1, -1):
        if _starts_entity(doc[j]):
            yield _entity_from(doc, j)
