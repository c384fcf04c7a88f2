"""The registration conversation through the console channel, and what the database holds."""

from __future__ import annotations

import io
import zipfile

import pytest
from PIL import Image
from sqlalchemy import select

from bot.app import BotCore
from bot.domain.registration.invitations import agency_invitations, revoke_invitation
from bot.messages import Contact, Inbound
from bot.outbox.delivery import body_to_replies
from storage.enums import Channel
from storage.models import Identity, OutboxMessage, Person
from storage.rsvp_models import Registration
from storage.rsvp_models import RegistrationStatus as S
from tests.console import talk
from tests.rsvp.helpers import make_organiser

pytestmark = pytest.mark.db


async def token_for(sessions, event_id: int, agency: str) -> str:  # type: ignore[no-untyped-def]
    """The delegate invitation token of an agency."""
    async with sessions() as session, session.begin():
        for quota, invitation in await agency_invitations(session, event_id):
            if quota.agency.name == agency:
                return invitation.token
    raise AssertionError(agency)


REGISTER = ["1", "Nguyễn Thị Minh Anh", "Phó Giám đốc", "0912 345 678"]


async def test_from_link_to_confirmed_seat(core, sessions, make_event):
    event_id = await make_event(seats={"Sở Tài chính": 1})
    token = await token_for(sessions, event_id, "Sở Tài chính")
    text = await talk(core, f"/start {token}", *REGISTER, "1", "1")
    assert "Kính mời Quý đại biểu của Sở Tài chính tham dự" in text
    assert "Nghị định 13/2023/NĐ-CP" in text
    assert "• Họ và tên: Nguyễn Thị Minh Anh\n• Chức vụ: Phó Giám đốc\n• Số điện thoại: +84912345678" in text
    assert "Quý vị có tham dự «Hội thảo PII tỉnh Thử Nghiệm 2026» không?" in text
    assert "Cảm ơn Quý vị đã xác nhận tham dự" in text
    async with sessions() as session:
        person = (await session.execute(select(Person).where(Person.full_name.is_not(None)))).scalar_one()
        assert (person.phone, person.position) == ("+84912345678", "Phó Giám đốc")
        assert person.consent_at is not None
        reg = (await session.execute(select(Registration))).scalar_one()
        assert reg.status == S.CONFIRMED
    # /me shows the person their own data.
    me = await talk(core, "/toi")
    assert "Tình trạng: đã xác nhận tham dự" in me and "+84912345678" in me


async def test_no_consent_stores_nothing(core, sessions, make_event):
    event_id = await make_event()
    token = await token_for(sessions, event_id, "UBND tỉnh")
    text = await talk(core, f"/start {token}", "2")
    assert "Ban Tổ chức chưa lưu thông tin nào của Quý vị." in text
    async with sessions() as session:
        assert (await session.execute(select(Registration))).first() is None
        assert (await session.execute(select(Person.consent_at))).scalar_one() is None


async def test_bad_phone_and_edit_then_confirm(core, sessions, make_event):
    event_id = await make_event()
    token = await token_for(sessions, event_id, "UBND tỉnh")
    text = await talk(
        core,
        f"/start {token}",
        "1",
        "Trần Văn B",
        "Chuyên viên",
        "12345",
        "0987654321",
        "3",
        "Trưởng phòng",
        "1",
    )
    assert "Số điện thoại chưa đúng" in text
    assert "• Chức vụ: Trưởng phòng" in text
    async with sessions() as session:
        person = (await session.execute(select(Person).where(Person.full_name == "Trần Văn B"))).scalar_one()
        assert person.position == "Trưởng phòng" and person.phone == "+84987654321"


