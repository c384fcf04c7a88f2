"""Many users at once on SQLite: units of work that read run side by side; those that write and
collide with another writer are run again, one at a time. Nothing is lost or doubled."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import func, select

from bot.channels.base import Inbound
from storage.enums import Channel
from storage.models import ConversationState, Identity

pytestmark = pytest.mark.db


async def test_forty_new_users_at_once_each_get_their_answer(core, sessions, make_event):
    await make_event()
    inbounds = [Inbound(channel=Channel.TELEGRAM, user_id=str(9000 + i), text="/lang en") for i in range(40)]
    answers = await asyncio.gather(*(core.handle(i) for i in inbounds))
    assert [a[0].text for a in answers] == ["Switched to English."] * 40
    if core.engine.dialect.name == "sqlite":
        assert core.write_retries > 0  # the collisions really happened, and were absorbed
    again = await asyncio.gather(*(core.handle(Inbound(channel=Channel.TELEGRAM, user_id=i.user_id, text="/agenda"))
                                   for i in inbounds))  # fmt: skip
    assert all(a[0].text.startswith("📋 Programme:") for a in again)
    async with sessions() as session:
        assert (await session.execute(select(func.count()).select_from(Identity))).scalar_one() == 40
        assert (await session.execute(select(func.count()).select_from(ConversationState))).scalar_one() == 40
        languages = (await session.execute(select(Identity.language))).scalars().all()
    assert set(languages) == {"en"}
