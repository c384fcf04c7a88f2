"""SQLite through aiosqlite: WAL, one writer at a time (BEGIN IMMEDIATE and the busy timeout),
readers beside the writer, and a clear failure when another process keeps the lock."""

from __future__ import annotations

import asyncio
import gc
import sqlite3
import sys

import pytest
from sqlalchemy import Column, MetaData, Table, Text, insert, text
from sqlalchemy.exc import IntegrityError, OperationalError

from storage.db import (
    WriteNeeded,
    create_engine,
    is_write_refused,
    read_first_sessions,
    session_factory,
)

Note = Table("notes", MetaData(), Column("body", Text))

# Holds SQLite's write lock on the file named in argv[1] until a line arrives on stdin.
HOLD_THE_LOCK = """
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN IMMEDIATE")
db.execute("INSERT INTO notes VALUES ('from the other process')")
print("locked", flush=True)
sys.stdin.readline()
db.execute("ROLLBACK")
"""


@pytest.fixture
def database(tmp_path):  # type: ignore[no-untyped-def]
    path = tmp_path / "d.sqlite3"
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode=WAL")  # as the bot's first connection leaves it
    db.execute("CREATE TABLE notes (body TEXT)")
    db.close()
    return path


@pytest.fixture
async def engines(database):  # type: ignore[no-untyped-def]
    made = []

    def make(busy_timeout: float = 30.0):  # type: ignore[no-untyped-def]
        engine = create_engine(f"sqlite+aiosqlite:///{database}", busy_timeout=busy_timeout)
        made.append(engine)
        return engine

    yield make
    for engine in made:
        await engine.dispose()


