"""Setting up an event from a plan file sent through Zalo (the same conversation as Telegram)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from storage import repositories as repo
from storage.enums import Channel, RoleKind
from storage.models import Event, Role
from tests.fakes.zalo_api import FakeZalo, file_event
from tests.importing import genre_builders as build
from tests.importing.genre_corpus import PLAN_TABLES
from tests.zalo.conftest import post_event, say

pytestmark = pytest.mark.db

ORGANISER = "1357924680"


async def test_a_pdf_plan_sent_on_zalo_becomes_an_event(web, zalo, fake_zalo: FakeZalo, sessions, make_event):
    event_id = await make_event()
    async with sessions() as session, session.begin():
        identity, _ = await repo.identity_for(session, Channel.ZALO, ORGANISER, None, "vi")
        session.add(Role(event_id=event_id, person_id=identity.person_id, kind=RoleKind.ORGANISER))
    data = build.to_pdf(PLAN_TABLES)
    url = fake_zalo.store_file("ke-hoach.pdf", data)
    before = len(fake_zalo.texts_to(ORGANISER))
    await post_event(web, zalo, file_event(ORGANISER, url, "ke-hoach.pdf", len(data)))
    draft = "\n".join(fake_zalo.texts_to(ORGANISER)[before:])
    assert "Nâng cao chỉ số đổi mới sáng tạo tỉnh Lâm Đồng năm 2025" in draft
    assert "Ngày tổ chức: 15/04/2025" in draft and ": 8." in draft
    buttons = fake_zalo.messages_to(ORGANISER)[-1]["attachment"]["payload"]["buttons"]
    confirm = next(b["payload"] for b in buttons if b["payload"].endswith("ps:confirm"))
    text = await say(web, zalo, fake_zalo, ORGANISER, "giờ: 13h30 - 16h00", confirm)
    assert "Đã tạo sự kiện" in text
    async with sessions() as session:
        event = (await session.execute(select(Event).where(Event.title.like("Nâng cao%")))).scalar_one()
        assert (event.start_date, event.start_time, event.end_time) == (
            dt.date(2025, 4, 15),
            dt.time(13, 30),
            dt.time(16, 0),
        )
