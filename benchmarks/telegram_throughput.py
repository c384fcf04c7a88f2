"""Telegram throughput: updates per second through python-telegram-bot, against the fake Bot API.

    .venv/bin/python benchmarks/telegram_throughput.py [--updates 2000] [--users 100] [--rounds 5]

Three bots poll the same fake server (its own process, so its work is not charged to the bot):
(a) a bare python-telegram-bot echo bot, (b) this bot answering /agenda on the demo event,
(c) this bot answering a free-text question. Each figure is N updates divided by the time from
queueing them to the fake server having received every reply. All three use the same transport
setup (64 concurrent updates, AIORateLimiter with its flood limits off, since the fake server has
none) so the ratios measure what the conversation core costs, not Telegram's 30 messages/second.

The machine may be shared (other services wake up now and then), so the three are measured in
turn, round after round, each (b) and (c) on a fresh database; every round's figures and ratios
are printed, then the medians. A ratio is taken within its round, where a and b ran seconds apart.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import logging
import statistics
import subprocess
import sys
import tempfile
import time
import zoneinfo
from pathlib import Path

import httpx
from telegram import Update
from telegram.ext import AIORateLimiter, Application, ContextTypes, MessageHandler, filters

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.app import open_core  # noqa: E402
from bot.channels.telegram import PerUserUpdateProcessor, TelegramChannel  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.run.demo import ensure_demo_event
from bot.run.serve import prepare_channel
from tests.fakes.telegram_api import TOKEN, free_port, message_update  # noqa: E402

CONCURRENCY = 64


def _limiter() -> AIORateLimiter:
    # Same code path as production (retries on 429), without throttling to Telegram's limits.
    return AIORateLimiter(overall_max_rate=0, group_max_rate=0, max_retries=3)


class FakeServer:
    """The fake Bot API in a child process, driven over its /_fake/ control routes."""

    def __init__(self) -> None:
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None
        self.client = httpx.AsyncClient(base_url=self.base_url, timeout=30)

    async def start(self) -> None:
        """Launch and wait until it answers."""
        args = [sys.executable, "-m", "tests.fakes.telegram_api", str(self.port), "--count-only"]
        self.process = subprocess.Popen(args, cwd=ROOT)
        for _ in range(200):
            try:
                await self.client.get("/_fake/stats")
                return
            except httpx.TransportError:
                await asyncio.sleep(0.05)
        raise RuntimeError("fake Bot API did not start")

    async def stop(self) -> None:
        """End the child process."""
        await self.client.aclose()
        if self.process is not None:
            self.process.terminate()
            self.process.wait(10)

    async def sent(self) -> int:
        """How many sendMessage calls the server has received so far."""
        return int((await self.client.get("/_fake/stats")).json().get("sendMessage", 0))

    async def push(self, updates: list[dict[str, object]]) -> None:
        """Queue updates for getUpdates."""
        await self.client.post("/_fake/updates", json=updates)


async def _measure(server: FakeServer, texts: list[str], users: int) -> float:
    """Updates per second for whatever bot is polling now."""
    # One warm-up update tells how many messages one answer takes (and warms caches).
    before = await server.sent()
    await server.push([message_update(10_000, texts[0])])
    while await server.sent() == before:
        await asyncio.sleep(0.01)
    await asyncio.sleep(0.5)
    per_update = await server.sent() - before
    updates = [message_update(20_000 + i % users, texts[i % len(texts)]) for i in range(len(texts))]
    before = await server.sent()
    expected = before + per_update * len(updates)
    started = time.perf_counter()
    await server.push(updates)
    while await server.sent() < expected:
        await asyncio.sleep(0.005)
    return len(updates) / (time.perf_counter() - started)


async def _poll(application: Application, server: FakeServer, texts: list[str], users: int) -> float:
    await application.start()
    assert application.updater is not None
    await application.updater.start_polling(timeout=1, allowed_updates=["message", "callback_query"])
    try:
        return await _measure(server, texts, users)
    finally:
        await application.updater.stop()
        await application.stop()


async def echo_bot(server: FakeServer, texts: list[str], users: int) -> float:
    """(a) the bare python-telegram-bot echo bot."""

    async def echo(update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.message is not None and update.message.text is not None
        await update.message.reply_text(update.message.text)

    application = (
        Application.builder()
        .token(TOKEN)
        .base_url(f"{server.base_url}/bot")
        .base_file_url(f"{server.base_url}/file/bot")
        .rate_limiter(_limiter())
        .concurrent_updates(PerUserUpdateProcessor(CONCURRENCY))
        .build()
    )
    application.add_handler(MessageHandler(filters.TEXT, echo))
    async with application:
        return await _poll(application, server, texts, users)


async def pii_bot(server: FakeServer, texts: list[str], users: int, data_dir: Path) -> float:
    """(b), (c): this bot on the demo event in an embedded SQLite database."""
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None,
        data_dir=data_dir,
        database_url=None,
        telegram_bot_token=TOKEN,
        telegram_api_base_url=server.base_url,
    )
    core = await open_core(settings)
    try:
        await ensure_demo_event(core, dt.datetime.now(zoneinfo.ZoneInfo(settings.timezone)).date())
        channel = TelegramChannel.create(core, rate_limiter=_limiter(), concurrency=CONCURRENCY)
        async with channel.application:
            await prepare_channel(channel)
            return await _poll(channel.application, server, texts, users)
    finally:
        await core.close()


async def main() -> None:
    """Run the three measurements round after round and print the figures and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--updates", type=int, default=2000)
    parser.add_argument("--users", type=int, default=100, help="distinct senders the updates come from")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    server = FakeServer()
    await server.start()
    rounds: list[tuple[float, float, float]] = []
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for n in range(args.rounds):
                a = await echo_bot(server, ["Xin chào"] * args.updates, args.users)
                b = await pii_bot(server, ["/agenda"] * args.updates, args.users, Path(tmp) / f"b{n}")
                c = await pii_bot(server, ["Hội thảo ở đâu?"] * args.updates, args.users, Path(tmp) / f"c{n}")
                rounds.append((a, b, c))
                print(
                    f"round {n + 1}: (a) {a:6.1f}  (b) {b:6.1f}  (c) {c:6.1f} updates/s"
                    f"   b/a {b / a:.2f}  c/a {c / a:.2f}",
                    flush=True,
                )
    finally:
        await server.stop()
    a, b, c = (statistics.median(r[i] for r in rounds) for i in range(3))
    print(f"median of {len(rounds)} rounds, {args.updates} updates each:")
    print(f"(a) bare PTB echo bot:          {a:7.1f} updates/s")
    print(f"(b) pii-bot /agenda:            {b:7.1f} updates/s")
    print(f"(c) pii-bot free-text question: {c:7.1f} updates/s")
    print(f"b/a = {statistics.median(r[1] / r[0] for r in rounds):.2f}   (target >= 0.6)")
    print(f"c/a = {statistics.median(r[2] / r[0] for r in rounds):.2f}   (target >= 0.5)")


if __name__ == "__main__":
    asyncio.run(main())
