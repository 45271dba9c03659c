"""Fuzz ``khabar ingest`` with generated odd and hostile inputs; count crashes and outcomes.

Writes N inputs from the generators in ``tests/ingest/fuzz.py`` (encodings, nesting, huge
numbers, surrogates, NULs, giant lines, symlinks, FIFOs, CSV edge cases, hostile HTML,
junk, sidecars…) into a folder and runs the real ``khabar ingest`` command (the Typer app,
in this process) on it, once per ``--db``. **The extractor is the keyword fake of
tests/fakes** (injected by replacing ``khabar.store.pipeline.default_loader``), so the run
measures khabar's reading, hygiene, isolation and storing, not the NLP.

Prints: crashes (the command failing, or a record rejected for an internal error: both
must be 0), inputs and records, stored articles and rejections by reason per database
(SQLite and PostgreSQL must agree), timeouts, and the slowest article (read + extract).

    python benchmarks/fuzz_ingest.py --n 10000
    python benchmarks/fuzz_ingest.py --n 10000 --db sqlite:///f.db --db postgresql://…/db
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the generators and the fake extractor live in tests/

#: A rejection reason that names a caught internal error (never expected).
INTERNAL = ("could not be read (", "an internal error")


class Timings:
    """Seconds spent reading and extracting each record, by record name."""

    def __init__(self) -> None:
        self.read: dict[str, float] = {}
        self.extract: dict[str, float] = {}
        self.by_raw: dict[int, str] = {}

    def slowest(self) -> tuple[str, float, float]:
        names = set(self.read) | set(self.extract)
        name = max(names, key=lambda n: self.read.get(n, 0.0) + self.extract.get(n, 0.0))
        return name, self.read.get(name, 0.0), self.extract.get(name, 0.0)


def instrument(timings: Timings) -> None:
    """Time reading (``iter_records``) and extraction (the fake) per record; inject the fake."""
    from tests.fakes.extractor import FakeExtractor

    import khabar.ingest.batch as batch
    import khabar.store.pipeline as pipeline

    original = batch.iter_records

    def timed_records(*args: Any, **kwargs: Any) -> Iterator[Any]:
        it = original(*args, **kwargs)
        while True:
            t0 = time.perf_counter()
            try:
                rec = next(it)
            except StopIteration:
                return
            timings.read[rec.name] = time.perf_counter() - t0
            if rec.raw is not None:
                timings.by_raw[id(rec.raw)] = rec.name
            yield rec

    class TimedFake(FakeExtractor):
        def extract(self, raw: Any, published: Any = None, url: Any = None) -> Any:
            t0 = time.perf_counter()
            try:
                return super().extract(raw, published=published, url=url)
            finally:
                name = timings.by_raw.get(id(raw), "?")
                timings.extract[name] = time.perf_counter() - t0

    batch.iter_records = timed_records  # type: ignore[assignment]
    pipeline.default_loader = lambda: TimedFake  # type: ignore[assignment,return-value]


def run_once(folder: Path, url: str, time_limit: float) -> dict[str, Any]:
    from typer.testing import CliRunner

    from khabar.cli.main import app
    from khabar.store import open_store

    runner = CliRunner()
    t0 = time.perf_counter()
    limit = ["--time-limit", str(time_limit)] if time_limit else []  # 0: older khabar
    res = runner.invoke(app, ["ingest", str(folder), "--db", url, "-q", *limit])
    elapsed = time.perf_counter() - t0
    crashed = res.exit_code != 0 or res.exception is not None
    with open_store(url) as store:
        rejections = store.rejections()
        articles = store.count("articles")
    by_code = Counter(r.code for r in rejections)
    internal = [r for r in rejections if any(x in r.reason for x in INTERNAL)]
    no_reason = [r for r in rejections if not r.reason.strip()]
    return {
        "crashed": crashed,
        "output": res.output[-2000:] if crashed else "",
        "elapsed": elapsed,
        "articles": articles,
        "rejections": len(rejections),
        "by_code": by_code,
        "internal": internal,
        "no_reason": len(no_reason),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=10_000, help="generated inputs")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--db", action="append", help="database URL (repeatable)")
    parser.add_argument("--time-limit", type=float, default=10.0, help="seconds per article")
    parser.add_argument(
        "--postgres",
        action="store_true",
        help="also run on a throwaway PostgreSQL cluster on loopback (as the tests start one)",
    )
    args = parser.parse_args()
    with contextlib.ExitStack() as stack:
        if args.postgres:
            args.db = (args.db or ["sqlite:///{tmp}/fuzz.db"]) + [stack.enter_context(postgres())]
        run(args)


@contextlib.contextmanager
def postgres() -> Iterator[str]:
    """A database on a PostgreSQL cluster started like tests/conftest.py's fixture."""
    import os
    import shutil

    from tests.conftest import PostgresServer, _free_port, _pg_bindir

    bindir = _pg_bindir()
    if bindir is None:
        raise SystemExit("no PostgreSQL binaries (initdb, pg_ctl): run scripts/system-deps.sh")
    root = Path(tempfile.mkdtemp(prefix="khabar-fuzz-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    server = PostgresServer(bindir, root, _free_port(), as_user)
    server.start()
    try:
        yield server.new_database()
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)


def run(args: argparse.Namespace) -> None:

    from tests.ingest.fuzz import generate, write_inputs

    timings = Timings()
    instrument(timings)
    with tempfile.TemporaryDirectory(prefix="khabar-fuzz-") as tmp:
        folder = Path(tmp) / "in"
        inputs = generate(args.n, args.seed)
        write_inputs(folder, inputs, Path(tmp) / "outside")
        families = Counter(i.family.split("-")[0] for i in inputs)
        urls = [u.format(tmp=tmp) for u in args.db or ["sqlite:///{tmp}/fuzz.db"]]
        print(f"khabar ingest fuzz: {len(inputs):,} generated inputs (seed {args.seed}), ")
        print(f"  fake extractor (tests/fakes), time limit {args.time_limit:g} s per article")
        print("  families: " + ", ".join(f"{k} {v}" for k, v in sorted(families.items())))
        results = []
        for url in urls:
            timings.read.clear()
            timings.extract.clear()
            r = run_once(folder, url, args.time_limit)
            results.append(r)
            shown = url if url.startswith("sqlite") else url.split("@")[-1]
            print(f"\n{shown}: {r['elapsed']:.1f} s")
            print(
                f"  crashes: {int(r['crashed'])} (command), {len(r['internal'])} (internal errors)"
            )
            if r["crashed"]:
                print(r["output"])
            for rej in r["internal"][:5]:
                print(f"    {rej.input_name}: {rej.reason}")
            print(
                f"  records: {len(timings.read):,}; stored articles: {r['articles']:,}; "
                f"rejected: {r['rejections']:,} (without a reason: {r['no_reason']})"
            )
            print(f"  timeouts (hangs stopped by the budget): {r['by_code'].get('timeout', 0)}")
            print("  rejections by reason:")
            for code, n in sorted(r["by_code"].items(), key=lambda kv: -kv[1]):
                print(f"    {code:16s} {n:6,}")
            name, read_s, extract_s = timings.slowest()
            print(
                f"  slowest article: {Path(name).name} — read {read_s:.3f} s, "
                f"extract {extract_s:.3f} s"
            )
        if len(results) > 1:
            same = all(
                (r["articles"], r["by_code"]) == (results[0]["articles"], results[0]["by_code"])
                for r in results
            )
            print(f"\nsame stored counts on every database: {'yes' if same else 'NO'}")
        bad = sum(int(r["crashed"]) + len(r["internal"]) + r["no_reason"] for r in results)
        sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
