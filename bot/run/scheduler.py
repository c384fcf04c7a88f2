"""The engine: a Ticker that APScheduler (PTB's JobQueue, or an AsyncIOScheduler in `pii-bot worker`)
calls every few seconds. What to send and whether it was sent lives in the database.

Each tick: (a) if this process holds the scheduler lock, due reminder rules become outbox rows,
overdue seat offers lapse, the organisers' daily digests and the focal-point nudges run;
(b) in every process, a background drain sends the outbox under the Pacer until it is empty.
On PostgreSQL the lock is a session advisory lock on a connection kept open while the process
lives: when the process dies, the server drops the lock and another worker takes it on its next
tick. SQLite serves one process, which always holds it.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import time
import zoneinfo
from collections.abc import Callable, Mapping

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from bot.app import BotCore
from bot.messages import ChannelAdapter
from bot.outbox.delivery import (
    LEASE_BASE,
    DeliveryCounts,
    QuietHours,
    deliver_due,
    quiet_hours_from,
    release_stale,
)
from bot.outbox.pacing import Pacer, PacingPolicy, pacing_from
from bot.outbox.reminders import fire_due_rules
from bot.run.durable_updates import forget_handled
from bot.run.operator_errors import is_database_outage
from storage.enums import Channel
from storage.types import utcnow

__all__ = ["SCHEDULER_LOCK_KEY", "SchedulerLock", "Ticker", "run_worker", "DIGEST_TIME", "NUDGE_TIME"]

log = logging.getLogger(__name__)

# Any constant shared by every worker of one database; "PII" + 1.
SCHEDULER_LOCK_KEY = 0x50494901
# Organisers who chose the digest get it once a day, from this local time on; focal points get
# their deadline nudges from this hour on (each job queues at most once a day per person).
DIGEST_TIME = dt.time(17, 0)
NUDGE_TIME = dt.time(9, 0)
# The daily jobs look for work at most this often (they are idempotent; this only saves queries).
DAILY_JOB_EVERY = dt.timedelta(minutes=10)
# How long a drain waits when every due message is to a chat inside its pacing gap.
DEFERRED_WAIT = 0.1
TICK_GRACE = 5.0  # seconds a tick still running at shutdown may take to finish before it is cancelled
MAX_OUTAGE_PAUSE = 60.0  # seconds between two tries while the database is away


class SchedulerLock:
    """Who runs the scheduler: on PostgreSQL the holder of an advisory lock, on SQLite always us."""

    def __init__(self, engine: AsyncEngine, key: int = SCHEDULER_LOCK_KEY) -> None:
        self.engine = engine
        self.key = key
        self._connection: AsyncConnection | None = None

    async def held(self) -> bool:
        """Whether this process holds the lock now (trying to take it if nobody does)."""
        if self.engine.dialect.name != "postgresql":
            return True
        if self._connection is not None:
            try:
                await self._connection.execute(text("SELECT 1"))
                return True
            except Exception:  # the connection (and with it the lock) is gone: try again below
                log.warning("scheduler lock connection lost")
                await self._drop()
        connection = await self.engine.connect()
        try:
            connection = await connection.execution_options(isolation_level="AUTOCOMMIT")
            taken = (
                await connection.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": self.key})
            ).scalar()
        except Exception:
            await connection.close()
            raise
        if not taken:
            await connection.close()
            return False
        self._connection = connection
        log.info("this process now runs the scheduler")
        return True

    async def release(self) -> None:
        """Give the lock up (another worker takes it on its next tick)."""
        if self._connection is not None:
            with contextlib.suppress(Exception):
                await self._connection.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": self.key})
            await self._drop()

    async def _drop(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            with contextlib.suppress(Exception):
                await connection.close()


class Ticker:
    """One tick of the engine; safe to call from several processes and twice in a row."""

    def __init__(
        self,
        core: BotCore,
        adapters: Mapping[Channel, ChannelAdapter],
        *,
        pacing: PacingPolicy | None = None,
        batch: int = 50,
        concurrency: int = 8,
        lease: dt.timedelta = LEASE_BASE,
        quiet_hours: QuietHours | None = None,
        clock: Callable[[], dt.datetime] | None = None,
        delivery_clock: Callable[[], dt.datetime] = utcnow,
    ) -> None:
        self.core = core
        self.adapters = dict(adapters)
        # Unless a caller (a test, the benchmark) says otherwise, the deployment's settings decide.
        self.pacer = Pacer(pacing or pacing_from(core.settings))
        self.batch, self.concurrency, self.lease = batch, concurrency, lease
        self.quiet_hours = quiet_hours or quiet_hours_from(core.settings)
        # Rules are timed by the core's clock (fixed in tests); sends are stamped with real time,
        # the time the messenger and the recipient live in.
        self.clock = clock or core.clock
        self.delivery_clock = delivery_clock
        self.lock = SchedulerLock(core.engine)
        self.totals = DeliveryCounts()
        self._drain: asyncio.Task[None] | None = None
        self._ticks: set[asyncio.Task[object]] = set()  # ticks running now (close waits for them)
        self._outage, self._backoff, self._quiet_until = False, 0.0, 0.0
        self._daily_checked: dt.datetime | None = None

    async def tick(self) -> None:
        """Schedule (if we hold the lock), then make sure a drain of the outbox is running.
        While the database is away, ticks are skipped with a growing pause and one log line."""
        if time.monotonic() < self._quiet_until:
            return
        current = asyncio.current_task()
        if current is not None:
            self._ticks.add(current)
            current.add_done_callback(self._ticks.discard)
        try:
            if await self.lock.held():
                await self.schedule(self.clock())
        except Exception as exc:  # a failed tick is logged; the next one tries again
            if self._database_away(exc):
                return
            log.exception("scheduler tick failed")
        else:
            self._database_back()
        if self.adapters and (self._drain is None or self._drain.done()):
            self._drain = asyncio.create_task(self._drain_all(), name="outbox-drain")

    def _database_away(self, exc: Exception) -> bool:
        """For an outage: one warning, then silence and a pause that doubles up to a minute."""
        if not is_database_outage(exc):
            return False
        self._backoff = min(MAX_OUTAGE_PAUSE, self._backoff * 2 if self._backoff else 1.0)
        self._quiet_until = time.monotonic() + self._backoff
        if not self._outage:
            self._outage = True
            log.warning("database unreachable (%s); retrying quietly", type(exc).__name__)
        return True

    def _database_back(self) -> None:
        if self._outage:
            log.warning("database reachable again")
        self._outage, self._backoff = False, 0.0

    async def schedule(self, now: dt.datetime) -> int:
        """The scheduler's work for one tick; returns how many reminder deliveries were queued."""
        from bot.run.indicator_jobs import nudge_focal_points
        from bot.run.jobs import expire_offers, nudge_pending_approvals, send_organiser_digests

        async with self.core.sessions() as session, session.begin():
            queued = await fire_due_rules(session, now, self.quiet_hours)
            await forget_handled(session, now)
        if queued:
            log.info("reminders: %d deliveries queued", queued)
        await expire_offers(self.core, now)
        if self._daily_checked is None or not (
            dt.timedelta(0) <= now - self._daily_checked < DAILY_JOB_EVERY
        ):
            self._daily_checked = now
            local = now.astimezone(zoneinfo.ZoneInfo(self.core.settings.timezone))
            if local.time() >= DIGEST_TIME:
                await send_organiser_digests(self.core, now)
            if local.time() >= NUDGE_TIME:
                await nudge_focal_points(self.core, now)
                await nudge_pending_approvals(self.core, now)
        return queued

    async def drain(self) -> DeliveryCounts:
        """Send the outbox until nothing is due; returns what this drain did."""
        counts = DeliveryCounts()
        await release_stale(self.core.sessions, now=self.delivery_clock())
        while True:
            batch = await deliver_due(
                self.core.sessions,
                self.adapters,
                limit=self.batch,
                now=self.delivery_clock(),
                pacer=self.pacer,
                concurrency=self.concurrency,
                quiet_hours=self.quiet_hours,
                lease=self.lease,
            )
            for name in vars(counts):
                setattr(counts, name, getattr(counts, name) + getattr(batch, name))
            done = sum(vars(batch).values()) - batch.deferred
            if done == 0 and batch.deferred == 0:
                return counts
            if done == 0:
                # Only chats inside their pacing gap are due: wait a little rather than spin.
                await asyncio.sleep(DEFERRED_WAIT)

    async def _drain_all(self) -> None:
        try:
            counts = await self.drain()
        except Exception as exc:
            if not self._database_away(exc):
                log.exception("outbox drain failed")
            return
        for name in vars(counts):
            setattr(self.totals, name, getattr(self.totals, name) + getattr(counts, name))
        if counts.sent or counts.failed or counts.unreachable or counts.expired:
            log.info("outbox: %s", counts)

    async def close(self) -> None:
        """Let a tick in progress finish (briefly), stop draining (what was sent is recorded, the
        rest goes back) and give the lock up: nothing of ours touches the database afterwards."""
        ticks = [t for t in self._ticks if t is not asyncio.current_task() and not t.done()]
        if ticks:
            _, late = await asyncio.wait(ticks, timeout=TICK_GRACE)
            for task in late:
                task.cancel()
            if late:
                await asyncio.wait(late)
        if self._drain is not None and not self._drain.done():
            self._drain.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._drain
        await self.lock.release()


