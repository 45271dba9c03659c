"""docs/openapi.json is the served spec, up to date; responses conform to it (schemathesis)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from khabar.api.openapi import render

DOC = Path(__file__).resolve().parents[2] / "docs" / "openapi.json"


def test_openapi_doc_is_up_to_date() -> None:
    assert DOC.read_text(encoding="utf-8") == render(), "run `make docs`"


def test_spec_is_served(api_client: TestClient) -> None:
    spec = api_client.get("/openapi.json").json()
    assert {"/api/events", "/api/events/{event_id}", "/api/articles/{article_id}"} <= set(
        spec["paths"]
    )
    assert "/api/ingest" not in spec["paths"]  # read-only by default


def test_responses_conform_to_the_spec(api_client: TestClient) -> None:
    """Schemathesis, bounded (30 valid and 30 invalid requests per operation): no request
    gets a 5xx, and every answer matches the status codes, content types and schemas the
    spec publishes."""
    schemathesis = pytest.importorskip("schemathesis")
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis.errors import Unsatisfiable
    from schemathesis.checks import (  # type: ignore[attr-defined]
        content_type_conformance,
        not_a_server_error,
        response_schema_conformance,
        status_code_conformance,
    )

    schema = schemathesis.openapi.from_asgi("/openapi.json", api_client.app)
    checks = [
        not_a_server_error,
        status_code_conformance,
        content_type_conformance,
        response_schema_conformance,
    ]
    failures: list[str] = []
    modes = [schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE]
    for op, mode in ((op, mode) for op in schema.get_all_operations() for mode in modes):
        operation = op.ok()

        @settings(
            max_examples=30,
            deadline=None,
            derandomize=True,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy(generation_mode=mode))
        def run(case: object) -> None:
            case.call_and_validate(checks=checks)  # type: ignore[attr-defined]

        try:
            run()
        except Unsatisfiable:  # no invalid request exists (e.g. /api/stats takes nothing)
            assert mode is schemathesis.GenerationMode.NEGATIVE
        except Exception as exc:  # collect every operation's failure, then report
            failures.append(f"{operation.label} ({mode.value}): {exc}")
    assert failures == []
