"""Monitoring news feeds: RSS/Atom and sitemaps, fetched politely, ingested once each."""

from khabar.watch.config import CrawlPolicy, FeedConfig, WatchConfig, load_config

__all__ = ["CrawlPolicy", "FeedConfig", "WatchConfig", "load_config"]
