"""Organisers manage reminders and send announcements from the bot (console channel) and the CLI."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from bot.app import open_core
from bot.cli.reminders import add_reminder, delete_reminder, list_reminders, pause_reminder
from bot.domain.events.records import save_event_draft
from bot.i18n import translator
from bot.messages import Reply
from bot.outbox.delivery import Unreachable, deliver_due
from storage.enums import Channel
from storage.reminder_models import ReminderRule
from tests.conftest import NOW, event_draft
from tests.rsvp.helpers import make_organiser, make_person, rsvp
from tests.rsvp.test_registration_conversation import talk

pytestmark = pytest.mark.db


class Recorder:
    """A console channel that records sends and refuses users who blocked the bot."""

    channel = Channel.CONSOLE

    def __init__(self, blocked: set[str]) -> None:
        self.sent: list[tuple[str, Reply]] = []
        self.blocked = blocked

    async def send(self, user_id: str, replies: list[Reply]) -> None:
        if user_id in self.blocked:
            raise Unreachable("blocked")
        self.sent.extend((user_id, r) for r in replies)


async def test_organiser_lists_adds_pauses_and_deletes_reminders(core, sessions, make_event):
    event_id = await make_event()
    await make_organiser(sessions, event_id)
    listing = await talk(core, "/nhacnho", user="org")
    assert "Lịch nhắc của «Hội thảo PII tỉnh Thử Nghiệm 2026»" in listing
    assert "16:00 ngày 25/11/2026" in listing and "Nhắc lịch hôm trước, kèm mã điểm danh" in listing
    assert "đã lên lịch" in listing
    added = await talk(
        core, "/themnhacnho 3 giờ trước | đại biểu xác nhận | Xin mang theo giấy mời", user="org"
    )
    assert (
        "Đã thêm lịch nhắc" in added
        and "05:00 ngày 26/11/2026" in added
        and "Xin mang theo giấy mời" in added
    )
    # The week-before reminder (19/11) is past: no buttons. The first button pauses the next rule.
    paused = await talk(core, "/nhacnho", "1", user="org")
    assert "đang tạm dừng" in paused
    deleted = await talk(core, "/reminders", "2", "1", user="org")  # delete that rule, then confirm
    assert "Quý vị muốn xóa lịch nhắc này?" in deleted
    async with sessions() as session:
        rules = (await session.execute(select(ReminderRule).order_by(ReminderRule.id))).scalars().all()
    assert not rules[0].paused and rules[0].deleted_at is None
    assert rules[1].paused and rules[1].deleted_at is not None
    assert [r.text for r in rules if r.text] == ["Xin mang theo giấy mời"]


async def test_bad_reminders_and_wrong_roles_get_a_polite_answer(core, sessions, make_event):
    event_id = await make_event()
    await make_organiser(sessions, event_id)
    assert "Không hiểu thời điểm «ngày mai»" in await talk(
        core, "/themnhacnho ngày mai | xác nhận | x", user="org"
    )
    assert "Không rõ nhóm người nhận" in await talk(core, "/themnhacnho 2 giờ trước | ai đó | x", user="org")
    assert "Cách dùng: /themnhacnho" in await talk(core, "/themnhacnho", user="org")
    assert "Thời điểm này đã qua" in await talk(core, "/themnhacnho 10 ngày trước | xác nhận | x", user="org")
    refused = await talk(core, "/nhacnho", "/thongbao", user="delegate")
    assert "Lịch nhắc của" not in refused and "Quý vị muốn gửi cho ai" not in refused
    async with sessions() as session:
        assert len((await session.execute(select(ReminderRule))).scalars().all()) == 5  # the defaults only


async def test_announcement_with_preview_confirm_and_delivery_counts(core, sessions, make_event):
    event_id = await make_event()
    await make_organiser(sessions, event_id)
    for user, agency in (("an", "Sở Tài chính"), ("binh", "UBND tỉnh")):
        await rsvp(sessions, event_id, await make_person(sessions, user, user.title()), agency)
    out = await talk(core, "/thongbao", "1", "Hội trường đổi sang phòng 201, tầng 2.", "1", user="org")
    assert "Quý vị muốn gửi cho ai?" in out and "Gửi cho: Đại biểu đã xác nhận" in out
    assert "Xem trước — gửi cho: Đại biểu đã xác nhận (2 người)" in out and "phòng 201" in out
    assert "Đã đưa thông báo vào hàng gửi cho 2 người" in out
    recorder = Recorder(blocked={"binh"})
    await deliver_due(sessions, {Channel.CONSOLE: recorder}, now=NOW + dt.timedelta(seconds=1))
    assert [u for u, _ in recorder.sent] == ["an"]
    assert recorder.sent[0][1].text.startswith(
        "📢 Thông báo của Ban Tổ chức «Hội thảo PII tỉnh Thử Nghiệm 2026»"
    )
    status = await talk(core, "/ketquathongbao", user="org")
    assert "Đã gửi: 1 · Đang chờ: 0 · Lỗi: 0 · Không liên lạc được: 1" in status
    # Per person: the channel used and where it ended, and why not.
    assert (
        "Kết quả gửi theo từng người (2):\n• An — màn hình: đã gửi\n• Binh — màn hình: không liên lạc được (blocked)"
        in status
    )


async def test_a_fired_reminder_shows_its_delivery_per_person(core, sessions, make_event):
    from bot.run.scheduler import Ticker

    event_id = await make_event()
    await make_organiser(sessions, event_id)
    await rsvp(sessions, event_id, await make_person(sessions, "an", "An"), "Sở Tài chính")
    week = dt.datetime(2026, 11, 19, 1, 0, tzinfo=dt.UTC)  # the week-before reminder fires
    await Ticker(core, {}, clock=lambda: week).schedule(week)
    await deliver_due(
        sessions, {Channel.CONSOLE: Recorder(blocked=set())}, now=week + dt.timedelta(seconds=1)
    )
    listing = await talk(core, "/nhacnho", user="org")
    assert "📊 Kết quả gửi lời nhắc số 1" in listing
    report = await talk(core, "/nhacnho", "1", user="org")
    assert "Kết quả gửi theo từng người (1):\n• An — màn hình: đã gửi" in report


async def test_cli_lists_adds_pauses_and_deletes(settings, capsys):
    core = await open_core(settings)
    async with core.sessions() as session, session.begin():
        outcome = await save_event_draft(session, event_draft(date=dt.date.today() + dt.timedelta(days=30)))
    await core.close()
    t = translator("vi")
    assert await list_reminders(settings, t, outcome.slug) == 0
    assert "Nhắc lịch trước một tuần" in capsys.readouterr().out
    assert (
        await add_reminder(settings, t, outcome.slug, "3 days before 10:00", "organisers", "Kiểm tra phòng")
        == 0
    )
    assert "Đã thêm lịch nhắc #6" in capsys.readouterr().out
    assert await pause_reminder(settings, t, outcome.slug, 6) == 0
    assert await delete_reminder(settings, t, outcome.slug, 1) == 0
    assert await delete_reminder(settings, t, outcome.slug, 99) == 1
    assert "Không tìm thấy lịch nhắc #99." in capsys.readouterr().err
    assert await list_reminders(settings, t, outcome.slug) == 0
    listing = capsys.readouterr().out
    assert (
        "Kiểm tra phòng" in listing
        and "đang tạm dừng" in listing
        and "Nhắc lịch trước một tuần" not in listing
    )
    assert await list_reminders(settings, t, "khong-co") == 1
