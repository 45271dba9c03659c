"""``khabar.store.reextract`` after a simulated extractor change, and metadata updates."""

from __future__ import annotations

import datetime as dt
import io
import threading
from pathlib import Path

import pytest

from khabar.export import write_csv
from khabar.ingest.batch import InputRecord
from khabar.ingest.read import RawArticle
from khabar.model import ExtractionResult
from khabar.store import EventQuery, Store, open_store
from khabar.store.accounts import add_user
from khabar.store.pipeline import ingest
from khabar.store.query import query_events
from khabar.store.records import ReviewChanges
from khabar.store.reextract import ExtractionVersion, reextract, stale_articles, version_key
from khabar.store.review import ReviewRequest, review_event
from tests.api.sample import REVIEWER_PASSWORD
from tests.fakes import extractor as fake
from tests.fakes.extractor import FakeExtractor, load_fake_extractor

NEW = ExtractionVersion(khabar="0.2.0", ontology="0.8-khabar.1")
#: The "improved" extractor: 'bombed' is now COERCE, 'protested' no event, 'threatened' new.
NEW_KEYWORDS = {
    "attacked": ("ASSAULT", "MATERIAL_CONFLICT"),
    "bombed": ("COERCE", "MATERIAL_CONFLICT"),
    "met": ("CONSULT", "VERBAL_COOPERATION"),
    "threatened": ("THREATEN", "VERBAL_CONFLICT"),
}
_SWAP = threading.Lock()


class NewFake(FakeExtractor):
    def extract(
        self, raw: RawArticle, published: dt.date | None = None, url: str | None = None
    ) -> ExtractionResult:
        with _SWAP:
            old = dict(fake.KEYWORDS)
            fake.KEYWORDS.clear()
            fake.KEYWORDS.update(NEW_KEYWORDS)
            try:
                result = super().extract(raw, published, url)
            finally:
                fake.KEYWORDS.clear()
                fake.KEYWORDS.update(old)
        return result.model_copy(update={"khabar_version": NEW.khabar})


TEXTS = [
    ("https://a.example/1", "Rebels attacked Police in Kabul. Crowds protested in Paris."),
    (
        "https://b.example/1",
        "Rebels attacked Police in Kabul on the day. Crowds protested in Paris.",
    ),
    ("https://a.example/2", "Jets bombed Depots in Kyiv. Leaders threatened Rivals in Kyiv."),
    ("https://c.example/3", "Envoys met Ministers in Nairobi."),
    ("https://c.example/4", "Soldiers bombed Bridges in Lagos."),
]


def records(published: dt.date | None = dt.date(2026, 3, 2)) -> list[InputRecord]:
    return [
        InputRecord(name=url, raw=RawArticle(text=text, url=url, published=published))
        for url, text in TEXTS
    ]


def build(path: Path | str, loader: object) -> Store:
    store = open_store(path if isinstance(path, str) else f"sqlite:///{path}")
    ingest(records(), store, loader)  # type: ignore[arg-type]
    return store


def rows(store: Store) -> dict[str, list[tuple[object, ...]]]:
    return store.dump()


def test_reextract_matches_a_fresh_build_and_is_idempotent(tmp_path: Path, store_url: str) -> None:
    with build(store_url, load_fake_extractor) as store:
        ids_before = [r[0] for r in store.dump()["articles"]]
        clusters_before = store.count("clusters")
        assert sorted(r[1] for r in store.dump()["clusters"] if r[5] > 1) == ["ASSAULT", "PROTEST"]
        report = reextract(store, NewFake, current=NEW)
        assert (report.stale, report.reextracted, report.failed) == (5, 5, 0)
        # 2 'bombed' retyped, 2 protests removed, 1 threat added
        assert report.changes.model_dump() == {"added": 1, "removed": 2, "retyped": 2}
        assert report.changed == 4 and report.clusters_before == clusters_before
        # the two-source protest cluster is gone; the two-source attack cluster stays
        assert sorted(r[1] for r in store.dump()["clusters"] if r[5] > 1) == ["ASSAULT"]
        assert [r[0] for r in store.dump()["articles"]] == ids_before
        with build(tmp_path / "fresh.db", NewFake) as fresh:
            assert rows(store) == rows(fresh)
        before = store.dump()
        again = reextract(store, NewFake, current=NEW)
        assert (again.stale, again.reextracted, again.changes.any) == (0, 0, False)
        assert store.dump() == before


