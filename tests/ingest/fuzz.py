"""Generators of odd and hostile inputs for ``khabar ingest`` (tests and benchmarks/fuzz_ingest.py).

Each family writes one file (or a link, a FIFO, a CSV/JSONL batch) and says which outcomes
its records may have: ``stored`` or a rejection code. The texts are written here, from
templates; no third-party text is used. ``generate(n, seed)`` is deterministic.
"""

from __future__ import annotations

import json
import os
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

#: Characters of an over-limit text (khabar.ingest.hygiene.MAX_ARTICLE_CHARS is 1,000,000; a
#: literal here so that the generators also run against older khabar versions).
OVER_LIMIT_CHARS = 1_000_100

STORED = frozenset({"stored"})
ANY_REJECTION = frozenset(
    {"empty", "binary", "not-utf8", "no-text", "non-english", "malformed-json", "unreadable"}
)

ACTORS = ["Rebels", "Police", "Protesters", "Soldiers", "Officials", "Militants", "Envoys"]
VERBS = ["attacked", "protested", "met", "accused", "sanctioned", "bombed"]
CITIES = ["Kabul", "Paris", "Nairobi", "Lagos", "Khartoum", "Kyiv"]


@dataclass(frozen=True)
class FuzzInput:
    """One generated input: a file name, its bytes, and the outcomes its records may have."""

    family: str
    name: str
    data: bytes = b""
    expect: frozenset[str] = STORED
    kind: str = "file"  # "file", "symlink" (out of the folder), "fifo"
    sidecar: bytes | None = None  # written as <stem>.meta.yaml


def article(rng: random.Random, i: int, sentences: int = 3) -> str:
    """A short English news text the fake extractor codes (unique per ``i``)."""
    out = []
    for k in range(sentences):
        a, b = rng.sample(ACTORS, 2)
        out.append(
            f"{a} {rng.choice(VERBS)} {b} in {rng.choice(CITIES)} on day {i}-{k}, "
            "the officials said in a statement to the press."
        )
    return " ".join(out)


Family = Callable[[random.Random, int], FuzzInput]


def _text(rng: random.Random, i: int) -> FuzzInput:
    return FuzzInput("text", f"{i:05d}.txt", article(rng, i).encode())


def _bracketed(rng: random.Random, i: int) -> FuzzInput:
    lead = rng.choice(["[Updated] ", "{Corrected} ", "[1] ", "{"])
    return FuzzInput("bracketed-text", f"{i:05d}.txt", (lead + article(rng, i)).encode())


def _bom(rng: random.Random, i: int) -> FuzzInput:
    enc = rng.choice(["utf-16", "utf-32", "utf-8-sig", "utf-16-be", "utf-32-le"])
    text = article(rng, i)
    data = text.encode(enc)
    if enc in ("utf-16-be", "utf-32-le"):  # explicit-endian codecs write no BOM: add one
        data = ("\ufeff" + text).encode(enc)
    return FuzzInput(f"bom-{enc}", f"{i:05d}.txt", data)


def _legacy(rng: random.Random, i: int) -> FuzzInput:
    text = article(rng, i) + " Café owners in Zürich called it “déjà vu” — again."
    return FuzzInput("cp1252", f"{i:05d}.txt", text.encode("cp1252"))


def _utf16_no_bom(rng: random.Random, i: int) -> FuzzInput:
    return FuzzInput(
        "utf16-no-bom", f"{i:05d}.txt", article(rng, i).encode("utf-16-le"), frozenset({"binary"})
    )


def _nested(rng: random.Random, i: int) -> FuzzInput:
    depth = rng.choice([5, 50, 5_000, 100_000])
    doc = '{"text": ' + json.dumps(article(rng, i)) + ', "x": ' + "[" * depth + "]" * depth + "}"
    expect = STORED if depth <= 50 else frozenset({"malformed-json"})
    return FuzzInput(f"nesting-{depth}", f"{i:05d}.json", doc.encode(), expect)


def _huge_number(rng: random.Random, i: int) -> FuzzInput:
    digits = rng.choice([4_301, 10_000, 100_000])
    doc = '{"text": ' + json.dumps(article(rng, i)) + ', "n": 1' + "7" * digits + "}"
    return FuzzInput("huge-int", f"{i:05d}.json", doc.encode(), frozenset({"malformed-json"}))


def _surrogate(rng: random.Random, i: int) -> FuzzInput:
    where = rng.choice(["text", "title", "both"])
    text = article(rng, i) + (" \\udfff end" if where != "title" else "")
    title = "Title \\ud800" if where != "text" else "Title"
    doc = '{"text": "' + text + '", "title": "' + title + '"}'
    return FuzzInput("lone-surrogate", f"{i:05d}.json", doc.encode())


