"""Cost of one unit of work in the conversation core, without any channel.

    .venv/bin/python benchmarks/core_unit.py [--units 3000] [--users 100] [--in-flight 64]

The demo event in an embedded SQLite database; known users (a first warm-up pass creates them)
ask the same thing one after another. Prints the mean time per unit and the statements it sent
through SQLAlchemy (COMMIT is not among them), for `/agenda` and for a free-text question: the
part of benchmarks/telegram_throughput.py's (b) and (c) that is this project's own. Then the
same units with `--in-flight` of them running at once (as the Telegram runner does): units per
second the core sustains.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import event

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.app import BotCore, open_core  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.messages import Inbound
from bot.run.demo import ensure_demo_event
from storage.enums import Channel  # noqa: E402


async def _measure(core: BotCore, text: str, units: int, users: int) -> tuple[float, float]:
    """(milliseconds per unit, statements per unit) for `units` messages saying `text`."""

    def inbound(n: int) -> Inbound:
        user = str(20_000 + n % users)
        return Inbound(
            channel=Channel.TELEGRAM, user_id=user, text=text, display_name="Đại biểu", chat_id=user
        )

    for n in range(users):  # everyone has written before
        await core.handle(inbound(n))
    statements = 0

    def count(*_args: object) -> None:
        nonlocal statements
        statements += 1

    event.listen(core.engine.sync_engine, "before_cursor_execute", count)
    started = time.perf_counter()
    for n in range(units):
        await core.handle(inbound(n))
    elapsed = time.perf_counter() - started
    event.remove(core.engine.sync_engine, "before_cursor_execute", count)
    return elapsed / units * 1000, statements / units


async def _sustained(core: BotCore, text: str, units: int, users: int, in_flight: int) -> float:
    """Units per second with `in_flight` units running at once."""
    slots = asyncio.Semaphore(in_flight)

    async def one(n: int) -> None:
        user = str(20_000 + n % users)
        async with slots:
            await core.handle(Inbound(channel=Channel.TELEGRAM, user_id=user, text=text, chat_id=user))

    started = time.perf_counter()
    await asyncio.gather(*(one(n) for n in range(units)))
    return units / (time.perf_counter() - started)


async def main() -> None:
    """Measure and print."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--units", type=int, default=3000)
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--in-flight", type=int, default=64, help="units running at once")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(_env_file=None, data_dir=Path(tmp), database_url=None)  # type: ignore[call-arg]
        core = await open_core(settings)
        try:
            await ensure_demo_event(core, dt.date.today() + dt.timedelta(days=3))
            for label, text in (("/agenda", "/agenda"), ("free-text question", "Hội thảo ở đâu?")):
                ms, statements = await _measure(core, text, args.units, args.users)
                print(
                    f"{label:20} {ms:6.3f} ms per unit   {statements:.1f} SQL statements per unit "
                    f"through SQLAlchemy   over {args.units} units"
                )
            for label, text in (("/agenda", "/agenda"), ("free-text question", "Hội thảo ở đâu?")):
                rate = await _sustained(core, text, args.units, args.users, args.in_flight)
                print(f"{label:20} {rate:6.0f} units/s with {args.in_flight} in flight")
        finally:
            await core.close()


if __name__ == "__main__":
    asyncio.run(main())
