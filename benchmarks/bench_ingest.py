"""Benchmark ``khabar ingest`` and ``khabar events``: throughput, peak memory, query latency.

Everything is synthetic and generated here (templated news paragraphs, random events):

* throughput: articles/s with 1 and 2 worker processes (real extractor unless ``--fake``),
  steady state (after each worker's model load) and end to end; prints the 2/1 ratio.
* peak RSS: ``khabar ingest`` on a ``--rss-articles`` corpus (default 10,000) in a child
  process, peak resident memory of that process and its workers.
* query latency: a SQLite database of ``--events`` synthetic events (default 1,000,000;
  built once at ``--query-db`` and reused), then ``query_events`` with typical filters.

Run: ``python benchmarks/bench_ingest.py [--articles 200] [--skip-rss] [--skip-query]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from khabar.ingest.batch import InputRecord
from khabar.ingest.read import RawArticle
from khabar.store import EventQuery, open_store
from khabar.store.pipeline import ExtractorLoader, ingest, load_real_extractor

ACTORS = [
    ("Taliban fighters", "police officers"),
    ("Russian forces", "Ukrainian troops"),
    ("the Sudanese army", "the Rapid Support Forces"),
    ("protesters", "the government"),
    ("Israeli troops", "Hamas militants"),
    ("Kenyan police", "demonstrators"),
    ("the French president", "the German chancellor"),
    ("Houthi rebels", "a commercial ship"),
]
VERBS = [
    "attacked",
    "clashed with",
    "met",
    "accused",
    "arrested dozens of",
    "signed an agreement with",
    "threatened",
    "protested against",
    "sent aid to",
    "imposed sanctions on",
]
PLACES = ["Kabul", "Kharkiv", "Khartoum", "Paris", "Gaza City", "Nairobi", "Sanaa", "Lagos"]
FILLER = [
    "Officials said the situation remained tense.",
    "The ministry did not immediately respond to a request for comment.",
    "Witnesses described scenes of confusion in the area.",
    "Analysts said the move could further strain relations.",
    "Local media reported that several people were injured.",
    "The United Nations called for restraint from all sides.",
]


def synthetic_article(i: int, rng: random.Random) -> str:
    sentences = []
    for _ in range(rng.randint(3, 6)):
        a, b = rng.choice(ACTORS)
        sentences.append(
            f"{a[0].upper() + a[1:]} {rng.choice(VERBS)} {b} in {rng.choice(PLACES)} "
            f"on {rng.choice(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'])}, "
            f"{rng.choice(['officials', 'witnesses', 'a spokesman', 'state media'])} said."
        )
        sentences.append(rng.choice(FILLER))
    return f"(Report {i}) " + " ".join(sentences)


def corpus(n: int, seed: int = 1) -> list[InputRecord]:
    rng = random.Random(seed)
    return [
        InputRecord(name=f"synthetic-{i}", raw=RawArticle(text=synthetic_article(i, rng)))
        for i in range(n)
    ]


ROOT = Path(__file__).resolve().parents[1]


def load_fake() -> object:
    """The keyword extractor of tests/fakes (the repository root goes on the path for it)."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from tests.fakes.extractor import FakeExtractor

    return FakeExtractor()