def _nul(rng: random.Random, i: int) -> FuzzInput:
    text = article(rng, i)
    n = rng.choice([1, 3, 20])
    for _ in range(n):
        k = rng.randrange(len(text))
        text = text[:k] + "\x00" + text[k:]
    if rng.random() < 0.5:  # as a JSON escape in a JSONL batch
        line = json.dumps({"text": text, "title": "NUL\x00title"})
        return FuzzInput("nul-jsonl", f"{i:05d}.jsonl", (line + "\n").encode())
    return FuzzInput("nul-text", f"{i:05d}.txt", text.encode())


def _controls(rng: random.Random, i: int) -> FuzzInput:
    text = article(rng, i)[:250]
    heavy = rng.random() < 0.5
    for _ in range(200 if heavy else 9):
        k = rng.randrange(len(text))
        text = text[:k] + chr(rng.choice([1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 16, 27])) + text[k:]
    return FuzzInput(
        "controls-heavy" if heavy else "controls-9",
        f"{i:05d}.txt",
        text.encode(),
        frozenset({"binary"}) if heavy else STORED,
    )


def _giant_line(rng: random.Random, i: int) -> FuzzInput:
    if rng.random() < 0.1:  # over the character limit, inside a JSONL batch
        text = ("word " * (OVER_LIMIT_CHARS // 5)).strip()
        line = json.dumps({"text": text})
        return FuzzInput(
            "over-limit", f"{i:05d}.jsonl", (line + "\n").encode(), frozenset({"oversized"})
        )
    # one event, then ~100-500 k characters on one line that code no further events (a
    # giant text full of events would measure clustering, not reading)
    filler = "The town was calm in the night and the people of the region went to work. "
    body = article(rng, i, 1) + " " + filler * rng.choice([1_300, 6_500])
    return FuzzInput("giant-line", f"{i:05d}.txt", body.encode())


def _csv(rng: random.Random, i: int) -> FuzzInput:
    case = rng.choice(["big-field", "quoted-newlines", "ragged", "bom", "nul", "no-text-column"])
    rows = [article(rng, i * 10 + k) for k in range(3)]
    if case == "big-field":  # ~150 k characters in one field (one event, then filler)
        rows[0] += " The town was calm in the night and the people went to work." * 2_500
    if case == "quoted-newlines":
        rows[1] = rows[1].replace(", ", ",\n")
    if case == "nul":
        rows[2] = rows[2].replace(" ", "\x00 ", 2)
    lines = ["title,text,published"] if case != "no-text-column" else ["title,summary"]
    lines += [
        '"T{k}","{body}",2026-03-0{d}'.format(k=k, body=r.replace('"', '""'), d=k + 1)
        for k, r in enumerate(rows)
    ]
    if case == "ragged":
        lines.append('"only a title"')
    data = ("\r\n".join(lines) + "\r\n").encode("utf-8-sig" if case == "bom" else "utf-8")
    expect = {
        "no-text-column": frozenset({"malformed-csv"}),
        "ragged": frozenset({"stored", "empty"}),
    }
    return FuzzInput(f"csv-{case}", f"{i:05d}.csv", data, expect.get(case, STORED))


def _html(rng: random.Random, i: int) -> FuzzInput:
    case = rng.choice(["script", "deep", "broken", "empty"])
    body = article(rng, i, 4)
    if case == "script":
        page = (
            f"<html><head><title>x</title><script>alert(document.cookie)</script></head>"
            f"<body><article><p>{body}</p><img src=x onerror=alert(1)>"
            f"<p>{article(rng, i + 100_000)}</p></article></body></html>"
        )
        return FuzzInput(
            "html-script", f"{i:05d}.html", page.encode(), frozenset({"stored", "malformed-html"})
        )
    if case == "deep":
        n = rng.choice([100, 3_000])
        page = "<html><body>" + "<div>" * n + f"<p>{body}</p>" + "</div>" * n + "</body></html>"
        return FuzzInput(
            "html-deep", f"{i:05d}.html", page.encode(), frozenset({"stored", "malformed-html"})
        )
    if case == "broken":
        page = f"<html><body><p>{body}<div><p><b><i>unclosed <a href='javascript:alert(1)'>"
        return FuzzInput(
            "html-broken", f"{i:05d}.html", page.encode(), frozenset({"stored", "malformed-html"})
        )
    page = "<html><body><script>var a = 1;</script><div></div></body></html>"
    return FuzzInput("html-empty", f"{i:05d}.html", page.encode(), frozenset({"malformed-html"}))


def _junk(rng: random.Random, i: int) -> FuzzInput:
    text = rng.choice(
        [".", "🙂🙂🙂 🔥", "\u200b\u200b\u200c\u200d", "!!! ??? ...", "12 34 56 78", "- * -", "Ok."]
    )
    return FuzzInput("junk", f"{i:05d}.txt", text.encode(), frozenset({"no-text", "empty"}))


def _binary(rng: random.Random, i: int) -> FuzzInput:
    data = bytes(rng.randrange(256) for _ in range(rng.choice([16, 300, 4000])))
    return FuzzInput("random-bytes", f"{i:05d}.bin", data, ANY_REJECTION)


def _blank(rng: random.Random, i: int) -> FuzzInput:
    return FuzzInput(
        "blank", f"{i:05d}.txt", rng.choice([b"", b"  \n\t", b"\r\n\r\n"]), frozenset({"empty"})
    )


def _malformed_json(rng: random.Random, i: int) -> FuzzInput:
    doc = '{"text": ' + json.dumps(article(rng, i))[: rng.randrange(5, 60)]
    return FuzzInput("malformed-json", f"{i:05d}.json", doc.encode(), frozenset({"malformed-json"}))


def _non_english(rng: random.Random, i: int) -> FuzzInput:
    words = [
        "".join(rng.choice("абвгдежзиклмнопрстуфхцчшщэюя") for _ in range(6)) for _ in range(20)
    ]
    return FuzzInput(
        "non-english", f"{i:05d}.txt", " ".join(words).encode(), frozenset({"non-english"})
    )


def _front_matter(rng: random.Random, i: int) -> FuzzInput:
    text = f"---\npublished: 2026-04-{1 + i % 28:02d}\noutlet: example.org\n---\n{article(rng, i)}"
    return FuzzInput("front-matter", f"{i:05d}.txt", text.encode())


def _sidecar(rng: random.Random, i: int) -> FuzzInput:
    good = rng.random() < 0.8
    meta = b"published: 2026-05-01\nurl: https://example.org/a\n" if good else b"published: soon\n"
    expect = STORED if good else frozenset({"bad-metadata"})
    return FuzzInput("sidecar", f"{i:05d}.txt", article(rng, i).encode(), expect, sidecar=meta)


def _symlink(rng: random.Random, i: int) -> FuzzInput:
    return FuzzInput("symlink-out", f"{i:05d}.txt", kind="symlink", expect=frozenset({"symlink"}))


def _fifo(rng: random.Random, i: int) -> FuzzInput:
    return FuzzInput("fifo", f"{i:05d}.txt", kind="fifo", expect=frozenset({"not-a-file"}))


FAMILIES: list[tuple[Family, int]] = [
    (_text, 4),
    (_bracketed, 2),
    (_bom, 2),
    (_legacy, 2),
    (_utf16_no_bom, 1),
    (_nested, 2),
    (_huge_number, 2),
    (_surrogate, 2),
    (_nul, 2),
    (_controls, 2),
    (_giant_line, 1),
    (_csv, 2),
    (_html, 2),
    (_junk, 2),
    (_binary, 2),
    (_blank, 1),
    (_malformed_json, 1),
    (_non_english, 1),
    (_front_matter, 1),
    (_sidecar, 1),
    (_symlink, 1),
    (_fifo, 1),
]


def generate(n: int, seed: int = 0) -> list[FuzzInput]:
    """``n`` inputs drawn from every family by weight (every family at least once if n allows)."""
    rng = random.Random(seed)
    families = [f for f, w in FAMILIES for _ in range(w)]
    picks = [f for f, _ in FAMILIES][:n] + [rng.choice(families) for _ in range(n - len(FAMILIES))]
    return [family(rng, i) for i, family in enumerate(picks)]


def write_inputs(folder: Path, inputs: list[FuzzInput], outside: Path) -> None:
    """Write ``inputs`` into ``folder``; symlinks point at a file in ``outside``."""
    folder.mkdir(parents=True, exist_ok=True)
    outside.mkdir(parents=True, exist_ok=True)
    secret = outside / "secret.txt"
    secret.write_text("root:x:0:0:root:/root:/bin/bash and other private words here\n")
    for inp in inputs:
        path = folder / inp.name
        if inp.kind == "symlink":
            path.symlink_to(secret)
        elif inp.kind == "fifo":
            os.mkfifo(path)
        else:
            path.write_bytes(inp.data)
        if inp.sidecar is not None:
            path.with_name(path.stem + ".meta.yaml").write_bytes(inp.sidecar)
