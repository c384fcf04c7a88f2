"""Shared fixtures: a real database (SQLite always, PostgreSQL when PII_TEST_DATABASE_URL is set),
factories for events, and a core to talk to."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.app import BotCore
from bot.config import Settings
from bot.domain.events.records import save_event_draft
from bot.domain.plan.draft import AgendaDraft, EventDraft, FaqDraft, SeatDraft, VenueDraft
from storage.db import create_engine, session_factory
from storage.enums import AgendaKind
from storage.migrate import upgrade_engine
from storage.schema import Base

PG_URL = os.environ.get("PII_TEST_DATABASE_URL") or None
BACKENDS = ["sqlite"] + (["postgresql"] if PG_URL else [])
_pg_ready = False

# A fixed "now": Friday 20/11/2026 09:00 in Hà Nội (02:00 UTC).
NOW = dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC)


def _pg_url(database: str | None = None) -> str:
    url = PG_URL or ""
    if url.startswith(("postgresql://", "postgres://")):
        url = "postgresql+asyncpg://" + url.split("://", 1)[1]
    if database is None:
        return url
    return make_url(url).set(database=database).render_as_string(hide_password=False)


# Each test run gets a database of its own next to the given one, so that runs in parallel
# (two developers, or CI beside a developer) never see each other's rows.
RUN_DATABASE = f"{make_url(_pg_url()).database}_run{os.getpid()}" if PG_URL else ""


async def _admin(statement: str) -> None:
    engine = create_engine(_pg_url())
    async with engine.connect() as conn:
        await conn.execution_options(isolation_level="AUTOCOMMIT")
        await conn.execute(text(statement))
    await engine.dispose()


async def _reset_postgres(engine: AsyncEngine) -> None:
    global _pg_ready
    if not _pg_ready:
        # Once per run: a new database built by the real migrations.
        await _admin(f'DROP DATABASE IF EXISTS "{RUN_DATABASE}" WITH (FORCE)')
        await _admin(f'CREATE DATABASE "{RUN_DATABASE}"')
        await upgrade_engine(engine)
        _pg_ready = True
        return
    tables = ", ".join(t.name for t in Base.metadata.sorted_tables)
    async with engine.begin() as conn:
        await conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))


def pytest_sessionfinish(session, exitstatus):  # type: ignore[no-untyped-def]
    """Drop this run's PostgreSQL database."""
    if PG_URL and _pg_ready:
        asyncio.run(_admin(f'DROP DATABASE IF EXISTS "{RUN_DATABASE}" WITH (FORCE)'))


@pytest.fixture(params=BACKENDS)
async def engine(request: pytest.FixtureRequest, tmp_path) -> AsyncIterator[AsyncEngine]:  # type: ignore[no-untyped-def]
    """A migrated, empty database on each backend under test."""
    if request.param == "sqlite":
        eng = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'test.sqlite3'}")
        await upgrade_engine(eng)
    else:
        eng = create_engine(_pg_url(RUN_DATABASE))
        await _reset_postgres(eng)  # an unreachable PostgreSQL fails here: never a skip
    yield eng
    await eng.dispose()


@pytest.fixture
def sessions(engine: AsyncEngine):  # type: ignore[no-untyped-def]
    """The session factory for the test database."""
    return session_factory(engine)


@pytest.fixture
def settings(tmp_path) -> Settings:  # type: ignore[no-untyped-def]
    """Settings isolated from the developer's environment and .env."""
    return Settings(_env_file=None, data_dir=tmp_path / "data", database_url=None)  # type: ignore[call-arg]


@pytest.fixture
def clock() -> Callable[[], dt.datetime]:
    """A fixed clock at NOW."""
    return lambda: NOW


@pytest.fixture
def core(settings: Settings, engine: AsyncEngine, clock) -> BotCore:  # type: ignore[no-untyped-def]
    """The conversation core on the test database."""
    return BotCore(settings, engine, clock=clock)


def event_draft(
    *,
    title: str = "Hội thảo PII tỉnh Thử Nghiệm 2026",
    date: dt.date | None = dt.date(2026, 11, 26),
    seats: dict[str, int] | None = None,
    agenda: list[tuple[str, str, str, str | None, AgendaKind]] | None = None,
    venue: VenueDraft | None = None,
    faq: list[tuple[str, str]] | None = None,
    **extra: Any,
) -> EventDraft:
    """A small, complete event draft; every part can be overridden."""
    seats = {"UBND tỉnh": 2, "Sở Tài chính": 1, "Sở Khoa học và Công nghệ": 5} if seats is None else seats
    agenda = (
        agenda
        if agenda is not None
        else [
            ("08:00", "08:30", "Đón tiếp đại biểu", "BTC", AgendaKind.REGISTRATION),
            ("08:30", "08:40", "Khai mạc", "Lãnh đạo Sở KH&CN", AgendaKind.OPENING),
            ("08:40", "10:00", "Tham luận về hạ tầng số", "Sở Khoa học và Công nghệ", AgendaKind.TALK),
            ("08:40", "10:00", "Tham luận về thu hút đầu tư", "Sở Tài chính", AgendaKind.TALK),
            ("10:00", "10:15", "Giải lao", None, AgendaKind.BREAK),
            ("10:15", "11:00", "Thảo luận", "Chủ trì và đại biểu", AgendaKind.DISCUSSION),
            ("11:00", "11:15", "Bế mạc", "Lãnh đạo Sở KH&CN", AgendaKind.CLOSING),
        ]
    )
    t = dt.time.fromisoformat
    return EventDraft(
        title=title,
        start_date=date,
        venue=venue
        or VenueDraft(
            name="Hội trường A",
            address="1 Lê Lợi, phường Thử, tỉnh Thử Nghiệm",
            latitude=16.81,
            longitude=107.1,
            notes={"parking": "Tầng hầm B1"},
        ),
        agenda=[
            AgendaDraft(title=ti, start=t(s), end=t(e), presenter=p, kind=k) for s, e, ti, p, k in agenda
        ],
        seats=[SeatDraft(agency=name, seats=n) for name, n in seats.items()],
        faq=[FaqDraft(question=q, answer=a) for q, a in (faq or [])],
        **extra,
    )


@pytest.fixture
def make_event(sessions):  # type: ignore[no-untyped-def]
    """Factory: `await make_event(seats={"Sở Tài chính": 1})` writes an event and returns its id."""

    async def _make(**kwargs: Any) -> int:
        async with sessions() as session, session.begin():
            outcome = await save_event_draft(session, event_draft(**kwargs), actor_label="test")
        return outcome.event_id

    return _make
