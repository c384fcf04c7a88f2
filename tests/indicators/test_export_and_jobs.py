"""The Excel export read back with openpyxl, the deadline nudge job (twice sends once), and a
rolled-back upload leaving no file on disk."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from sqlalchemy import select

from bot.documents.indicator_workbook import indicator_status_frame, indicator_workbook
from bot.domain.indicators import assignments as ind
from bot.domain.indicators.audiences import focal_points_with_pending, overdue_assignments
from bot.domain.indicators.evidence import policy_from, store_evidence
from bot.i18n import translator
from bot.outbox.delivery import body_to_replies
from bot.run.indicator_jobs import nudge_focal_points
from storage.indicator_models import Assignment, EvidenceFile, Indicator
from storage.models import Event, Identity, OutboxMessage
from tests.conftest import NOW
from tests.indicators.conftest import Campaign

pytestmark = pytest.mark.db


async def queued(sessions, person_id: int, kind: str) -> list[str]:  # type: ignore[no-untyped-def]
    """Texts queued for a person of one kind."""
    async with sessions() as session:
        rows = await session.execute(
            select(OutboxMessage.body)
            .join(Identity)
            .where(Identity.person_id == person_id, OutboxMessage.kind == kind)
        )
        return [r.text for body in rows.scalars() for r in body_to_replies(body)]


async def test_export_reads_back_with_headers_and_one_row_per_assignment(sessions, campaign: Campaign):
    async with sessions() as session, session.begin():
        assignment = (
            await session.execute(select(Assignment).join(Indicator).where(Indicator.code == "P2.a"))
        ).scalar_one()
        draft = await ind.start_draft(session, assignment, campaign.focal_a, NOW)
        draft.value = "15,2"
        await ind.submit_draft(session, draft, campaign.focal_a, NOW)
        await ind.review_submission(
            session, draft, accept=False, reviewer_id=campaign.organiser, now=NOW, comment="Bổ sung biểu mẫu"
        )
        event = await session.get(Event, campaign.event_id)
        data = await indicator_workbook(session, event, translator("vi"), NOW)
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book["Chỉ số"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:7] == (
        "Mã chỉ số",
        "Trụ cột",
        "Tên chỉ số",
        "Cơ quan cung cấp",
        "Hạn nộp",
        "Trạng thái",
        "Số ngày còn lại",
    )
    assert rows[0][-1] == "Nhận xét gần nhất" and sheet.cell(1, 1).font.bold
    by_code = {r[0]: r for r in rows[1:]}
    assert sorted(by_code) == ["P1.a", "P2.a", "P4.a", "P7.a"]
    assert by_code["P2.a"][3:8] == (
        "Sở Khoa học và Công nghệ",
        dt.datetime(2026, 11, 23),
        "Cần bổ sung",
        3,
        "15,2",
    )
    assert by_code["P2.a"][-1] == "Bổ sung biểu mẫu"
    assert by_code["P1.a"][5:7] == ("Chưa bắt đầu", -2)
    async with sessions() as session:
        frame = await indicator_status_frame(session, campaign.event_id, now=NOW)
        assert frame is not None and len(frame) == 4 and "Trạng thái" in frame.columns
        assert await indicator_status_frame(session, 999999) is None


async def test_audiences_for_the_reminder_engine(sessions, campaign: Campaign):
    async with sessions() as session:
        soon = await focal_points_with_pending(session, campaign.event_id, dt.timedelta(days=3), NOW)
        every = await focal_points_with_pending(session, campaign.event_id, None, NOW)
        late = await overdue_assignments(session, campaign.event_id, NOW, dt.timedelta(days=2))
        later = await overdue_assignments(session, campaign.event_id, NOW, dt.timedelta(days=3))
    assert [(p, len(ids)) for p, ids in soon] == [(campaign.focal_a, 2)]
    assert sorted((p, len(ids)) for p, ids in every) == [(campaign.focal_a, 2), (campaign.focal_b, 2)]
    assert len(late) == 1 and later == []


async def test_nudge_job_twice_sends_once(core, sessions, campaign: Campaign):
    assert await nudge_focal_points(core, NOW, escalate_after_days=2) == 3  # two focal points, one organiser
    assert await nudge_focal_points(core, NOW, escalate_after_days=2) == 0
    focal_a = await queued(sessions, campaign.focal_a, "indicator_nudge")
    assert len(focal_a) == 1
    assert "• [P1.a] Chính sách thúc đẩy KHCN&ĐMST: hạn 18/11/2026, đã quá hạn 2 ngày" in focal_a[0]
    assert "• [P2.a] Nhân lực NC&PT/10.000 dân: hạn 23/11/2026, còn 3 ngày" in focal_a[0]
    focal_b = await queued(sessions, campaign.focal_b, "indicator_nudge")
    assert len(focal_b) == 1 and "P7.a" in focal_b[0] and "P4.a" not in focal_b[0]  # 7 days yes, 10 days no
    escalation = await queued(sessions, campaign.organiser, "indicator_escalation")
    assert (
        len(escalation) == 1
        and "[P1.a] Sở Khoa học và Công nghệ: hạn 18/11/2026, quá hạn 2 ngày" in escalation[0]
    )
    # The next day: a new daily nudge, but the escalation is not repeated.
    assert await nudge_focal_points(core, NOW + dt.timedelta(days=1), escalate_after_days=2) == 1


async def test_a_rolled_back_upload_leaves_no_file(sessions, settings, campaign: Campaign):
    policy = policy_from(settings)
    with pytest.raises(RuntimeError):
        async with sessions() as session, session.begin():
            assignment = (
                await session.execute(select(Assignment).join(Indicator).where(Indicator.code == "P1.a"))
            ).scalar_one()
            draft = await ind.start_draft(session, assignment, campaign.focal_a, NOW)
            stored = await store_evidence(
                session, policy, draft, campaign.event_id, "a.pdf", None, b"%PDF-1.4 x"
            )
            assert stored is not None and (policy.root / stored.stored_path).exists()
            raise RuntimeError("the unit of work fails after the file was written")
    assert not any(p.is_file() for p in policy.root.rglob("*"))
    async with sessions() as session:
        assert (await session.execute(select(EvidenceFile))).first() is None
