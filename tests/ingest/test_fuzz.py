"""Fuzz: generated odd and hostile inputs through ``ingest`` (fake extractor), on both backends.

Every record ends stored or rejected with one of the outcomes its generator allows, with a
reason that shows no internals; SQLite and PostgreSQL store the same counts. The full run
(10,000 inputs through ``khabar ingest``) is ``benchmarks/fuzz_ingest.py``.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from khabar.ingest.batch import iter_records, parse_bytes
from khabar.store import open_store
from khabar.store import tables as t
from khabar.store.pipeline import ingest
from tests.fakes.extractor import load_fake_extractor
from tests.ingest.fuzz import FAMILIES, generate, write_inputs

#: Fragments that would mean a message leaks an internal (a traceback, a library limit).
INTERNALS = ("Traceback", "set_int_max_str_digits", "max_length", "nlp.", "E088", "0x")


def outcomes(url: str, folder: Path) -> dict[str, list[str]]:
    """Input name (file, or file:line for batches) → the outcomes of its records."""
    by_file: dict[str, list[str]] = {}
    with open_store(url) as store:
        with store.engine.connect() as conn:
            names = [r[0] for r in conn.execute(select(t.articles.c.input_name))]
        rejections = store.rejections()
    for name in names:
        by_file.setdefault(name.split(":")[0], []).append("stored")
    for rej in rejections:
        by_file.setdefault(rej.input_name.split(":")[0], []).append(rej.code)
        assert rej.reason.strip() and not any(x in rej.reason for x in INTERNALS), rej.reason
    return by_file


def test_generated_inputs_end_stored_or_rejected_as_their_family_allows(
    tmp_path: Path, store_url: str
) -> None:
    inputs = generate(3 * len(FAMILIES), seed=13)
    folder = tmp_path / "in"
    write_inputs(folder, inputs, tmp_path / "outside")
    with open_store(store_url) as store:
        report = ingest(
            iter_records([str(folder)]), store, load_fake_extractor, time_limit=10, cluster=False
        )
        assert report.records == report.stored + report.already + report.rejected
        counts = Counter({"articles": store.count("articles"), "rejected": report.rejected})
    got = outcomes(store_url, folder)
    for inp in inputs:
        seen = got.get(str(folder / inp.name))
        assert seen, f"{inp.family} {inp.name}: no outcome"
        assert set(seen) <= inp.expect, f"{inp.family} {inp.name}: {seen}"
    # the same inputs give the same counts whatever the backend (this test runs on both)
    assert counts == Counter({"articles": report.stored, "rejected": report.rejected})
    assert {"charset", "cleaned"} <= set(report.warnings)


@settings(max_examples=300, database=None, deadline=None)
@given(st.binary(max_size=3000))
def test_any_bytes_become_an_article_or_a_rejection(data: bytes) -> None:
    rec = parse_bytes(data, "x")
    assert (rec.raw is None) != (rec.rejection is None)
    if rec.rejection is not None:
        assert rec.rejection.reason.startswith("x") and rec.rejection.code != "unreadable"
    else:
        assert rec.raw is not None and "\x00" not in rec.raw.text


@settings(max_examples=200, database=None, deadline=None)
@given(st.text(max_size=400))
def test_any_text_as_json_or_plain_never_raises(text: str) -> None:
    import json

    for data in (
        text.encode("utf-8", errors="surrogatepass"),
        json.dumps({"text": text}).encode(),
    ):
        rec = parse_bytes(data, "y")
        assert (rec.raw is None) != (rec.rejection is None)
        if rec.raw is not None:
            rec.raw.text.encode("utf-8")  # storable: no lone surrogate, no NUL
            assert "\x00" not in rec.raw.text
