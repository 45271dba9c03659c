"""Full-text search of evidence sentences: SQLite FTS5 or PostgreSQL text search.

Migration ``0006_fulltext`` builds the index inside the database, so every writer (ingest,
re-extraction, deletes, reviews) keeps it in step without code of its own:

- SQLite: ``events_fts``, an FTS5 table whose content is ``events.evidence_text`` keyed on
  ``events.rowid`` (an external-content table: the text is not stored twice), filled by
  triggers on insert, update and delete of ``events``.
- PostgreSQL: a GIN index on ``to_tsvector('simple', evidence_text)``; a query that repeats
  the indexed expression uses it, and PostgreSQL maintains it on every write.

Both sides tokenise on letters and digits, case- and accent-blind, without stemming
(``unicode61`` / the ``simple`` configuration), and match each query word as a prefix, so
``attack`` finds "attacked" on either database. Other dialects fall back to a substring
match of each word.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import Boolean, and_, bindparam, func
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.elements import ColumnElement

from khabar.store import tables as t

#: At most this many query words are used (a longer query is cut, not refused).
MAX_TERMS = 10

#: The SQLite FTS5 table and the PostgreSQL index that migration 0006 creates.
FTS_TABLE = "events_fts"
PG_INDEX = "ix_events_evidence_fts"
PG_TSVECTOR = "to_tsvector('simple'::regconfig, events.evidence_text)"

_WORD = re.compile(r"[^\W_]+")


def query_terms(words: str) -> list[str]:
    """The search words of ``words``: runs of letters and digits, case-folded, in order,
    without repeats (punctuation and operators in the query are never FTS syntax)."""
    seen: dict[str, None] = {}
    for w in _WORD.findall(words.casefold()):
        seen.setdefault(w, None)
    return list(seen)[:MAX_TERMS]


def fts5_query(terms: list[str]) -> str:
    """An FTS5 MATCH string: every term, each as a quoted prefix (``"kyiv"* AND ...``)."""
    return " AND ".join(f'"{w}"*' for w in terms)


def tsquery(terms: list[str]) -> str:
    """A PostgreSQL ``to_tsquery`` string: every term, each as a prefix (``kyiv:* & ...``)."""
    return " & ".join(f"{w}:*" for w in terms)


class EvidenceMatch(ColumnElement[bool]):
    """SQL condition: the event's evidence sentence contains every term (compiled per
    dialect below)."""

    type = Boolean()
    inherit_cache = False  # the terms are not part of SQLAlchemy's statement cache key

    def __init__(self, terms: list[str]) -> None:
        self.terms = terms


@compiles(EvidenceMatch)
def _substring(element: EvidenceMatch, compiler: Any, **kw: Any) -> str:
    ev = t.events.c.evidence_text
    cond = and_(*(func.lower(ev).contains(w, autoescape=True) for w in element.terms))
    return str(compiler.process(cond, **kw))


@compiles(EvidenceMatch, "sqlite")
def _sqlite(element: EvidenceMatch, compiler: Any, **kw: Any) -> str:
    q = compiler.process(bindparam("fts_query", fts5_query(element.terms), unique=True), **kw)
    return f"events.rowid IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH {q})"


@compiles(EvidenceMatch, "postgresql")
def _postgresql(element: EvidenceMatch, compiler: Any, **kw: Any) -> str:
    q = compiler.process(bindparam("ts_query", tsquery(element.terms), unique=True), **kw)
    return f"{PG_TSVECTOR} @@ to_tsquery('simple'::regconfig, {q})"


def text_condition(words: str) -> Any:
    """Events whose evidence sentence contains every word of ``words`` (full-text, each
    word as a prefix); a query with no letters or digits falls back to a substring match."""
    terms = query_terms(words)
    if terms:
        return EvidenceMatch(terms)
    raw = words.casefold().strip()
    return func.lower(t.events.c.evidence_text).contains(raw, autoescape=True)