async def test_shared_contact_is_used_as_phone(core, sessions, make_event):
    event_id = await make_event()
    token = await token_for(sessions, event_id, "UBND tỉnh")
    await talk(core, f"/start {token}", "1", "Lê C", "Chuyên viên")
    replies = await core.handle(
        Inbound(
            channel=Channel.CONSOLE,
            user_id="console",
            contact=Contact(phone="84912000111", user_id="console"),
        )
    )
    assert "+84912000111" in replies[0].text
    # Someone else's contact is refused.
    other = await core.handle(Inbound(channel=Channel.CONSOLE, user_id="console", payload="reg:edit:phone"))
    assert other[0].request_phone
    refused = await core.handle(
        Inbound(
            channel=Channel.CONSOLE, user_id="console", contact=Contact(phone="0912000222", user_id="someone")
        )
    )
    assert "số điện thoại của chính mình" in refused[0].text


async def test_interrupted_registration_resumes_after_restart(settings, engine, clock, sessions, make_event):
    event_id = await make_event()
    token = await token_for(sessions, event_id, "UBND tỉnh")
    await talk(BotCore(settings, engine, clock=clock), f"/start {token}", "1", "Phạm D")
    text = await talk(BotCore(settings, engine, clock=clock), "Chánh Văn phòng", "0912 111 222", "1")
    assert "• Họ và tên: Phạm D\n• Chức vụ: Chánh Văn phòng" in text
    assert "Quý vị có tham dự" in text


async def test_cancel_at_any_step(core, sessions, make_event):
    event_id = await make_event()
    token = await token_for(sessions, event_id, "UBND tỉnh")
    text = await talk(core, f"/start {token}", "1", "/huy", "Some text")
    assert "Đã dừng thao tác." in text
    async with sessions() as session:
        assert (await session.execute(select(Registration))).first() is None


async def test_full_agency_waitlists_then_offer_after_decline(core, sessions, make_event):
    event_id = await make_event(seats={"Sở Tài chính": 1})
    token = await token_for(sessions, event_id, "Sở Tài chính")
    await talk(core, f"/start {token}", *REGISTER, "1", "1", user="a")
    text = await talk(
        core, f"/start {token}", "1", "Hoàng E", "Chuyên viên", "0912 333 444", "1", "1", user="b"
    )
    assert "danh sách chờ, vị trí thứ 1" in text
    text = await talk(core, "/toi", "2", user="a")  # a declines
    assert "Đã ghi nhận Quý vị không tham dự" in text
    async with sessions() as session:
        identity_b = (await session.execute(select(Identity).where(Identity.external_id == "b"))).scalar_one()
        message = (
            await session.execute(select(OutboxMessage).where(OutboxMessage.identity_id == identity_b.id))
        ).scalar_one()
        offer = body_to_replies(message.body)[0]
    assert "Đã có một chỗ trống cho Quý vị" in offer.text
    accept = offer.buttons[0][0].payload
    replies = await core.handle(Inbound(channel=Channel.CONSOLE, user_id="b", payload=accept))
    assert "Cảm ơn Quý vị đã xác nhận tham dự" in replies[0].text
    # Someone else pressing b's button is refused.
    stolen = await core.handle(Inbound(channel=Channel.CONSOLE, user_id="a", payload=accept))
    assert "Nút này không dành cho Quý vị." in stolen[0].text


async def test_transfer_link_hands_the_seat_to_a_colleague(core, sessions, make_event):
    event_id = await make_event(seats={"Sở Tài chính": 1})
    token = await token_for(sessions, event_id, "Sở Tài chính")
    await talk(core, f"/start {token}", *REGISTER, "1", "1", user="a")
    text = await talk(core, "/nhuongcho", user="a")
    link = text.split("(chỉ dùng được một lần):\n", 1)[1].split("\n", 1)[0]
    assert link.startswith("/start ")
    text = await talk(core, link, "1", "Vũ F", "Chuyên viên", "0912 555 666", "1", user="b")
    assert "Quý vị đã nhận chỗ tham dự" in text
    async with sessions() as session:
        rows = dict((await session.execute(select(Registration.person_id, Registration.status))).all())
    assert sorted(rows.values()) == sorted([S.CANCELLED, S.CONFIRMED])
    # The link works once.
    again = await talk(core, link, user="c")
    assert "đã được dùng hết số lần cho phép" in again


