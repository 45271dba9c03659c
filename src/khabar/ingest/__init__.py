"""Reading articles: plain text, HTML and JSONL into validated ``Article`` objects."""

from khabar.ingest.read import (
    MAX_ARTICLE_BYTES,
    RawArticle,
    article_from_raw,
    decode_bytes,
    read_article_bytes,
    read_path_or_stdin,
)

__all__ = [
    "MAX_ARTICLE_BYTES",
    "RawArticle",
    "article_from_raw",
    "decode_bytes",
    "read_article_bytes",
    "read_path_or_stdin",
]
