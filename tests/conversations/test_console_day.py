"""A whole day in the console, as people would type it: the organiser imports the event, invites,
approves and refuses, reads the summary, announces and reads the delivery report, checks a
delegate in at the door and exports the files; delegates open their link, register, wait for a
seat and take the one offered. Every console prints what the bot queued for its user."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from bot.channels.console import ConsoleChannel
from bot.cli.events import import_file
from bot.i18n import translator
from tests.rsvp.helpers import make_organiser

pytestmark = pytest.mark.db
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "quang-tri-2024.yaml"


class Keyboard:
    """One person at one console: everything typed, everything printed."""

    def __init__(self, core, user: str, files: Path | None = None) -> None:  # type: ignore[no-untyped-def]
        self.out = io.StringIO()
        self.console = ConsoleChannel(core, self.out, user_id=user, files_dir=files)

    async def type(self, *lines: str) -> str:
        """Type lines; what was printed for them."""
        start = len(self.out.getvalue())
        for line in lines:
            await self.console.feed(line)
        return self.out.getvalue()[start:]


async def _import_event(settings, engine, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    # The bundled example, dated six days after the tests' "now" (Friday 20/11/2026).
    text = EXAMPLE.read_text(encoding="utf-8")
    text = text.replace("date: 16/06/2026", "date: 26/11/2026").replace(
        "rsvp_deadline: 12/06/2026", "rsvp_deadline: 25/11/2026"
    )
    path = tmp_path / "hoi-thao.yaml"
    path.write_text(text, encoding="utf-8")
    cli = settings.model_copy(update={"database_url": engine.url.render_as_string(hide_password=False)})
    assert await import_file(cli, translator("vi"), path, dry_run=False) == 0
    assert "Đã tạo sự kiện" in capsys.readouterr().out


def _link(invites: str, agency: str) -> str:
    return re.search(rf"\d+\. {re.escape(agency)} \(\d+ chỗ\): (/start \S+)", invites).group(1)  # type: ignore[union-attr]


async def _register(keyboard: Keyboard, first: str, name: str, phone: str) -> str:
    return await keyboard.type(first, "1", name, "Chuyên viên", phone, "1")


async def test_an_organisers_and_delegates_day(core, settings, engine, sessions, tmp_path, capsys):
    await _import_event(settings, engine, tmp_path, capsys)
    await make_organiser(sessions, 1, "org")
    org = Keyboard(core, "org", files=tmp_path / "files")
    an, binh, chi, dung = (Keyboard(core, user) for user in ("an", "binh", "chi", "dung"))

    # Invite: one link per agency.
    invites = await org.type("/loimoi")
    finance = _link(invites, "Sở Tài chính")  # one seat

    # Delegates with the link: the first takes the seat, the second waits.
    first = await _register(an, finance, "Nguyễn Văn An", "0912 000 001")
    assert "Quý vị có tham dự" in first
    assert "Cảm ơn Quý vị đã xác nhận tham dự" in await an.type("1")
    await _register(binh, finance, "Trần Thị Bình", "0912 000 002")
    waiting = await binh.type("1")
    assert "danh sách chờ, vị trí thứ 1" in waiting

    # Two delegates without a link: the organiser approves one and refuses the other.
    for keyboard, name in ((chi, "Lê Văn Chí"), (dung, "Phạm Thị Dung")):
        await keyboard.type("/dangky", "Sở Y tế", "1", "1", name, "Chuyên viên", "0912 000 003", "1")
    alerts = await org.type("/choduyet")
    assert "🔔 Tin nhắn mới" in alerts and "Đăng ký mới cần duyệt" in alerts  # the alerts, now printed
    assert "1. Lê Văn Chí" in alerts and "2. Phạm Thị Dung" in alerts
    buttons = alerts.rsplit("Đăng ký đang chờ duyệt", 1)[1]
    assert "[1] ✅ Duyệt 1  [2] ✖️ Không duyệt 1  [3] ✅ Duyệt 2  [4] ✖️ Không duyệt 2" in buttons
    assert "Đã duyệt." in await org.type("1")
    # A number typed now refers to the latest message (which has no buttons): it presses nothing.
    assert "Đã từ chối" not in await org.type("4")
    refused = await org.type("/choduyet", "2", "Sở Y tế đã cử đủ đại biểu.")
    assert "Đã từ chối đăng ký" in refused
    assert "Ban Tổ chức đã duyệt đăng ký" in await chi.type("/toi")
    told = await dung.type("/toi")
    assert "Lý do: Sở Y tế đã cử đủ đại biểu." in told and "không duyệt đăng ký" in told

    # The summary counts what happened.
    summary = await org.type("/tonghop")
    assert "Sở Tài chính — 1 chỗ: ✅ 1 · ❌ 0 · ❔ 0 · ⏳ 1" in summary

    # The first delegate cannot come: the seat is offered to the second, who takes it.
    assert "Không tham dự" in await an.type("/toi", "2")
    offer = await binh.type("/toi")
    assert "Đã có một chỗ trống cho Quý vị" in offer
    numbers = re.findall(r"\[(\d)\] ✅ Nhận chỗ", offer)
    assert "Cảm ơn Quý vị đã xác nhận tham dự" in await binh.type(numbers[-1])

    # An announcement to the confirmed delegates, and its delivery report.
    sent = await org.type("/thongbao Hội trường đổi sang phòng 201, tầng 2.", "1", "1")
    assert (
        "«Hội trường đổi sang phòng 201, tầng 2.»" in sent
        and "Đã đưa thông báo vào hàng gửi cho 1 người" in sent
    )
    assert "📢 Thông báo của Ban Tổ chức" in await binh.type("/toi")
    report = await org.type("/ketquathongbao")
    assert "Đã gửi: 1 · Đang chờ: 0" in report

    # The day itself: the clock moves on, the delegate shows the code, the organiser checks in.
    moved = await org.type("/tua 6 ngày")
    assert "⏩ Đã tua thời gian của bản demo đến 09:00 ngày 26/11/2026." in moved
    code = re.search(r"Mã điểm danh của Quý vị cho sự kiện «.+»: (\S+)", await binh.type("/diemdanh")).group(
        1
    )  # type: ignore[union-attr]
    assert "✅ Đã điểm danh: Trần Thị Bình — Sở Tài chính" in await org.type(f"/diemdanh {code}")

    # The files: the workbook and the sign-in sheet, written where the console keeps files.
    await org.type("/xuatbaocao", "/kynhan")
    workbook = load_workbook(tmp_path / "files" / "hoi-thao-pii-quang-tri-2024-bao-cao.xlsx")
    signed = [
        row for row in workbook["Danh sách ký nhận"].iter_rows(values_only=True) if row[1] == "Trần Thị Bình"
    ]
    assert signed and signed[0][4] == "0912000002"
    pdf = PdfReader(tmp_path / "files" / "hoi-thao-pii-quang-tri-2024-danh-sach-ky-nhan.pdf")
    assert "Trần Thị Bình" in pdf.pages[0].extract_text()


async def test_numbers_press_only_the_latest_buttons(core, sessions, make_event):
    event_id = await make_event()
    await make_organiser(sessions, event_id, "org")
    org = Keyboard(core, "org")
    listing = await org.type("/nhacnho")
    assert "[1]" in listing  # the reminders, each with its buttons
    await org.type("/chuongtrinh")  # an answer with other buttons (or none)
    await org.type("/tonghop", "/ketquathongbao")  # the latest answer has only a refresh button
    assert "tạm dừng" not in (await org.type("2")).lower()
    async with sessions() as session:
        from sqlalchemy import select

        from storage.reminder_models import ReminderRule

        assert not any((await session.execute(select(ReminderRule.paused))).scalars())


async def test_fast_forward_fires_reminders_and_prints_them(core, sessions, make_event):
    from tests.rsvp.helpers import make_person, rsvp

    event_id = await make_event()  # Thursday 26/11/2026, 08:00; "now" is Friday 20/11 09:00
    person = await make_person(sessions, "console", "Nguyễn Văn An")
    await rsvp(sessions, event_id, person, "Sở Tài chính")
    me = Keyboard(core, "console")
    assert "Cách dùng: /tua" in await me.type("/tua mai")
    # Each /tua jumps to the next reminder of the event: the two RSVP nudges (for those who have
    # not answered: nothing for me), the day before at 16:00 with my check-in code, then "two
    # hours before" the 08:00 start, moved out of quiet hours to 07:00.
    first = await me.type("/tua")
    assert "⏩ Đã tua thời gian của bản demo đến 09:00 ngày 21/11/2026." in first
    assert "Chưa có tin nhắn nào đến hạn." in first
    assert "đến 09:00 ngày 24/11/2026." in await me.type("/tua")
    day_before = await me.type("/tua")
    assert "đến 16:00 ngày 25/11/2026." in day_before
    assert "🔔 Tin nhắn mới (1):" in day_before and "Mã điểm danh của Quý vị" in day_before
    morning = await me.type("/tua")
    assert "đến 07:00 ngày 26/11/2026." in morning and "sẽ bắt đầu lúc 08:00 ngày 26/11/2026" in morning
    assert "Không còn lời nhắc hay tin nhắn nào đang chờ gửi." in await me.type("/tua")
    assert "đến 07:30 ngày 26/11/2026." in await me.type("/tua 30 phút")
