"""Many users at once: nothing is lost or doubled. On SQLite a unit of work that reads runs beside
a writer; one that writes after another connection took the write lock is run again once the
lock is free, and the bot keeps answering others meanwhile."""

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
    again = await asyncio.gather(*(core.handle(Inbound(channel=Channel.TELEGRAM, user_id=i.user_id, text="/agenda"))
                                   for i in inbounds))  # fmt: skip
    assert all(a[0].text.startswith("📋 Programme:") for a in again)
    async with sessions() as session:
        assert (await session.execute(select(func.count()).select_from(Identity))).scalar_one() == 40
        assert (await session.execute(select(func.count()).select_from(ConversationState))).scalar_one() == 40
        languages = (await session.execute(select(Identity.language))).scalars().all()
    assert set(languages) == {"en"}


@pytest.mark.parametrize("engine", ["sqlite"], indirect=True)  # SQLite's single write lock
async def test_sqlite_writer_waits_for_the_lock_without_stopping_the_bot(core, sessions, make_event, tmp_path):
    """Another process holds SQLite's write lock. A unit of work that writes waits for it (and is
    run again, one at a time); meanwhile a question that only reads is answered at once."""
    await make_event()
    for user in ("1", "2"):  # known users: asking again writes nothing
        await core.handle(Inbound(channel=Channel.TELEGRAM, user_id=user, text="/agenda"))
    other = sqlite3.connect(tmp_path / "test.sqlite3", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # like a second bot process in the middle of a write
    try:
        writer = asyncio.create_task(core.handle(Inbound(channel=Channel.TELEGRAM, user_id="1", text="/lang en")))
        await asyncio.sleep(0.3)
        assert not writer.done()  # waiting for the lock...
        reader = await asyncio.wait_for(core.handle(Inbound(channel=Channel.TELEGRAM, user_id="2", text="/agenda")), 2)
        assert reader[0].text.startswith("📋 Chương trình:")  # ...while others are still answered
    finally:
        other.execute("COMMIT")
        other.close()
    answer = await asyncio.wait_for(writer, 5)
    assert answer[0].text == "Switched to English."
    assert core.write_retries == 1
    async with sessions() as session:
        language = (await session.execute(select(Identity.language).where(Identity.external_id == "1"))).scalar_one()
    assert language == "en"
