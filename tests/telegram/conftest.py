"""Fixtures for the Telegram channel: a fake Bot API server and the real Application against it."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

import pytest

from bot.app import BotCore
from bot.channels.telegram import TelegramChannel
from bot.config import Settings
from bot.messages import Inbound, Reply
from bot.run.serve import run_polling
from handlers import build_router
from handlers.context import Context
from tests.fakes.telegram_api import TOKEN, FakeBotApi

SECRET = "s3cret-Token_for-tests"


@pytest.fixture
async def fake_api() -> AsyncIterator[FakeBotApi]:
    """A fake Bot API server listening on 127.0.0.1."""
    api = await FakeBotApi().start()
    yield api
    await api.stop()


@pytest.fixture
def tg_settings(settings: Settings, fake_api: FakeBotApi) -> Settings:
    """Settings pointing the bot at the fake server."""
    return settings.model_copy(
        update={
            "telegram_bot_token": TOKEN,
            "telegram_api_base_url": fake_api.base_url,
            "telegram_webhook_secret": SECRET,
            "telegram_webhook_url": "https://bot.example.test/telegram/webhook",
        }
    )


@pytest.fixture
def seen() -> list[Inbound]:
    """Every Inbound that reached the recording conversations."""
    return []


@pytest.fixture
def tg_core(tg_settings: Settings, engine, clock, seen: list[Inbound]) -> BotCore:  # type: ignore[no-untyped-def]
    """The real core and router, plus a few test-only commands and a catch-all that records its input."""
    router = build_router()
    default_fallback = router._fallback
    assert default_fallback is not None

    async def record(ctx: Context) -> list[Reply]:
        seen.append(ctx.inbound)
        return await default_fallback(ctx)

    async def phone(ctx: Context) -> list[Reply]:
        return [Reply(text="Số điện thoại?", request_phone=True)]

    async def long_text(ctx: Context) -> list[Reply]:
        lines = [f"Dòng {i}: " + "chữ " * 30 for i in range(100)]
        return [Reply(text="\n".join(lines), buttons=ctx.main_menu())]

    router.command(phone, "testphone")
    router.command(long_text, "testlong")
    router.fallback(record)
    return BotCore(tg_settings, engine, router=router, clock=clock)


@pytest.fixture
async def polling(tg_settings: Settings, tg_core: BotCore, fake_api: FakeBotApi) -> AsyncIterator[FakeBotApi]:
    """`run_polling` in the background until the test ends; yields the fake server."""
    stop = asyncio.Event()
    task = asyncio.create_task(
        run_polling(tg_settings, core=tg_core, stop=stop, poll_timeout=1, outbox_interval=0.2)
    )
    # Generous: other test runs may share the machine; a healthy start takes well under a second.
    await fake_api.wait_for(lambda: fake_api.calls_to("getUpdates") or task.done(), timeout=20)
    if task.done():
        task.result()
    yield fake_api
    stop.set()
    with contextlib.suppress(asyncio.CancelledError):
        await asyncio.wait_for(task, 10)


@pytest.fixture
async def channel(tg_core: BotCore, fake_api: FakeBotApi) -> AsyncIterator[TelegramChannel]:
    """An initialised channel (getMe done) that is not polling: for outbox sends."""
    tg = TelegramChannel.create(tg_core)
    async with tg.application:
        yield tg
