"""The event database schema as SQLAlchemy Core tables.

This is the *current* schema; the Alembic revisions in ``migrations/versions`` are the
named, recorded steps that build it (a test checks the two agree). Every key is natural
and derived from content (article sha256, ``<article id>-<seq>`` for events), so an
interrupted batch re-run produces byte-identical rows.
"""

from __future__ import annotations

import math

from sqlalchemy import (
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

#: Side of a grid cell, in degrees (``geocell``; must match migration 0002).
GEOCELL_DEGREES = 1


def geocell(lat: float, lon: float) -> int:
    """The 1-degree grid cell of a point (an index key for ``--near`` queries)."""
    return (math.floor(lat) + 90) * 360 + (math.floor(lon) + 180)


articles = Table(
    "articles",
    metadata,
    Column("id", String(16), primary_key=True),
    Column("sha256", String(64), nullable=False, unique=True),
    Column("url", Text),
    Column("title", Text),
    Column("published", Date),
    Column("language", String(16)),
    Column("outlet", String(255), index=True),
    Column("source_format", String(16)),
    Column("input_name", Text),
    Column("khabar_version", String(32)),
    Column("ontology_version", String(32)),  # migration 0003
    Column("n_events", Integer, nullable=False, default=0),
    Column("text", Text, nullable=False),
)

events = Table(
    "events",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("article_id", String(16), ForeignKey("articles.id"), nullable=False, index=True),
    Column("seq", Integer, nullable=False),
    Column("event_ref", String(64), nullable=False),
    Column("type", String(24), nullable=False),
    Column("mode", String(48)),
    Column("quad_class", String(32)),
    Column("factuality", String(16), nullable=False),
    Column("confidence", Float, nullable=False),
    Column("ontology_version", String(32), nullable=False),
    Column("date_value", String(32)),
    Column("date_precision", String(8)),
    Column("date_how", String(24)),
    Column("date_start", Date),
    Column("loc_text", Text),
    Column("loc_name", Text),
    Column("country", String(8)),
    Column("admin1", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("geo_precision", String(16)),
    Column("geonameid", Integer),
    Column("geocell", Integer),  # see geocell(); migration 0002
    Column("fatalities", Integer),  # Event.fatalities.value; migration 0005
    Column("evidence_text", Text, nullable=False),
    Column("evidence_start", Integer, nullable=False),
    Column("evidence_end", Integer, nullable=False),
    Column("trigger_text", Text, nullable=False),
    Column("trigger_start", Integer, nullable=False),
    Column("trigger_end", Integer, nullable=False),
    Column("cluster_id", String(40)),
    Column("event_json", Text, nullable=False),
    # with the id after the sort key a page is read off the index (migration 0007)
    Index("ix_events_type_date_id", "type", "date_start", "id"),
    Index("ix_events_type_factuality", "type", "factuality", "confidence", "id"),
    Index("ix_events_country_date", "country", "date_start"),
    Index("ix_events_date_id", "date_start", "id"),
    Index("ix_events_lat_lon", "lat", "lon"),
    Index("ix_events_cluster", "cluster_id"),
    Index("ix_events_geocell", "geocell"),
    Index("ix_events_fatalities", "fatalities"),
)

actors = Table(
    "actors",
    metadata,
    Column("event_id", String(40), ForeignKey("events.id"), primary_key=True),
    Column("role", String(16), primary_key=True),
    Column("idx", Integer, primary_key=True),
    Column("name", String(255), nullable=False),
    Column("name_key", String(255), nullable=False, index=True),
    Column("country", String(8)),
    Column("sector", String(16)),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("how", Text),
)

rejections = Table(
    "rejections",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("input_name", Text, nullable=False),
    Column("code", String(32), nullable=False, index=True),
    Column("reason", Text, nullable=False),
    Column("article_sha256", String(64)),
)

clusters = Table(
    "clusters",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("type", String(24), nullable=False),
    Column("date_start", Date),
    Column("date_end", Date),
    Column("country", String(8)),
    Column("n_events", Integer, nullable=False),
    Column("n_articles", Integer, nullable=False),
    Column("n_sources", Integer, nullable=False),
)

#: Watched feeds (``khabar watch``): conditional-GET validators and health; migration 0003.
#: Times are naive UTC.
feeds = Table(
    "feeds",
    metadata,
    Column("name", String(255), primary_key=True),
    Column("url", Text, nullable=False),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("last_polled_at", DateTime),
    Column("last_success_at", DateTime),
    Column("last_error_at", DateTime),
    Column("last_error", Text),
    Column("consecutive_errors", Integer, nullable=False, default=0),
)

#: Every entry a feed listed, once: what became of it (stored, already, rejected, failed…).
feed_entries = Table(
    "feed_entries",
    metadata,
    Column("feed", String(255), primary_key=True),
    Column("entry_key", String(64), primary_key=True),
    Column("url", Text, nullable=False),
    Column("status", String(16), nullable=False),
    Column("reason", Text),
    Column("article_id", String(16)),
    Column("attempts", Integer, nullable=False, default=0),
    Column("first_seen_at", DateTime, nullable=False),
    Column("updated_at", DateTime, nullable=False),
    Index("ix_feed_entries_feed_updated", "feed", "updated_at"),
)

# -- accounts and review (migration 0004_review) ---------------------------------------------
# Human corrections live apart from the machine output: re-extraction rewrites ``events`` but
# never these tables. A review is anchored on the event's article and trigger span (stable
# across re-extraction, unlike the ``<article id>-<seq>`` id).

users = Table(
    "users",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("role", String(16), nullable=False),
    Column("password_hash", Text, nullable=False),
    Column("created", String(32), nullable=False),
    Column("disabled", Integer, nullable=False, default=0),
)

api_tokens = Table(
    "api_tokens",
    metadata,
    Column("token_sha256", String(64), primary_key=True),
    Column("user_name", String(64), ForeignKey("users.name"), nullable=False, index=True),
    Column("label", String(64), nullable=False),
    Column("created", String(32), nullable=False),
)

web_sessions = Table(
    "web_sessions",
    metadata,
    Column("id_sha256", String(64), primary_key=True),
    Column("user_name", String(64), ForeignKey("users.name"), nullable=False, index=True),
    Column("csrf", String(64), nullable=False),
    Column("expires", String(32), nullable=False),
)

event_reviews = Table(
    "event_reviews",
    metadata,
    Column("article_id", String(16), primary_key=True),
    Column("trigger_start", Integer, primary_key=True),
    Column("trigger_end", Integer, primary_key=True),
    Column("event_id", String(40), nullable=False, index=True),
    Column("status", String(16), nullable=False),
    Column("reviewed_by", String(64), nullable=False),
    Column("reviewed_at", String(32), nullable=False),
    Column("type", String(24)),
    Column("factuality", String(16)),
    Column("date_start", Date),
    Column("country", String(8)),
    Column("actor_names", Text),
    Column("changes_json", Text, nullable=False),
    Column("note", Text),
)

review_audit = Table(
    "review_audit",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(16), nullable=False),
    Column("trigger_start", Integer, nullable=False),
    Column("trigger_end", Integer, nullable=False),
    Column("event_id", String(40), nullable=False, index=True),
    Column("user_name", String(64), nullable=False),
    Column("at", String(32), nullable=False),
    Column("action", String(16), nullable=False),
    Column("before_json", Text, nullable=False),
    Column("after_json", Text, nullable=False),
    Column("note", Text),
    Index("ix_review_audit_anchor", "article_id", "trigger_start", "trigger_end"),
)
