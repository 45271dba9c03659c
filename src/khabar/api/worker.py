"""The app of one ``khabar serve --workers N`` process (uvicorn imports it by name).

The parent passes the database URL and the settings through the environment; each worker
opens its own connection pool and builds its own app.
"""

from __future__ import annotations

import os

from fastapi import FastAPI

from khabar.api.app import create_app
from khabar.api.settings import ApiSettings

DB_ENV = "KHABAR_SERVE_DB"
SETTINGS_ENV = "KHABAR_SERVE_SETTINGS"


def app_from_env() -> FastAPI:
    from khabar.store import open_store

    settings = ApiSettings.model_validate_json(os.environ[SETTINGS_ENV])
    store = open_store(os.environ[DB_ENV], migrate_schema=False)
    return create_app(store, settings=settings)
