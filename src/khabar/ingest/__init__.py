"""Reading articles: bytes from files, folders, JSONL/CSV and stdin into ``RawArticle`` objects.

``hygiene`` decodes and cleans (one place for every reader), ``read`` parses one article,
``batch`` reads many (bad ones become ``Rejection`` records), ``budget`` limits the time
one article's extraction may take.
"""

from khabar.ingest.budget import ArticleTimeout, run_with_budget
from khabar.ingest.hygiene import MAX_ARTICLE_BYTES, MAX_ARTICLE_CHARS, ReadError
from khabar.ingest.read import (
    RawArticle,
    article_from_raw,
    decode_bytes,
    read_article_bytes,
    read_path_or_stdin,
    with_input_warnings,
)

__all__ = [
    "MAX_ARTICLE_BYTES",
    "MAX_ARTICLE_CHARS",
    "ArticleTimeout",
    "RawArticle",
    "ReadError",
    "article_from_raw",
    "decode_bytes",
    "read_article_bytes",
    "read_path_or_stdin",
    "run_with_budget",
    "with_input_warnings",
]
