"""The event database: SQLite by default, PostgreSQL for teams, migrated by Alembic."""

from khabar.store.database import Store, default_db_url, open_store
from khabar.store.records import (
    ArticleCite,
    ClusterInfo,
    EventQuery,
    Rejection,
    RejectionCode,
    StoredEvent,
    StoreStats,
)

__all__ = [
    "ArticleCite",
    "ClusterInfo",
    "EventQuery",
    "Rejection",
    "RejectionCode",
    "Store",
    "StoreStats",
    "StoredEvent",
    "default_db_url",
    "open_store",
]
