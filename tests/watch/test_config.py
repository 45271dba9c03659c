"""``feeds.yaml`` is read into typed models; every mistake names the file and the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from khabar.errors import WatchError
from khabar.watch.config import DEFAULT_USER_AGENT, load_config, parse_interval


@pytest.mark.parametrize(
    ("text", "seconds"), [("90", 90), ("30s", 30), ("15m", 900), ("1.5h", 5400), ("1d", 86400)]
)
def test_intervals(text: str, seconds: float) -> None:
    assert parse_interval(text) == seconds


@pytest.mark.parametrize("text", ["", "0", "15 minutes", "-5m", "m"])
def test_bad_intervals(text: str) -> None:
    with pytest.raises(WatchError, match="not a duration"):
        parse_interval(text)


def test_a_feeds_file_with_policy_and_extra_feed_keys(tmp_path: Path) -> None:
    path = tmp_path / "feeds.yaml"
    path.write_text(
        "per_host_delay_s: 2\ninterval: 30m\nfeeds:\n"
        "  - {name: wire, url: 'https://example.org/rss', tags: [world]}\n"
        "  - {name: map, url: 'https://example.org/sitemap.xml', kind: sitemap}\n",
        encoding="utf-8",
    )
    cfg = load_config(path)
    assert [f.name for f in cfg.feeds] == ["wire", "map"]
    assert cfg.feeds[1].kind == "sitemap" and cfg.feeds[0].model_extra == {"tags": ["world"]}
    assert cfg.policy.per_host_delay_s == 2 and cfg.policy.user_agent == DEFAULT_USER_AGENT
    assert cfg.interval == "30m"


def test_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(WatchError, match="cannot read"):
        load_config(tmp_path / "nope.yaml")
