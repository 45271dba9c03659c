"""Full-text search of evidence sentences (the ``text`` filter); see ``store/fulltext.py``.

SQLite: an FTS5 table over ``events.evidence_text`` (external content keyed on
``events.rowid``) with triggers that keep it in step on every insert, update and delete,
filled from the existing rows. PostgreSQL: a GIN index on the ``simple`` text-search vector
of the evidence sentence, which PostgreSQL itself keeps up to date.

Revision ID: 0006_fulltext
Revises: 0005_story
Create Date: 2026-12-01
"""

from __future__ import annotations

from alembic import op

revision = "0006_fulltext"
down_revision = "0005_story"
branch_labels = None
depends_on = None

_SQLITE_UP = [
    "CREATE VIRTUAL TABLE events_fts USING fts5(evidence_text, content='events', "
    "content_rowid='rowid', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER events_fts_ai AFTER INSERT ON events BEGIN "
    "INSERT INTO events_fts(rowid, evidence_text) VALUES (new.rowid, new.evidence_text); END",
    "CREATE TRIGGER events_fts_ad AFTER DELETE ON events BEGIN "
    "INSERT INTO events_fts(events_fts, rowid, evidence_text) "
    "VALUES ('delete', old.rowid, old.evidence_text); END",
    "CREATE TRIGGER events_fts_au AFTER UPDATE OF evidence_text ON events BEGIN "
    "INSERT INTO events_fts(events_fts, rowid, evidence_text) "
    "VALUES ('delete', old.rowid, old.evidence_text); "
    "INSERT INTO events_fts(rowid, evidence_text) VALUES (new.rowid, new.evidence_text); END",
    "INSERT INTO events_fts(events_fts) VALUES ('rebuild')",
]
_SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS events_fts_au",
    "DROP TRIGGER IF EXISTS events_fts_ad",
    "DROP TRIGGER IF EXISTS events_fts_ai",
    "DROP TABLE IF EXISTS events_fts",
]
_PG_UP = [
    "CREATE INDEX ix_events_evidence_fts ON events "
    "USING gin (to_tsvector('simple'::regconfig, evidence_text))",
]
_PG_DOWN = ["DROP INDEX IF EXISTS ix_events_evidence_fts"]


def _run(sqlite: list[str], postgresql: list[str]) -> None:
    name = op.get_bind().dialect.name
    for stmt in {"sqlite": sqlite, "postgresql": postgresql}.get(name, []):
        op.execute(stmt)


def upgrade() -> None:
    _run(_SQLITE_UP, _PG_UP)


def downgrade() -> None:
    _run(_SQLITE_DOWN, _PG_DOWN)
