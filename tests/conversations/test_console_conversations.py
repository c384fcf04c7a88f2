"""Conversations through the real console channel on a real database."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.app import BotCore
from storage.models import ConversationState, Identity
from tests.console import talk

pytestmark = pytest.mark.db


async def test_agenda_lists_every_slot_with_presenters(core, make_event):
    await make_event()
    text = await talk(core, "/chuongtrinh")
    assert "Chương trình: Hội thảo PII tỉnh Thử Nghiệm 2026" in text
    assert "08:00–11:15, Thứ Năm, ngày 26/11/2026" in text
    assert "08:00–08:30  Đón tiếp đại biểu — BTC" in text
    # Two talks share the 08:40-10:00 slot and are listed under it.
    assert (
        "08:40–10:00  Tham luận:\n   • Tham luận về hạ tầng số — Sở Khoa học và Công nghệ\n"
        "   • Tham luận về thu hút đầu tư — Sở Tài chính" in text
    )
    assert "11:00–11:15  Bế mạc — Lãnh đạo Sở KH&CN" in text


async def test_english_alias_and_vietnamese_alias_give_the_same_programme(core, make_event):
    await make_event()
    assert await talk(core, "/agenda") == await talk(core, "/chuongtrinh")


async def test_venue_shows_place_map_pin_and_notes(core, make_event):
    await make_event()
    text = await talk(core, "/diadiem")
    assert "Hội trường A, 1 Lê Lợi, phường Thử, tỉnh Thử Nghiệm" in text
    assert "Gửi xe: Tầng hầm B1" in text
    assert "📍 Vị trí: 16.810000, 107.100000" in text


async def test_the_registration_deadline_stored_is_the_answer_to_by_when_to_register(core, make_event):
    await make_event(rsvp_deadline=dt.datetime(2026, 11, 23, 17, 0))
    # (stored as a moment, answered in the event's own time)
    assert "Hạn đăng ký tham dự: 17:00 ngày 23/11/2026" in await talk(
        core, "hạn đăng ký tham dự là khi nào ạ?"
    )


async def test_date_not_fixed_is_said_plainly(core, make_event):
    await make_event(date=None, date_note="...../6/2024")
    text = await talk(core, "/venue")
    assert "ngày chưa ấn định (...../6/2024)" in text


async def test_language_switch_by_button_number_persists(core, make_event):
    await make_event()
    text = await talk(core, "/lang", "2", "/agenda")
    assert "Which language would you like?" in text
    assert "[1] Tiếng Việt  [2] English" in text
    assert "Switched to English." in text
    assert "Programme: Hội thảo PII tỉnh Thử Nghiệm 2026" in text
    assert "Thursday, 26/11/2026, 08:00–11:15" in text


async def test_flow_state_survives_a_restart(settings, engine, clock, make_event, sessions):
    await make_event()
    first = BotCore(settings, engine, clock=clock)
    await talk(first, "/ngonngu")
    async with sessions() as session:
        state = (await session.execute(ConversationState.__table__.select())).one()
        assert state.flow == "language" and state.step == "choosing"
    # A new core (a restarted process) picks the conversation up where it was.
    second = BotCore(settings, engine, clock=clock)
    text = await talk(second, "english")
    assert "Switched to English." in text
    async with sessions() as session:
        identity = (await session.execute(Identity.__table__.select())).one()
        assert identity.language == "en"


async def test_cancel_leaves_a_step(core, make_event):
    await make_event()
    text = await talk(core, "/lang", "/huy", "/huy")
    assert "Đã dừng thao tác." in text
    assert "Hiện không có thao tác nào đang dở." in text


@pytest.mark.parametrize("garbage", ["asdkjh qwe", "/khonglenh", "😀😀😀", "/", "x" * 5000, "\x00\x01"])
async def test_garbage_gets_a_polite_answer_and_changes_nothing(core, make_event, sessions, garbage):
    await make_event()
    text = await talk(core, garbage)
    assert "Traceback" not in text
    assert any(
        phrase in text for phrase in ("Xin lỗi, tôi chưa hiểu", "Tôi không có lệnh này", "Tin nhắn quá dài")
    )
    async with sessions() as session:
        states = (await session.execute(ConversationState.__table__.select())).all()
        assert all(s.flow is None for s in states)


async def test_no_event_yet(core):
    text = await talk(core, "/agenda", "/start")
    assert text.count("Hiện chưa có sự kiện nào được công bố.") == 2


async def test_start_greets_with_event_and_menu(core, make_event):
    await make_event()
    text = await talk(core, "/start")
    assert "Kính chào Quý đại biểu!" in text
    assert "Sự kiện: Hội thảo PII tỉnh Thử Nghiệm 2026" in text
    assert "[1] 📋 Chương trình  [2] 📍 Địa điểm  [3] 🌐 Ngôn ngữ  [4] ❓ Trợ giúp" in text
    # Pressing "2" opens the venue.
    text = await talk(core, "/start", "2")
    assert "Hội trường A" in text


async def test_unknown_deep_link_is_explained(core, make_event):
    await make_event()
    text = await talk(core, "/start abcdef")
    assert "Đường liên kết này không đúng hoặc đã hết hiệu lực" in text


async def test_choose_between_events(core, make_event):
    await make_event(title="Sự kiện thứ nhất")
    await make_event(title="Sự kiện thứ hai", date=None, date_note="tháng 12/2026")
    text = await talk(core, "/sukien", "1", "/agenda")
    assert "Đã chọn sự kiện: Sự kiện thứ hai" in text
    assert "Chương trình: Sự kiện thứ hai" in text
