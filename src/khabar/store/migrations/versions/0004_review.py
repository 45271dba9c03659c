"""Accounts (users, API tokens, web sessions) and human review (corrections, audit trail).

Corrections are kept apart from the machine output: ``event_reviews`` holds the current
correction of an event, anchored on its article and trigger span so that re-extraction
(which rewrites ``events``) never loses it; ``review_audit`` records every change (who,
when, before, after).

Revision ID: 0004_review
Revises: 0002_event_geocell
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_review"
down_revision = "0003_feeds"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("password_hash", sa.Text, nullable=False),
        sa.Column("created", sa.String(32), nullable=False),
        sa.Column("disabled", sa.Integer, nullable=False),
    )
    op.create_table(
        "api_tokens",
        sa.Column("token_sha256", sa.String(64), primary_key=True),
        sa.Column("user_name", sa.String(64), sa.ForeignKey("users.name"), nullable=False),
        sa.Column("label", sa.String(64), nullable=False),
        sa.Column("created", sa.String(32), nullable=False),
    )
    op.create_index("ix_api_tokens_user_name", "api_tokens", ["user_name"])
    op.create_table(
        "web_sessions",
        sa.Column("id_sha256", sa.String(64), primary_key=True),
        sa.Column("user_name", sa.String(64), sa.ForeignKey("users.name"), nullable=False),
        sa.Column("csrf", sa.String(64), nullable=False),
        sa.Column("expires", sa.String(32), nullable=False),
    )
    op.create_index("ix_web_sessions_user_name", "web_sessions", ["user_name"])
    op.create_table(
        "event_reviews",
        sa.Column("article_id", sa.String(16), primary_key=True),
        sa.Column("trigger_start", sa.Integer, primary_key=True),
        sa.Column("trigger_end", sa.Integer, primary_key=True),
        sa.Column("event_id", sa.String(40), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("reviewed_by", sa.String(64), nullable=False),
        sa.Column("reviewed_at", sa.String(32), nullable=False),
        sa.Column("type", sa.String(24)),
        sa.Column("factuality", sa.String(16)),
        sa.Column("date_start", sa.Date),
        sa.Column("country", sa.String(8)),
        sa.Column("actor_names", sa.Text),
        sa.Column("changes_json", sa.Text, nullable=False),
        sa.Column("note", sa.Text),
    )
    op.create_index("ix_event_reviews_event_id", "event_reviews", ["event_id"])
    op.create_table(
        "review_audit",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("article_id", sa.String(16), nullable=False),
        sa.Column("trigger_start", sa.Integer, nullable=False),
        sa.Column("trigger_end", sa.Integer, nullable=False),
        sa.Column("event_id", sa.String(40), nullable=False),
        sa.Column("user_name", sa.String(64), nullable=False),
        sa.Column("at", sa.String(32), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("before_json", sa.Text, nullable=False),
        sa.Column("after_json", sa.Text, nullable=False),
        sa.Column("note", sa.Text),
    )
    op.create_index("ix_review_audit_event_id", "review_audit", ["event_id"])
    op.create_index(
        "ix_review_audit_anchor", "review_audit", ["article_id", "trigger_start", "trigger_end"]
    )


def downgrade() -> None:
    for name in ("review_audit", "event_reviews", "web_sessions", "api_tokens", "users"):
        op.drop_table(name)
