"""What an API instance may do: read-only by default; ingest only with a flag and a token."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from khabar.ingest.budget import DEFAULT_ARTICLE_SECONDS

#: Hosts a loopback server answers to (a DNS-rebinding page cannot reach it by another name).
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]", "::1")


class ApiSettings(BaseModel):
    """Options of ``create_app``; the CLI builds them from ``khabar serve``'s flags."""

    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True)

    ui: bool = Field(default=True, description="serve the browser UI beside the API")
    allow_ingest: bool = Field(default=False, description="enable POST /api/ingest")
    token: str | None = Field(default=None, description="bearer token that /api/ingest requires")
    extract: bool = Field(
        default=True, description="enable POST /api/extract (stores nothing; needs a user)"
    )
    extract_max_bytes: int = Field(
        default=128 * 1024, ge=1, description="413 for a larger POST /api/extract body"
    )
    extract_concurrency: int = Field(
        default=1, ge=1, description="extractions at once; 429 for more (own slot pool)"
    )
    extract_seconds: float | None = Field(
        default=DEFAULT_ARTICLE_SECONDS,
        ge=0,
        description="time limit for one POST /api/extract article (None/0: none); 422 beyond",
    )
    secure_cookies: bool = Field(
        default=False, description="mark cookies Secure (serve behind HTTPS)"
    )
    login_attempts: int = Field(default=5, ge=1, description="failed sign-ins per 5 minutes")
    count_cache_s: float = Field(
        default=5.0, ge=0, description="seconds a page total is reused for the same filters"
    )
    max_body_bytes: int = Field(default=256 * 1024, ge=1, description="413 beyond this size")
    page_max: int = Field(default=1000, ge=1, description="largest page of /api/events")
    map_max: int = Field(default=5000, ge=1, description="most points /api/map returns")
    allowed_hosts: list[str] | None = Field(
        default=None, description="Host header values accepted (None: any; the CLI sets these)"
    )
    extractor_loader: Callable[[], Any] | None = Field(
        default=None,
        description="zero-argument callable returning an extractor (khabar.store.pipeline's "
        "protocol); loaded on the first /api/extract call. None: the default loader.",
    )

    @model_validator(mode="after")
    def _token_for_ingest(self) -> ApiSettings:
        if self.allow_ingest and (not self.token or len(self.token) < 16):
            raise ValueError("allow_ingest needs a token of at least 16 characters")
        return self
