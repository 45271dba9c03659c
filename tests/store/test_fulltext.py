"""Full-text search of evidence (``text`` filter) on SQLite FTS5 and PostgreSQL."""

from __future__ import annotations

from importlib import resources

import pytest
from sqlalchemy import delete, text, update

from khabar.store import EventQuery, open_store
from khabar.store import tables as t
from khabar.store.fulltext import fts5_query, query_terms, tsquery
from khabar.store.query import query_events
from khabar.store.revise import replace_result
from tests.store.factories import make_event, make_result

ARTICLES = [
    "Rebels attacked a police post in Kabul. More followed.",
    "Protesters marched peacefully through Quetta on Friday. More followed.",
    "Officials in Bogotá condemned the shelling of a school. More followed.",
]


def _found(store: object, words: str) -> list[str]:
    return sorted(e.event.evidence.text for e in query_events(store, EventQuery(text=words)))  # type: ignore[arg-type]


def _store_all(store: object) -> None:
    for art in ARTICLES:
        store.add_result(make_result(art))  # type: ignore[attr-defined]


def test_query_terms_are_words_only() -> None:
    assert query_terms('Kyiv "OR" attack* -x NEAR(a b):') == [
        "kyiv",
        "or",
        "attack",
        "x",
        "near",
        "a",
        "b",
    ]
    assert query_terms("a a A") == ["a"]
    assert len(query_terms(" ".join(f"w{i}" for i in range(30)))) == 10
    assert fts5_query(["kyiv", "attack"]) == '"kyiv"* AND "attack"*'
    assert tsquery(["kyiv", "attack"]) == "kyiv:* & attack:*"


def test_every_word_as_a_prefix_case_blind(store_url: str) -> None:
    with open_store(store_url) as store:
        _store_all(store)
        assert _found(store, "attack KABUL") == [ARTICLES[0].split(". ")[0] + "."]
        assert _found(store, "police") == [ARTICLES[0].split(". ")[0] + "."]
        assert _found(store, "march quetta") == [ARTICLES[1].split(". ")[0] + "."]
        assert _found(store, "attacked quetta") == []
        assert _found(store, "post") != _found(store, "school")


def test_accents_are_ignored_on_sqlite_and_kept_as_words_on_postgres(store_url: str) -> None:
    with open_store(store_url) as store:
        _store_all(store)
        # Both databases find the word as written; SQLite's unicode61 also folds accents.
        assert len(_found(store, "bogotá shelling")) == 1
        if store.dialect == "sqlite":
            assert len(_found(store, "bogota")) == 1


@pytest.mark.parametrize(
    "hostile", ['"', "*", "OR", "NOT kabul", "kabul)", "a:* | b", "'; DROP TABLE events; --", "\\"]
)
def test_query_syntax_is_inert(store_url: str, hostile: str) -> None:
    with open_store(store_url) as store:
        _store_all(store)
        found = _found(store, hostile)  # never an SQL or FTS syntax error
        for sentence in found:
            for w in query_terms(hostile):
                assert any(
                    tok.casefold().startswith(w) for tok in sentence.replace(".", " ").split()
                )
        assert store.count("events") == len(ARTICLES)


def test_index_follows_reextraction_updates_and_deletes(store_url: str) -> None:
    with open_store(store_url) as store:
        _store_all(store)
        assert len(_found(store, "kabul")) == 1
        # Re-extraction replaces the article's events: the old sentence leaves the index.
        new = make_event("Rebels shelled a checkpoint near Jalalabad.", eid="e1")
        replace_result(store, make_result(ARTICLES[0], [new]))
        assert _found(store, "kabul") == []
        assert _found(store, "jalalabad checkpoint") == [
            "Rebels shelled a checkpoint near Jalalabad."
        ]
        with store.transaction() as conn:
            conn.execute(update(t.events).values(evidence_text="Rebels besieged Herat."))
        assert _found(store, "jalalabad") == []
        assert len(_found(store, "herat")) == len(ARTICLES)
        with store.transaction() as conn:
            conn.execute(delete(t.actors))
            conn.execute(delete(t.events))
        assert _found(store, "herat") == []
        if store.dialect == "sqlite":  # the FTS index holds nothing for deleted rows
            with store.engine.connect() as conn:
                check = "INSERT INTO events_fts(events_fts, rank) VALUES ('integrity-check', 1)"
                conn.execute(text(check))


def test_migration_indexes_rows_stored_before_it(store_url: str) -> None:
    from alembic import command
    from alembic.config import Config

    from khabar.store.database import migrate

    with open_store(store_url) as store:
        cfg = Config()
        cfg.set_main_option(
            "script_location", str(resources.files("khabar.store").joinpath("migrations"))
        )
        with store.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0005_story")
        _store_all(store)  # written while no full-text index exists
        migrate(store.engine)
        assert len(_found(store, "quetta")) == 1
