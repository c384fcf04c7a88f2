"""Organiser reports at scale: the attendance summary, the workbook and the chart for 20,000
delegates in 200 agencies (targets: summary under 0.2 s, workbook under 3 s).

Builds the data with bulk inserts in a temporary SQLite file and, with --postgres URL, also in a
PostgreSQL database of its own (pii_bench_reports, created if missing, its schema rebuilt; never
the tests' database). Prints the median of --repeat runs of each step.

    python benchmarks/reports.py [--delegates 20000] [--agencies 200] [--repeat 5] [--postgres URL]
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert, select, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402
from sqlalchemy.ext.asyncio import AsyncEngine  # noqa: E402

from bot.documents.attendance_chart import attendance_chart
from bot.documents.attendance_workbook import build_workbook
from bot.domain.checkin.arrivals import new_check_in_code
from bot.domain.checkin.attendance import attendance_summary
from bot.domain.events.records import save_event_draft
from bot.domain.plan.draft import EventDraft, SeatDraft  # noqa: E402
from bot.domain.reports.attendance import collect_report
from bot.i18n import translator  # noqa: E402
from storage import repositories as repo  # noqa: E402
from storage.db import create_engine, session_factory  # noqa: E402
from storage.migrate import upgrade_engine  # noqa: E402
from storage.models import Person, SeatQuota  # noqa: E402
from storage.rsvp_models import Registration  # noqa: E402
from storage.rsvp_models import RegistrationStatus as S

BENCH_DATABASE = "pii_bench_reports"
DAY = dt.datetime(2026, 12, 1, 1, 30, tzinfo=dt.UTC)
# Out of every 20 delegates of an agency: 14 confirmed (half of them checked in), 2 declined,
# 2 not answered yet, 2 on the waitlist.
PATTERN = [S.CONFIRMED] * 14 + [S.DECLINED] * 2 + [S.INVITED] * 2 + [S.WAITLISTED] * 2


async def populate(engine: AsyncEngine, delegates: int, agencies: int) -> int:
    """One event, `agencies` invited agencies, `delegates` people with registrations; its id."""
    sessions = session_factory(engine)
    per_agency = delegates // agencies
    async with sessions() as session, session.begin():
        seats = [
            SeatDraft(agency=f"Sở Ban ngành số {n:03d} tỉnh Thử Nghiệm", seats=per_agency * 14 // 20)
            for n in range(agencies)
        ]
        draft = EventDraft(title="Hội thảo PII — benchmark báo cáo", start_date=DAY.date(), seats=seats)
        event_id = (await save_event_draft(session, draft, actor_label="benchmark")).event_id
        quota_agencies = (
            (
                await session.execute(
                    select(SeatQuota.agency_id)
                    .where(SeatQuota.event_id == event_id)
                    .order_by(SeatQuota.position)
                )
            )
            .scalars()
            .all()
        )
        last_person = (await session.execute(select(Person.id).order_by(Person.id.desc()).limit(1))).scalar()
        first_person = (last_person or 0) + 1
        people: list[dict[str, Any]] = []
        registrations: list[dict[str, Any]] = []
        for n in range(delegates):
            person_id = first_person + n
            agency_id = quota_agencies[n % agencies]
            status = PATTERN[(n // agencies) % len(PATTERN)]
            people.append(
                {
                    "id": person_id,
                    "full_name": f"Nguyễn Văn Đại Biểu {n:05d}",
                    "position": "Chuyên viên",
                    "phone": f"+8491{n:07d}",
                    "consent_at": DAY,
                }
            )
            confirmed = status == S.CONFIRMED
            registrations.append(
                {
                    "event_id": event_id,
                    "person_id": person_id,
                    "agency_id": agency_id,
                    "status": status,
                    "waitlist_seq": n if status == S.WAITLISTED else None,
                    "check_in_code": new_check_in_code() if confirmed else None,
                    "checked_in_at": DAY if confirmed and n % 2 == 0 else None,
                    "created_at": DAY,
                    "updated_at": DAY,
                }
            )
        for start in range(0, delegates, 2000):
            await session.execute(insert(Person), people[start : start + 2000])
            await session.execute(insert(Registration), registrations[start : start + 2000])
    if engine.dialect.name == "postgresql":
        async with engine.connect() as conn:
            await conn.execute(text("ANALYZE"))
            await conn.execute(text("SELECT setval('people_id_seq', (SELECT max(id) FROM people))"))
            await conn.commit()
    return event_id


async def median_seconds(step: Callable[[], Awaitable[Any]], repeat: int) -> tuple[float, Any]:
    """The median wall time of `repeat` runs of `step`, and its last result."""
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = await step()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


async def measure(url: str, label: str, delegates: int, agencies: int, repeat: int) -> None:
    """Populate, then time the summary, the report query, the workbook and the chart."""
    engine = create_engine(url)
    await upgrade_engine(engine)
    started = time.perf_counter()
    event_id = await populate(engine, delegates, agencies)
    populated = time.perf_counter() - started
    sessions = session_factory(engine)
    t = translator("vi")

    async def summary():  # type: ignore[no-untyped-def]
        async with sessions() as session:
            return await attendance_summary(session, event_id)

    async def report():  # type: ignore[no-untyped-def]
        async with sessions() as session:
            event = await repo.event_with_details(session, event_id)
            return await collect_report(session, event)

    summary_s, figures = await median_seconds(summary, repeat)
    collect_s, data = await median_seconds(report, repeat)
    workbook_s, workbook = await median_seconds(lambda: asyncio.to_thread(build_workbook, data, t), repeat)
    chart_s, chart = await median_seconds(
        lambda: asyncio.to_thread(attendance_chart, figures, t, data.title), repeat
    )
    await engine.dispose()
    total = figures.total
    print(f"{label}: {delegates} delegates in {agencies} agencies (populated in {populated:.1f} s)")
    print(
        f"  figures: confirmed {total.confirmed}, declined {total.declined}, not answered {total.not_answered}, "
        f"waitlisted {total.waitlisted}, checked in {total.checked_in}"
    )
    print(f"  summary (one grouped query)      {summary_s * 1000:8.1f} ms   target < 200 ms")
    print(f"  report data (3 queries)          {collect_s * 1000:8.1f} ms")
    print(
        f"  workbook build (pandas+openpyxl) {workbook_s * 1000:8.1f} ms   target < 3000 ms  "
        f"({len(workbook) // 1024} KiB)"
    )
    print(f"  summary + report data + workbook {(summary_s + collect_s + workbook_s) * 1000:8.1f} ms")
    print(f"  chart (matplotlib, PNG)          {chart_s * 1000:8.1f} ms   ({len(chart) // 1024} KiB)")


async def bench_database(url: str) -> str:
    """The benchmark's own PostgreSQL database next to the one in `url`, with a fresh schema."""
    base = make_url(url.replace("postgresql://", "postgresql+asyncpg://", 1))
    admin = create_engine(base.render_as_string(hide_password=False))
    async with admin.connect() as conn:
        await conn.execution_options(isolation_level="AUTOCOMMIT")
        found = await conn.execute(text(f"SELECT 1 FROM pg_database WHERE datname = '{BENCH_DATABASE}'"))
        if found.first() is None:
            await conn.execute(text(f'CREATE DATABASE "{BENCH_DATABASE}"'))
    await admin.dispose()
    target = base.set(database=BENCH_DATABASE).render_as_string(hide_password=False)
    engine = create_engine(target)
    async with engine.begin() as conn:
        await conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        await conn.execute(text("CREATE SCHEMA public"))
    await engine.dispose()
    return target


async def main() -> None:
    """Parse arguments and run on SQLite, then PostgreSQL if asked."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--delegates", type=int, default=20_000)
    parser.add_argument("--agencies", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--postgres", help="a PostgreSQL URL; the benchmark uses its own database beside it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite+aiosqlite:///{Path(folder) / 'reports.sqlite3'}"
        await measure(url, "SQLite", args.delegates, args.agencies, args.repeat)
    if args.postgres:
        await measure(
            await bench_database(args.postgres), "PostgreSQL", args.delegates, args.agencies, args.repeat
        )


if __name__ == "__main__":
    asyncio.run(main())
