"""RSVP contention: many processes race for one agency's few seats.

Prints throughput and p50/p99 latency of one RSVP (register + answer 'attend', one transaction)
on SQLite and, when PII_TEST_DATABASE_URL (or --postgres URL) is given, on PostgreSQL, and checks
the outcome: exactly `seats` confirmed, the rest waitlisted in a gapless order, none lost.

    python benchmarks/rsvp_contention.py [--processes 4] [--attempts 60] [--seats 5] [--postgres URL]
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import multiprocessing
import os
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import select, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from bot.domain.events.records import save_event_draft
from bot.domain.plan.draft import EventDraft, SeatDraft  # noqa: E402
from bot.domain.registration.registrations import respond, start_registration
from storage.db import create_engine, session_factory  # noqa: E402
from storage.migrate import upgrade_engine  # noqa: E402
from storage.models import Agency, Person  # noqa: E402
from storage.rsvp_models import Registration, RegistrationStatus  # noqa: E402

AGENCY = "Sở Tài chính"
TTL = dt.timedelta(hours=24)


@dataclass
class RaceResult:
    """What a race produced."""

    attempts: int
    seconds: float
    latencies_ms: list[float]
    confirmed: int
    waitlist_seqs: list[int]
    errors: int


async def prepare(url: str, seats: int, *, fresh_schema: bool) -> tuple[int, int]:
    """One event whose agency has `seats` seats (on a freshly migrated schema if asked)."""
    engine = create_engine(url)
    if fresh_schema:
        if engine.dialect.name == "postgresql":
            async with engine.begin() as conn:
                await conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
                await conn.execute(text("CREATE SCHEMA public"))
        await upgrade_engine(engine)
    sessions = session_factory(engine)
    async with sessions() as session, session.begin():
        draft = EventDraft(
            title=f"Contention {time.time_ns()}",
            start_date=dt.date(2026, 12, 1),
            seats=[SeatDraft(agency=AGENCY, seats=seats)],
        )
        outcome = await save_event_draft(session, draft)
        agency_id = (await session.execute(select(Agency.id).where(Agency.name == AGENCY))).scalar_one()
    await engine.dispose()
    return outcome.event_id, agency_id


async def bench_database(url: str) -> str:
    """A database of its own for the benchmark, next to the one in `url` (PostgreSQL)."""
    base = make_url(url)
    engine = create_engine(base.render_as_string(hide_password=False))
    async with engine.connect() as conn:
        await conn.execution_options(isolation_level="AUTOCOMMIT")
        exists = await conn.execute(text("SELECT 1 FROM pg_database WHERE datname = 'pii_bench'"))
        if exists.first() is None:
            await conn.execute(text("CREATE DATABASE pii_bench"))
    await engine.dispose()
    return base.set(database="pii_bench").render_as_string(hide_password=False)


async def _attempts(
    url: str, event_id: int, agency_id: int, count: int, start_at: float
) -> tuple[list[float], int]:
    engine = create_engine(url)
    sessions = session_factory(engine)
    now = dt.datetime.now(dt.UTC)
    latencies, errors = [], 0
    while time.time() < start_at:  # start all processes together
        await asyncio.sleep(0.001)

    async def one() -> None:
        nonlocal errors
        t0 = time.perf_counter()
        try:
            async with sessions() as session, session.begin():
                person = Person(full_name="Đại biểu")
                session.add(person)
                await session.flush()
                registration = await start_registration(session, event_id, person.id, agency_id)
                await respond(session, registration, True, now=now, offer_ttl=TTL, actor_person_id=person.id)
        except Exception:
            errors += 1
            raise
        latencies.append((time.perf_counter() - t0) * 1000)

    # Several concurrent attempts per process, as a webhook worker would run them.
    queue = list(range(count))

    async def worker() -> None:
        while queue:
            queue.pop()
            await one()

    await asyncio.gather(*(worker() for _ in range(4)))
    await engine.dispose()
    return latencies, errors


def _process(url: str, event_id: int, agency_id: int, count: int, start_at: float, out) -> None:  # type: ignore[no-untyped-def]
    out.put(asyncio.run(_attempts(url, event_id, agency_id, count, start_at)))


async def outcome(url: str, event_id: int) -> tuple[int, list[int], int]:
    """Confirmed count, the waitlist order numbers, and how many registrations exist."""
    engine = create_engine(url)
    async with session_factory(engine)() as session:
        rows = (
            await session.execute(
                select(Registration.status, Registration.waitlist_seq).where(
                    Registration.event_id == event_id
                )
            )
        ).all()
    await engine.dispose()
    confirmed = sum(1 for status, _ in rows if status == RegistrationStatus.CONFIRMED)
    seqs = sorted(seq for status, seq in rows if status == RegistrationStatus.WAITLISTED)
    return confirmed, seqs, len(rows)


def race(url: str, event_id: int, agency_id: int, *, processes: int, attempts: int) -> RaceResult:
    """Run `processes` OS processes making `attempts` RSVPs each for the agency's seats."""
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    start_at = time.time() + 3.0
    workers = [
        context.Process(target=_process, args=(url, event_id, agency_id, attempts, start_at, queue))
        for _ in range(processes)
    ]
    for worker in workers:
        worker.start()
    results = [queue.get(timeout=600) for _ in workers]
    for worker in workers:
        worker.join(timeout=60)
    seconds = time.time() - start_at
    confirmed, seqs, total = asyncio.run(outcome(url, event_id))
    latencies = [ms for lat, _ in results for ms in lat]
    errors = sum(e for _, e in results) + (processes * attempts - total)
    return RaceResult(processes * attempts, seconds, latencies, confirmed, seqs, errors)


def _report(name: str, result: RaceResult, seats: int) -> None:
    lat = sorted(result.latencies_ms)
    p99 = lat[min(len(lat) - 1, int(len(lat) * 0.99))] if lat else float("nan")
    ok = result.confirmed == seats and result.waitlist_seqs == list(range(1, len(result.waitlist_seqs) + 1))
    print(
        f"{name:<11} attempts={result.attempts} time={result.seconds:.2f}s "
        f"throughput={result.attempts / result.seconds:.0f} rsvp/s "
        f"p50={statistics.median(lat):.1f}ms p99={p99:.1f}ms "
        f"confirmed={result.confirmed}/{seats} waitlisted={len(result.waitlist_seqs)} "
        f"errors={result.errors} consistent={'yes' if ok else 'NO'}"
    )


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", type=int, default=4)
    parser.add_argument("--attempts", type=int, default=60, help="per process")
    parser.add_argument("--seats", type=int, default=5)
    parser.add_argument("--postgres", default=os.environ.get("PII_TEST_DATABASE_URL"))
    args = parser.parse_args()
    runs = []
    with tempfile.TemporaryDirectory() as folder:
        runs.append(("sqlite", f"sqlite+aiosqlite:///{folder}/race.sqlite3"))
        if args.postgres:
            url = args.postgres.replace("postgresql://", "postgresql+asyncpg://", 1)
            runs.append(("postgresql", asyncio.run(bench_database(url))))
        for name, url in runs:
            event_id, agency_id = asyncio.run(prepare(url, args.seats, fresh_schema=True))
            result = race(url, event_id, agency_id, processes=args.processes, attempts=args.attempts)
            _report(name, result, args.seats)


if __name__ == "__main__":
    main()
