"""How extraction time grows with article length: seconds per KB at 5, 20, 80 and 200 KB, one run.

The long articles are built from the project's own example articles and the template-generated
paragraphs of ``bench_extract.py`` (no third-party text), cut at a paragraph boundary near the
target size. The extractor is loaded once and warmed up on a short text before timing. Issue 13's
target: the 200 KB rate at most 1.5 x the 5 KB rate.

    python benchmarks/bench_scaling.py [--sizes 5 20 80 200]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_extract import ROOT, generated_articles


def long_article(kb: int) -> str:
    """A news-like article of about ``kb`` kilobytes (UTF-8), ending at a paragraph break."""
    own = [p.read_text(encoding="utf-8").strip() for p in sorted((ROOT / "examples").glob("*.txt"))]
    paras: list[str] = []
    size, seed = 0, 0
    while size < kb * 1000:
        for chunk in own + generated_articles(20, seed=seed):
            paras.append(chunk)
            size += len(chunk.encode("utf-8")) + 2
            if size >= kb * 1000:
                break
        seed += 1
    return "\n\n".join(paras)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[5, 20, 80, 200])
    args = ap.parse_args()

    from khabar.extract import Extractor

    t0 = time.perf_counter()
    extractor = Extractor.load()
    print(f"load: {time.perf_counter() - t0:.1f} s")
    published = dt.date(2026, 3, 14)
    extractor.extract_text(long_article(1), published=published)  # warm-up

    rates: dict[int, float] = {}
    for kb in args.sizes:
        text = long_article(kb)
        real_kb = len(text.encode("utf-8")) / 1000
        t = time.perf_counter()
        result = extractor.extract_text(text, published=published)
        secs = time.perf_counter() - t
        rates[kb] = secs / real_kb
        print(
            f"{kb:>4} KB ({real_kb:6.1f} KB, {len(result.events):4d} events): "
            f"{secs:7.2f} s, {rates[kb]:.3f} s/KB"
        )
    first, last = args.sizes[0], args.sizes[-1]
    print(f"rate ratio {last} KB / {first} KB: {rates[last] / rates[first]:.2f} (target <= 1.5)")


if __name__ == "__main__":
    main()
