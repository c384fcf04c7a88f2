"""Fixtures for the indicator tests: an event with imported assignments, focal points of two
agencies, an organiser, and the real Telegram Application against the fake Bot API server."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from bot.app import BotCore
from bot.config import Settings
from bot.domain.indicators.assignments import add_focal_point
from bot.domain.indicators.catalogue_import import import_indicators
from storage import repositories as repo
from storage.enums import Channel
from tests.conftest import NOW
from tests.fakes.telegram_api import TOKEN, FakeBotApi
from tests.rsvp.helpers import agency_id, make_organiser, make_person

# The fake server and `run_polling` in the background are the Telegram tests' own fixtures; the
# settings and core below override theirs (a small evidence limit, the plain router).
from tests.telegram.conftest import fake_api, polling  # noqa: F401

HEADER = "code,pillar,group,name_vi,name_en,unit,data_source,evidence,agency,deadline,focal_phone"
# Today is 20/11/2026 in Hà Nội: one overdue, one due in 3 days, one in 10 (Sở Tài chính), one in 7.
ROWS = [
    "P1.a,Thể chế,Nhóm 1,Chính sách thúc đẩy KHCN&ĐMST,Policies,văn bản,Sở KH&CN,Văn bản chính sách (PDF),Sở Khoa học và Công nghệ,18/11/2026,",
    "P2.a,Vốn con người,Nhóm 1,Nhân lực NC&PT/10.000 dân,R&D personnel,người,Điều tra,Báo cáo số liệu,Sở Khoa học và Công nghệ,23/11/2026,",
    "P4.a,Thị trường,,Vốn sản xuất kinh doanh bình quân,Business capital,tỷ đồng,Thống kê,Báo cáo,Sở Tài chính,30/11/2026,",
    "P7.a,Tác động,,Tốc độ tăng năng suất lao động,Labour productivity,%,Thống kê,Báo cáo,Sở Tài chính,27/11/2026,",
]


def csv_bytes(*rows: str, header: str = HEADER) -> bytes:
    """A spreadsheet as CSV bytes."""
    return ("\n".join([header, *rows]) + "\n").encode("utf-8")


@dataclass
class Campaign:
    """An event with assignments for two agencies, a focal point of each, and an organiser."""

    event_id: int
    focal_a: int  # person id, focal point of Sở Khoa học và Công nghệ (console user "fp_a")
    focal_b: int  # person id, focal point of Sở Tài chính (console user "fp_b")
    organiser: int  # console user "org"
    agency_a: int
    agency_b: int


async def import_rows(sessions, event_id: int, content: bytes, name: str = "phan-cong.csv"):  # type: ignore[no-untyped-def]
    """Import a spreadsheet into the event in one transaction."""
    async with sessions() as session, session.begin():
        return await import_indicators(session, event_id, name, content, year=2026, title="PII 2026", now=NOW)


@pytest.fixture
async def campaign(sessions, make_event) -> Campaign:  # type: ignore[no-untyped-def]
    """The standard campaign (see Campaign)."""
    event_id = await make_event()
    await import_rows(sessions, event_id, csv_bytes(*ROWS))
    focal_a = await make_person(sessions, "fp_a", "Trần Văn Đầu Mối")
    focal_b = await make_person(sessions, "fp_b", "Lê Thị Tài Chính")
    organiser = await make_organiser(sessions, event_id)
    async with sessions() as session, session.begin():
        a, b = await agency_id(session, "Sở Khoa học và Công nghệ"), await agency_id(session, "Sở Tài chính")
        await add_focal_point(session, event_id, focal_a, a)
        await add_focal_point(session, event_id, focal_b, b)
    return Campaign(event_id, focal_a, focal_b, organiser, a, b)


async def telegram_focal_point(sessions, event_id: int, user_id: int, agency: str) -> int:  # type: ignore[no-untyped-def]
    """A Telegram user who is the agency's focal point; returns the person id."""
    async with sessions() as session, session.begin():
        identity, _ = await repo.identity_for(session, Channel.TELEGRAM, str(user_id), "An", "vi")
        identity.person.consent_at = NOW - dt.timedelta(days=1)
        await add_focal_point(session, event_id, identity.person_id, await agency_id(session, agency))
        return identity.person_id


@pytest.fixture
def tg_settings(settings: Settings, fake_api: FakeBotApi) -> Settings:  # noqa: F811
    """Settings pointing at the fake server, with a small evidence limit (0.05 MB = 50 000 bytes)."""
    return settings.model_copy(
        update={
            "telegram_bot_token": TOKEN,
            "telegram_api_base_url": fake_api.base_url,
            "evidence_max_mb": 0.05,
        }
    )


@pytest.fixture
def tg_core(tg_settings: Settings, engine, clock) -> BotCore:  # type: ignore[no-untyped-def]
    """The real core and router on the test database."""
    return BotCore(tg_settings, engine, clock=clock)
