"""Durable Zalo webhook with real processes: `pii-bot serve` (Zalo only) killed with SIGKILL in the
middle of a burst and started again handles every event (0 lost), and Zalo's retries of events
already handled change nothing."""

from __future__ import annotations

import asyncio
import os
import sys
from collections import Counter
from pathlib import Path

import httpx
import pytest

from tests.fakes.telegram_api import free_port
from tests.fakes.zalo_api import (
    APP_ID,
    APP_SECRET,
    FIRST_REFRESH_TOKEN,
    OA_SECRET_KEY,
    FakeZalo,
    signed,
    text_event,
)
from tests.telegram.test_webhook_crash import until, wait_listening

pytestmark = pytest.mark.db
ROOT = Path(__file__).resolve().parents[2]
FIRST_USER = 7_000_000


async def serve(engine, fake: FakeZalo, port: int, tmp_path: Path):  # type: ignore[no-untyped-def]
    """`pii-bot serve` for Zalo alone, in its own process."""
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "DATABASE_URL": engine.url.render_as_string(hide_password=False),
        "ZALO_APP_ID": APP_ID,
        "ZALO_OA_SECRET_KEY": OA_SECRET_KEY,
        "ZALO_APP_SECRET": APP_SECRET,
        "ZALO_REFRESH_TOKEN": FIRST_REFRESH_TOKEN,
        "ZALO_API_BASE_URL": fake.base_url,
        "ZALO_OAUTH_BASE_URL": fake.base_url,
        "WEB_PORT": str(port),
        "DATA_DIR": str(tmp_path / "data"),
        "ZALO_QUIET_START": "00:00",
        "ZALO_QUIET_END": "00:00",
    }
    env.pop("TELEGRAM_BOT_TOKEN", None)
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot.cli",
        "serve",
        cwd=ROOT,
        env=env,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )


async def post_all(port: int, events: list[dict[str, object]], on_ok=None) -> set[int]:  # type: ignore[no-untyped-def]
    """Post signed events 10 at a time; the indexes answered 200."""
    acknowledged: set[int] = set()
    gate = asyncio.Semaphore(10)
    async with httpx.AsyncClient(timeout=10) as client:

        async def one(index: int) -> None:
            body, headers = signed(events[index])
            async with gate:
                try:
                    response = await client.post(
                        f"http://127.0.0.1:{port}/zalo/webhook", content=body, headers=headers
                    )
                except httpx.HTTPError:
                    return
                if response.status_code == 200:
                    acknowledged.add(index)
                    if on_ok is not None:
                        on_ok(len(acknowledged))

        await asyncio.gather(*(one(i) for i in range(len(events))))
    return acknowledged


def answered(fake: FakeZalo, users: list[str]) -> Counter[str]:
    """Agenda answers per user."""
    return Counter({u: sum("Chương trình" in t for t in fake.texts_to(u)) for u in users})


async def test_kill_mid_burst_then_restart_handles_every_event(engine, make_event, tmp_path):
    await make_event()
    users = [str(FIRST_USER + n) for n in range(100)]
    events = [text_event(u, "/chuongtrinh", msg_id=f"m-{u}") for u in users]
    fake = await FakeZalo().start()
    port = free_port()
    try:
        first = await serve(engine, fake, port, tmp_path)
        await wait_listening(port, first)

        def kill_after_30(count: int) -> None:
            if count == 30 and first.returncode is None:
                first.kill()  # SIGKILL

        acknowledged = await post_all(port, events, kill_after_30)
        await first.wait()
        assert 30 <= len(acknowledged) < len(events)
        second = await serve(engine, fake, port, tmp_path)
        await wait_listening(port, second)
        # Zalo retries: every event once more, handled or not.
        assert await post_all(port, events) == set(range(len(events)))
        await until(lambda: all(answered(fake, users).values()), 60, "an answer to every event")
        await asyncio.sleep(1.0)  # anything handled twice would be answered now
        second.terminate()
        await second.wait()
    finally:
        await fake.stop()
    counts = answered(fake, users)
    assert all(counts[u] >= 1 for u in users)  # 0 lost
    assert sum(n - 1 for n in counts.values()) <= 10  # only replies in flight at the kill went twice
