"""Geocoder benchmark: index build time and peak memory, load time, index size on disk,
toponyms resolved per second, memory while resolving.

    python benchmarks/bench_geo.py [--build] [--corpus ../shared/eval/geoparsing/lgl.xml]
    python benchmarks/bench_geo.py --baseline OLD/src [--repeat 5]

Speed is measured on one core (this process) after the index is open, resolving whole
documents (so context costs are included), each run with a fresh index object and geocoder
(cold lookup cache). Without a corpus, documents are made from names drawn from the index
itself. Wall-clock and CPU figures are both printed: on a shared machine the CPU seconds are
the ones that compare across runs.

``--baseline`` compares this tree's geocoder with another checkout's ``src`` (e.g. ``git
archive <commit> src | tar -x -C /tmp/old``) in one run: child processes of the two
alternate, ``--repeat`` of each, each resolving the corpus once untimed (the process-wide
tables a server builds once) and then timed; it prints each run's toponyms per CPU second,
the medians and their ratio.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from khabar.geo.countries import load_countries
from khabar.geo.index import GazetteerIndex, default_index_path, load_default_index
from khabar.geo.resolve import Geocoder
from khabar.geo.sources import load_words
from khabar.model.core import Place

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared/eval/geoparsing/lgl.xml"


def synthetic_docs(index: GazetteerIndex, n_docs: int = 500) -> list[tuple[str, list[Place]]]:
    rng = random.Random(7)
    names = [e.name for e in index.iter_entries(["country", "admin1", "city"]) if e.population >= 0]
    docs = []
    for _ in range(n_docs):
        picked = rng.sample(names, 10)
        text, mentions = "", []
        for name in picked:
            text += "Reports from "
            mentions.append(Place(text=name, start=len(text), end=len(text) + len(name)))
            text += name + " said so. "
        docs.append((text, mentions))
    return docs


def corpus_docs(path: Path) -> list[tuple[str, list[Place]]]:
    from khabar.evaluate.geo_corpus import read_corpus

    return [
        (
            a.text,
            [Place(text=a.text[t.start : t.end], start=t.start, end=t.end) for t in a.toponyms],
        )
        for a in read_corpus(path)
        if a.toponyms
    ]


def timed_runs(docs: list[tuple[str, list[Place]]], repeat: int) -> list[tuple[float, float]]:
    """(wall, CPU) seconds of each of ``repeat`` runs over ``docs``, each with a fresh index
    object and geocoder (a cold lookup cache)."""
    out = []
    for _ in range(repeat):
        fresh = Geocoder(GazetteerIndex.open(default_index_path()))
        t0, c0 = time.perf_counter(), time.process_time()
        for text, mentions in docs:
            fresh.resolve(text, mentions)
        out.append((time.perf_counter() - t0, time.process_time() - c0))
    return out


def child_run(corpus: Path) -> None:
    """One measurement for ``--baseline``: a warm-up pass, then one timed run (CPU seconds)."""
    load_default_index(progress=False).close()
    docs = corpus_docs(corpus) if corpus.is_file() else []
    timed_runs(docs, 1)
    n = sum(len(m) for _, m in docs)
    print(f"RATE {n / max(timed_runs(docs, 1)[0][1], 1e-9):.1f}")


def compare(baseline: Path, corpus: Path, repeat: int) -> None:
    """This tree's geocoder against ``baseline`` (a ``src`` folder), alternating processes."""
    here = Path(__file__).resolve().parents[1] / "src"
    rates: dict[str, list[float]] = {"baseline": [], "this tree": []}
    for i in range(repeat):
        for label, src in (("baseline", baseline), ("this tree", here)):
            env = {**os.environ, "PYTHONPATH": str(src)}
            cmd = [sys.executable, __file__, "--child", "--corpus", str(corpus)]
            out = subprocess.run(cmd, env=env, check=True, capture_output=True, text=True)
            rate = float(out.stdout.split("RATE ")[-1])
            rates[label].append(rate)
            print(f"run {i + 1} {label:>9}: {rate:8.0f} toponyms per CPU second")
    old, new = (statistics.median(rates[k]) for k in ("baseline", "this tree"))
    print(f"median, baseline ({baseline}): {old:8.0f} toponyms per CPU second")
    print(f"median, this tree:  {new:8.0f} toponyms per CPU second  ({new / old:.2f}x)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--build", action="store_true", help="also time a full index build")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--baseline", type=Path, help="another checkout's src folder to compare")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child_run(args.corpus)
        return
    if args.baseline is not None:
        compare(args.baseline.resolve(), args.corpus.resolve(), args.repeat)
        return

    if args.build:  # in a child process, so the build's memory is reported apart
        with tempfile.TemporaryDirectory() as tmp:
            t0 = time.perf_counter()
            code = (
                "import sys; from khabar.geo.index import build_index; "
                "build_index(sys.argv[1], progress=False)"
            )
            subprocess.run([sys.executable, "-c", code, str(Path(tmp) / "g.sqlite")], check=True)
            child = resource.getrusage(resource.RUSAGE_CHILDREN)
            build_peak = child.ru_maxrss / 1024
            print(f"index build:        {time.perf_counter() - t0:6.1f} s")
            print(f"index build CPU:    {child.ru_utime + child.ru_stime:6.1f} s")
            print(f"build peak memory:  {build_peak:6.0f} MB")
    load_default_index(progress=True).close()  # make sure it exists (not timed)
    load_countries.cache_clear()
    load_words.cache_clear()
    t0, c0 = time.perf_counter(), time.process_time()
    index = GazetteerIndex.open(default_index_path())
    geocoder = Geocoder(index)
    geocoder.resolve_name("Afghan")  # the country table (0.1 s) is part of loading
    load_cpu = time.process_time() - c0
    print(f"index load:         {time.perf_counter() - t0:6.3f} s  ({default_index_path()})")
    print(f"index load CPU:     {load_cpu:6.3f} s")
    print(f"index file:         {default_index_path().stat().st_size / 1e6:6.0f} MB on disk")

    docs = corpus_docs(args.corpus) if args.corpus.is_file() else synthetic_docs(index)
    source = args.corpus.name if args.corpus.is_file() else "synthetic documents"
    n = sum(len(m) for _, m in docs)
    rates, rates_cpu = [], []
    for i, (wall, cpu) in enumerate(timed_runs(docs, args.repeat)):
        rates.append(n / wall)
        rates_cpu.append(n / max(cpu, 1e-9))
        print(
            f"run {i + 1}: {n} toponyms in {len(docs)} docs ({source}): {rates[-1]:8.0f}"
            f" toponyms/s ({rates_cpu[-1]:.0f} per CPU second)"
        )
    print(f"speed (best, one core, cold cache): {max(rates):8.0f} toponyms/s")
    print(f"speed (best, per CPU second):       {max(rates_cpu):8.0f} toponyms/s")
    print(f"speed (median, per CPU second):     {statistics.median(rates_cpu):8.0f} toponyms/s")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (RSS, index open + resolving): {peak:6.0f} MB")
    sys.exit(0)


if __name__ == "__main__":
    main()
