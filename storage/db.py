"""Engine and session factory for the async database, with SQLite made a safe single writer."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

from storage import sqlite_inloop

__all__ = ["create_engine", "session_factory", "ensure_sqlite_parent", "OPTIMISTIC", "is_sqlite_busy"]

# Execution option: begin this SQLite transaction deferred (see _sqlite_begin).
OPTIMISTIC = "pii_optimistic"


def is_sqlite_busy(exc: BaseException) -> bool:
    """Whether an error is SQLite refusing a write because another connection wrote first."""
    text = str(getattr(exc, "orig", exc)).lower()
    return "database is locked" in text or "database table is locked" in text


def ensure_sqlite_parent(url: str) -> None:
    """Create the folder of a SQLite file so a first run just works."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    # With WAL, NORMAL never corrupts the database; a power cut may lose the last commits.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _sqlite_begin(conn) -> None:  # type: ignore[no-untyped-def]
    # By default take the write lock at BEGIN, so that read-then-write transactions (seat
    # checks) are serialised by SQLite's single writer instead of failing on upgrade. A unit of
    # work that asks for OPTIMISTIC begins deferred: it reads beside the writer, and if it then
    # writes after someone else committed, SQLite refuses (database is locked) and the caller
    # runs it again the default way.
    if conn.get_execution_options().get(OPTIMISTIC):
        # Straight to the driver: most messages begin this way, SQLAlchemy's statement machinery
        # costs more than SQLite's BEGIN, and a deferred BEGIN cannot fail on a lock.
        conn.connection.driver_connection.cursor().execute("BEGIN DEFERRED")
    else:
        # Through SQLAlchemy, so that a lock never obtained is its usual OperationalError.
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def create_engine(url: str, *, echo: bool = False) -> AsyncEngine:
    """An AsyncEngine for `url`; on SQLite with foreign keys, WAL and immediate transactions."""
    ensure_sqlite_parent(url)
    parsed = make_url(url)
    is_sqlite = parsed.get_backend_name() == "sqlite"
    kwargs: dict[str, object] = {"echo": echo}
    if is_sqlite:
        # Whatever driver the URL names, SQLite runs on the loop's thread (see sqlite_inloop).
        sqlite_inloop.register()
        parsed = parsed.set(drivername=f"sqlite+{sqlite_inloop.DRIVER}")
    else:
        kwargs["pool_pre_ping"] = True
    engine = create_async_engine(parsed, **kwargs)
    if is_sqlite:
        sync_engine = engine.sync_engine
        event.listen(sync_engine, "connect", _sqlite_pragmas)

        @event.listens_for(sync_engine, "connect")
        def _no_pysqlite_transactions(dbapi_connection, _record):  # type: ignore[no-untyped-def]
            # Let SQLAlchemy, not the driver, emit BEGIN (see _sqlite_begin).
            dbapi_connection.isolation_level = None

        event.listen(sync_engine, "begin", _sqlite_begin)
    return engine


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """Sessions that keep loaded objects usable after commit (replies render after commit)."""
    return async_sessionmaker(engine, expire_on_commit=False)
