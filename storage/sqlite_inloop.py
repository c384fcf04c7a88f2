"""The embedded SQLite driver: the standard sqlite3 module, run on the event loop's own thread.

Why not aiosqlite: it sends every DBAPI call (cursor, execute, fetch, close, BEGIN, COMMIT) to a
thread and back. For the small indexed queries a conversation makes, those hand-offs cost more
than the SQL: a unit of work answering /agenda made 12 of them and, with 64 updates in flight,
the GIL hand-offs dominated the bot's time. A local SQLite file answers such a query in
microseconds, so here the queries run where the coroutine runs, inside SQLAlchemy's greenlet.

The one thing that must never happen on the loop's thread is a blocking wait for SQLite's write
lock: the connection holding it may be another coroutine of this same loop, which could then
never finish. So the busy timeout is 0 and a refused lock is waited for asynchronously:
- BEGIN IMMEDIATE (and any statement outside a transaction) is retried after an asyncio sleep
  with growing delays, for up to `LOCK_WAIT_SECONDS`, like SQLite's own busy handler would;
- a statement refused inside a transaction is raised at once ("database is locked"): the
  transaction began deferred and cannot wait its way out, so the caller runs the whole unit
  again (see BotCore.handle).

What runs on the loop's thread, then, is every statement and commit. A long report query blocks
the loop while it runs (the report for 20,000 delegates reads its data in about 0.2 s; a
province's event has a few hundred), and so does SQLite's automatic WAL checkpoint, which the
commit that fills the WAL to about 4 MB runs. Deployments that need more use PostgreSQL.
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
from typing import Any

from sqlalchemy import pool
from sqlalchemy.dialects import registry
from sqlalchemy.dialects.sqlite.pysqlite import SQLiteDialect_pysqlite
from sqlalchemy.engine.url import URL
from sqlalchemy.util.concurrency import await_only

__all__ = ["DRIVER", "LOCK_WAIT_SECONDS", "SQLiteDialect_inloop", "register"]

DRIVER = "piiloop"
# How long a writer waits for another connection (or process) to release the write lock.
LOCK_WAIT_SECONDS = 30.0
# The delays between attempts, in seconds; the last one repeats (SQLite's busy handler uses a
# similar ladder).
_DELAYS = (0.001, 0.002, 0.005, 0.01, 0.015, 0.02, 0.025, 0.025, 0.05, 0.05, 0.1)


def _is_busy(exc: sqlite3.OperationalError) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
    text = str(exc).lower()
    return "database is locked" in text or "database table is locked" in text


async def _ready() -> None:
    """An awaitable that completes at once (see _Cursor.execute)."""


class _Cursor(sqlite3.Cursor):
    """A cursor whose statements outside a transaction wait asynchronously for a busy lock."""

    def execute(self, sql: str, parameters: Any = (), /) -> _Cursor:  # type: ignore[override]
        """Run one statement; see the module notes for how a busy database is handled."""
        # SQLAlchemy's AsyncConnection checks that a statement went through its greenlet bridge
        # (AwaitRequired otherwise); awaiting a finished coroutine does that without yielding.
        await_only(_ready())
        if self.connection.in_transaction:
            super().execute(sql, parameters)
            return self
        deadline = time.monotonic() + LOCK_WAIT_SECONDS
        attempt = 0
        while True:
            try:
                super().execute(sql, parameters)
                return self
            except sqlite3.OperationalError as exc:
                if not _is_busy(exc) or time.monotonic() >= deadline:
                    raise
            await_only(asyncio.sleep(_DELAYS[min(attempt, len(_DELAYS) - 1)]))
            attempt += 1

    def executemany(self, sql: str, seq_of_parameters: Any, /) -> _Cursor:  # type: ignore[override]
        """Run one statement for many parameter sets (inside a transaction: see execute)."""
        await_only(_ready())
        super().executemany(sql, seq_of_parameters)
        return self

    async def _async_soft_close(self) -> None:
        """Part of SQLAlchemy's async cursor protocol. Rows stay with sqlite3 and are fetched on
        demand; with no thread involved, reading them later from plain code is safe."""


class _Connection(sqlite3.Connection):
    """A sqlite3 connection whose cursors are `_Cursor`."""

    def cursor(self, factory: type[sqlite3.Cursor] = _Cursor) -> sqlite3.Cursor:  # type: ignore[override]
        """A new `_Cursor`."""
        return super().cursor(factory)


class SQLiteDialect_inloop(SQLiteDialect_pysqlite):  # noqa: N801 (SQLAlchemy's naming)
    """pysqlite, declared async: SQLAlchemy's asyncio layer runs it inside its greenlets."""

    driver = DRIVER
    is_async = True
    supports_statement_cache = True

    @classmethod
    def get_pool_class(cls, url: URL) -> type[pool.Pool]:
        """A queue pool that waits for a free connection with asyncio, not a thread lock."""
        if cls._is_url_file_db(url):
            return pool.AsyncAdaptedQueuePool
        return pool.StaticPool

    def create_connect_args(self, url: URL) -> Any:
        """sqlite3.connect's arguments: our connection class, no blocking busy wait."""
        cargs, cparams = super().create_connect_args(url)
        cparams["factory"] = _Connection
        cparams["timeout"] = 0
        # Only this loop's thread uses a connection, but the pool may close it from another
        # (for instance when the interpreter shuts down).
        cparams["check_same_thread"] = False
        return cargs, cparams


def register() -> None:
    """Make `sqlite+piiloop://` URLs resolve to this dialect."""
    registry.register(f"sqlite.{DRIVER}", __name__, "SQLiteDialect_inloop")
