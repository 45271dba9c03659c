"""The HTTP query API of ``khabar serve`` (FastAPI): events, articles, actors, stats, exports."""

from khabar.api.app import create_app
from khabar.api.settings import ApiSettings

__all__ = ["ApiSettings", "create_app"]
