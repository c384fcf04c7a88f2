"""/xoadulieu erases for real: afterwards no column of any table (reflected from the database, not
the models), no evidence file name and no queued message holds the person's name, position,
phone, questions or file names; the person is told what is kept."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import MetaData, select

from bot.domain.indicators import assignments as ind
from bot.domain.indicators.evidence import policy_from, store_evidence
from bot.messages import Inbound
from storage.enums import Channel
from storage.indicator_models import Assignment, Indicator
from storage.models import Identity
from tests.conftest import NOW
from tests.console import talk
from tests.indicators.conftest import Campaign, campaign  # noqa: F401  (the fixture)
from tests.rsvp.helpers import agency_id

pytestmark = pytest.mark.db

NAME, POSITION, PHONE = "Nguyễn Thị Minh Anh", "Phó Giám đốc", "0912 345 678"
QUESTION = "Ban tổ chức có hỗ trợ chi phí đi lại cho đoàn khách mời không?"
FILE_NAME = "bao-cao-Minh-Anh-2026.pdf"
NEEDLES = [NAME, POSITION, "+84912345678", "0912345678", "84912345678", QUESTION, FILE_NAME]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _text(value: object) -> str:
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bytes):
        return value.decode("utf-8", "ignore")
    return "" if value is None else str(value)


async def _holders(engine) -> list[str]:  # type: ignore[no-untyped-def]
    """table.column=needle for every value in the database that still holds a needle."""
    metadata = MetaData()
    async with engine.connect() as connection:
        await connection.run_sync(metadata.reflect)
        found = []
        for table in metadata.sorted_tables:
            for row in (await connection.execute(select(table))).mappings():
                for column, value in row.items():
                    text = _text(value)
                    found += [f"{table.name}.{column}={n}" for n in NEEDLES if n in text]
        return found


async def test_everything_personal_is_gone_after_xoadulieu(
    core,
    engine,
    sessions,
    settings,
    campaign: Campaign,  # noqa: F811  (the fixture imported above)
):
    # A delegate registers without a link: the organisers get her name, position and phone.
    text = await talk(core, "/dangky", "tai chinh", "1", "1", NAME, POSITION, PHONE, "1", user="d")
    assert "đang chờ Ban Tổ chức duyệt" in text
    # She asks a question the bot cannot answer: it is forwarded to the organisers.
    assert "Tôi đã chuyển câu hỏi tới Ban Tổ chức" in await talk(core, QUESTION, user="d")
    # An organiser names her phone as a focal point; she asks for the role by typing it.
    await talk(core, f"/themdaumoi Sở Tài chính | {PHONE}", user="org")
    assert "Ban Tổ chức sẽ xác nhận" in await talk(core, "/tiendo", "0912345678", user="d")
    # She is also the focal point of another agency and submitted a document under her own name.
    async with sessions() as session, session.begin():
        person_id = (
            await session.execute(select(Identity.person_id).where(Identity.external_id == "d"))
        ).scalar_one()
        await ind.add_focal_point(
            session, campaign.event_id, person_id, await agency_id(session, "Sở Tài chính")
        )
        assignment = (
            await session.execute(select(Assignment).join(Indicator).where(Indicator.code == "P4.a"))
        ).scalar_one()
        draft = await ind.start_draft(session, assignment, person_id, NOW)
        draft.value = "12"
        await store_evidence(
            session, policy_from(settings), draft, campaign.event_id, FILE_NAME, "application/pdf", PDF
        )
        await ind.submit_draft(session, draft, person_id, NOW + dt.timedelta(minutes=1))
    assert len(await _holders(engine)) > 5  # the scan does find her data before erasure

    shown = await talk(core, "/xoadulieu", user="d")
    assert "chỉ giữ lại: số liệu thống kê không định danh" in shown
    done = await core.handle(Inbound(channel=Channel.CONSOLE, user_id="d", payload="me:forget"))
    assert "Đã xóa thông tin cá nhân" in done[0].text and "việc Quý vị đã yêu cầu xóa dữ liệu" in done[1].text

    assert await _holders(engine) == []
    evidence = Path(policy_from(settings).root)
    assert evidence.exists() and not any(n in p.name for p in evidence.rglob("*") for n in NEEDLES)
    # Nothing to show any more, and no role left.
    assert NAME not in await talk(core, "/toi", user="d")
    assert "Các chỉ số" not in await talk(core, "/tiendo", user="d")
