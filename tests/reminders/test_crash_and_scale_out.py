"""Crash safety and scale-out with real processes: a worker killed with SIGKILL in the middle of a
fan-out and started again delivers every remaining reminder once (only the messages in flight at
the kill may go twice); two workers draining one outbox send each delivery once."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import signal
import sys
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from bot.domain.reminders.rules import event_start
from bot.run.scheduler import SCHEDULER_LOCK_KEY
from storage import repositories as repo
from storage.enums import Channel, DeliveryStatus
from storage.models import Event, OutboxMessage
from storage.reminder_models import ReminderAnchor, ReminderAudience, ReminderRule
from storage.rsvp_models import Registration, RegistrationStatus
from tests.fakes.telegram_api import FakeBotApi
from tests.rsvp.helpers import agency_id

pytestmark = pytest.mark.db
ROOT = Path(__file__).resolve().parents[2]
FIRST_CHAT = 900_000


async def _audience(sessions, make_event, people: int) -> None:  # type: ignore[no-untyped-def]
    """An event a month ahead, `people` confirmed delegates on Telegram, and a rule due now."""
    event_id = await make_event(
        seats={"Sở Khoa học và Công nghệ": people}, date=dt.date.today() + dt.timedelta(days=30)
    )
    async with sessions() as session, session.begin():
        agency = await agency_id(session, "Sở Khoa học và Công nghệ")
        for n in range(people):
            identity, _ = await repo.identity_for(session, Channel.TELEGRAM, str(FIRST_CHAT + n), None, "vi")
            session.add(
                Registration(
                    event_id=event_id,
                    person_id=identity.person_id,
                    agency_id=agency,
                    status=RegistrationStatus.CONFIRMED,
                )
            )
        event = await session.get(Event, event_id)
        assert event is not None and event_start(event) is not None
        session.add(
            ReminderRule(
                event_id=event_id,
                audience=ReminderAudience.CONFIRMED_DELEGATES,
                anchor=ReminderAnchor.ABSOLUTE,
                absolute_at=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1),
                offset_minutes=0,
                message_key="week_before",
                buttons="programme",
                urgent=True,
                late_grace_minutes=60,
            )
        )


async def _worker(engine, fake: FakeBotApi, tmp_path: Path, *, rate: float, lease: float):  # type: ignore[no-untyped-def]
    url = engine.url.render_as_string(hide_password=False)
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "tests.reminders.fanout_worker",
        url,
        fake.base_url,
        str(rate),
        str(lease),
        str(tmp_path / "data"),
        cwd=ROOT,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


async def _until(check, timeout: float, what: str) -> None:  # type: ignore[no-untyped-def]
    deadline = asyncio.get_running_loop().time() + timeout
    while not check():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.02)


def _received(fake: FakeBotApi) -> Counter[str]:
    return Counter(c.chat_id for c in fake.accepted if c.method == "sendMessage")


async def _stop(process) -> str:  # type: ignore[no-untyped-def]
    if process.returncode is None:
        process.send_signal(signal.SIGTERM)
    _, err = await asyncio.wait_for(process.communicate(), 30)
    return err.decode()


async def test_kill_mid_fanout_then_restart_delivers_each_reminder_once(
    engine, sessions, make_event, tmp_path
):
    people = 300
    await _audience(sessions, make_event, people)
    fake = await FakeBotApi().start()
    try:
        first = await _worker(engine, fake, tmp_path, rate=60, lease=1)
        await _until(lambda: len(fake.accepted) >= 60 or first.returncode is not None, 60, "the first sends")
        first.kill()  # SIGKILL: no clean-up of any kind
        await first.wait()
        received_at_kill = sum(_received(fake).values())
        async with sessions() as session:
            in_flight = (
                await session.execute(
                    select(func.count()).where(OutboxMessage.status == DeliveryStatus.SENDING)
                )
            ).scalar_one()
        assert 0 < received_at_kill < people  # killed in the middle of the fan-out
        second = await _worker(engine, fake, tmp_path, rate=60, lease=1)
        await _until(
            lambda: len(_received(fake)) == people or second.returncode is not None, 60, "every recipient"
        )
        await asyncio.sleep(0.5)  # anything sent twice would arrive now
        await _stop(second)
    finally:
        await fake.stop()
    received = _received(fake)
    assert set(received) == {str(FIRST_CHAT + n) for n in range(people)}  # nobody skipped
    duplicates = sum(n - 1 for n in received.values())
    assert duplicates <= in_flight  # at most the messages in flight at the kill went twice
    # Each outcome is recorded as it comes: only the sends in flight at the kill (the worker's
    # concurrency, 8) can go twice, never a whole claimed batch.
    assert duplicates <= 8
    async with sessions() as session:
        statuses = Counter((await session.execute(select(OutboxMessage.status))).scalars())
    assert statuses == {DeliveryStatus.SENT: people}


async def test_two_workers_send_each_delivery_once_and_one_holds_the_scheduler_lock(
    engine, sessions, make_event, tmp_path
):
    people = 200
    await _audience(sessions, make_event, people)
    fake = await FakeBotApi().start()
    try:
        workers = [await _worker(engine, fake, tmp_path, rate=100, lease=300) for _ in range(2)]
        await _until(lambda: len(_received(fake)) == people, 60, "every recipient")
        await asyncio.sleep(0.5)
        assert all(w.returncode is None for w in workers)
        if engine.dialect.name == "postgresql":
            # While both live, exactly one session holds the scheduler's advisory lock.
            async with engine.connect() as connection:
                holders = await connection.execute(
                    text(
                        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND objid = :key"
                    ),
                    {"key": SCHEDULER_LOCK_KEY},
                )
                assert holders.scalar_one() == 1
        for w in workers:
            await _stop(w)
    finally:
        await fake.stop()
    assert Counter(_received(fake).values()) == {1: people}  # each delivery sent exactly once
