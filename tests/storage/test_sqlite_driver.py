"""The embedded SQLite driver runs on the event loop's thread and never blocks it on a lock."""

from __future__ import annotations

import asyncio
import sqlite3

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from storage import sqlite_inloop
from storage.db import create_engine


@pytest.fixture
async def sqlite_engine(tmp_path):  # type: ignore[no-untyped-def]
    engine = create_engine(f"sqlite:///{tmp_path / 'd.sqlite3'}")
    async with engine.begin() as conn:
        await conn.execute(text("CREATE TABLE notes (body TEXT)"))
    yield engine
    await engine.dispose()


async def test_a_writer_waits_for_another_process_and_the_loop_keeps_running(sqlite_engine, tmp_path):
    other = sqlite3.connect(tmp_path / "d.sqlite3", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    ticks = 0

    async def tick() -> None:
        nonlocal ticks
        while True:
            ticks += 1
            await asyncio.sleep(0.01)

    async def write() -> None:
        async with sqlite_engine.begin() as conn:
            await conn.execute(text("INSERT INTO notes VALUES ('after the wait')"))

    ticker = asyncio.create_task(tick())
    writer = asyncio.create_task(write())
    await asyncio.sleep(0.3)
    assert not writer.done() and ticks >= 10  # waiting, and the loop still runs other work
    other.execute("COMMIT")
    await asyncio.wait_for(writer, 5)
    ticker.cancel()
    assert other.execute("SELECT body FROM notes").fetchall() == [("after the wait",)]
    other.close()


async def test_a_writer_gives_up_after_the_lock_wait_and_nothing_is_written(
    sqlite_engine, tmp_path, monkeypatch
):
    monkeypatch.setattr(sqlite_inloop, "LOCK_WAIT_SECONDS", 0.2)
    other = sqlite3.connect(tmp_path / "d.sqlite3", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    with pytest.raises(OperationalError, match="database is locked"):
        async with sqlite_engine.begin() as conn:
            await conn.execute(text("INSERT INTO notes VALUES ('never')"))
    other.execute("ROLLBACK")
    async with sqlite_engine.connect() as conn:
        assert (await conn.execute(text("SELECT count(*) FROM notes"))).scalar_one() == 0
    other.close()


async def test_a_deferred_transaction_refused_mid_way_raises_at_once(sqlite_engine, tmp_path):
    """A read transaction cannot wait its way into writing: it is refused at once, and the caller
    runs its unit of work again (BotCore.handle)."""
    other = sqlite3.connect(tmp_path / "d.sqlite3", isolation_level=None)
    optimistic = sqlite_engine.execution_options(pii_optimistic=True)
    async with optimistic.connect() as conn:
        await conn.begin()
        await conn.execute(text("SELECT count(*) FROM notes"))
        other.execute("INSERT INTO notes VALUES ('someone else')")  # commits at once
        started = asyncio.get_running_loop().time()
        with pytest.raises(OperationalError, match="database is locked"):
            await conn.execute(text("INSERT INTO notes VALUES ('mine')"))
        assert asyncio.get_running_loop().time() - started < 1
        await conn.rollback()
    other.close()


async def test_many_rows_in_one_statement(sqlite_engine):
    async with sqlite_engine.begin() as conn:
        await conn.execute(text("SELECT 1"))
        await conn.execute(text("INSERT INTO notes VALUES (:body)"), [{"body": "một"}, {"body": "hai"}])
    async with sqlite_engine.connect() as conn:
        bodies = (await conn.execute(text("SELECT body FROM notes ORDER BY body"))).scalars().all()
    assert bodies == ["hai", "một"]
