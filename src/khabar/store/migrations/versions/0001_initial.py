"""Initial event database: articles, events, actors, rejections, clusters.

Revision ID: 0001_initial
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.String(16), primary_key=True),
        sa.Column("sha256", sa.String(64), nullable=False, unique=True),
        sa.Column("url", sa.Text),
        sa.Column("title", sa.Text),
        sa.Column("published", sa.Date),
        sa.Column("language", sa.String(16)),
        sa.Column("outlet", sa.String(255)),
        sa.Column("source_format", sa.String(16)),
        sa.Column("input_name", sa.Text),
        sa.Column("khabar_version", sa.String(32)),
        sa.Column("n_events", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
    )
    op.create_index("ix_articles_outlet", "articles", ["outlet"])
    op.create_table(
        "events",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("article_id", sa.String(16), sa.ForeignKey("articles.id"), nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("event_ref", sa.String(64), nullable=False),
        sa.Column("type", sa.String(24), nullable=False),
        sa.Column("mode", sa.String(48)),
        sa.Column("quad_class", sa.String(32)),
        sa.Column("factuality", sa.String(16), nullable=False),
        sa.Column("confidence", sa.Float, nullable=False),
        sa.Column("ontology_version", sa.String(32), nullable=False),
        sa.Column("date_value", sa.String(32)),
        sa.Column("date_precision", sa.String(8)),
        sa.Column("date_how", sa.String(24)),
        sa.Column("date_start", sa.Date),
        sa.Column("loc_text", sa.Text),
        sa.Column("loc_name", sa.Text),
        sa.Column("country", sa.String(8)),
        sa.Column("admin1", sa.Text),
        sa.Column("lat", sa.Float),
        sa.Column("lon", sa.Float),
        sa.Column("geo_precision", sa.String(16)),
        sa.Column("geonameid", sa.Integer),
        sa.Column("evidence_text", sa.Text, nullable=False),
        sa.Column("evidence_start", sa.Integer, nullable=False),
        sa.Column("evidence_end", sa.Integer, nullable=False),
        sa.Column("trigger_text", sa.Text, nullable=False),
        sa.Column("trigger_start", sa.Integer, nullable=False),
        sa.Column("trigger_end", sa.Integer, nullable=False),
        sa.Column("cluster_id", sa.String(40)),
        sa.Column("event_json", sa.Text, nullable=False),
    )
    op.create_index("ix_events_article_id", "events", ["article_id"])
    op.create_index("ix_events_type_date", "events", ["type", "date_start"])
    op.create_index("ix_events_country_date", "events", ["country", "date_start"])
    op.create_index("ix_events_date", "events", ["date_start"])
    op.create_index("ix_events_lat_lon", "events", ["lat", "lon"])
    op.create_index("ix_events_cluster", "events", ["cluster_id"])
    op.create_table(
        "actors",
        sa.Column("event_id", sa.String(40), sa.ForeignKey("events.id"), primary_key=True),
        sa.Column("role", sa.String(16), primary_key=True),
        sa.Column("idx", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(255), nullable=False),
        sa.Column("name_key", sa.String(255), nullable=False),
        sa.Column("country", sa.String(8)),
        sa.Column("sector", sa.String(16)),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("how", sa.Text),
    )
    op.create_index("ix_actors_name_key", "actors", ["name_key"])
    op.create_table(
        "rejections",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("input_name", sa.Text, nullable=False),
        sa.Column("code", sa.String(32), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("article_sha256", sa.String(64)),
    )
    op.create_index("ix_rejections_code", "rejections", ["code"])
    op.create_table(
        "clusters",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("type", sa.String(24), nullable=False),
        sa.Column("date_start", sa.Date),
        sa.Column("date_end", sa.Date),
        sa.Column("country", sa.String(8)),
        sa.Column("n_events", sa.Integer, nullable=False),
        sa.Column("n_articles", sa.Integer, nullable=False),
        sa.Column("n_sources", sa.Integer, nullable=False),
    )


def downgrade() -> None:
    for table in ("clusters", "rejections", "actors", "events", "articles"):
        op.drop_table(table)
