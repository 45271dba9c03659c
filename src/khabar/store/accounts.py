"""Accounts of people who may write (review events, extract through the API).

Reading needs no account. Passwords are hashed with Argon2id (argon2-cffi); API tokens and
web session ids are random and stored only as SHA-256 digests, so a copy of the database
holds nothing that signs anyone in.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from typing import Literal

from pydantic import BaseModel, ConfigDict
from sqlalchemy import delete, select, update

from khabar.errors import KhabarError
from khabar.store import tables as t
from khabar.store.database import Store

__all__ = [
    "ROLES",
    "AccountError",
    "Role",
    "User",
    "add_user",
    "create_token",
    "end_session",
    "list_users",
    "revoke_tokens",
    "session_user",
    "set_password",
    "start_session",
    "user_for_token",
    "verify_password",
]

Role = Literal["reviewer", "admin"]
ROLES: tuple[str, ...] = ("reviewer", "admin")
NAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_.-]{1,63}$")
MIN_PASSWORD = 10
#: How long a browser session lasts without signing in again.
SESSION_HOURS = 12


class AccountError(KhabarError):
    """An account operation that cannot be done (bad name, short password, unknown user)."""


class User(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    role: Role
    created: str
    disabled: bool = False


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _hasher():  # type: ignore[no-untyped-def]
    from argon2 import PasswordHasher

    return PasswordHasher()


#: Verified against when the user does not exist, so both answers take as long.
_DUMMY_HASH: list[str] = []


def _user(row: object) -> User:
    return User(
        name=row.name,  # type: ignore[attr-defined]
        role=row.role,  # type: ignore[attr-defined]
        created=row.created,  # type: ignore[attr-defined]
        disabled=bool(row.disabled),  # type: ignore[attr-defined]
    )


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"the password is too short: use at least {MIN_PASSWORD} characters")
    if len(password) > 1024:
        raise AccountError("the password is too long: use at most 1024 characters")


def add_user(store: Store, name: str, role: str, password: str) -> User:
    """Create an account; the name is lower-case letters, digits, ``_ . -`` (2-64)."""
    if not NAME_PATTERN.match(name):
        raise AccountError(
            f"{name!r} is not a usable account name: 2-64 lower-case letters, digits, _ . -"
        )
    if role not in ROLES:
        raise AccountError(f"unknown role {role!r}; one of {', '.join(ROLES)}")
    _check_password(password)
    with store.engine.connect() as conn:
        if conn.execute(select(t.users.c.name).where(t.users.c.name == name)).first():
            raise AccountError(f"an account {name!r} exists already; use `khabar user passwd`")
    user = User(name=name, role=role, created=_now().isoformat())
    with store.transaction() as conn:
        conn.execute(
            t.users.insert().values(
                name=name,
                role=role,
                password_hash=_hasher().hash(password),
                created=user.created,
                disabled=0,
            )
        )
    return user


def set_password(store: Store, name: str, password: str) -> None:
    """Change a password; every browser session of the account ends."""
    _check_password(password)
    with store.transaction() as conn:
        done = conn.execute(
            update(t.users)
            .where(t.users.c.name == name)
            .values(password_hash=_hasher().hash(password))
        )
        if not done.rowcount:
            raise AccountError(f"no account {name!r}; see `khabar user list`")
        conn.execute(delete(t.web_sessions).where(t.web_sessions.c.user_name == name))


def list_users(store: Store) -> list[User]:
    with store.engine.connect() as conn:
        rows = conn.execute(select(t.users).order_by(t.users.c.name)).all()
    return [_user(r) for r in rows]


def get_user(store: Store, name: str) -> User | None:
    with store.engine.connect() as conn:
        row = conn.execute(select(t.users).where(t.users.c.name == name)).first()
    return _user(row) if row else None


def verify_password(store: Store, name: str, password: str) -> User | None:
    """The user if ``password`` is theirs (and the account is enabled), else ``None``."""
    from argon2.exceptions import VerificationError

    hasher = _hasher()
    with store.engine.connect() as conn:
        row = conn.execute(select(t.users).where(t.users.c.name == name)).first()
    if not _DUMMY_HASH:
        _DUMMY_HASH.append(hasher.hash(secrets.token_hex(16)))
    stored = row.password_hash if row is not None else _DUMMY_HASH[0]
    try:
        hasher.verify(stored, password[:1024])
    except VerificationError:
        return None
    if row is None or row.disabled:
        return None
    return _user(row)


def create_token(store: Store, name: str, label: str = "api") -> str:
    """A new API token for ``name`` (shown once; only its digest is stored)."""
    if get_user(store, name) is None:
        raise AccountError(f"no account {name!r}; create it with `khabar user add`")
    token = "khb_" + secrets.token_urlsafe(32)
    with store.transaction() as conn:
        conn.execute(
            t.api_tokens.insert().values(
                token_sha256=_digest(token),
                user_name=name,
                label=label[:64],
                created=_now().isoformat(),
            )
        )
    return token


def revoke_tokens(store: Store, name: str) -> int:
    """Delete every API token of ``name``; the number deleted."""
    with store.transaction() as conn:
        return int(
            conn.execute(delete(t.api_tokens).where(t.api_tokens.c.user_name == name)).rowcount
        )


def user_for_token(store: Store, token: str) -> User | None:
    if not token.startswith("khb_") or len(token) > 200:
        return None
    with store.engine.connect() as conn:
        row = conn.execute(
            select(t.users)
            .join(t.api_tokens, t.api_tokens.c.user_name == t.users.c.name)
            .where(t.api_tokens.c.token_sha256 == _digest(token))
        ).first()
    if row is None or row.disabled:
        return None
    return _user(row)


def start_session(store: Store, user: User) -> tuple[str, str]:
    """A new browser session: (session id for the cookie, CSRF token for its forms)."""
    sid, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    expires = (_now() + dt.timedelta(hours=SESSION_HOURS)).isoformat()
    with store.transaction() as conn:
        conn.execute(delete(t.web_sessions).where(t.web_sessions.c.expires < _now().isoformat()))
        conn.execute(
            t.web_sessions.insert().values(
                id_sha256=_digest(sid), user_name=user.name, csrf=csrf, expires=expires
            )
        )
    return sid, csrf


def session_user(store: Store, sid: str) -> tuple[User, str] | None:
    """The user and CSRF token of a live session id, else ``None``."""
    if not sid or len(sid) > 100:
        return None
    with store.engine.connect() as conn:
        row = conn.execute(
            select(t.users, t.web_sessions.c.csrf, t.web_sessions.c.expires)
            .join(t.web_sessions, t.web_sessions.c.user_name == t.users.c.name)
            .where(t.web_sessions.c.id_sha256 == _digest(sid))
        ).first()
    if row is None or row.disabled or row.expires < _now().isoformat():
        return None
    return _user(row), str(row.csrf)


def end_session(store: Store, sid: str) -> None:
    with store.transaction() as conn:
        conn.execute(delete(t.web_sessions).where(t.web_sessions.c.id_sha256 == _digest(sid)))
