"""Many users at once: nothing is lost or doubled. On SQLite a unit of work first runs beside any
writer; one whose write SQLite refuses (another connection holds the write lock, or wrote since it
read) runs again as a writer, in turn, and the bot keeps answering others meanwhile."""

from __future__ import annotations

import asyncio
import sqlite3

import pytest
from sqlalchemy import func, select

from bot.messages import Inbound
from storage.enums import Channel
from storage.models import ConversationState, Identity

pytestmark = pytest.mark.db


async def test_forty_new_users_at_once_each_get_their_answer(core, sessions, make_event):
    await make_event()
    inbounds = [Inbound(channel=Channel.TELEGRAM, user_id=str(9000 + i), text="/lang en") for i in range(40)]
    answers = await asyncio.gather(*(core.handle(i) for i in inbounds))
    assert [a[0].text for a in answers] == ["Switched to English."] * 40
    again = await asyncio.gather(
        *(core.handle(Inbound(channel=Channel.TELEGRAM, user_id=i.user_id, text="/agenda")) for i in inbounds)
    )
    assert all(a[0].text.startswith("📋 Programme:") for a in again)
    async with sessions() as session:
        assert (await session.execute(select(func.count()).select_from(Identity))).scalar_one() == 40
        assert (await session.execute(select(func.count()).select_from(ConversationState))).scalar_one() == 40
        languages = (await session.execute(select(Identity.language))).scalars().all()
    assert set(languages) == {"en"}


async def test_forty_known_users_who_read_then_write_at_once_are_served(core, sessions, make_event):
    """Each unit reads the user first and then writes: on SQLite most of them find another writer
    before them and run again as writers."""
    await make_event()
    users = [str(9100 + i) for i in range(40)]
    for user in users:
        await core.handle(Inbound(channel=Channel.TELEGRAM, user_id=user, text="/agenda"))
    switches = [Inbound(channel=Channel.TELEGRAM, user_id=user, text="/lang en") for user in users]
    answers = await asyncio.gather(*(core.handle(inbound) for inbound in switches))
    assert [a[0].text for a in answers] == ["Switched to English."] * 40
    async with sessions() as session:
        languages = (await session.execute(select(Identity.external_id, Identity.language))).all()
    assert sorted(languages) == [(user, "en") for user in users]


@pytest.mark.parametrize("engine", ["sqlite"], indirect=True)  # SQLite's single write lock
async def test_sqlite_writer_waits_for_the_lock_without_stopping_the_bot(
    core, sessions, make_event, tmp_path
):
    """Another process holds SQLite's write lock. A unit of work that writes is refused, runs again
    as a writer and waits for the lock (SQLite's busy timeout, off the event loop); meanwhile a
    question that only reads is answered at once."""
    await make_event()
    for user in ("1", "2"):  # known users: asking again writes nothing
        await core.handle(Inbound(channel=Channel.TELEGRAM, user_id=user, text="/agenda"))
    retries = core.write_retries
    other = sqlite3.connect(tmp_path / "test.sqlite3", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # like a second bot process in the middle of a write
    try:
        writer = asyncio.create_task(
            core.handle(Inbound(channel=Channel.TELEGRAM, user_id="1", text="/lang en"))
        )
        await asyncio.sleep(0.3)
        assert not writer.done()  # waiting for the lock...
        reader = await asyncio.wait_for(
            core.handle(Inbound(channel=Channel.TELEGRAM, user_id="2", text="/agenda")), 2
        )
        assert reader[0].text.startswith("📋 Chương trình:")  # ...while others are still answered
    finally:
        other.execute("COMMIT")
        other.close()
    answer = await asyncio.wait_for(writer, 5)
    assert answer[0].text == "Switched to English."
    assert core.write_retries == retries + 1  # the reader did not need to write
    async with sessions() as session:
        language = (
            await session.execute(select(Identity.language).where(Identity.external_id == "1"))
        ).scalar_one()
    assert language == "en"
