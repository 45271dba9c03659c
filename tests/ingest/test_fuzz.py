"""Fuzz: >= 1,000 generated bad inputs through ingest (fake extractor), mixed with good ones.

No crash; every bad input is recorded as rejected with a reason; every good article stored.
"""

from __future__ import annotations

import datetime as dt
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from khabar.ingest.batch import InputRecord, iter_jsonl, parse_bytes
from khabar.ingest.read import MAX_ARTICLE_BYTES
from khabar.store import open_store
from khabar.store.pipeline import ingest
from tests.fakes.extractor import load_fake_extractor

BATCH = 50
EXAMPLES = 22  # 22 x 50 = 1,100 generated bad inputs (+ 44 fixed ones)

_blank = st.text(alphabet=" \t\r\n\f", max_size=40).map(str.encode)
_binary = st.binary(min_size=1, max_size=200).map(lambda b: b[:50] + b"\x00" + b[50:])
_not_utf8 = st.binary(min_size=0, max_size=100).map(lambda b: b"Article " + b + b"\xff\xfe\xc3")
_controls = st.text(alphabet="\x01\x02\x03\x04\x05\x06\x07\x0e\x0f\x10", min_size=20).map(
    lambda s: ("Text " + s).encode()
)
_bad_json = st.text(max_size=80).map(lambda s: ("{" + s.replace("}", "")).encode())
_json_no_text = st.dictionaries(
    st.sampled_from(["title", "url", "body", "published"]), st.text(max_size=20), max_size=3
).map(lambda d: json.dumps(d).encode())
_json_not_object = st.lists(st.integers(), max_size=5).map(lambda v: json.dumps(v).encode())
_json_bad_text = st.one_of(st.integers(), st.just(""), st.just("   "), st.none()).map(
    lambda v: json.dumps({"text": v}).encode()
)
_empty_html = st.integers(min_value=0, max_value=20).map(
    lambda n: ("<html><body>" + "<div><p></p></div>" * n + "</body></html>").encode()
)
_non_english = st.lists(
    st.text(alphabet="абвгдежзиклмнопрстуфхцчшщэюя", min_size=2, max_size=9),
    min_size=6,
    max_size=30,
).map(lambda words: " ".join(words).encode())

OVERSIZED = b"x" * (MAX_ARTICLE_BYTES + 1)  # one per batch; too big for hypothesis to shrink

bad_input = st.one_of(
    _blank,
    _binary,
    _not_utf8,
    _controls,
    _bad_json,
    _json_no_text,
    _json_not_object,
    _json_bad_text,
    _empty_html,
    _non_english,
)


@settings(
    max_examples=EXAMPLES,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.lists(bad_input, min_size=BATCH, max_size=BATCH), st.integers(0, 10**9))
def test_bad_inputs_are_rejected_and_good_ones_stored(bad: list[bytes], salt: int) -> None:
    good = [f"Rebels attacked Police in Kabul, report {salt}-{i}.".encode() for i in range(3)]
    records: list[InputRecord] = [parse_bytes(b, f"bad-{i}") for i, b in enumerate(bad)]
    records[10:10] = [parse_bytes(g, f"good-{i}") for i, g in enumerate(good)]
    records.append(parse_bytes(OVERSIZED, "big"))
    records += list(iter_jsonl('{"text": "Troops attacked Villagers in Lagos."}\n{oops', "j"))
    with open_store("sqlite://") as store:
        report = ingest(
            records,
            store,
            load_fake_extractor,
            published_default=dt.date(2026, 3, 1),
            cluster=False,
        )
        assert report.rejected == BATCH + 2
        assert report.stored == 4
        assert store.count("articles") == 4
        rejections = store.rejections()
        assert {r.input_name for r in rejections} == {f"bad-{i}" for i in range(BATCH)} | {
            "big",
            "j:2",
        }
        assert all(r.reason.strip() for r in rejections)
