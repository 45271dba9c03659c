"""``khabar user`` and ``khabar review``: accounts, tokens, and the review actions."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from khabar.cli.main import app
from khabar.store import EventQuery, open_store
from khabar.store.query import query_events
from tests.api.sample import REVIEWER_PASSWORD, fill


def test_user_and_review_commands(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'r.db'}"
    with open_store(db) as store:
        fill(store)
        eid = next(iter(query_events(store, EventQuery(country="AFG")))).id
    env = {"KHABAR_PASSWORD": REVIEWER_PASSWORD}
    run = CliRunner().invoke
    added = run(app, ["user", "add", "ana", "--role", "reviewer", "--db", db, "--password-env"],
                env=env)  # fmt: skip
    assert added.exit_code == 0, added.output
    token = run(app, ["user", "token", "ana", "--db", db]).output.strip()
    assert token.startswith("khb_")
    queue = run(app, ["review", "list", "--db", db])
    assert queue.exit_code == 0 and eid in queue.output
    done = run(app, ["review", "set", eid, "type", "protest", "--as", "ana", "--db", db])
    assert done.exit_code == 0 and "edited\tPROTEST" in done.output
    assert run(app, ["review", "reject", eid, "--as", "ana", "--db", db]).exit_code == 0
    history = run(app, ["review", "history", eid, "--db", db]).output
    assert "edit" in history and "reject" in history and "ana" in history
    bad = run(app, ["review", "set", eid, "type", "NOPE", "--as", "ana", "--db", db])
    assert bad.exit_code == 2 and "PLOVER" in bad.output
    nobody = run(app, ["review", "accept", eid, "--as", "eve", "--db", db])
    assert nobody.exit_code == 2 and "no enabled account" in nobody.output
