"""Fixtures for the Zalo channel: a fake Zalo server, the real channel and web app in front of it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from bot.app import BotCore
from bot.channels.zalo import ZaloChannel
from bot.channels.zalo_bot import ZaloBotChannel
from bot.config import Settings
from bot.run.web import create_web_app
from tests.fakes.zalo_api import (
    APP_ID,
    APP_SECRET,
    FIRST_REFRESH_TOKEN,
    OA_SECRET_KEY,
    FakeZalo,
    signed,
    text_event,
)
from tests.fakes.zalo_bot_api import BOT_TOKEN, FakeZaloBot
from tests.fakes.zalo_bot_api import text_update as bot_text


@pytest.fixture
async def fake_zalo() -> AsyncIterator[FakeZalo]:
    """A fake Zalo server listening on 127.0.0.1."""
    server = await FakeZalo().start()
    yield server
    await server.stop()


@pytest.fixture
def zalo_settings(settings: Settings, fake_zalo: FakeZalo) -> Settings:
    """Settings of an OA whose Zalo is the fake server."""
    return settings.model_copy(
        update={
            "zalo_app_id": APP_ID,
            "zalo_oa_secret_key": OA_SECRET_KEY,
            "zalo_app_secret": APP_SECRET,
            "zalo_refresh_token": FIRST_REFRESH_TOKEN,
            "zalo_api_base_url": fake_zalo.base_url,
            "zalo_oauth_base_url": fake_zalo.base_url,
        }
    )


@pytest.fixture
def zalo_core(zalo_settings: Settings, engine, clock) -> BotCore:  # type: ignore[no-untyped-def]
    """The real core and router on the test database, with the Zalo settings."""
    return BotCore(zalo_settings, engine, clock=clock)


@pytest.fixture
async def zalo(zalo_core: BotCore) -> AsyncIterator[ZaloChannel]:
    """The Zalo channel (its clock is the core's fixed clock unless a test makes its own)."""
    channel = ZaloChannel(zalo_core)
    yield channel
    await channel.aclose()


@pytest.fixture
async def web(zalo: ZaloChannel) -> AsyncIterator[httpx.AsyncClient]:
    """The web app with the Zalo webhook route, spoken to over ASGI."""
    app = create_web_app(zalo.core.engine, routes=[zalo.route()])
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://bot.test"
    ) as client:
        yield client


async def post_event(web: httpx.AsyncClient, zalo: ZaloChannel, event: dict[str, Any]) -> httpx.Response:
    """Post a signed event as Zalo does and wait until the channel has handled it."""
    body, headers = signed(event)
    response = await web.post("/zalo/webhook", content=body, headers=headers)
    await zalo.wait_idle()
    return response


async def say(web: httpx.AsyncClient, zalo: ZaloChannel, fake: FakeZalo, user: str, *lines: str) -> str:
    """Type lines as one Zalo user; return every text the bot sent that user meanwhile."""
    before = len(fake.texts_to(user))
    for line in lines:
        response = await post_event(web, zalo, text_event(user, line))
        assert response.status_code == 200
    return "\n".join(fake.texts_to(user)[before:])


@pytest.fixture
async def fake_zalo_bot() -> AsyncIterator[FakeZaloBot]:
    """A fake Zalo Bot Platform listening on 127.0.0.1."""
    server = await FakeZaloBot().start()
    yield server
    await server.stop()


@pytest.fixture
async def zalo_bot(
    settings: Settings, fake_zalo_bot: FakeZaloBot, engine, clock
) -> AsyncIterator[ZaloBotChannel]:  # type: ignore[no-untyped-def]
    """The Zalo Bot Platform channel on the test database, its API the fake (1 s long polls)."""
    bot_settings = settings.model_copy(
        update={
            "zalo_bot_token": BOT_TOKEN,
            "zalo_bot_api_base_url": fake_zalo_bot.base_url,
            "zalo_bot_poll_timeout": 1,
            "zalo_bot_webhook_secret": "bot-webhook-secret-1",
            "zalo_bot_webhook_url": "https://bot.example.gov.vn/zalo-bot/webhook",
        }
    )
    channel = ZaloBotChannel(BotCore(bot_settings, engine, clock=clock))
    yield channel
    await channel.aclose()


async def bot_say(fake: FakeZaloBot, channel: ZaloBotChannel, chat: str, *lines: str) -> str:
    """Type lines as one Zalo Bot user (each taken by one long poll); the texts the bot sent back."""
    before = len(fake.texts_to(chat))
    for line in lines:
        fake.push(bot_text(chat, line))
        assert await channel.poll_once()
    return "\n".join(fake.texts_to(chat)[before:])
