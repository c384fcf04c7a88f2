"""Engine and session factory for the async database (PostgreSQL through asyncpg, SQLite through
aiosqlite, both SQLAlchemy's own dialects).

How SQLite's single writer is handled, and why this way:

- WAL journal, foreign keys and a busy timeout are set on every new connection (SQLAlchemy's
  `connect` pool event). In WAL mode readers never wait for the writer.
- SQLite allows one writer per database file. Transactions begin with `BEGIN IMMEDIATE`, emitted
  by SQLAlchemy's documented `begin`-event recipe (the driver's own BEGIN is switched off on
  connect). A transaction that reads and then writes therefore holds the write lock from its
  first statement: a seat count cannot be overtaken by another writer, and a write is never
  refused half-way. Waiting for the lock is SQLite's busy timeout, spent in aiosqlite's worker
  thread, so the event loop keeps running; after `busy_timeout` seconds the statement fails with
  "database is locked" (`is_write_refused`) and the transaction, which has written nothing, is
  rolled back. This works the same against other connections and other processes.
- Most messages only read, and must not queue behind a writer. A unit of work may therefore
  first run read-only (`read_first_sessions`): no BEGIN, each statement reads the latest commit
  on its own (what PostgreSQL's default READ COMMITTED gives), nothing waits. Its first statement
  that would write raises `WriteNeeded` before reaching SQLite; the caller drops the unit and runs
  it again as a writer (BotCore.handle). So a unit either only reads, or runs whole as a writer:
  nothing is written outside a `BEGIN IMMEDIATE` transaction.
- Within one process, writers queue on one asyncio lock (BotCore.writing) before taking SQLite's
  lock, so they take turns in arrival order instead of each polling SQLite's busy handler (which
  sleeps up to 100 ms between tries) and holding a pooled connection meanwhile. SQLite's lock
  stays the authority (jobs and other processes take it without the asyncio lock); the asyncio
  lock is the only one in the code base.

PostgreSQL needs none of this: its transactions begin as usual and rows are locked explicitly.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Connection, ExceptionContext, make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

__all__ = [
    "BUSY_TIMEOUT_SECONDS",
    "WriteNeeded",
    "create_engine",
    "ensure_sqlite_parent",
    "is_write_refused",
    "read_first_sessions",
    "session_factory",
]

# How long a SQLite writer waits for another connection (or process) to release the write lock.
BUSY_TIMEOUT_SECONDS = 30.0
# Execution option: this SQLite connection only reads, statement by statement (module notes).
_READ_ONLY = "pii_read_only"
# What a read-only connection may send: queries (ORM and Core DML is caught by its context).
_READS = ("SELECT", "WITH")
# Connection info key: a statement failed on this connection (see _configure_sqlite).
_FAILED = "pii_statement_failed"


class WriteNeeded(Exception):
    """A read-only unit of work was about to write: run it again as a writer."""


def ensure_sqlite_parent(url: str) -> None:
    """Create the folder of a SQLite file so a first run just works."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)


def is_write_refused(exc: BaseException) -> bool:
    """Whether an error is SQLite refusing the write lock (SQLITE_BUSY or SQLITE_LOCKED)."""
    if not isinstance(exc, OperationalError):
        return False
    code = getattr(exc.orig, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
    text = str(exc.orig).lower()
    return "database is locked" in text or "database table is locked" in text


def create_engine(url: str, *, echo: bool = False, busy_timeout: float = BUSY_TIMEOUT_SECONDS) -> AsyncEngine:
    """An AsyncEngine for `url` (`postgresql+asyncpg://` or `sqlite+aiosqlite://`); on SQLite with
    foreign keys, WAL, the busy timeout and `BEGIN IMMEDIATE` transactions."""
    ensure_sqlite_parent(url)
    is_sqlite = make_url(url).get_backend_name() == "sqlite"
    engine = create_async_engine(url, echo=echo, pool_pre_ping=not is_sqlite)
    if is_sqlite:
        _configure_sqlite(engine, busy_timeout)
    return engine


def _configure_sqlite(engine: AsyncEngine, busy_timeout: float) -> None:
    timeout_ms = round(busy_timeout * 1000)

    def on_connect(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={timeout_ms}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        # With WAL, NORMAL never corrupts the database; a power cut may lose the last commits.
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()
        # SQLAlchemy, not the driver, emits BEGIN (on_begin).
        dbapi_connection.isolation_level = None

    def on_begin(conn: Connection) -> None:
        if not conn.get_execution_options().get(_READ_ONLY, False):
            conn.exec_driver_sql("BEGIN IMMEDIATE")

    def before_execute(conn, _cursor, sql, _params, context, _many):  # type: ignore[no-untyped-def]
        if not conn.get_execution_options().get(_READ_ONLY, False):
            return
        writes = context is not None and (context.isinsert or context.isupdate or context.isdelete)
        if writes or not sql.lstrip()[:6].upper().startswith(_READS):
            raise WriteNeeded(sql.split(None, 1)[0])

    # SQLAlchemy 2.0's aiosqlite adapter leaves the sqlite3 cursor of a failed statement to the
    # garbage collector. That runs on the event loop's thread, where freeing the cursor waits for
    # its connection's mutex: were the connection in SQLite's busy wait by then, the whole loop
    # would stand still until the wait ended. So a connection whose statement failed is closed
    # when it returns to the pool (after its rollback) instead of being used again.
    def on_error(context: ExceptionContext) -> None:
        if context.connection is not None and context.sqlalchemy_exception is not None:
            context.connection.info[_FAILED] = True

    def on_checkin(_dbapi_connection, record) -> None:  # type: ignore[no-untyped-def]
        if record.info.pop(_FAILED, False):
            record.invalidate()

    event.listen(engine.sync_engine, "connect", on_connect)
    event.listen(engine.sync_engine, "begin", on_begin)
    event.listen(engine.sync_engine, "before_cursor_execute", before_execute)
    event.listen(engine.sync_engine, "handle_error", on_error)
    event.listen(engine.sync_engine.pool, "checkin", on_checkin)


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """Sessions that keep loaded objects usable after commit (replies render after commit)."""
    return async_sessionmaker(engine, expire_on_commit=False)


def read_first_sessions(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """Like session_factory, but on SQLite their connections only read, beside any writer, and
    the first statement that would write raises WriteNeeded (see the module notes)."""
    if engine.dialect.name != "sqlite":
        return session_factory(engine)
    return session_factory(engine.execution_options(**{_READ_ONLY: True}))
