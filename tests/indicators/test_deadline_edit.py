"""Organisers move a deadline from the bot; focal points of that agency are told; others refused."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from bot.outbox.delivery import body_to_replies
from storage.indicator_models import Assignment, Indicator
from storage.models import AuditEntry, Identity, OutboxMessage
from tests.console import talk
from tests.indicators.conftest import Campaign

pytestmark = pytest.mark.db


async def _deadline(sessions, code: str) -> dt.date:  # type: ignore[no-untyped-def]
    async with sessions() as session:
        return (
            await session.execute(select(Assignment.deadline).join(Indicator).where(Indicator.code == code))
        ).scalar_one()


async def test_organiser_moves_a_deadline_and_the_focal_point_is_told(core, sessions, campaign: Campaign):
    text = await talk(core, "/giahan P4.a | tai chinh | 05/12/2026 | chờ số liệu quý IV", user="org")
    assert "Đã đổi hạn nộp chỉ số P4.a của Sở Tài chính từ 30/11/2026 sang 05/12/2026" in text
    assert await _deadline(sessions, "P4.a") == dt.date(2026, 12, 5)
    async with sessions() as session:
        identity = (
            await session.execute(select(Identity).where(Identity.person_id == campaign.focal_b))
        ).scalar_one()
        bodies = (
            (
                await session.execute(
                    select(OutboxMessage.body).where(OutboxMessage.identity_id == identity.id)
                )
            )
            .scalars()
            .all()
        )
        entry = (
            await session.execute(select(AuditEntry).where(AuditEntry.action == "assignment.deadline"))
        ).scalar_one()
    notices = [r.text for b in bodies for r in body_to_replies(b)]
    assert any("30/11/2026 → 05/12/2026" in n and "chờ số liệu quý IV" in n for n in notices)
    assert entry.detail["reason"] == "chờ số liệu quý IV"


@pytest.mark.parametrize(
    "command",
    [
        "/giahan P4.a | Sở Tài chính | 31/02/2026 | x",
        "/giahan P4.a | Sở Tài chính",
        "/giahan P9.z | Sở Tài chính | 05/12/2026 | x",
    ],
)
async def test_bad_requests_change_nothing(core, sessions, campaign: Campaign, command):
    text = await talk(core, command, user="org")
    assert "chưa đúng" in text or "Cách dùng" in text or "Không có chỉ số" in text
    assert await _deadline(sessions, "P4.a") == dt.date(2026, 11, 30)


async def test_focal_points_cannot_move_deadlines(core, sessions, campaign: Campaign):
    text = await talk(core, "/giahan P4.a | Sở Tài chính | 05/12/2026 | x", user="fp_b")
    assert "chỉ dành cho Ban Tổ chức" in text
    assert await _deadline(sessions, "P4.a") == dt.date(2026, 11, 30)
