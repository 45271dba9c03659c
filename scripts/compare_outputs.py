"""Freeze khabar's extraction output on a fixed corpus, and compare two frozen outputs.

Used to prove that a refactoring preserves output (issue 8). The corpus is read in place, never
copied into the repository:

* ``examples/*.txt`` (published 2026-03-14, as ``make extract-demo`` does);
* the founding example ``../shared/examples/tajikistan-appeal.txt`` (published 2026-03-14);
* the PLOVER GSR sentences (``../shared/eval/plover-gsr``, no publication date, as
  ``khabar evaluate events`` runs them);
* ``../shared/eval/news-dev/articles.jsonl`` (each with its own ``published``);
* with ``--geowebnews N``: the first N GeoWebNews texts (``../shared/eval/geoparsing/GWN.xml``).

Usage::

    python scripts/compare_outputs.py --out /tmp/outputs.jsonl [--geowebnews 200]
    python scripts/compare_outputs.py --compare BASELINE.jsonl NEW.jsonl

The extractor is loaded once; every text goes through one ``extract_many`` stream. Each output
line is ``{"key": ..., "result": ...}`` with sorted keys; ``khabar_version`` is left out so that
a version bump is not a difference.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
EXAMPLES_PUBLISHED = dt.date(2026, 3, 14)


@dataclass(frozen=True)
class Item:
    key: str
    text: str
    published: dt.date | None


def corpus(shared: Path, geowebnews: int) -> Iterator[Item]:
    """The fixed corpus, in a fixed order."""
    from khabar.evaluate.events import load_gsr

    for path in sorted((ROOT / "examples").glob("*.txt")):
        yield Item(f"examples/{path.name}", path.read_text(encoding="utf-8"), EXAMPLES_PUBLISHED)
    founding = shared / "examples" / "tajikistan-appeal.txt"
    yield Item("founding", founding.read_text(encoding="utf-8"), EXAMPLES_PUBLISHED)
    for record in load_gsr(shared / "eval" / "plover-gsr" / "PLOVER_GSR_CAMEO.parsed.json"):
        yield Item(f"gsr/{record.id}", record.text, None)
    news_dev = shared / "eval" / "news-dev" / "articles.jsonl"
    for line in news_dev.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        published = dt.date.fromisoformat(row["published"]) if row.get("published") else None
        yield Item(f"news-dev/{row['id']}", row["text"], published)
    if geowebnews > 0:
        from khabar.evaluate.geo_corpus import read_corpus

        articles = read_corpus(shared / "eval" / "geoparsing" / "GWN.xml")
        for i, article in enumerate(articles[:geowebnews]):
            yield Item(f"gwn/{i}", article.text, None)


def canonical(result: Any) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(result.model_dump_json())
    data.pop("khabar_version", None)
    return data


def freeze(out: Path, shared: Path, geowebnews: int) -> None:
    from khabar.extract import Extractor
    from khabar.ingest.read import RawArticle

    t0 = time.perf_counter()
    extractor = Extractor.load()
    loaded = time.perf_counter()
    items = list(corpus(shared, geowebnews))
    stream = ((RawArticle(text=it.text), it.published, None) for it in items)
    with out.open("w", encoding="utf-8") as fh:
        for item, result in zip(items, extractor.extract_many(stream), strict=True):
            line = {"key": item.key, "result": canonical(result)}
            fh.write(json.dumps(line, sort_keys=True, ensure_ascii=False) + "\n")
    done = time.perf_counter()
    print(
        f"{len(items)} texts -> {out}; load {loaded - t0:.1f} s, extract {done - loaded:.1f} s",
        file=sys.stderr,
    )


def _read(path: Path) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            key, n = row["key"], 1
            while key in out:  # a corpus id given twice (the GSR file has one)
                n += 1
                key = f"{row['key']}#{n}"
            out[key] = row["result"]
    return out


def _diff(a: Any, b: Any, where: str) -> Iterator[str]:
    """Paths where two JSON values differ (lists compared position by position)."""
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a:
                yield f"{where}.{k}: added {json.dumps(b[k])[:200]}"
            elif k not in b:
                yield f"{where}.{k}: removed {json.dumps(a[k])[:200]}"
            else:
                yield from _diff(a[k], b[k], f"{where}.{k}")
    elif isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            yield f"{where}: {len(a)} -> {len(b)} items"
        for i, (x, y) in enumerate(zip(a, b, strict=False)):
            yield from _diff(x, y, f"{where}[{i}]")
    elif a != b:
        yield f"{where}: {json.dumps(a)[:200]} -> {json.dumps(b)[:200]}"


def compare(base: Path, new: Path, subset: bool = False) -> int:
    """Print the differences; with ``subset`` only texts present in both files are compared
    (for a quick run without the GeoWebNews part)."""
    a, b = _read(base), _read(new)
    if subset:
        a = {k: v for k, v in a.items() if k in b}
        b = {k: v for k, v in b.items() if k in a}
    changed = 0
    for key in sorted(set(a) | set(b), key=lambda k: (k not in a, k)):
        if key not in b:
            print(f"{key}: missing from {new}")
            changed += 1
        elif key not in a:
            print(f"{key}: only in {new}")
            changed += 1
        elif a[key] != b[key]:
            changed += 1
            for d in _diff(a[key], b[key], key):
                print(d)
    common = len(set(a) & set(b))
    print(f"{changed} of {len(set(a) | set(b))} texts differ ({common} in both)")
    return 1 if changed else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, help="write the canonical JSONL here")
    ap.add_argument("--compare", nargs=2, type=Path, metavar=("A", "B"))
    ap.add_argument("--shared", type=Path, default=SHARED, help="the ../shared folder")
    ap.add_argument("--geowebnews", type=int, default=0, help="add the first N GWN texts")
    ap.add_argument("--subset", action="store_true", help="compare only texts in both files")
    args = ap.parse_args(argv)
    if args.compare:
        return compare(*args.compare, subset=args.subset)
    if args.out is None:
        ap.error("give --out PATH or --compare A B")
    freeze(args.out, args.shared, args.geowebnews)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
