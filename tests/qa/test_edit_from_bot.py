"""Organisers change the venue or a programme line from the bot; confirmed delegates hear of it."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.outbox.delivery import body_to_replies
from storage.models import AuditEntry, OutboxMessage
from tests.console import talk
from tests.rsvp.helpers import make_organiser, make_person, rsvp

pytestmark = pytest.mark.db


async def _notices(sessions) -> list[str]:  # type: ignore[no-untyped-def]
    async with sessions() as session:
        rows = await session.execute(select(OutboxMessage.body).where(OutboxMessage.kind == "event_change"))
        return [r.text for body in rows.scalars() for r in body_to_replies(body)]


async def test_venue_change_from_the_bot_is_announced(core, sessions, make_event):
    event_id = await make_event(seats={"Sở Tài chính": 2})
    await make_organiser(sessions, event_id, "org")
    await rsvp(sessions, event_id, await make_person(sessions, "a"), "Sở Tài chính")
    text = await talk(core, "/suadiadiem Hội trường B | 5 Trần Hưng Đạo, phường Thử", user="org")
    assert "gửi thông báo thay đổi tới 1 đại biểu đã xác nhận tham dự." in text
    [notice] = await _notices(sessions)
    assert "Hội trường A → Hội trường B" in notice
    # What delegates see now.
    assert "Hội trường B, 5 Trần Hưng Đạo, phường Thử" in await talk(core, "/diadiem", user="a")


async def test_programme_line_retimed_from_the_bot(core, sessions, make_event):
    event_id = await make_event(seats={"Sở Tài chính": 2})
    await make_organiser(sessions, event_id, "org")
    await rsvp(sessions, event_id, await make_person(sessions, "a"), "Sở Tài chính")
    listing = await talk(core, "/suachuongtrinh", user="org")
    assert "5. 10:00–10:15  Giải lao" in listing
    text = await talk(core, "/suachuongtrinh 5 | 10:05-10:20", user="org")
    assert "thông báo thay đổi tới 1 đại biểu" in text
    [notice] = await _notices(sessions)
    assert "10:00–10:15 → 10:05–10:20" in notice
    assert "10:05–10:20  Giải lao" in await talk(core, "/chuongtrinh", user="a")


@pytest.mark.parametrize(
    "command",
    [
        "/suachuongtrinh 99 | 10:00-10:10",
        "/suachuongtrinh 5 | 25:00-26:00",
        "/suachuongtrinh 5 | 10:30-10:00",
        "/suadiadiem chỉ một phần",
        "/suadiadiem A | B | ftp://x",
    ],
)
async def test_bad_edits_are_refused_and_change_nothing(core, sessions, make_event, command):
    event_id = await make_event()
    await make_organiser(sessions, event_id, "org")
    text = await talk(core, command, user="org")
    assert "Cách dùng" in text or "chưa đúng" in text or "phải bắt đầu" in text
    async with sessions() as session:
        actions = (await session.execute(select(AuditEntry.action))).scalars().all()
    assert "event.reimported" not in actions


async def test_only_organisers_edit(core, sessions, make_event):
    await make_event()
    text = await talk(core, "/suadiadiem X | Y", "/suachuongtrinh 1 | 08:00-08:10", user="stranger")
    assert text.count("chỉ dành cho Ban Tổ chức") == 2
    assert await _notices(sessions) == []