async def run_worker(
    settings: object,
    *,
    core: BotCore | None = None,
    stop: asyncio.Event | None = None,
    interval: float = 2.0,
    pacing: PacingPolicy | None = None,
    lease: dt.timedelta = LEASE_BASE,
) -> None:
    """`pii-bot worker`: tick under APScheduler's AsyncIOScheduler, sending through Telegram when
    a token is set, until `stop` is set (or SIGINT/SIGTERM)."""
    from apscheduler.schedulers.asyncio import AsyncIOScheduler

    from bot.app import open_core
    from bot.run.signals import stop_on_signals

    # APScheduler logs two INFO lines per run of a job ("Running job", "executed successfully"):
    # every two seconds, about 43,000 a day with nothing to say. Its warnings still show.
    logging.getLogger("apscheduler.executors").setLevel(logging.WARNING)
    owned = core is None
    core = core or await open_core(settings)  # type: ignore[arg-type]
    stop = stop or asyncio.Event()
    async with contextlib.AsyncExitStack() as stack:
        adapters: dict[Channel, ChannelAdapter] = {}
        if core.settings.telegram_bot_token:
            from bot.channels.telegram import TelegramChannel

            channel = TelegramChannel.create(core, with_updater=False)
            await stack.enter_async_context(channel.application)
            adapters[Channel.TELEGRAM] = channel
        ticker = Ticker(core, adapters, pacing=pacing, lease=lease)
        scheduler = AsyncIOScheduler()
        scheduler.add_job(
            ticker.tick,
            "interval",
            seconds=interval,
            max_instances=1,
            coalesce=True,
            next_run_time=dt.datetime.now(dt.UTC),
            id="tick",
        )
        scheduler.start()
        try:
            with stop_on_signals(stop):
                await stop.wait()
        finally:
            scheduler.shutdown(wait=False)
            await ticker.close()
            if owned:
                await core.close()
