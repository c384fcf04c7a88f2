"""Reminder fan-out: 10,000 deliveries through the outbox and the real Telegram channel, against the
fake Bot API server running in its own process (so its work is not charged to the engine).

    .venv/bin/python benchmarks/fanout.py [--deliveries 10000] [--paced-seconds 25] [--full]

Four figures:
(1) fan-out: one reminder rule fired for N confirmed delegates, i.e. N outbox rows written;
(2) the engine's own throughput with pacing off: N deliveries claimed, handed to a channel that
    returns at once, and recorded (the outbox, the pacer and the bookkeeping, without transport);
(3) the same end to end with pacing off through the real Telegram channel (python-telegram-bot,
    its AIORateLimiter with flood limits off, HTTP to the fake), next to a bare PTB send_message
    loop against the same fake: on a 2-core machine this is bound by PTB, httpx and the fake;
(4) with Telegram's pacing on (30 messages/s overall, 1 s per chat) against the fake in its
    rate-limit mode, which answers 429 above those limits: the rate reached over --paced-seconds
    of sending (not all N: at 30/s that would take over 5 minutes; --full sends all), and how
    many 429 answers the fake gave.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import logging
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from sqlalchemy import func, select
from telegram import Bot
from telegram.ext import AIORateLimiter
from telegram.request import HTTPXRequest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.app import open_core  # noqa: E402
from bot.channels.telegram import TelegramChannel  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.domain.events.records import save_event_draft
from bot.outbox.pacing import NO_PACING, TELEGRAM_PACING
from bot.outbox.reminders import fire_due_rules
from bot.run.scheduler import Ticker
from storage import repositories as repo  # noqa: E402
from storage.enums import Channel, DeliveryStatus  # noqa: E402
from storage.models import Agency, OutboxMessage  # noqa: E402
from storage.reminder_models import ReminderAnchor, ReminderAudience, ReminderRule  # noqa: E402
from storage.rsvp_models import Registration, RegistrationStatus  # noqa: E402
from tests.conftest import event_draft  # noqa: E402
from tests.fakes.telegram_api import TOKEN, free_port  # noqa: E402

# Sends in flight at once; more only makes httpx's connection pool slower against a local server.
CONCURRENCY = 8


class FakeServer:
    """The fake Bot API in a child process."""

    def __init__(self, rate_limited: bool) -> None:
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        args = [sys.executable, "-m", "tests.fakes.telegram_api", str(self.port), "--count-only"]
        self.process = subprocess.Popen(args + (["--rate-limit"] if rate_limited else []), cwd=ROOT)

    async def wait_ready(self) -> None:
        """Wait until it answers."""
        async with httpx.AsyncClient(base_url=self.base_url) as client:
            for _ in range(200):
                with contextlib.suppress(httpx.TransportError):
                    await client.get("/_fake/stats")
                    return
                await asyncio.sleep(0.05)
        raise RuntimeError("fake Bot API did not start")

    async def refused(self) -> int:
        """How many sends it answered with 429."""
        async with httpx.AsyncClient(base_url=self.base_url) as client:
            return int((await client.get("/_fake/limits")).json()["rate_limited"])

    def stop(self) -> None:
        """End the child process."""
        self.process.terminate()
        self.process.wait(10)


async def _fan_out(settings: Settings, deliveries: int, first_chat: int) -> float:
    """N confirmed delegates on Telegram and a rule due now; returns outbox rows written per second."""
    core = await open_core(settings)
    async with core.sessions() as session, session.begin():
        outcome = await save_event_draft(
            session,
            event_draft(
                title=f"Benchmark {first_chat}",
                seats={"Sở Khoa học và Công nghệ": deliveries},
                date=dt.date.today() + dt.timedelta(days=30),
            ),
        )
        agency = (
            await session.execute(select(Agency.id).where(Agency.name == "Sở Khoa học và Công nghệ"))
        ).scalar_one()
        for n in range(deliveries):
            identity, _ = await repo.identity_for(session, Channel.TELEGRAM, str(first_chat + n), None, "vi")
            session.add(
                Registration(
                    event_id=outcome.event_id,
                    person_id=identity.person_id,
                    agency_id=agency,
                    status=RegistrationStatus.CONFIRMED,
                )
            )
        now = dt.datetime.now(dt.UTC)
        session.add(
            ReminderRule(
                event_id=outcome.event_id,
                audience=ReminderAudience.CONFIRMED_DELEGATES,
                anchor=ReminderAnchor.ABSOLUTE,
                absolute_at=now,
                offset_minutes=0,
                message_key="week_before",
                buttons="programme",
                urgent=True,
            )
        )
    started = time.perf_counter()
    async with core.sessions() as session, session.begin():
        queued = await fire_due_rules(session, dt.datetime.now(dt.UTC))
    elapsed = time.perf_counter() - started
    await core.close()
    assert queued == deliveries, queued
    return deliveries / elapsed


async def _pending(core) -> int:  # type: ignore[no-untyped-def]
    async with core.sessions() as session:
        found = await session.execute(
            select(func.count()).where(OutboxMessage.status == DeliveryStatus.PENDING)
        )
        return int(found.scalar_one())


class InstantChannel:
    """A channel that accepts every message at once: what is left to measure is the engine."""

    channel = Channel.TELEGRAM

    async def send(self, user_id: str, replies: list[object]) -> None:
        """Accept the message."""


async def _bare_ptb(server: FakeServer, messages: int) -> float:
    """send_message per second for a bare PTB bot against the same fake (the transport's ceiling)."""
    bot = Bot(
        TOKEN, base_url=f"{server.base_url}/bot", request=HTTPXRequest(connection_pool_size=CONCURRENCY)
    )
    gate = asyncio.Semaphore(CONCURRENCY)

    async def one(n: int) -> None:
        async with gate:
            await bot.send_message(2_000_000 + n, "Nhắc lịch hội thảo")

    async with bot:
        started = time.perf_counter()
        await asyncio.gather(*(one(n) for n in range(messages)))
        return messages / (time.perf_counter() - started)


async def _unpaced(settings: Settings, deliveries: int, *, instant: bool) -> float:
    core = await open_core(settings)
    channel = TelegramChannel.create(core, rate_limiter=AIORateLimiter(overall_max_rate=0, group_max_rate=0))
    async with channel.application:
        adapter = InstantChannel() if instant else channel
        ticker = Ticker(
            core, {Channel.TELEGRAM: adapter}, pacing=NO_PACING, batch=500, concurrency=CONCURRENCY
        )  # type: ignore[dict-item]
        started = time.perf_counter()
        counts = await ticker.drain()
        elapsed = time.perf_counter() - started
    await core.close()
    assert counts.sent == deliveries, counts
    return deliveries / elapsed


async def _paced(settings: Settings, seconds: float | None) -> tuple[int, float]:
    core = await open_core(settings)
    channel = TelegramChannel.create(core)  # production setup: AIORateLimiter with Telegram's limits
    async with channel.application:
        ticker = Ticker(core, {Channel.TELEGRAM: channel}, pacing=TELEGRAM_PACING)
        before = await _pending(core)
        started = time.perf_counter()
        drain = asyncio.create_task(ticker.drain())
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(asyncio.shield(drain), seconds)
        drain.cancel()  # what went out is recorded, what did not goes back to the queue
        with contextlib.suppress(asyncio.CancelledError):
            await drain
        await ticker.close()
        elapsed = time.perf_counter() - started
        sent = before - await _pending(core)
    await core.close()
    return sent, elapsed


async def main() -> None:
    """Run the three measurements and print the figures."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--deliveries", type=int, default=10_000)
    parser.add_argument("--paced-seconds", type=float, default=25.0)
    parser.add_argument("--full", action="store_true", help="send all deliveries with pacing on")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    with tempfile.TemporaryDirectory() as tmp:
        for label, rate_limited in (("engine", False), ("pacing off", False), ("pacing on", True)):
            server = FakeServer(rate_limited)
            try:
                await server.wait_ready()
                settings = Settings(
                    _env_file=None,
                    data_dir=Path(tmp) / label.replace(" ", "-"),  # type: ignore[call-arg]
                    database_url=None,
                    telegram_bot_token=TOKEN,
                    telegram_api_base_url=server.base_url,
                )
                fan_out = await _fan_out(settings, args.deliveries, 1_000_000)
                print(
                    f"[{label}] fan-out: {args.deliveries} outbox rows from one rule at {fan_out:,.0f} rows/s"
                )
                if label == "engine":
                    rate = await _unpaced(settings, args.deliveries, instant=True)
                    print(
                        f"[{label}] outbox throughput, no transport: {args.deliveries} deliveries "
                        f"at {rate:,.0f} deliveries/s"
                    )
                    continue
                if not rate_limited:
                    rate = await _unpaced(settings, args.deliveries, instant=False)
                    bare = await _bare_ptb(server, 2000)
                    print(
                        f"[{label}] end to end through PTB: {args.deliveries} deliveries at {rate:,.0f} "
                        f"deliveries/s (a bare PTB send_message loop: {bare:,.0f}/s)"
                    )
                    continue
                sent, elapsed = await _paced(settings, None if args.full else args.paced_seconds)
                rate = sent / elapsed
                print(
                    f"[{label}] {sent} deliveries in {elapsed:.1f} s = {rate:.1f}/s "
                    f"({rate / TELEGRAM_PACING.overall_rate:.1%} of Telegram's 30/s); "
                    f"429 answers from the fake: {await server.refused()}"
                )
            finally:
                server.stop()


if __name__ == "__main__":
    asyncio.run(main())
