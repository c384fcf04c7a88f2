"""`pii-bot run` before any event was imported serves the sample event from the demo database."""

from __future__ import annotations

import asyncio
import contextlib

import pytest

from bot.run.serve import run_polling
from tests.fakes.telegram_api import FakeBotApi, message_update

pytestmark = pytest.mark.db


async def test_empty_database_serves_the_demo_event(tg_settings, fake_api: FakeBotApi):
    stop = asyncio.Event()
    task = asyncio.create_task(run_polling(tg_settings, stop=stop, poll_timeout=1, outbox_interval=0.2))
    try:
        await fake_api.wait_for(lambda: fake_api.calls_to("getUpdates") or task.done(), timeout=30)
        fake_api.push(message_update(777, "/chuongtrinh"))
        texts = await fake_api.wait_for(lambda: fake_api.texts_to(777), timeout=20)
        assert "[DEMO]" in texts[0] and "Quảng Trị" in texts[0]
        assert "08:15–10:15  Tham luận:" in texts[0]
    finally:
        stop.set()
        with contextlib.suppress(asyncio.CancelledError):
            await asyncio.wait_for(task, 20)