class OtherProcess:
    """A second process that holds the database's write lock until released."""

    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process

    @classmethod
    async def lock(cls, database) -> OtherProcess:  # type: ignore[no-untyped-def]
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-c",
            HOLD_THE_LOCK,
            str(database),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
        )
        assert process.stdout is not None
        assert await process.stdout.readline() == b"locked\n"
        return cls(process)

    async def release(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(b"go\n")
        await self.process.stdin.drain()
        assert await self.process.wait() == 0


async def notes(engine) -> list[str]:  # type: ignore[no-untyped-def]
    async with engine.connect() as conn:
        return list((await conn.execute(text("SELECT body FROM notes ORDER BY rowid"))).scalars())


async def test_every_connection_is_in_wal_mode_with_foreign_keys_and_the_busy_timeout(engines):
    engine = engines(busy_timeout=2.5)
    async with engine.connect() as conn:
        assert (await conn.execute(text("PRAGMA journal_mode"))).scalar_one() == "wal"
        assert (await conn.execute(text("PRAGMA foreign_keys"))).scalar_one() == 1
        assert (await conn.execute(text("PRAGMA busy_timeout"))).scalar_one() == 2500
    assert engine.dialect.driver == "aiosqlite"


async def test_two_writers_at_once_both_succeed_one_after_the_other(engines):
    """Each reads the count and writes the next number: the second one sees the first's row, so
    the two never read the same count (the write lock is held from BEGIN)."""
    engine = engines()
    first_holds_the_lock = asyncio.Event()
    let_first_commit = asyncio.Event()

    async def write_next(wait: bool) -> None:
        async with engine.begin() as conn:
            count = (await conn.execute(text("SELECT count(*) FROM notes"))).scalar_one()
            if wait:
                first_holds_the_lock.set()
                await let_first_commit.wait()
            await conn.execute(text("INSERT INTO notes VALUES (:body)"), {"body": f"note {count + 1}"})

    first = asyncio.create_task(write_next(wait=True))
    await first_holds_the_lock.wait()
    second = asyncio.create_task(write_next(wait=False))
    await asyncio.sleep(0.2)
    assert not second.done()  # waiting for the lock, while this loop runs on
    let_first_commit.set()
    await asyncio.wait_for(asyncio.gather(first, second), 10)
    assert await notes(engine) == ["note 1", "note 2"]


async def test_a_reader_answers_while_another_process_holds_the_write_lock(engines, database):
    engine = engines(busy_timeout=2)
    async with engine.begin() as conn:
        await conn.execute(text("INSERT INTO notes VALUES ('committed before')"))
    other = await OtherProcess.lock(database)
    try:
        async with read_first_sessions(engine)() as session:
            seen = (await session.execute(text("SELECT body FROM notes"))).scalars().all()
    finally:
        await other.release()
    assert seen == ["committed before"]  # not the other process's uncommitted row


async def test_a_writer_waits_for_another_process_then_writes(engines, database):
    engine = engines(busy_timeout=20)
    other = await OtherProcess.lock(database)

    async def write() -> None:
        async with session_factory(engine)() as session, session.begin():
            await session.execute(text("INSERT INTO notes VALUES ('after the wait')"))

    writer = asyncio.create_task(write())
    await asyncio.sleep(0.3)
    assert not writer.done()  # waiting in aiosqlite's thread; this loop still runs
    await other.release()
    await asyncio.wait_for(writer, 10)
    assert await notes(engine) == ["after the wait"]


async def test_garbage_collection_during_a_lock_wait_does_not_stop_the_loop(engines, database):
    """A failed statement leaves a sqlite3 cursor behind; collecting it on the loop's thread must
    not wait for its connection while that connection sits in SQLite's busy wait."""
    engine = engines(busy_timeout=5)
    async with engine.begin() as conn:
        await conn.execute(text("CREATE TABLE codes (code TEXT PRIMARY KEY)"))
        await conn.execute(text("INSERT INTO codes VALUES ('A')"))
    gc.disable()  # the cursor must still be there when the writer waits
    try:
        with pytest.raises(IntegrityError):
            async with engine.begin() as conn:
                await conn.execute(text("INSERT INTO codes VALUES ('A')"))
        other = await OtherProcess.lock(database)
        try:

            async def write() -> None:
                async with engine.begin() as conn:
                    await conn.execute(text("INSERT INTO notes VALUES ('after the wait')"))

            writer = asyncio.create_task(write())
            await asyncio.sleep(0.3)
            gc.collect()
            await asyncio.sleep(0)
            assert not writer.done()  # still waiting, not timed out while the loop stood still
        finally:
            await other.release()
        await asyncio.wait_for(writer, 10)
    finally:
        gc.enable()
    assert await notes(engine) == ["after the wait"]


async def test_a_writer_gives_up_after_the_busy_timeout_and_nothing_is_written(engines, database):
    engine = engines(busy_timeout=0.3)
    other = await OtherProcess.lock(database)
    try:
        with pytest.raises(OperationalError, match="database is locked") as refused:
            async with engine.begin() as conn:
                await conn.execute(text("INSERT INTO notes VALUES ('never')"))
        assert is_write_refused(refused.value)
    finally:
        await other.release()
    assert await notes(engine) == []


async def test_a_read_first_session_never_writes(engines, database):
    """Its first statement that would write is stopped before SQLite sees it, so the caller can
    run the unit of work again as a writer (BotCore.handle); nothing was written."""
    engine = engines()
    async with read_first_sessions(engine)() as session:
        assert (await session.execute(text("SELECT count(*) FROM notes"))).scalar_one() == 0
        with pytest.raises(WriteNeeded):
            await session.execute(text("INSERT INTO notes VALUES ('mine')"))
        with pytest.raises(WriteNeeded):
            await session.execute(insert(Note).values(body="mine too"))
    assert await notes(engine) == []


async def test_a_read_first_session_sees_each_commit_at_once(engines):
    """Statement by statement, as PostgreSQL's READ COMMITTED."""
    engine = engines()
    async with read_first_sessions(engine)() as session:
        assert (await session.execute(text("SELECT count(*) FROM notes"))).scalar_one() == 0
        async with engine.begin() as conn:
            await conn.execute(text("INSERT INTO notes VALUES ('meanwhile')"))
        assert (await session.execute(text("SELECT count(*) FROM notes"))).scalar_one() == 1


async def test_many_rows_in_one_statement(engines):
    engine = engines()
    async with engine.begin() as conn:
        await conn.execute(text("INSERT INTO notes VALUES (:body)"), [{"body": "một"}, {"body": "hai"}])
    assert await notes(engine) == ["một", "hai"]


def test_only_a_locked_database_counts_as_a_refused_write():
    assert not is_write_refused(OperationalError("SELECT", {}, sqlite3.OperationalError("no such table: x")))
    assert not is_write_refused(ValueError("database is locked"))
