"""``khabar user``: accounts that may write (review events, extract through the API)."""

from __future__ import annotations

import os

import typer

from khabar.cli.common import fail, run_or_exit
from khabar.cli.store_cmd import DB_HELP

app = typer.Typer(
    help="Accounts of reviewers and admins (reading needs none).", no_args_is_help=True
)


def register(main: typer.Typer) -> None:
    main.add_typer(app, name="user")


def _password(from_env: bool) -> str:
    if from_env:
        given = os.environ.get("KHABAR_PASSWORD")
        if not given:
            raise fail("--password-env needs $KHABAR_PASSWORD set")
        return given
    typed: str = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    return typed


@app.command("add")
def add(
    name: str = typer.Argument(..., help="Account name: lower-case letters, digits, _ . -"),
    role: str = typer.Option("reviewer", "--role", help="reviewer or admin."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    password_env: bool = typer.Option(
        False, "--password-env", help="Read the password from $KHABAR_PASSWORD (no prompt)."
    ),
) -> None:
    """Create an account (asks for its password; Argon2id-hashed in the database)."""

    def run() -> None:
        from khabar.store import open_store
        from khabar.store.accounts import add_user

        password = _password(password_env)
        with open_store(db) as store:
            user = add_user(store, name, role, password)
        typer.echo(f"created {user.role} {user.name}")

    run_or_exit(run)


@app.command("passwd")
def passwd(
    name: str = typer.Argument(..., help="Account name."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    password_env: bool = typer.Option(False, "--password-env", help="Read $KHABAR_PASSWORD."),
) -> None:
    """Set a new password (signs the account out of every browser)."""

    def run() -> None:
        from khabar.store import open_store
        from khabar.store.accounts import set_password

        password = _password(password_env)
        with open_store(db) as store:
            set_password(store, name, password)
        typer.echo(f"password of {name} changed")

    run_or_exit(run)


@app.command("list")
def list_(db: str | None = typer.Option(None, "--db", help=DB_HELP)) -> None:
    """List accounts (name, role, created)."""

    def run() -> None:
        from khabar.store import open_store
        from khabar.store.accounts import list_users

        with open_store(db) as store:
            for user in list_users(store):
                typer.echo(f"{user.name}\t{user.role}\t{user.created}")

    run_or_exit(run)


@app.command("token")
def token(
    name: str = typer.Argument(..., help="Account name."),
    label: str = typer.Option("api", "--label", help="What the token is for."),
    revoke: bool = typer.Option(False, "--revoke", help="Delete every token of NAME instead."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Print a new API token for NAME (shown once; send it as 'Authorization: Bearer …')."""

    def run() -> None:
        from khabar.store import open_store
        from khabar.store.accounts import create_token, revoke_tokens

        with open_store(db) as store:
            if revoke:
                typer.echo(f"revoked {revoke_tokens(store, name)} token(s) of {name}")
            else:
                typer.echo(create_token(store, name, label))

    run_or_exit(run)
