"""Alembic migrations of the event database (run by ``khabar.store.open_store``)."""
