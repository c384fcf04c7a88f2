"""The status flow with its history, and who may see and do what (console conversations)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.domain.registration.invitations import create_invitation
from bot.outbox.delivery import body_to_replies
from storage.indicator_models import Assignment, Indicator, StatusChange, Submission
from storage.indicator_models import AssignmentStatus as S
from storage.models import Identity, OutboxMessage, Role
from storage.rsvp_models import InvitationKind
from tests.conftest import NOW
from tests.console import talk
from tests.indicators.conftest import Campaign

pytestmark = pytest.mark.db


async def assignment(sessions, code: str) -> Assignment:  # type: ignore[no-untyped-def]
    """The assignment of an indicator code."""
    async with sessions() as session:
        return (
            await session.execute(select(Assignment).join(Indicator).where(Indicator.code == code))
        ).scalar_one()


async def outbox_texts(sessions, person_id: int) -> list[str]:  # type: ignore[no-untyped-def]
    """Texts queued for a person."""
    async with sessions() as session:
        rows = await session.execute(
            select(OutboxMessage.body).join(Identity).where(Identity.person_id == person_id)
        )
        return [r.text for body in rows.scalars() for r in body_to_replies(body)]


async def test_status_lists_own_agency_overdue_first(core, sessions, campaign: Campaign):
    text = await talk(core, "/tiendo", user="fp_a")
    assert "Các chỉ số Sở Khoa học và Công nghệ cần cung cấp" in text
    assert text.index("[P1.a]") < text.index("[P2.a]")
    assert "Chưa bắt đầu · hạn 18/11/2026 · quá hạn 2 ngày" in text
    assert "hạn 23/11/2026 · còn 3 ngày" in text
    assert "P4.a" not in text and "P7.a" not in text
    assert "danh mục mẫu" not in text


async def test_focal_point_cannot_open_or_submit_another_agencys_indicator(
    core, sessions, campaign: Campaign
):
    other = await assignment(sessions, "P4.a")
    core_text = await talk(core, "/tiendo", user="fp_a")
    assert f"fp:open:{other.id}" not in core_text
    from bot.messages import Inbound
    from storage.enums import Channel

    for payload in (f"fp:open:{other.id}", f"fp:pick:{other.id}"):
        replies = await core.handle(Inbound(channel=Channel.CONSOLE, user_id="fp_a", payload=payload))
        assert [r.text for r in replies] == ["Chỉ số này không thuộc cơ quan của Quý vị."]
    async with sessions() as session:
        assert (await session.execute(select(Submission))).first() is None


async def test_only_organisers_review_and_export(core, sessions, campaign: Campaign):
    for command in (
        "/duyet",
        "/tiendochiso",
        "/xuatchiso",
        "/lienketdaumoi",
        "/themdaumoi Sở Tài chính | 0912345678",
    ):
        assert "chỉ dành cho Ban Tổ chức" in await talk(core, command, user="fp_a")
    assert "Có 0" not in await talk(core, "/duyet", user="org")


async def test_submit_review_revision_accept_keeps_history(core, sessions, campaign: Campaign):
    target = await assignment(sessions, "P2.a")
    text = await talk(core, "/nop", user="fp_a")
    assert "Quý vị muốn nộp số liệu cho chỉ số nào?" in text
    from bot.messages import Inbound
    from storage.enums import Channel

    async def press(user: str, payload: str) -> str:
        return "\n".join(
            r.text for r in await core.handle(Inbound(channel=Channel.CONSOLE, user_id=user, payload=payload))
        )

    assert "Quý vị vui lòng gõ giá trị" in await press("fp_a", f"fp:pick:{target.id}")
    assert "gõ «/nop đường-dẫn-tệp»" in await talk(core, "15,2", user="fp_a")
    assert "Xin Quý vị kiểm tra lại" in await press("fp_a", "fp:done")
    assert "Đã nộp chỉ số [P2.a]" in await press("fp_a", "fp:confirm")
    assert any("vừa nộp chỉ số [P2.a]" in t for t in await outbox_texts(sessions, campaign.organiser))
    # Submitted: the focal point cannot submit it again while it waits.
    assert "đang chờ Ban Tổ chức duyệt" in await press("fp_a", f"fp:pick:{target.id}")
    async with sessions() as session:
        submission = (await session.execute(select(Submission))).scalar_one()
    assert "Giá trị: 15,2" in await press("org", f"rv:open:{submission.id}")
    assert "gõ nhận xét" in await press("org", f"rv:fix:{submission.id}")
    assert "Đã gửi yêu cầu bổ sung" in await talk(core, "Thiếu biểu tổng hợp có đóng dấu", user="org")
    told = await outbox_texts(sessions, campaign.focal_a)
    assert any("Nhận xét: Thiếu biểu tổng hợp có đóng dấu" in t for t in told)
    detail = await press("fp_a", f"fp:open:{target.id}")
    assert "Trạng thái: Cần bổ sung" in detail and "Thiếu biểu tổng hợp có đóng dấu" in detail
    # Second round: accepted.
    await press("fp_a", f"fp:pick:{target.id}")
    await talk(core, "15,4", user="fp_a")
    await press("fp_a", "fp:done")
    await press("fp_a", "fp:confirm")
    async with sessions() as session:
        second = (await session.execute(select(Submission).order_by(Submission.id.desc()))).scalars().first()
    assert "Đã chấp nhận chỉ số [P2.a]" in await press("org", f"rv:ok:{second.id}")
    assert "không còn chờ duyệt" in await press("org", f"rv:ok:{second.id}")
    async with sessions() as session:
        history = (
            (
                await session.execute(
                    select(StatusChange)
                    .where(StatusChange.assignment_id == target.id)
                    .order_by(StatusChange.id)
                )
            )
            .scalars()
            .all()
        )
    assert [(h.from_status, h.to_status) for h in history] == [
        (None, S.NOT_STARTED),
        (S.NOT_STARTED, S.IN_PROGRESS),
        (S.IN_PROGRESS, S.SUBMITTED),
        (S.SUBMITTED, S.NEEDS_REVISION),
        (S.NEEDS_REVISION, S.SUBMITTED),
        (S.SUBMITTED, S.ACCEPTED),
    ]
    assert [h.by_person_id for h in history[1:]] == [
        campaign.focal_a,
        campaign.focal_a,
        campaign.organiser,
        campaign.focal_a,
        campaign.organiser,
    ]
    assert history[3].comment == "Thiếu biểu tổng hợp có đóng dấu" and history[3].at == NOW


async def test_focal_point_link_asks_consent_then_gives_the_role(core, sessions, campaign: Campaign):
    async with sessions() as session, session.begin():
        invitation = await create_invitation(
            session, campaign.event_id, InvitationKind.FOCAL_POINT, agency_id=campaign.agency_b
        )
    text = await talk(core, f"/start {invitation.token}", user="newcomer")
    assert "cán bộ đầu mối của Sở Tài chính" in text and "Nghị định 13/2023/NĐ-CP" in text
    async with sessions() as session:
        holders = (
            await session.execute(select(Role.person_id).where(Role.agency_id == campaign.agency_b))
        ).scalars()
        assert list(holders) == [campaign.focal_b]  # nothing stored before consent
    text = await talk(core, "1", user="newcomer")
    assert "Quý vị đã là cán bộ đầu mối của Sở Tài chính" in text
    assert "[P4.a]" in text and "[P1.a]" not in text


async def test_organiser_adds_focal_point_by_phone_matched_later(core, sessions, campaign: Campaign):
    text = await talk(core, "/themdaumoi Sở Tài chính | 0912 345 678", user="org")
    assert "Đã ghi nhận số +84912345678 là cán bộ đầu mối của Sở Tài chính" in text
    text = await talk(core, "/tiendo", user="stranger")
    assert "chia sẻ số điện thoại" in text
    # A typed phone gives no role by itself: it waits for an organiser (see tests/indicators/test_focal_claims.py).
    text = await talk(core, "0912345678", user="stranger")
    assert "Ban Tổ chức sẽ xác nhận" in text and "Các chỉ số Sở Tài chính cần cung cấp" not in text