async def test_revoked_link_is_refused(core, sessions, make_event):
    event_id = await make_event()
    async with sessions() as session, session.begin():
        quota, invitation = (await agency_invitations(session, event_id))[0]
        await revoke_invitation(session, invitation.id)
    text = await talk(core, f"/start {invitation.token}")
    assert "đã bị Ban Tổ chức thu hồi" in text


async def test_registration_without_link_waits_for_one_tap_approval(core, sessions, make_event):
    event_id = await make_event(seats={"Sở Tài chính": 1, "Sở Y tế": 2})
    organiser = await make_organiser(sessions, event_id, "org")
    text = await talk(core, "/dangky", "tai chinh", "1", *REGISTER, "1", user="d")
    assert "Quý vị thuộc cơ quan nào dưới đây?" in text and "[1] Sở Tài chính" in text
    assert "đang chờ Ban Tổ chức duyệt" in text
    async with sessions() as session:
        reg = (await session.execute(select(Registration))).scalar_one()
        assert reg.status == S.PENDING_APPROVAL
        org_identity = (
            await session.execute(select(Identity).where(Identity.person_id == organiser))
        ).scalar_one()
        message = (
            await session.execute(select(OutboxMessage).where(OutboxMessage.identity_id == org_identity.id))
        ).scalar_one()
    alert = body_to_replies(message.body)[0]
    assert "Nguyễn Thị Minh Anh" in alert.text and "0912345678" in alert.text
    approve = alert.buttons[0][0].payload
    # A delegate cannot approve; the organiser can, once.
    refused = await core.handle(Inbound(channel=Channel.CONSOLE, user_id="d", payload=approve))
    assert "chỉ dành cho Ban Tổ chức" in refused[0].text
    done = await core.handle(Inbound(channel=Channel.CONSOLE, user_id="org", payload=approve))
    assert "Đã duyệt." in done[0].text
    twice = await core.handle(Inbound(channel=Channel.CONSOLE, user_id="org", payload=approve))
    assert "đã được xử lý trước đó" in twice[0].text
    async with sessions() as session:
        assert (await session.execute(select(Registration.status))).scalar_one() == S.INVITED


async def test_organiser_invites_give_links_and_qr_codes(core, sessions, make_event):
    event_id = await make_event()
    await make_organiser(sessions, event_id, "org")
    refused = await talk(core, "/loimoi", user="x")
    assert "chỉ dành cho Ban Tổ chức" in refused
    replies = await core.handle(Inbound(channel=Channel.CONSOLE, user_id="org", text="/loimoi"))
    assert "1. UBND tỉnh (2 chỗ): /start " in replies[0].text
    archive = zipfile.ZipFile(io.BytesIO(replies[0].files[0].data))
    pngs = [n for n in archive.namelist() if n.endswith(".png")]
    assert len(pngs) == 3
    image = Image.open(io.BytesIO(archive.read(pngs[0])))
    assert image.format == "PNG" and image.size[0] > 100
    assert "UBND tỉnh" in archive.read("index.csv").decode("utf-8-sig")


async def test_organiser_quota_commands(core, sessions, make_event):
    event_id = await make_event(seats={"Sở Tài chính": 2})
    await make_organiser(sessions, event_id, "org")
    token = await token_for(sessions, event_id, "Sở Tài chính")
    await talk(core, f"/start {token}", *REGISTER, "1", "1", user="a")
    await talk(core, f"/start {token}", "1", "Đỗ G", "Chuyên viên", "0912 777 888", "1", "1", user="b")
    text = await talk(core, "/soghe Sở Tài chính | 1 | hội trường nhỏ", "1", user="org")
    assert "đã có 2 người giữ chỗ, nhiều hơn 1" in text
    assert "Đã giảm số chỗ của Sở Tài chính còn 1; đã chuyển 1 người vào danh sách chờ" in text
    assert "Cách dùng: /soghe" in await talk(core, "/soghe Sở Tài chính", user="org")
    assert "chỉ dành cho Ban Tổ chức" in await talk(core, "/soghe Sở Tài chính | 5 | x", user="a")
