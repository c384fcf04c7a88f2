"""Operator errors as one clear line: a database that is away or was never migrated, a token
Telegram refuses, Telegram out of reach. Never a traceback, never a secret."""

from __future__ import annotations

import socket

from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError, ProgrammingError

__all__ = ["OperatorError", "NOT_MIGRATED", "explain", "is_database_outage"]

NOT_MIGRATED = "the database has not been set up for this version: run `pii-bot db upgrade`"


class OperatorError(Exception):
    """Something the operator must fix; its message is the one line to show."""


def _where(url: str | None) -> str:
    if not url:
        return "the database"
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return f"the SQLite file {parsed.database}"
    return f"PostgreSQL at {parsed.host or 'localhost'}:{parsed.port or 5432}/{parsed.database or ''}"


def _chain(exc: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in seen:
        seen.append(current)
        current = current.__cause__ or current.__context__
    return seen


def is_database_outage(exc: BaseException) -> bool:
    """Whether the failure is the database being out of reach (not a bug): worth a quiet retry."""
    for link in _chain(exc):
        if isinstance(
            link, OperationalError | InterfaceError | ConnectionError | socket.gaierror | TimeoutError
        ):
            return True
        if type(link).__module__.startswith("asyncpg") and "Connection" in type(link).__name__:
            return True
    return False


def explain(exc: BaseException, database_url: str | None = None) -> str | None:
    """The one line for an operator error, or None when it is not one (a bug keeps its traceback)."""
    from telegram.error import InvalidToken, NetworkError

    for link in _chain(exc):
        if isinstance(link, OperatorError):
            return str(link)
        if isinstance(link, InvalidToken):
            return "TELEGRAM_BOT_TOKEN: Telegram refused this token (copy it again from @BotFather)"
        text = str(link).lower()
        if isinstance(link, ProgrammingError | OperationalError | DBAPIError) and (
            "no such table" in text or "does not exist" in text and "relation" in text
        ):
            return NOT_MIGRATED
        if type(link).__name__ == "InvalidCatalogNameError":
            return (
                f"DATABASE_URL: {_where(database_url)} does not exist (create it, then `pii-bot db upgrade`)"
            )
        if type(link).__name__ in ("InvalidPasswordError", "InvalidAuthorizationSpecificationError"):
            return f"DATABASE_URL: {_where(database_url)} refused the user name or password"
    if is_database_outage(exc):
        return f"DATABASE_URL: cannot reach {_where(database_url)} (is it running, and is the address right?)"
    for link in _chain(exc):
        if isinstance(link, NetworkError):
            return f"cannot reach Telegram's Bot API ({type(link).__name__}); check the network and TELEGRAM_API_BASE_URL"
    return None
