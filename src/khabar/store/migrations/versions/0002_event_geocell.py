"""Events get a 1-degree grid cell (``geocell``) so ``--near`` queries use an index.

A (lat, lon) B-tree can only range-scan on latitude; a band of latitude around the world
holds far too many events. ``geocell = (floor(lat) + 90) * 360 + (floor(lon) + 180)``;
a ``--near`` query lists the few cells its bounding box covers.

Revision ID: 0002_event_geocell
Revises: 0001_initial
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_event_geocell"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("events", sa.Column("geocell", sa.Integer))
    if op.get_bind().dialect.name == "postgresql":
        cell = "CAST(FLOOR(lat + 90) AS INTEGER) * 360 + CAST(FLOOR(lon + 180) AS INTEGER)"
    else:  # lat + 90 and lon + 180 are never negative, so truncation is floor
        cell = "CAST(lat + 90 AS INTEGER) * 360 + CAST(lon + 180 AS INTEGER)"
    op.execute(f"UPDATE events SET geocell = {cell} WHERE lat IS NOT NULL AND lon IS NOT NULL")
    op.create_index("ix_events_geocell", "events", ["geocell"])


def downgrade() -> None:
    op.drop_index("ix_events_geocell", "events")
    with op.batch_alter_table("events") as batch:
        batch.drop_column("geocell")
