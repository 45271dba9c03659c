"""``feeds.yaml``: the feeds to watch and the crawling etiquette, as typed models.

```yaml
user_agent: "khabar-watch (+mailto:desk@example.org)"   # optional; khabar's is the default
per_host_delay_s: 1.0        # at least this long between two requests to one host
feeds:
  - {name: wire-world, url: https://example.org/world/rss.xml}
  - {name: daily-sitemap, url: https://example.org/news-sitemap.xml, kind: sitemap}
```
Unknown keys in a feed are kept (notes, tags); unknown top-level keys are an error (a
typo in a policy key must not silently crawl faster).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from khabar import __version__
from khabar.errors import WatchError

DEFAULT_USER_AGENT = f"khabar/{__version__} (news event monitor; respects robots.txt)"

_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")
_UNIT_S = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_interval(value: str | float | int) -> float:
    """Seconds in ``"90"``, ``"30s"``, ``"15m"``, ``"1h"``, ``"1d"``."""
    m = _INTERVAL.match(str(value))
    if m is None or float(m.group(1)) <= 0:
        raise WatchError(
            f"interval {value!r} is not a duration; write e.g. 30s, 15m, 1h or a number of seconds"
        )
    return float(m.group(1)) * _UNIT_S[m.group(2)]


class CrawlPolicy(BaseModel):
    """How politely pages are fetched (per host) and how much is accepted."""

    model_config = ConfigDict(extra="forbid")

    user_agent: str = DEFAULT_USER_AGENT
    per_host_delay_s: float = Field(1.0, ge=0, description="minimum gap between two requests")
    per_host_concurrency: int = Field(2, ge=1, le=16, description="requests in flight per host")
    timeout_s: float = Field(20.0, gt=0)
    retries: int = Field(3, ge=0, le=10, description="retries on 5xx, 429 and timeouts")
    backoff_s: float = Field(1.0, ge=0, description="first retry delay; doubles each retry")
    max_bytes: int = Field(5_000_000, ge=1000, description="larger responses are refused")
    max_redirects: int = Field(5, ge=0, le=20)
    obey_robots: bool = True


class FeedConfig(BaseModel):
    """One feed: an RSS/Atom feed or a sitemap (``kind: auto`` tells them apart by content)."""

    model_config = ConfigDict(extra="allow")

    name: str = Field(min_length=1, max_length=255)
    url: str
    kind: Literal["auto", "rss", "sitemap"] = "auto"
    max_entries: int = Field(200, ge=1, description="newest entries read per poll")

    @field_validator("url")
    @classmethod
    def _http_url(cls, url: str) -> str:
        if not url.startswith(("http://", "https://")):
            raise ValueError(f"feed URL must start with http:// or https://, got {url!r}")
        return url


class WatchConfig(CrawlPolicy):
    """The whole ``feeds.yaml``: the crawl policy plus the feeds."""

    interval: str | None = Field(None, description="default poll interval, e.g. 15m")
    feeds: list[FeedConfig] = Field(min_length=1)

    @property
    def policy(self) -> CrawlPolicy:
        return CrawlPolicy.model_validate({k: getattr(self, k) for k in CrawlPolicy.model_fields})

    @field_validator("feeds")
    @classmethod
    def _unique_names(cls, feeds: list[FeedConfig]) -> list[FeedConfig]:
        names = [f.name for f in feeds]
        dupes = sorted({n for n in names if names.count(n) > 1})
        if dupes:
            raise ValueError(f"feed names must be unique; repeated: {', '.join(dupes)}")
        return feeds


def load_config(path: Path) -> WatchConfig:
    """Read and check a feeds file; every problem is a ``WatchError`` naming the file."""
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise WatchError(f"{path}: cannot read the feeds file ({exc.strerror or exc})") from None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise WatchError(f"{path}: not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise WatchError(f"{path}: expected a mapping with a 'feeds' list, e.g. feeds: [{{...}}]")
    try:
        return WatchConfig.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors()
        )
        raise WatchError(f"{path}: {problems}") from None
