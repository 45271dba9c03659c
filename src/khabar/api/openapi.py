"""Print the OpenAPI spec of ``khabar serve`` (``python -m khabar.api.openapi``).

``docs/openapi.json`` is this output; a test checks it is up to date (``make docs``).
"""

from __future__ import annotations

import json
from typing import Any


def spec() -> dict[str, Any]:
    """The OpenAPI document of the read-only API (what ``khabar serve`` serves by default)."""
    from khabar.api.app import create_app
    from khabar.api.settings import ApiSettings
    from khabar.store import open_store

    with open_store("sqlite://") as store:
        return create_app(store, settings=ApiSettings(ui=False)).openapi()


def render() -> str:
    return json.dumps(spec(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


if __name__ == "__main__":  # pragma: no cover
    print(render(), end="")