def test_an_interrupted_reextract_resumes_to_the_same_result(tmp_path: Path) -> None:
    with build(tmp_path / "old.db", load_fake_extractor) as store:
        stop = threading.Event()
        done = []

        def tick(status: str) -> None:
            done.append(status)
            if len(done) == 2:
                stop.set()

        first = reextract(store, NewFake, current=NEW, stop=stop, on_progress=tick, chunk_size=2)
        assert first.stopped and first.reextracted == 2
        assert len(stale_articles(store, NEW)) == 3
        rest = reextract(store, NewFake, current=NEW)
        assert rest.reextracted == 3
        with build(tmp_path / "fresh.db", NewFake) as fresh:
            assert rows(store) == rows(fresh)


def test_since_version_and_all_select_articles(tmp_path: Path) -> None:
    with build(tmp_path / "old.db", load_fake_extractor) as store:
        assert len(stale_articles(store, NEW)) == 5
        assert stale_articles(store, NEW, since_version="0.1.0") == stale_articles(store, NEW)
        assert stale_articles(store, NEW, since_version="0.1.1") == []
        reextract(store, NewFake, current=NEW)
        assert stale_articles(store, NEW) == []
        assert len(stale_articles(store, NEW, everything=True)) == 5


@pytest.mark.parametrize(
    ("a", "b"), [("0.9", "0.10"), ("0.1.0", "0.2.0"), ("1.2rc1", "1.2.2"), ("0.1", "0.1.1")]
)
def test_versions_order_numerically(a: str, b: str) -> None:
    assert version_key(a) < version_key(b)


def test_reingesting_with_a_date_updates_the_article_and_its_events(tmp_path: Path) -> None:
    with open_store(f"sqlite:///{tmp_path / 'k.db'}") as store:
        first = ingest(records(published=None), store, load_fake_extractor)
        assert first.stored == 5
        ids = [r[0] for r in store.dump()["articles"]]
        dated_events = [r for r in store.dump()["events"] if r[10] is not None]
        assert dated_events == []  # no publication date: the fake extractor dates nothing
        second = ingest(
            records(published=None),
            store,
            load_fake_extractor,
            published_default=dt.date(2026, 3, 2),
        )
        assert (second.updated, second.already, second.stored) == (5, 0, 0)
        assert [r[0] for r in store.dump()["articles"]] == ids
        with build(tmp_path / "dated.db", load_fake_extractor) as dated:
            assert store.dump()["events"] == dated.dump()["events"]
            assert store.count("clusters") == dated.count("clusters")
        third = ingest(records(), store, load_fake_extractor)
        assert (third.updated, third.already) == (0, 5)


def test_a_review_survives_khabar_reextract_and_shows_in_the_export(tmp_path: Path) -> None:
    """A reviewer's correction is stored apart from the machine output: re-extraction by a
    newer extractor rewrites the events, the review still applies on read and in exports."""
    with build(tmp_path / "old.db", load_fake_extractor) as store:
        user = add_user(store, "ana", "reviewer", REVIEWER_PASSWORD)
        attack = next(se for se in query_events(store) if se.event.type == "ASSAULT")
        edit = ReviewRequest(action="edit", changes=ReviewChanges(factuality="negated"))
        review_event(store, attack.id, user, edit)
        report = reextract(store, NewFake, current=NEW)
        assert report.reextracted == 5
        again = [
            se
            for se in query_events(store)
            if se.article.id == attack.article.id
            and se.event.evidence.trigger.start == attack.event.evidence.trigger.start
        ]
        assert len(again) == 1
        assert again[0].review is not None and again[0].review.status == "edited"
        assert again[0].event.factuality == "negated"
        out = io.StringIO()
        write_csv(query_events(store, EventQuery(factuality=["negated"])), out)
        assert ",edited,ana," in out.getvalue()
