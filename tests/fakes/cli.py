"""Put the fake extractor behind khabar's CLI: in this process, or in a child process.

``use_fake_extractor(monkeypatch)`` replaces the two loaders the commands use
(``khabar.store.pipeline.default_loader`` for ``ingest``/``watch``/``reextract``,
``khabar.cli.extract_batch.load_extractor`` for ``extract --batch``).
``python -m tests.fakes.cli ingest FOLDER --db URL`` (any command) runs the CLI in a child
process the same way, so tests (SIGKILL mid-batch) and benchmarks run a real process
without a test switch in production code.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.fakes.extractor import FakeExtractor, load_fake_extractor


def install(set_attr: Callable[[Any, str, Any], None] = setattr) -> None:
    import khabar.cli.extract_batch as extract_batch
    import khabar.store.pipeline as pipeline

    def load_for_batch(options: object) -> FakeExtractor:
        return load_fake_extractor()

    set_attr(pipeline, "default_loader", lambda: load_fake_extractor)
    set_attr(extract_batch, "load_extractor", load_for_batch)


def use_fake_extractor(monkeypatch: Any) -> None:
    """For one test (undone at its end): every CLI command extracts with the fake."""
    install(monkeypatch.setattr)


def main() -> None:
    install()
    from khabar.cli.main import app

    app(prog_name="khabar")


if __name__ == "__main__":
    main()
