"""Check-in on the day: the delegate's pass, the organiser scanning or typing a code, the venue's
self check-in link, and the rules (twice, wrong code, outside hours, not confirmed)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from PIL import Image
from sqlalchemy import select

from bot.app import BotCore
from bot.domain.checkin.arrivals import CODE_ALPHABET, CODE_LENGTH, display_code, normalise_code
from storage.models import AuditEntry
from tests.organiser.helpers import ON_THE_DAY, build_data_set, registration_in, say, snapshot, text_of

pytestmark = pytest.mark.db

HANOI = dt.timezone(dt.timedelta(hours=7))


def at(hour: int, minute: int = 0, day: int = 26) -> dt.datetime:
    """A moment in Hà Nội time in November 2026."""
    return dt.datetime(2026, 11, day, hour, minute, tzinfo=HANOI)


def core_at(settings, engine, moment: dt.datetime) -> BotCore:  # type: ignore[no-untyped-def]
    """A core whose clock is stopped at `moment`."""
    return BotCore(settings, engine, clock=lambda: moment)


async def _registration(sessions, data, key):  # type: ignore[no-untyped-def]
    async with sessions() as session:
        return await registration_in(session, data.event_id, data.person(key))


def test_codes_are_unambiguous_and_typed_forgivingly():
    assert not set("01OI") & set(CODE_ALPHABET)
    assert normalise_code(" abcd-2345 ") == "ABCD2345"
    assert normalise_code("ABCD1234") is None  # '1' is never in a code
    assert normalise_code("ABC") is None
    assert display_code("ABCD2345") == "ABCD-2345"


async def test_confirmed_delegate_gets_a_code_and_qr(core, sessions, make_event):
    data = await build_data_set(sessions, make_event)
    registration = await _registration(sessions, data, "binh")
    assert registration.check_in_code is not None and len(registration.check_in_code) == CODE_LENGTH
    (reply,) = await say(core, "/diemdanh", user="d-binh")
    assert display_code(registration.check_in_code) in reply.text
    (qr,) = reply.files
    assert qr.is_photo and Image.open(io.BytesIO(qr.data)).format == "PNG"
    # Unconfirmed people get no pass; strangers are told they are not registered.
    assert "Chỉ đại biểu đã xác nhận tham dự" in text_of(await say(core, "/diemdanh", user="d-giang"))
    assert "chưa có đăng ký tham dự" in text_of(await say(core, "/diemdanh", user="stranger"))
    assert "Cách dùng: /diemdanh MÃ" in text_of(await say(core, "/diemdanh", user="org"))


async def test_organiser_scans_the_qr_twice(settings, engine, sessions, make_event):
    data = await build_data_set(sessions, make_event)
    code = (await _registration(sessions, data, "binh")).check_in_code
    door = core_at(settings, engine, at(8, 5))
    text = text_of(await say(door, f"/start ci_{code}", user="org"))
    assert "✅ Đã điểm danh: Trần Thị Bình — Sở Khoa học và Công nghệ, lúc 08:05.\nĐã đến: 3/3" in text
    registration = await _registration(sessions, data, "binh")
    assert registration.checked_in_at == at(8, 5) and registration.checked_in_by == data.organiser
    later = core_at(settings, engine, at(9, 30))
    text = text_of(await say(later, f"/start ci_{code}", user="org"))
    assert "ℹ️ Trần Thị Bình — Sở Khoa học và Công nghệ đã điểm danh lúc 08:05." in text
    assert (await _registration(sessions, data, "binh")).checked_in_at == at(8, 5)
    async with sessions() as session:
        actions = (await session.execute(select(AuditEntry.action))).scalars().all()
    assert actions.count("checkin.recorded") == 3  # two in the data set, one here


async def test_organiser_types_a_code(settings, engine, sessions, make_event):
    data = await build_data_set(sessions, make_event)
    code = (await _registration(sessions, data, "binh")).check_in_code
    door = core_at(settings, engine, at(8, 0))
    typed = display_code(code).lower()
    assert "✅ Đã điểm danh: Trần Thị Bình" in text_of(await say(door, f"/diemdanh {typed}", user="org"))


async def test_wrong_code_and_wrong_day_change_nothing(core, settings, engine, sessions, make_event):
    data = await build_data_set(sessions, make_event)
    code = (await _registration(sessions, data, "binh")).check_in_code
    door = core_at(settings, engine, at(8, 0))
    await say(door, "/trogiup", user="org")
    before = await snapshot(engine)
    text = text_of(await say(door, "/diemdanh ZZZZ-ZZZZ", user="org"))
    assert text == "Không tìm thấy mã điểm danh «ZZZZ-ZZZZ» trong sự kiện này. Quý vị vui lòng kiểm tra lại."
    assert "không còn hiệu lực" in text_of(await say(door, "/start ci_ZZZZZZZZ", user="org"))
    # The clock fixture is six days before the event.
    text = text_of(await say(core, f"/diemdanh {code}", user="org"))
    assert text == "Chỉ điểm danh được vào ngày diễn ra sự kiện (26/11/2026)."
    assert await snapshot(engine) == before


async def _venue_link(settings, engine) -> str:  # type: ignore[no-untyped-def]
    (reply,) = await say(core_at(settings, engine, at(7, 0, day=25)), "/qrhoitruong", user="org")
    assert "Nhận điểm danh từ 07:00 đến 11:45 ngày 26/11/2026" in reply.text
    (qr,) = reply.files
    assert qr.is_photo and Image.open(io.BytesIO(qr.data)).format == "PNG"
    return next(
        line.split(": ", 1)[1] for line in reply.text.splitlines() if line.startswith("Đường liên kết")
    )


async def test_self_check_in_through_the_venue_link(settings, engine, sessions, make_event):
    data = await build_data_set(sessions, make_event)
    link = await _venue_link(settings, engine)
    assert link.startswith("/start vc_")
    door = core_at(settings, engine, at(7, 0))  # the window opens an hour before 08:00
    text = text_of(await say(door, link, user="d-binh"))
    assert "✅ Kính chào Quý đại biểu Trần Thị Bình (Sở Khoa học và Công nghệ)! Quý vị đã điểm danh" in text
    assert "lúc 07:00" in text
    text = text_of(await say(core_at(settings, engine, at(9, 0)), link, user="d-binh"))
    assert "đã điểm danh lúc 07:00" in text
    registration = await _registration(sessions, data, "binh")
    assert registration.checked_in_by == data.person("binh")
    # The same link again from /qrhoitruong: printed QR codes keep working.
    assert await _venue_link(settings, engine) == link


@pytest.mark.parametrize("moment", [at(6, 59), at(11, 46), at(9, 0, day=25), at(9, 0, day=27)])
async def test_self_check_in_outside_hours_is_refused(settings, engine, sessions, make_event, moment):
    data = await build_data_set(sessions, make_event)
    link = await _venue_link(settings, engine)
    await say(core_at(settings, engine, moment), "/trogiup", user="d-binh")
    before = await snapshot(engine)
    text = text_of(await say(core_at(settings, engine, moment), link, user="d-binh"))
    assert text.startswith("Điểm danh tại hội trường chỉ nhận từ 07:00 đến 11:45 ngày 26/11/2026.")
    assert await snapshot(engine) == before
    assert (await _registration(sessions, data, "binh")).checked_in_at is None


async def test_self_check_in_needs_a_confirmed_seat(settings, engine, sessions, make_event):
    await build_data_set(sessions, make_event)
    link = await _venue_link(settings, engine)
    door = core_at(settings, engine, at(8, 0))
    await say(door, "/trogiup", user="stranger")
    before = await snapshot(engine)
    for user in ("d-giang", "d-dung", "d-cuong"):  # waitlisted, not answered, declined
        assert "Chỉ đại biểu đã xác nhận tham dự mới được điểm danh" in text_of(
            await say(door, link, user=user)
        )
    assert "chưa có đăng ký tham dự sự kiện này" in text_of(await say(door, link, user="stranger"))
    assert await snapshot(engine) == before


async def test_renewed_venue_link_replaces_the_old_one(settings, engine, sessions, make_event):
    await build_data_set(sessions, make_event)
    old = await _venue_link(settings, engine)
    (reply,) = await say(core_at(settings, engine, at(7, 0, day=25)), "/qrhoitruong moi", user="org")
    assert old.split()[-1] not in reply.text
    door = core_at(settings, engine, at(8, 0))
    assert "đã được Ban Tổ chức thay bằng mã mới" in text_of(await say(door, old, user="d-binh"))
    assert "Chào mừng" not in text_of(await say(door, "/start vc_unknown-token", user="d-binh"))


async def test_live_view_after_check_ins(settings, engine, sessions, make_event):
    data = await build_data_set(sessions, make_event)
    code = (await _registration(sessions, data, "binh")).check_in_code
    door = core_at(settings, engine, ON_THE_DAY)
    await say(door, f"/diemdanh {code}", user="org")
    text = text_of(await say(door, "/tructiep", user="org"))
    assert "Đã đến: 3/3 đại biểu đã xác nhận" in text and "• Sở Khoa học và Công nghệ: 2/2" in text
