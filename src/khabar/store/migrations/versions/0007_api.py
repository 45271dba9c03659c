"""Indexes that let a page of ``/api/events`` be read from an index instead of sorted.

A page is ``ORDER BY <key>, id LIMIT n OFFSET k``: with the id in the index after the date
(alone, and after the type), the database walks the index to the page's ids and reads only
those rows (before, it sorted every matching row; a deep page cost tens of milliseconds).
``(type, factuality, confidence, id)`` serves the factuality filter and the confidence sort
within a type. The two former date indexes are prefixes of the new ones and are dropped.

Revision ID: 0007_api
Revises: 0006_fulltext
Create Date: 2026-12-02
"""

from __future__ import annotations

from alembic import op

revision = "0007_api"
down_revision = "0006_fulltext"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_events_date_id", "events", ["date_start", "id"])
    op.create_index("ix_events_type_date_id", "events", ["type", "date_start", "id"])
    op.create_index(
        "ix_events_type_factuality", "events", ["type", "factuality", "confidence", "id"]
    )
    op.drop_index("ix_events_date", "events")
    op.drop_index("ix_events_type_date", "events")


def downgrade() -> None:
    op.create_index("ix_events_type_date", "events", ["type", "date_start"])
    op.create_index("ix_events_date", "events", ["date_start"])
    op.drop_index("ix_events_type_factuality", "events")
    op.drop_index("ix_events_type_date_id", "events")
    op.drop_index("ix_events_date_id", "events")
