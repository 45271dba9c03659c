"""The event database on SQLite and PostgreSQL: migrations, idempotent writes, round trips."""

from __future__ import annotations

import datetime as dt
import threading

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from khabar.ingest.batch import Rejection
from khabar.store import EventQuery, open_store
from khabar.store.fulltext import FTS_TABLE, PG_INDEX
from khabar.store.query import query_events
from tests.store.factories import actor, make_event, make_result


def test_migrations_build_the_declared_schema(store_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from khabar.store.tables import metadata

    # The full-text index of migration 0006 lives outside the declared tables on purpose:
    # SQLite's FTS5 virtual table (and the shadow tables FTS5 makes for it) and PostgreSQL's
    # GIN expression index have no SQLAlchemy ``Table``/``Index`` form that both dialects
    # share, so the comparison leaves them out by name (store/fulltext.py documents them).
    def declared(obj: object, name: str | None, kind: str, reflected: bool, _: object) -> bool:
        if kind == "table" and name and name.startswith(FTS_TABLE):
            return False
        return not (kind == "index" and name == PG_INDEX)

    with open_store(store_url) as store, store.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"include_object": declared})
        diff = compare_metadata(ctx, metadata)
    assert diff == []


def test_reopening_is_a_no_op(store_url: str) -> None:
    with open_store(store_url) as store:
        store.add_result(make_result("Rebels attacked a post in Kabul."))
    with open_store(store_url) as store:
        assert store.count("articles") == 1


def test_same_content_twice_is_stored_once(store_url: str) -> None:
    result = make_result("Rebels attacked a police post in Kabul.")
    with open_store(store_url) as store:
        assert store.add_result(result) is True
        before = store.dump()
        assert store.add_result(result) is False
        assert store.dump() == before
        assert store.count("events") == 1


def test_rejections_are_recorded_once(store_url: str) -> None:
    rej = Rejection(input_name="a.bin", code="binary", reason="a.bin: looks binary")
    with open_store(store_url) as store:
        assert store.add_rejection(rej) is True
        assert store.add_rejection(rej) is False
        assert store.rejections() == [rej]


def test_concurrent_writers_converge(store_url: str) -> None:
    results = [make_result(f"Rebels attacked post number {i} in Kabul.") for i in range(12)]
    with open_store(store_url) as store:
        errors: list[BaseException] = []

        def write() -> None:
            try:
                with open_store(store_url) as own:
                    for r in results:
                        own.add_result(r)
            except BaseException as exc:  # collected and asserted below
                errors.append(exc)

        threads = [threading.Thread(target=write) for _ in range(4)]
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        assert errors == []
        assert store.count("articles") == 12
        assert store.count("events") == 12


_text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=60
).filter(lambda s: s.strip() != "")


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    sentence=_text,
    type_=st.sampled_from(["ASSAULT", "PROTEST", "CONSULT", "AID"]),
    factuality=st.sampled_from(["asserted", "negated", "hypothetical", "future", "historical"]),
    day=st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 12, 31)),
    name=_text,
)
def test_events_round_trip_through_sqlite(
    sentence: str, type_: str, factuality: str, day: dt.date, name: str
) -> None:
    event = make_event(
        sentence,
        type_=type_,
        factuality=factuality,
        date=day.isoformat(),
        actors=[actor(name, "AFG", "REB")],
    )
    result = make_result("Article: " + sentence, [event])
    with open_store("sqlite://") as store:
        store.add_result(result)
        (stored,) = query_events(store, EventQuery())
    assert stored.event == event
    assert stored.article.id == result.article.id
