"""Run khabar's CLI in a child process with the fake extractor injected.

``python -m tests.fakes.cli ingest FOLDER --db URL`` is ``khabar ingest`` with
``khabar.store.pipeline.default_loader`` replaced by the keyword extractor's loader, so
tests (SIGKILL mid-batch) and benchmarks can run a real process without a test switch in
production code.
"""

from __future__ import annotations

import khabar.store.pipeline as pipeline
from tests.fakes.extractor import load_fake_extractor


def main() -> None:
    pipeline.default_loader = lambda: load_fake_extractor
    from khabar.cli.main import app

    app(prog_name="khabar")


if __name__ == "__main__":
    main()
