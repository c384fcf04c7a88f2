"""Every organiser command and button is refused politely to delegates and strangers, and the
refusal changes nothing in the database."""

from __future__ import annotations

import pytest

from bot.domain.registration.registrations import start_registration
from tests.organiser.helpers import build_data_set, registration_in, say, snapshot, text_of
from tests.rsvp.helpers import agency_id, make_person

pytestmark = pytest.mark.db

REFUSAL = "Xin lỗi, chức năng này chỉ dành cho Ban Tổ chức."

COMMANDS = [
    "/tochuc",
    "/organiser",
    "/tonghop",
    "/summary",
    "/xuatbaocao",
    "/export",
    "/tructiep",
    "/live",
    "/themtochuc",
    "/addorganiser",
    "/qrhoitruong",
    "/venueqr",
    "/qrhoitruong moi",
    "/diemdanh {code}",
    "/checkin {code}",
    "/loimoi",
    "/invites",
    "/soghe Sở Tài chính | 3 | thêm chỗ",
    "/quota Sở Tài chính | 0 | bớt",
    "/chuyenghe Sở Nội vụ | Sở Tài chính | 1 | điều chỉnh",
    "/moveseats Sở Nội vụ | UBND tỉnh | 1 | x",
    "/themdaibieu Sở Nội vụ | Nguyễn Văn Khách | Chuyên viên | 0912345678 | bổ sung",
    "/adddelegate Sở Nội vụ | Nguyễn Văn Khách | Chuyên viên | 0912345678 | bổ sung",
    "/xoadaibieu {registration} | vắng",
    "/removedelegate {registration} | vắng",
    "/nhanthongbao tonghop",
    "/notify now",
]
BUTTONS = [
    "cmd:summary",
    "cmd:export",
    "cmd:live",
    "cmd:venueqr",
    "cmd:addorganiser",
    "cmd:organiser",
    "org:approve:{pending}",
    "org:quota:force",
]


@pytest.fixture
async def world(sessions, make_event):  # type: ignore[no-untyped-def]
    """The known data set, a registration waiting for approval, and what the commands refer to."""
    data = await build_data_set(sessions, make_event)
    waiting = await make_person(sessions, "d-khach", "Ngô Văn Khách")
    async with sessions() as session, session.begin():
        pending = await start_registration(
            session, data.event_id, waiting, await agency_id(session, "UBND tỉnh"), needs_approval=True
        )
        binh = await registration_in(session, data.event_id, data.person("binh"))
    return {"code": binh.check_in_code, "registration": binh.id, "pending": pending.id}


@pytest.mark.parametrize("user", ["d-binh", "stranger"])
async def test_commands_refused(core, engine, world, user):
    await say(core, "/trogiup", user=user)  # the stranger's identity exists before the snapshot
    before = await snapshot(engine)
    for template in COMMANDS:
        replies = await say(core, template.format(**world), user=user)
        assert text_of(replies) == REFUSAL, template
    assert await snapshot(engine) == before


@pytest.mark.parametrize("user", ["d-binh", "stranger"])
async def test_buttons_refused(core, engine, world, user):
    await say(core, "/trogiup", user=user)
    before = await snapshot(engine)
    for template in BUTTONS:
        replies = await say(core, user=user, payload=template.format(**world))
        assert text_of(replies) == REFUSAL, template
    assert await snapshot(engine) == before


async def test_scanning_someone_elses_code_is_refused(core, engine, world):
    await say(core, "/trogiup", user="stranger")
    before = await snapshot(engine)
    for user in ("stranger", "d-an"):
        text = text_of(await say(core, f"/start ci_{world['code']}", user=user))
        assert "Mã QR này dùng để Ban Tổ chức điểm danh đại biểu" in text
    assert await snapshot(engine) == before


async def test_english_refusal(core, world):
    await say(core, "/lang en", user="stranger")
    assert text_of(await say(core, "/summary", user="stranger")) == "Sorry, this is only for the organisers."


async def test_organiser_commands_answer_the_organiser(core, world):
    for command in ("/tochuc", "/tonghop", "/tructiep", "/qrhoitruong", "/themtochuc"):
        assert REFUSAL not in text_of(await say(core, command, user="org")), command
    help_text = text_of(await say(core, "/tochuc", user="org"))
    assert help_text.startswith("🛠 Các lệnh dành cho Ban Tổ chức")
    assert "/tonghop (/summary) — " in help_text and "/choduyet (/pending) — " in help_text


async def test_added_organiser_link_works_once(core, world):
    text = text_of(await say(core, "/themtochuc", user="org"))
    link = next(line for line in text.splitlines() if line.startswith("/start "))
    assert "Quý vị đã được thêm vào Ban Tổ chức" in text_of(await say(core, link, user="new-org"))
    assert "Tổng cộng — 11 chỗ" in text_of(await say(core, "/tonghop", user="new-org"))
    # One use only: someone else opening the same link gets no role.
    assert "đã được dùng hết" in text_of(await say(core, link, user="stranger"))
    assert text_of(await say(core, "/tonghop", user="stranger")) == REFUSAL
