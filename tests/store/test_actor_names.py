"""The per-connection list of actor names gives the same matches as the SQL ``LIKE``, and
is reloaded when the database changes (another connection's commit, or its own)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from khabar.store import EventQuery, open_store
from khabar.store import tables as t
from khabar.store.actor_names import MAX_LISTED, matching_names
from khabar.store.page_json import page_events_json
from khabar.store.views import EventPage, page_events
from tests.store.factories import actor, make_event, make_result

NAMES = ["Taliban", "Kenyan police", "Police of 100% Kenya", "Rapid_Support Forces", "Ümit Öz"]


def _add(store: object, name: str, n: int) -> None:
    text = f"{name} attacked the town number {n}."
    ev = make_event(text, actors=[actor(name)])
    store.add_result(make_result(text, [ev]))  # type: ignore[attr-defined]


def test_names_match_as_the_sql_filter(tmp_path: Path) -> None:
    with open_store(f"sqlite:///{tmp_path / 'a.db'}") as store:
        for i, name in enumerate(NAMES):
            _add(store, name, i)
        ac = t.actors
        with store.reader.connect() as conn:
            for term in ["police", "POLICE", "100%", "t_s", "_", "üMIT", "zz", " kenya "]:
                key = term.casefold().strip()
                sql = select(ac.c.name_key).where(ac.c.name_key.contains(key, autoescape=True))
                want = sorted(set(conn.execute(sql).scalars()))
                assert sorted(matching_names(conn, term) or []) == want, term


def test_a_commit_elsewhere_is_seen(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'b.db'}"
    with open_store(url) as reader, open_store(url) as writer:
        _add(writer, "Taliban", 0)
        q = EventQuery(actor="houthi")
        first, _ = page_events_json(reader, q)
        assert EventPage.model_validate_json(first).total == 0
        _add(writer, "Houthi rebels", 1)  # another engine: PRAGMA data_version changes
        body, total = page_events_json(reader, q)
        page = EventPage.model_validate_json(body)
        assert total == 1 and page == page_events(reader, q)
        _add(reader, "the Houthis", 2)  # its own commit: total_changes changes
        assert page_events_json(reader, q)[1] == 2


def test_too_many_names_fall_back_to_sql(tmp_path: Path) -> None:
    with open_store(f"sqlite:///{tmp_path / 'c.db'}") as store:
        for i in range(MAX_LISTED + 1):
            _add(store, f"Militia {i}", i)
        with store.reader.connect() as conn:
            assert matching_names(conn, "militia") is None
            found = sorted(matching_names(conn, "militia 17") or [])
            assert found == ["militia 17", *(f"militia 17{d}" for d in range(10))]
        q = EventQuery(actor="militia")
        body, total = page_events_json(store, q, limit=5)
        assert total == MAX_LISTED + 1
        assert EventPage.model_validate_json(body) == page_events(store, q, limit=5)
