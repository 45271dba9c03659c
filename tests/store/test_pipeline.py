"""``khabar ingest`` end to end with the fake extractor: idempotence, workers, Dask, SIGKILL."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from khabar.ingest.batch import iter_records
from khabar.store import open_store
from khabar.store.pipeline import ingest
from tests.fakes.extractor import DELAY_ENV, load_fake_extractor

CITIES = ["Kabul", "Paris", "Nairobi", "Lagos", "Khartoum", "Kyiv"]
VERBS = ["attacked", "protested", "met", "accused"]


def write_corpus(folder: Path, n: int) -> Path:
    """``n`` distinct articles: text files, a JSONL file and a few bad inputs."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        city, verb = CITIES[i % len(CITIES)], VERBS[i % len(VERBS)]
        (folder / f"a{i:04d}.txt").write_text(
            f"Rebels {verb} Police in {city} on day {i}. The army said the situation was calm."
        )
    (folder / "batch.jsonl").write_text(
        '{"text": "Protesters protested Government in Paris.", "url": "https://lemonde.fr/1"}\n'
        "{not json\n"
        '{"text": "Officials met Envoys in Nairobi.", "published": "2026-02-01"}\n'
    )
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blob.bin").write_bytes(b"\x00\x01\x02" * 50)
    (folder / "french.txt").write_text(
        "Les manifestants ont défilé dans les rues de la capitale française hier soir"
    )
    return folder


def run(folder: Path, url: str, **kwargs: object) -> None:
    with open_store(url) as store:
        ingest(
            iter_records([str(folder)]),
            store,
            load_fake_extractor,
            published_default=dt.date(2026, 3, 1),
            **kwargs,  # type: ignore[arg-type]
        )


def test_ingesting_a_folder_twice_changes_nothing(tmp_path: Path, store_url: str) -> None:
    folder = write_corpus(tmp_path / "in", 8)
    run(folder, store_url)
    with open_store(store_url) as store:
        first = store.dump()
        assert store.count("articles") == 10
        codes = sorted(r.code for r in store.rejections())
        assert codes == ["binary", "empty", "malformed-json", "non-english"]
    run(folder, store_url)
    with open_store(store_url) as store:
        assert store.dump() == first


def test_two_workers_give_the_same_database(tmp_path: Path) -> None:
    folder = write_corpus(tmp_path / "in", 12)
    serial, pooled = f"sqlite:///{tmp_path / 's.db'}", f"sqlite:///{tmp_path / 'p.db'}"
    run(folder, serial)
    run(folder, pooled, workers=2)
    with open_store(serial) as a, open_store(pooled) as b:
        assert a.dump() == b.dump()


