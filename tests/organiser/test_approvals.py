"""The approval queue: approve and refuse from the alert or /choduyet, pending counts in the
summary, digest and workbook, the daily nudge; what the delegate and the database see."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from bot.outbox.delivery import body_to_replies
from bot.run.jobs import nudge_pending_approvals, send_organiser_digests
from storage.models import AuditEntry, Identity, OutboxMessage
from storage.rsvp_models import OrganiserPreference, Registration
from storage.rsvp_models import RegistrationStatus as S
from tests.console import talk
from tests.organiser.helpers import say, text_of
from tests.rsvp.helpers import make_organiser

pytestmark = pytest.mark.db

DETAILS = ["1", "Nguyễn Thị Minh Anh", "Phó Giám đốc", "0912 345 678", "1"]


async def _messages(sessions, person_id: int):  # type: ignore[no-untyped-def]
    async with sessions() as session:
        rows = await session.execute(
            select(OutboxMessage.body)
            .join(Identity, Identity.id == OutboxMessage.identity_id)
            .where(Identity.person_id == person_id)
            .order_by(OutboxMessage.id)
        )
        return [reply for body in rows.scalars() for reply in body_to_replies(body)]


async def _person_of(sessions, user: str) -> int:  # type: ignore[no-untyped-def]
    async with sessions() as session:
        return (
            await session.execute(select(Identity.person_id).where(Identity.external_id == user))
        ).scalar_one()


async def _register_without_link(core, user: str, name: str, agency: str = "tai chinh") -> None:  # type: ignore[no-untyped-def]
    await talk(core, "/dangky", agency, "1", "1", name, "Chuyên viên", "0912 345 678", "1", user=user)


async def _status(sessions, user: str) -> S:  # type: ignore[no-untyped-def]
    person = await _person_of(sessions, user)
    async with sessions() as session:
        return (
            await session.execute(select(Registration.status).where(Registration.person_id == person))
        ).scalar_one()


async def test_alert_has_approve_and_refuse_and_refusal_reason_reaches_the_delegate(
    core, sessions, make_event
):
    event_id = await make_event(seats={"Sở Tài chính": 2})
    organiser = await make_organiser(sessions, event_id, "org")
    await _register_without_link(core, "d", "Nguyễn Thị Minh Anh")
    alert = (await _messages(sessions, organiser))[-1]
    labels = [b.label for row in alert.buttons for b in row]
    assert labels == ["✅ Duyệt", "✖️ Không duyệt"]
    refuse = alert.buttons[0][1].payload
    # A delegate cannot refuse.
    assert "chỉ dành cho Ban Tổ chức" in text_of(await say(core, user="d", payload=refuse))
    asked = text_of(await say(core, user="org", payload=refuse))
    assert "lý do không duyệt" in asked
    done = text_of(await say(core, "Cơ quan đã cử đủ đại biểu theo giấy mời.", user="org"))
    assert "Đã từ chối đăng ký" in done and "còn chờ duyệt: 0" in done
    assert await _status(sessions, "d") == S.REFUSED
    told = (await _messages(sessions, await _person_of(sessions, "d")))[-1].text
    assert "chưa thể chấp nhận đăng ký" in told and "Lý do: Cơ quan đã cử đủ đại biểu theo giấy mời." in told
    async with sessions() as session:
        audit = (
            await session.execute(select(AuditEntry).where(AuditEntry.action == "registration.refused"))
        ).scalar_one()
    assert audit.actor_person_id == organiser
    # The approve button of the same alert no longer changes anything.
    again = text_of(await say(core, user="org", payload=alert.buttons[0][0].payload))
    assert "đã được xử lý trước đó" in again
    assert await _status(sessions, "d") == S.REFUSED
    # The refused delegate sees it, and is not offered to answer the invitation.
    me = await talk(core, "/toi", user="d")
    assert "Tình trạng: Ban Tổ chức không duyệt đăng ký" in me and "Tham dự" not in me


async def test_pending_list_approves_and_refuses_by_button(core, sessions, make_event):
    event_id = await make_event(seats={"Sở Tài chính": 2, "Sở Y tế": 1})
    await make_organiser(sessions, event_id, "org")
    assert "Không có đăng ký nào đang chờ duyệt" in await talk(core, "/choduyet", user="org")
    await _register_without_link(core, "a", "Trần Văn Ánh")
    await _register_without_link(core, "b", "Lê Thị Bích", agency="y te")
    assert "chỉ dành cho Ban Tổ chức" in await talk(core, "/choduyet", user="a")
    # Approve the first (button 1), refuse the second (button 4) with a reason, in one console.
    text = await talk(core, "/choduyet", "1", "/choduyet", "2", "Không thuộc thành phần mời.", user="org")
    assert "Đăng ký đang chờ duyệt cho «Hội thảo PII tỉnh Thử Nghiệm 2026»: 2" in text
    assert "1. Trần Văn Ánh — Chuyên viên" in text and "2. Lê Thị Bích — Chuyên viên" in text
    assert "[1] ✅ Duyệt 1  [2] ✖️ Không duyệt 1  [3] ✅ Duyệt 2  [4] ✖️ Không duyệt 2" in text
    assert "Đã duyệt." in text and "Đã từ chối đăng ký" in text
    assert await _status(sessions, "a") == S.INVITED
    assert await _status(sessions, "b") == S.REFUSED
    assert (
        "Ban Tổ chức đã duyệt đăng ký"
        in (await _messages(sessions, await _person_of(sessions, "a")))[-1].text
    )


async def test_refusal_needs_a_reason_and_cancel_leaves_it_pending(core, sessions, make_event):
    event_id = await make_event(seats={"Sở Tài chính": 2})
    await make_organiser(sessions, event_id, "org")
    await _register_without_link(core, "d", "Nguyễn Thị Minh Anh")
    text = await talk(core, "/choduyet", "2", "/huy", user="org")
    assert "lý do không duyệt" in text
    assert await _status(sessions, "d") == S.PENDING_APPROVAL
    too_long = await talk(core, "/choduyet", "2", "x" * 600, user="org")
    assert "Lý do quá dài" in too_long
    assert await _status(sessions, "d") == S.PENDING_APPROVAL


async def test_pending_counts_in_summary_digest_and_workbook(core, sessions, make_event):
    event_id = await make_event(seats={"Sở Tài chính": 2, "Sở Y tế": 1})
    organiser = await make_organiser(sessions, event_id, "org")
    await _register_without_link(core, "a", "Trần Văn Ánh")
    await _register_without_link(core, "b", "Lê Thị Bích")
    summary = await talk(core, "/tonghop", user="org")
    assert "Đăng ký chờ duyệt: 2 (xem và duyệt bằng /choduyet)" in summary
    replies = await say(core, "/xuatbaocao", user="org")
    book = load_workbook(io.BytesIO(replies[0].files[0].data))
    sheet = book["Tổng hợp"]
    header = [c.value for c in sheet[1]]
    column = header.index("Chờ duyệt")
    assert [row[column] for row in sheet.iter_rows(min_row=2, values_only=True)] == [2, 0, 2]
    async with sessions() as session, session.begin():
        session.add(
            OrganiserPreference(
                person_id=organiser,
                event_id=event_id,
                digest=True,
                last_digest_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=1),
            )
        )
    assert await send_organiser_digests(core, dt.datetime.now(dt.UTC) + dt.timedelta(minutes=1)) == 1
    digest = (await _messages(sessions, organiser))[-1].text
    assert "Đăng ký đang chờ duyệt: 2 (/choduyet)" in digest


async def test_daily_nudge_while_anything_waits_once_a_day(core, sessions, make_event):
    event_id = await make_event(seats={"Sở Tài chính": 2})
    organiser = await make_organiser(sessions, event_id, "org")
    now = dt.datetime(2026, 11, 21, 2, 30, tzinfo=dt.UTC)
    assert await nudge_pending_approvals(core, now) == 0  # nothing waits: nothing sent
    await _register_without_link(core, "d", "Nguyễn Thị Minh Anh")
    before = len(await _messages(sessions, organiser))
    assert await nudge_pending_approvals(core, now) == 1
    assert await nudge_pending_approvals(core, now + dt.timedelta(hours=3)) == 0  # same day: once
    nudge = (await _messages(sessions, organiser))[-1]
    assert len(await _messages(sessions, organiser)) == before + 1
    assert "còn 1 đăng ký đang chờ Ban Tổ chức duyệt" in nudge.text
    assert nudge.buttons[0][0].payload == "cmd:pending"
    assert "Nguyễn Thị Minh Anh" in text_of(await say(core, user="org", payload="cmd:pending"))
    assert await nudge_pending_approvals(core, now + dt.timedelta(days=1)) == 1  # next day, still waiting
    await talk(core, "/choduyet", "1", user="org")
    assert await nudge_pending_approvals(core, now + dt.timedelta(days=2)) == 0  # decided: quiet
