"""Watched feeds and their entries (``khabar watch``); the ontology version per article.

``feeds`` keeps each feed's conditional-GET validators (ETag, Last-Modified) and health;
``feed_entries`` records every entry a feed listed and what became of it, so a restarted
watcher neither refetches nor loses entries. ``articles.ontology_version`` joins
``articles.khabar_version`` so that ``khabar reextract`` knows which extractions are stale
(existing articles get it from their events, else stay NULL: stale).

Revision ID: 0003_feeds
Revises: 0002_event_geocell
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_feeds"
down_revision = "0002_event_geocell"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("articles", sa.Column("ontology_version", sa.String(32)))
    op.execute(
        "UPDATE articles SET ontology_version = (SELECT MIN(events.ontology_version) "
        "FROM events WHERE events.article_id = articles.id)"
    )
    op.create_table(
        "feeds",
        sa.Column("name", sa.String(255), primary_key=True),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("etag", sa.Text),
        sa.Column("last_modified", sa.Text),
        sa.Column("last_polled_at", sa.DateTime),
        sa.Column("last_success_at", sa.DateTime),
        sa.Column("last_error_at", sa.DateTime),
        sa.Column("last_error", sa.Text),
        sa.Column("consecutive_errors", sa.Integer, nullable=False),
    )
    op.create_table(
        "feed_entries",
        sa.Column("feed", sa.String(255), primary_key=True),
        sa.Column("entry_key", sa.String(64), primary_key=True),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("reason", sa.Text),
        sa.Column("article_id", sa.String(16)),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("first_seen_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_feed_entries_feed_updated", "feed_entries", ["feed", "updated_at"])


def downgrade() -> None:
    op.drop_index("ix_feed_entries_feed_updated", "feed_entries")
    op.drop_table("feed_entries")
    op.drop_table("feeds")
    with op.batch_alter_table("articles") as batch:
        batch.drop_column("ontology_version")