def test_dask_local_cluster_gives_the_same_database(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    folder = write_corpus(tmp_path / "in", 12)
    serial, dask_db = f"sqlite:///{tmp_path / 's.db'}", f"sqlite:///{tmp_path / 'd.db'}"
    run(folder, serial)
    run(folder, dask_db, engine="dask", workers=2, dask_processes=False)
    with open_store(serial) as a, open_store(dask_db) as b:
        assert a.dump() == b.dump()


def _count_articles(db: Path) -> int:
    import sqlite3

    if not db.exists():
        return 0
    try:
        with sqlite3.connect(db, timeout=1) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.OperationalError:
        return 0


def test_sigkill_mid_batch_then_rerun_equals_uninterrupted_run(tmp_path: Path) -> None:
    folder = write_corpus(tmp_path / "in", 30)
    killed_db, clean_db = tmp_path / "killed.db", tmp_path / "clean.db"
    env = {**os.environ, DELAY_ENV: "0.05"}
    cmd = [sys.executable, "-m", "tests.fakes.cli", "ingest", str(folder), "-q"]
    cmd += ["--published-default", "2026-03-01", "--db"]
    proc = subprocess.Popen([*cmd, f"sqlite:///{killed_db}"], env=env, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while _count_articles(killed_db) < 5 and time.monotonic() < deadline:
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    assert 0 < _count_articles(killed_db) < 32, "the kill must land mid-batch"

    env[DELAY_ENV] = "0"
    subprocess.run([*cmd, f"sqlite:///{killed_db}"], env=env, check=True, capture_output=True)
    subprocess.run([*cmd, f"sqlite:///{clean_db}"], env=env, check=True, capture_output=True)
    with open_store(f"sqlite:///{killed_db}") as a, open_store(f"sqlite:///{clean_db}") as b:
        assert a.count("articles") == 32
        assert a.dump() == b.dump()


def test_dask_scheduler_address_with_two_worker_processes(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    folder = write_corpus(tmp_path / "in", 12)
    serial, dask_db = f"sqlite:///{tmp_path / 's.db'}", f"sqlite:///{tmp_path / 'd.db'}"
    run(folder, serial)
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        silence_logs=40,
    ) as cluster:
        run(folder, dask_db, engine="dask", workers=2, scheduler=cluster.scheduler_address)
    with open_store(serial) as a, open_store(dask_db) as b:
        assert a.dump() == b.dump()


@pytest.mark.slow
def test_real_extractor_ingest(tmp_path: Path) -> None:
    from khabar.store.pipeline import load_real_extractor

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "en.txt").write_text(
        "KABUL, March 3 (Reuters) - Taliban fighters attacked a police checkpoint in Kabul on "
        "Monday, killing four officers, the interior ministry said."
    )
    (folder / "fr.txt").write_text(
        "Des milliers de manifestants ont défilé mardi à Paris contre la réforme des retraites, "
        "selon les syndicats, qui appellent à une nouvelle journée de grève."
    )
    url = f"sqlite:///{tmp_path / 'k.db'}"
    with open_store(url) as store:
        report = ingest(iter_records([str(folder)]), store, load_real_extractor)
        assert (report.stored, report.rejected) == (1, 1)
        assert [r.code for r in store.rejections()] == ["non-english"]
        assert store.count("events") >= 1


# -- bad-record isolation (issue 13, items 2 and 3) ---------------------------------------

ARTICLE = "Rebels attacked Police in Kabul on Monday. The army said the situation was calm."


def _stored(url: str) -> list[tuple[str, object, object, object]]:
    from sqlalchemy import select

    from khabar.store import tables as t

    a = t.articles.c
    with open_store(url) as store, store.engine.connect() as conn:
        rows = conn.execute(select(a.input_name, a.published, a.outlet, a.title).order_by(a.id))
        return [tuple(r) for r in rows]  # type: ignore[misc]


def test_nul_and_surrogates_do_not_stop_an_ingest_on_either_backend(
    tmp_path: Path, store_url: str
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    long_text = ARTICLE + " The town was calm in the night." * 400  # the NUL is past the first 8 KB
    (folder / "a.txt").write_text(long_text + "\x00 And the end.")
    (folder / "b.jsonl").write_text(
        json.dumps({"text": ARTICLE.replace("Kabul", "Lagos") + "\udfff", "title": "T\x00"}) + "\n"
    )
    (folder / "c.txt").write_text(ARTICLE.replace("Kabul", "Paris"))
    with open_store(store_url) as store:
        report = ingest(iter_records([str(folder)]), store, load_fake_extractor, cluster=False)
    assert (report.stored, report.rejected) == (3, 0)
    assert report.warnings == {"cleaned": 2}
    assert "T" in {row[3] for row in _stored(store_url)}


def test_an_article_over_its_time_budget_is_rejected_and_the_batch_goes_on(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE)
    (folder / "b.txt").write_text(ARTICLE.replace("Kabul", "Paris") + " SLOW")
    (folder / "c.txt").write_text(ARTICLE.replace("Kabul", "Lagos"))
    url = f"sqlite:///{tmp_path / 'k.db'}"
    with open_store(url) as store:
        report = ingest(
            iter_records([str(folder)]), store, load_slow_on_marker, time_limit=0.5, cluster=False
        )
        assert (report.stored, report.by_code) == (2, {"timeout": 1})
        (rej,) = store.rejections()
        assert rej.input_name.endswith("b.txt") and "0.5-second budget" in rej.reason


class _SlowOnMarker:
    """The fake extractor, except that an article containing SLOW never finishes."""

    def __init__(self) -> None:
        self.inner = load_fake_extractor()

    def extract(self, raw, published=None, url=None):  # type: ignore[no-untyped-def]
        while "SLOW" in raw.text:
            time.sleep(0.001)
        return self.inner.extract(raw, published=published, url=url)


def load_slow_on_marker() -> _SlowOnMarker:
    return _SlowOnMarker()


class _BatchingSlowOnMarker(_SlowOnMarker):
    """The same, with ``extract_many`` (batched NLP, as the real extractor has)."""

    def extract_many(self, items):  # type: ignore[no-untyped-def]
        for raw, published, url in items:
            yield self.extract(raw, published=published, url=url)


def test_a_hanging_article_in_a_batched_chunk_is_isolated(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i, city in enumerate(CITIES):
        marker = " SLOW" if i == 2 else ""
        (folder / f"{i}.txt").write_text(ARTICLE.replace("Kabul", city) + marker)
    url = f"sqlite:///{tmp_path / 'k.db'}"
    with open_store(url) as store:
        report = ingest(
            iter_records([str(folder)]),
            store,
            _BatchingSlowOnMarker,
            time_limit=0.3,
            cluster=False,
        )
    assert (report.stored, report.by_code) == (5, {"timeout": 1})


def test_a_value_the_database_refuses_rejects_one_article(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy.exc import DataError

    from khabar.store.database import Store

    folder = write_corpus(tmp_path / "in", 4)
    original = Store.add_result

    def refuse_one(self, result, **kw):  # type: ignore[no-untyped-def]
        if kw.get("input_name", "").endswith("a0001.txt"):
            raise DataError("INSERT …", {}, Exception("value out of range"))
        return original(self, result, **kw)

    monkeypatch.setattr(Store, "add_result", refuse_one)
    url = f"sqlite:///{tmp_path / 'k.db'}"
    with open_store(url) as store:
        report = ingest(iter_records([str(folder)]), store, load_fake_extractor)
        assert report.stored == 5 and report.by_code["store-error"] == 1
        assert "INSERT" not in next(r.reason for r in store.rejections() if r.code == "store-error")


def test_a_database_failure_stops_cleanly_and_a_rerun_resumes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy.exc import OperationalError

    from khabar.errors import StoreError
    from khabar.store.database import Store

    folder = write_corpus(tmp_path / "in", 6)
    url = f"sqlite:///{tmp_path / 'k.db'}"
    original = Store.add_result
    calls = {"n": 0}

    def disk_full_on_third(self, result, **kw):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 3:
            raise OperationalError("INSERT …", {}, Exception("database or disk is full"))
        return original(self, result, **kw)

    with monkeypatch.context() as mp:
        mp.setattr(Store, "add_result", disk_full_on_third)
        with open_store(url) as store, pytest.raises(StoreError, match="run the same command"):
            ingest(iter_records([str(folder)]), store, load_fake_extractor)
    with open_store(url) as store:
        assert store.count("articles") == 2
        report = ingest(iter_records([str(folder)]), store, load_fake_extractor)
        assert (report.stored, report.already) == (6, 2)


def test_sidecar_and_front_matter_dates_reach_the_stored_article(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE)
    (folder / "a.meta.json").write_text(
        json.dumps({"published": "2026-02-03", "outlet": "Kabul Times"})
    )
    (folder / "b.txt").write_text(
        "---\npublished: 2026-02-04\nurl: https://lagos.example/b\n---\n"
        + ARTICLE.replace("Kabul", "Lagos")
    )
    (folder / "c.txt").write_text(ARTICLE.replace("Kabul", "Paris"))
    url = f"sqlite:///{tmp_path / 'k.db'}"
    with open_store(url) as store:
        report = ingest(iter_records([str(folder)]), store, load_fake_extractor, cluster=False)
    assert report.undated == 1
    rows = {Path(r[0]).name: r[1:3] for r in _stored(url)}  # type: ignore[arg-type]
    assert rows == {
        "a.txt": (dt.date(2026, 2, 3), "Kabul Times"),
        "b.txt": (dt.date(2026, 2, 4), "lagos.example"),
        "c.txt": (None, None),
    }
