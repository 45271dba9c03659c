"""``khabar review``: the review queue and review actions from the command line.

The same store functions as ``POST /api/events/{id}/review``: every action is recorded in
the audit trail under the account named by ``--as``.
"""

from __future__ import annotations

import typer

from khabar.cli.common import fail, run_or_exit
from khabar.cli.store_cmd import DB_HELP

app = typer.Typer(help="Review stored events: list, accept, reject, set a field, note.",
                  no_args_is_help=True)  # fmt: skip
AS_HELP = "Account the action is recorded under (see `khabar user list`)."
FIELDS = ("type", "mode", "actor", "recipient", "date", "place", "country", "factuality",
          "fatalities")  # fmt: skip


def register(main: typer.Typer) -> None:
    main.add_typer(app, name="review")


def _act(db: str | None, event_id: str, who: str, action: str, note: str | None,
         changes: dict[str, object] | None = None) -> None:  # fmt: skip
    def run() -> None:
        from khabar.store import open_store
        from khabar.store.accounts import get_user
        from khabar.store.records import ReviewChanges
        from khabar.store.review import ReviewRequest, review_event

        with open_store(db) as store:
            user = get_user(store, who)
            if user is None or user.disabled:
                raise fail(f"no enabled account {who!r}; create it with `khabar user add`")
            try:
                body = ReviewRequest(
                    action=action,
                    changes=ReviewChanges.model_validate(changes or {}),
                    note=note,
                )
            except ValueError as exc:
                raise fail(f"invalid value: {exc}") from None
            se = review_event(store, event_id, user, body)
        status = se.review.status if se.review else "unreviewed"
        typer.echo(f"{se.id}\t{status}\t{se.event.type}\t{se.event.factuality}")

    run_or_exit(run)


@app.command("list")
def list_(
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    limit: int = typer.Option(20, "--limit", min=1, max=1000, help="Most events to list."),
) -> None:
    """The review queue: unreviewed events, lowest confidence first, then most sources."""

    def run() -> None:
        from khabar.store import open_store
        from khabar.store.review import review_queue

        with open_store(db) as store:
            for se in review_queue(store, limit=limit):
                n = se.cluster.n_sources if se.cluster else 1
                ev = se.event
                text = " ".join(ev.evidence.text.split())[:100]
                typer.echo(f"{se.id}\t{ev.confidence:.2f}\t{n}\t{ev.type}\t{text}")

    run_or_exit(run)


@app.command("accept")
def accept(
    event_id: str = typer.Argument(..., help="Event id (see `khabar review list`)."),
    who: str = typer.Option(..., "--as", help=AS_HELP),
    note: str | None = typer.Option(None, "--note", help="A note for the audit trail."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Confirm an event as coded."""
    _act(db, event_id, who, "confirm", note)


@app.command("reject")
def reject(
    event_id: str = typer.Argument(..., help="Event id (see `khabar review list`)."),
    who: str = typer.Option(..., "--as", help=AS_HELP),
    note: str | None = typer.Option(None, "--note", help="A note for the audit trail."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Reject an event (kept, marked rejected in every read and export)."""
    _act(db, event_id, who, "reject", note)


@app.command("set")
def set_(
    event_id: str = typer.Argument(..., help="Event id (see `khabar review list`)."),
    field: str = typer.Argument(..., help=f"One of: {', '.join(FIELDS)}."),
    value: str = typer.Argument(..., help="The corrected value."),
    who: str = typer.Option(..., "--as", help=AS_HELP),
    note: str | None = typer.Option(None, "--note", help="A note for the audit trail."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Correct one field of an event (e.g. `khabar review set ID type PROTEST --as ana`)."""
    if field not in FIELDS:
        raise fail(f"unknown field {field!r}; one of {', '.join(FIELDS)}")
    if field in ("type", "country"):
        value = value.upper()
    _act(db, event_id, who, "edit", note, {field: value})


@app.command("note")
def note_(
    event_id: str = typer.Argument(..., help="Event id (see `khabar review list`)."),
    text: str = typer.Argument(..., help="The note."),
    who: str = typer.Option(..., "--as", help=AS_HELP),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Add a note to an event."""
    _act(db, event_id, who, "note", text)


@app.command("history")
def history(
    event_id: str = typer.Argument(..., help="Event id (see `khabar review list`)."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """The audit trail of an event (who, when, action, what changed)."""

    def run() -> None:
        from khabar.store import open_store
        from khabar.store.review import review_history

        with open_store(db) as store:
            for h in review_history(store, event_id):
                changed = {k: v for k, v in h.after.items() if h.before.get(k) != v}
                typer.echo(f"{h.at}\t{h.user}\t{h.action}\t{changed}\t{h.note or ''}")

    run_or_exit(run)
