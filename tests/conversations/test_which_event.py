"""Which event a message is about, and that the process's cached copy of it is never stale."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import delete, update

from bot.messages import Inbound
from storage import repositories as repo
from storage.enums import Channel, EventStatus
from storage.models import AgendaItem, Event

pytestmark = pytest.mark.db

TODAY = dt.date(2026, 11, 20)  # the `clock` fixture's date


async def ask(core, text: str = "/agenda", user: str = "7") -> str:  # type: ignore[no-untyped-def]
    return "\n".join(
        r.text for r in await core.handle(Inbound(channel=Channel.TELEGRAM, user_id=user, text=text))
    )


async def set_status(sessions, event_id: int, status: EventStatus) -> None:  # type: ignore[no-untyped-def]
    async with sessions() as session, session.begin():
        await session.execute(update(Event).where(Event.id == event_id).values(status=status))


async def test_the_next_published_event_else_the_latest(core, sessions, make_event):
    past = await make_event(title="Hội thảo đã qua", date=TODAY - dt.timedelta(days=30))
    undated = await make_event(title="Hội thảo chưa định ngày", date=None)
    assert "Hội thảo chưa định ngày" in await ask(core)  # nothing ahead: the latest one
    later = await make_event(title="Hội thảo tháng sau", date=TODAY + dt.timedelta(days=30))
    sooner = await make_event(title="Hội thảo tuần sau", date=TODAY + dt.timedelta(days=7))
    same_day = await make_event(title="Hội thảo cùng ngày", date=TODAY + dt.timedelta(days=7))
    assert "Hội thảo tuần sau" in await ask(core)  # the soonest; on a tie, the first created
    await set_status(sessions, sooner, EventStatus.DRAFT)
    assert "Hội thảo cùng ngày" in await ask(core)  # drafts are never shown
    await set_status(sessions, same_day, EventStatus.DRAFT)
    assert "Hội thảo tháng sau" in await ask(core)
    today = await make_event(title="Hội thảo hôm nay", date=TODAY)
    assert "Hội thảo hôm nay" in await ask(core)  # today's event is still ahead
    for event_id in (today, later):
        await set_status(sessions, event_id, EventStatus.DRAFT)
    async with sessions() as session:
        assert await repo.upcoming_event_version(session, TODAY) == (
            undated,
            (await repo.event_version(session, undated)),
        )
    for event_id in (past, undated):
        await set_status(sessions, event_id, EventStatus.DRAFT)
    async with sessions() as session:
        assert await repo.upcoming_event_version(session, TODAY) is None
    assert "Hiện chưa có sự kiện nào được công bố" in await ask(core)


async def test_a_change_made_elsewhere_shows_at_the_next_message(core, sessions, make_event):
    event_id = await make_event()
    assert "Khai mạc" in await ask(core)  # the event is now cached in this process
    # Another process (an import, an organiser's edit) renames an item and marks the event changed.
    async with sessions() as session, session.begin():
        await session.execute(
            update(AgendaItem)
            .where(AgendaItem.event_id == event_id, AgendaItem.title == "Khai mạc")
            .values(title="Khai mạc hội thảo")
        )
        await repo.touch_event(session, event_id)
    assert "Khai mạc hội thảo" in await ask(core)


async def test_a_chosen_event_that_is_gone_falls_back_to_the_upcoming_one(core, sessions, make_event):
    await make_event(title="Hội thảo thứ nhất", date=TODAY + dt.timedelta(days=3))
    second = await make_event(title="Hội thảo thứ hai", date=TODAY + dt.timedelta(days=5))
    assert "Hội thảo thứ nhất" in await ask(core)
    pressed = await core.handle(Inbound(channel=Channel.TELEGRAM, user_id="7", payload=f"event:{second}"))
    assert "Hội thảo thứ hai" in pressed[0].text
    assert "Hội thảo thứ hai" in await ask(core)  # the choice is remembered
    async with sessions() as session, session.begin():
        await session.execute(delete(Event).where(Event.id == second))
    assert "Hội thảo thứ nhất" in await ask(core)