def _cpu_s() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def throughput(n: int, workers: int, loader: ExtractorLoader) -> tuple[float, float, float]:
    """(steady articles/s once every worker returned its first chunk, end to end, cores used).

    "cores used" is CPU seconds of this process and its workers over wall seconds: on a
    shared machine it shows whether N workers actually got N cores.
    """
    stamps: list[float] = []
    cpu0 = _cpu_s()
    with tempfile.TemporaryDirectory() as tmp, open_store(f"sqlite:///{tmp}/b.db") as store:
        t0 = time.perf_counter()
        ingest(
            corpus(n),
            store,
            loader,
            workers=workers,
            published_default=dt.date(2026, 3, 1),
            on_progress=lambda _s: stamps.append(time.perf_counter()),
        )
        total = time.perf_counter() - t0
    cores = (_cpu_s() - cpu0) / total
    warm = min(8 * workers, n // 4)  # ingest's default chunk is 8 articles
    steady = (len(stamps) - warm) / (stamps[-1] - stamps[warm - 1]) if warm else n / total
    return steady, n / total, cores


def peak_rss(n: int, workers: int, fake: bool) -> float:
    """Peak RSS (MiB) of a ``khabar ingest`` child process (and its workers) over ``n`` articles."""
    rng = random.Random(2)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.jsonl"
        with path.open("w") as fh:
            for i in range(n):
                fh.write(json.dumps({"text": synthetic_article(i, rng)}) + "\n")
        env = dict(os.environ)
        # the fake extractor lives in tests/: a child process gets it from tests.fakes.cli
        entry = "tests.fakes.cli" if fake else "khabar.cli.main"
        cmd = [sys.executable, "-m", entry, "ingest", str(path), "-q"]
        cmd += ["--db", f"sqlite:///{tmp}/rss.db", "--workers", str(workers)]
        t0 = time.perf_counter()
        subprocess.run(cmd, env=env, check=True, capture_output=True, cwd=ROOT)
        print(f"  ingested {n} articles in {time.perf_counter() - t0:.0f} s")
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def build_query_db(url: str, n_events: int, seed: int = 3) -> None:
    """Bulk-load ``n_events`` synthetic events (10 per article) straight through SQLAlchemy."""
    from khabar.store import tables as t

    rng = random.Random(seed)
    types = ["ASSAULT", "PROTEST", "CONSULT", "ACCUSE", "COERCE", "AID", "SANCTION", "THREATEN"]
    countries = [f"C{i:02d}" for i in range(60)]
    names = [f"Actor {i}" for i in range(5000)]
    facts = ["asserted"] * 8 + ["negated", "hypothetical"]
    start = dt.date(2024, 1, 1)
    with open_store(url) as store:
        per_article, chunk = 10, 20_000
        for base in range(0, n_events, chunk):
            arts, evs, acts = [], [], []
            for k in range(base, min(n_events, base + chunk)):
                aid = f"{k // per_article:016x}"
                if k % per_article == 0:
                    arts.append(
                        {"id": aid, "sha256": aid * 4, "text": "x", "n_events": per_article,
                         "url": f"https://outlet{k % 50}.example/{aid}",
                         "outlet": f"outlet{k % 50}.example"}
                    )  # fmt: skip
                day = start + dt.timedelta(days=rng.randrange(730))
                lat, lon = rng.uniform(-60, 70), rng.uniform(-180, 180)
                typ, fact, name = rng.choice(types), rng.choice(facts), rng.choice(names)
                sentence = f"{name} did something in place {k % 997}."
                ev = {
                    "id": f"e{k}", "type": typ, "factuality": fact, "confidence": 0.7,
                    "ontology_version": "0.8-khabar.1",
                    "date": {"value": day.isoformat(), "precision": "day", "how": "sentence"},
                    "actor": [{"text": name, "start": 0, "end": len(name), "name": name}],
                    "location": {"text": "place", "start": 0, "end": 5, "lat": lat, "lon": lon},
                    "evidence": {"text": sentence, "start": 0, "end": len(sentence),
                                 "trigger": {"text": "did", "start": 0, "end": 3}},
                }  # fmt: skip
                eid = f"{aid}-{k % per_article:04d}"
                evs.append(
                    {"id": eid, "article_id": aid, "seq": k % per_article, "event_ref": f"e{k}",
                     "type": typ, "mode": None, "quad_class": None, "factuality": fact,
                     "confidence": 0.7, "ontology_version": "0.8-khabar.1",
                     "date_value": day.isoformat(), "date_precision": "day",
                     "date_how": "sentence", "date_start": day, "loc_text": "place",
                     "loc_name": None, "country": rng.choice(countries), "admin1": None,
                     "lat": lat, "lon": lon, "geo_precision": "city", "geonameid": None,
                     "geocell": t.geocell(lat, lon),
                     "evidence_text": sentence, "evidence_start": 0,
                     "evidence_end": len(sentence), "trigger_text": "did", "trigger_start": 0,
                     "trigger_end": 3, "cluster_id": eid, "event_json": json.dumps(ev)}
                )  # fmt: skip
                acts.append(
                    {"event_id": eid, "role": "actor", "idx": 0, "name": name,
                     "name_key": name.casefold(), "country": None, "sector": None,
                     "text": name, "start": 0, "end": len(name), "how": ""}
                )  # fmt: skip
            with store.transaction() as conn:
                conn.execute(t.articles.insert(), arts)
                conn.execute(t.events.insert(), evs)
                conn.execute(t.actors.insert(), acts)
        with store.engine.begin() as conn:
            conn.exec_driver_sql("ANALYZE")


def query_latency(url: str, repeat: int) -> list[tuple[str, int, float, float]]:
    """(label, rows, median ms, p95 ms) per query, end to end through ``query_events``."""
    from khabar.store.query import query_events

    queries = {
        "type + country + 1 month": EventQuery(
            types=["ASSAULT"], country="C07", since=dt.date(2025, 3, 1), until=dt.date(2025, 3, 31)
        ),
        "actor": EventQuery(actor="actor 42"),
        "near 100 km + 1 year": EventQuery(
            near=(10.0, 20.0, 100.0), since=dt.date(2025, 1, 1), until=dt.date(2025, 12, 31)
        ),
        "type + factuality + 1 week": EventQuery(
            types=["PROTEST"],
            factuality=["negated"],
            since=dt.date(2024, 6, 1),
            until=dt.date(2024, 6, 7),
        ),
        "country, first 1000": EventQuery(country="C11", limit=1000),
        "1 day, all types": EventQuery(since=dt.date(2025, 5, 5), until=dt.date(2025, 5, 5)),
    }
    out = []
    with open_store(url) as store:
        for label, q in queries.items():
            times, rows = [], 0
            for _ in range(repeat):
                t0 = time.perf_counter()
                rows = sum(1 for _ in query_events(store, q))
                times.append((time.perf_counter() - t0) * 1000)
            times.sort()
            p95 = times[min(len(times) - 1, int(0.95 * len(times)))]
            out.append((label, rows, statistics.median(times), p95))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--articles", type=int, default=200, help="articles per throughput run")
    ap.add_argument("--fake", action="store_true", help="fake extractor (pipeline overhead only)")
    ap.add_argument("--rss-articles", type=int, default=10_000)
    ap.add_argument("--rss-workers", type=int, default=2)
    ap.add_argument("--rss-fake", action="store_true", help="fake extractor for the RSS run")
    ap.add_argument("--events", type=int, default=1_000_000, help="events in the query database")
    ap.add_argument(
        "--query-db", type=Path, default=Path(tempfile.gettempdir()) / "khabar-bench.db"
    )
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--skip-throughput", action="store_true")
    ap.add_argument("--skip-rss", action="store_true")
    ap.add_argument("--skip-query", action="store_true")
    args = ap.parse_args()
    loader: ExtractorLoader = load_fake if args.fake else load_real_extractor  # type: ignore[assignment]
    print(f"khabar ingest benchmark on {os.cpu_count()} CPUs")

    if not args.skip_throughput:
        name = "fake" if args.fake else "real"
        print(f"\nthroughput, {args.articles} synthetic articles, {name} extractor:")
        s1, e1, c1 = throughput(args.articles, 1, loader)
        print(f"  1 worker : {s1:7.1f} articles/s steady, {e1:7.1f} end to end, {c1:.2f} cores")
        s2, e2, c2 = throughput(args.articles, 2, loader)
        print(f"  2 workers: {s2:7.1f} articles/s steady, {e2:7.1f} end to end, {c2:.2f} cores")
        print(f"  ratio 2/1: {s2 / s1:.2f}x steady, {e2 / e1:.2f}x end to end (target >= 1.7x)")
        print(
            f"  CPU efficiency: {e1 / c1:.1f} vs {e2 / c2:.1f} articles per CPU-second "
            "(equal values mean 2 workers scale with the cores they actually get)"
        )

    if not args.skip_rss:
        print(f"\npeak RSS, {args.rss_articles} articles, {args.rss_workers} worker(s):")
        mib = peak_rss(args.rss_articles, args.rss_workers, args.rss_fake)
        print(f"  peak RSS (largest process): {mib:.0f} MiB (target < 1536 MiB)")

    if not args.skip_query:
        url = f"sqlite:///{args.query_db}"
        with open_store(url) as store:
            have = store.count("events")
        if have < args.events:
            print(f"\nbuilding {args.events:,} synthetic events at {args.query_db} …")
            args.query_db.unlink(missing_ok=True)
            t0 = time.perf_counter()
            build_query_db(url, args.events)
            print(f"  built in {time.perf_counter() - t0:.0f} s")
        with open_store(url) as store:
            print(f"\nquery latency over {store.count('events'):,} events (SQLite, indexed):")
        for label, rows, med, p95 in query_latency(url, args.repeat):
            print(f"  {label:28s} {rows:6d} rows  median {med:7.1f} ms  p95 {p95:7.1f} ms")


if __name__ == "__main__":
    main()
