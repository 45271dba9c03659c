"""Events get the number of people killed (``fatalities``) as a column, for ``--min-fatalities``.

The whole ``Fatalities`` object (value, text, offsets, how, rule) and the event's other
``mentions`` live in ``event_json`` like every other field; the column holds ``value`` so
the filter and sums use an index. Articles already have ``outlet``: it now takes the
article's credited outlet or wire when the extraction found one, else the URL's host.

Revision ID: 0005_story
Revises: 0002_event_geocell
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_story"
down_revision = "0004_review"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("events", sa.Column("fatalities", sa.Integer))
    op.create_index("ix_events_fatalities", "events", ["fatalities"])


def downgrade() -> None:
    op.drop_index("ix_events_fatalities", "events")
    with op.batch_alter_table("events") as batch:
        batch.drop_column("fatalities")
