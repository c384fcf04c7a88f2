"""The attendance summary against a known data set: the domain figures and the chat message."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from bot.app import BotCore
from bot.domain.checkin.attendance import AgencyLine, attendance_summary
from handlers import reports as organiser_tools
from tests.organiser.helpers import ON_THE_DAY, build_data_set, say, text_of

pytestmark = pytest.mark.db

EXPECTED = [
    AgencyLine("UBND tỉnh", 2, confirmed=0, declined=0, not_answered=1, waitlisted=0, checked_in=0),
    AgencyLine("Sở Tài chính", 1, confirmed=1, declined=0, not_answered=0, waitlisted=1, checked_in=1),
    AgencyLine(
        "Sở Khoa học và Công nghệ", 5, confirmed=2, declined=1, not_answered=1, waitlisted=0, checked_in=1
    ),
    AgencyLine("Sở Nội vụ", 3, confirmed=0, declined=0, not_answered=0, waitlisted=0, checked_in=0),
]


async def test_summary_figures(sessions, make_event):
    data = await build_data_set(sessions, make_event)
    async with sessions() as session:
        summary = await attendance_summary(session, data.event_id)
    assert summary.lines == EXPECTED
    assert summary.total == AgencyLine(
        "", 11, confirmed=3, declined=1, not_answered=2, waitlisted=1, checked_in=2
    )
    assert summary.not_answered_agencies == ["UBND tỉnh", "Sở Nội vụ"]


async def test_summary_message(core, sessions, make_event):
    await build_data_set(sessions, make_event)
    replies = await say(core, "/tonghop", user="org")
    text = text_of(replies)
    assert "📊 Tổng hợp tham dự: Hội thảo PII tỉnh Thử Nghiệm 2026" in text
    assert "1. UBND tỉnh — 2 chỗ: ✅ 0 · ❌ 0 · ❔ 1 · ⏳ 0 · 🎫 0" in text
    assert "2. Sở Tài chính — 1 chỗ: ✅ 1 · ❌ 0 · ❔ 0 · ⏳ 1 · 🎫 1" in text
    assert "3. Sở Khoa học và Công nghệ — 5 chỗ: ✅ 2 · ❌ 1 · ❔ 1 · ⏳ 0 · 🎫 1" in text
    assert "4. Sở Nội vụ — 3 chỗ: ✅ 0 · ❌ 0 · ❔ 0 · ⏳ 0 · 🎫 0" in text
    assert "Tổng cộng — 11 chỗ: ✅ 3 · ❌ 1 · ❔ 2 · ⏳ 1 · 🎫 2" in text
    assert "Cơ quan chưa trả lời (2):\n• UBND tỉnh\n• Sở Nội vụ" in text
    assert replies[-1].files == []
    assert [b.payload for row in replies[-1].buttons for b in row] == ["cmd:export", "cmd:live"]


async def test_english_summary(core, sessions, make_event):
    await build_data_set(sessions, make_event)
    await say(core, "/lang en", user="org")
    text = text_of(await say(core, "/summary", user="org"))
    assert "Total — 11 seats: ✅ 3 · ❌ 1 · ❔ 2 · ⏳ 1 · 🎫 2" in text
    assert "Agencies that have not answered (2):" in text


async def test_long_summary_goes_to_a_file(core, sessions, make_event, monkeypatch):
    await build_data_set(sessions, make_event)
    monkeypatch.setattr(organiser_tools, "MESSAGE_LIMIT", 350)
    replies = await say(core, "/tonghop", user="org")
    text = text_of(replies)
    assert "Sở Tài chính — 1 chỗ" not in text  # the table is in the file
    assert "Tổng cộng — 11 chỗ: ✅ 3 · ❌ 1 · ❔ 2 · ⏳ 1 · 🎫 2" in text
    assert "Quý vị vui lòng xem tệp đính kèm" in text
    (table,) = replies[-1].files
    assert table.filename.endswith("-tong-hop.xlsx")
    sheet = load_workbook(io.BytesIO(table.data))["Tổng hợp"]
    assert [c.value for c in sheet[1]][:3] == ["STT", "Cơ quan", "Số chỗ"]
    assert sheet.max_row == 1 + 4 + 1  # header, four agencies, total


async def test_live_counts_and_after_event_report(core, sessions, make_event, settings, engine):
    await build_data_set(sessions, make_event)
    on_the_day = BotCore(settings, engine, clock=lambda: ON_THE_DAY)
    text = text_of(await say(on_the_day, "/tructiep", user="org"))
    assert "Đã đến: 2/3 đại biểu đã xác nhận" in text
    assert "• Sở Tài chính: 1/1\n• Sở Khoa học và Công nghệ: 1/2" in text
    assert "UBND tỉnh" not in text  # nobody confirmed there
    after = BotCore(settings, engine, clock=lambda: ON_THE_DAY + dt.timedelta(hours=6))
    text = text_of(await say(after, "/tructiep", user="org"))
    assert "📋 Báo cáo sau sự kiện" in text
    assert "Số chỗ mời: 11 · Xác nhận: 3 · Có mặt: 2 · Vắng: 1" in text
    assert "• Sở Khoa học và Công nghệ: mời 5 · xác nhận 2 · có mặt 1" in text
