"""Re-importing a document over an event: nothing blanked, only real changes told, asked first."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.domain.events.preview import preview_import
from bot.domain.events.records import move_event
from bot.domain.plan import read_event_source
from bot.outbox.notices import save_event_and_notify as save_event_draft
from storage import repositories as repo
from storage.enums import Channel, RoleKind
from storage.models import Agency, Event, OutboxMessage, Role
from storage.rsvp_models import Registration, RegistrationStatus

# The organisers' real plan lies beside the project (shared/reference); our own fixture otherwise.
REFERENCE = (
    Path(__file__).resolve().parents[3] / "shared" / "reference" / "ke-hoach-hoi-thao-pii-quang-tri-2024.txt"
)
PLAN = (
    REFERENCE
    if REFERENCE.exists()
    else (Path(__file__).resolve().parents[1] / "fixtures" / "plans" / "ke-hoach-tab.txt")
)
pytestmark = pytest.mark.db


async def _confirmed_delegate(session, event_id: int) -> None:  # type: ignore[no-untyped-def]
    identity, _ = await repo.identity_for(session, Channel.TELEGRAM, "9001", None, "vi")
    agency = (await session.execute(select(Agency.id).order_by(Agency.id).limit(1))).scalar_one()
    session.add(
        Registration(
            event_id=event_id,
            person_id=identity.person_id,
            agency_id=agency,
            status=RegistrationStatus.CONFIRMED,
        )
    )
    session.add(Role(event_id=event_id, person_id=identity.person_id, kind=RoleKind.DELEGATE))


async def _import_with_date_set(sessions) -> int:  # type: ignore[no-untyped-def]
    draft, _ = read_event_source(PLAN)
    assert draft.start_date is None and draft.date_note  # the plan leaves the day open
    async with sessions() as session, session.begin():
        event_id = (await save_event_draft(session, draft)).event_id
    async with sessions() as session, session.begin():
        await move_event(session, event_id, dt.date(2024, 6, 20))
        await _confirmed_delegate(session, event_id)
    return event_id


async def test_reimporting_the_plan_keeps_the_date_and_tells_no_one(sessions):
    event_id = await _import_with_date_set(sessions)
    draft, _ = read_event_source(PLAN)
    async with sessions() as session, session.begin():
        preview = await preview_import(session, draft)
        assert (preview.event_id, preview.changes, preview.recipients) == (event_id, [], 0)
        assert "date" in preview.kept
        outcome = await save_event_draft(session, draft)
    assert outcome.notices == 0 and "date" in outcome.kept
    async with sessions() as session:
        event = await session.get(Event, event_id)
        assert (event.start_date, event.date_note) == (dt.date(2024, 6, 20), None)
        queued = await session.execute(
            select(func.count()).select_from(OutboxMessage).where(OutboxMessage.kind == "event_change")
        )
        assert queued.scalar_one() == 0


async def test_a_real_change_is_told_and_only_that(sessions):
    event_id = await _import_with_date_set(sessions)
    draft, _ = read_event_source(PLAN)
    draft.venue.name = "Hội trường UBND tỉnh"
    draft.venue.address = None  # the new text names the hall only: the address stays
    async with sessions() as session, session.begin():
        preview = await preview_import(session, draft)
        assert [(c.field, c.new) for c in preview.changes] == [("venue_name", "Hội trường UBND tỉnh")]
        assert preview.recipients == 1
        outcome = await save_event_draft(session, draft)
    assert outcome.notices == 1
    async with sessions() as session:
        event = await repo.event_with_details(session, event_id)
        assert event.venue.address.startswith("204 Hùng Vương")
        assert event.start_date == dt.date(2024, 6, 20)
        body = (await session.execute(select(OutboxMessage.body))).scalars().all()
        assert len(body) == 1


async def test_a_document_without_invitees_keeps_the_seat_table(sessions):
    draft, _ = read_event_source(PLAN)
    seats, items = sum(s.seats or 0 for s in draft.seats), len(draft.agenda)
    assert seats and items
    async with sessions() as session, session.begin():
        event_id = (await save_event_draft(session, draft)).event_id
    draft.seats, draft.agencies, draft.agenda = [], [], []
    async with sessions() as session, session.begin():
        outcome = await save_event_draft(session, draft)
    assert {"invitees", "agenda"} <= set(outcome.kept)
    async with sessions() as session:
        event = await repo.event_with_details(session, event_id)
        assert (sum(q.seats or 0 for q in event.quotas), len(event.agenda)) == (seats, items)


async def _cli(*args: str, env: dict[str, str], stdin: str = ""):  # type: ignore[no-untyped-def]
    return await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "-m", "bot.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "LOG_LEVEL": "WARNING", **env},
        check=False,
    )


async def test_the_command_line_shows_the_change_and_asks(engine, sessions, tmp_path):
    env = {"DATABASE_URL": engine.url.render_as_string(hide_password=False)}
    event_id = await _import_with_date_set(sessions)
    changed = tmp_path / "ke-hoach.txt"
    changed.write_text(
        PLAN.read_text(encoding="utf-8").replace("07 giờ 30-08 giờ 00", "07 giờ 45-08 giờ 00", 1),
        encoding="utf-8",
    )
    dry = await _cli("event", "import", str(changed), "--dry-run", env=env)
    assert dry.returncode == 0 and "07:45" in dry.stdout and "1 đại biểu" in dry.stdout
    assert "Chạy thử: chưa ghi gì" in dry.stdout and "Xác nhận ghi?" not in dry.stdout
    async with sessions() as session:
        assert (await session.get(Event, event_id)).start_time == dt.time(7, 30)
    result = await _cli("event", "import", str(changed), env=env)
    assert "Đón tiếp, đăng ký đại biểu" in result.stdout and "07:45" in result.stdout
    assert "1 đại biểu" in result.stdout
    assert "Chưa ghi gì" in result.stdout and result.returncode == 1
    result = await _cli("event", "import", str(changed), "--yes", env=env)
    assert f"Đã cập nhật sự kiện #{event_id}" in result.stdout, result.stderr
    async with sessions() as session:
        event = await session.get(Event, event_id)
        assert (event.start_date, event.start_time) == (dt.date(2024, 6, 20), dt.time(7, 45))
