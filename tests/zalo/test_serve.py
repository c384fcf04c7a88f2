"""`pii-bot serve` with an OA's credentials: Zalo alone, or Zalo and Telegram from one deployment;
a missing Zalo variable is one line naming it."""

from __future__ import annotations

import asyncio
import contextlib

import httpx
import pytest

from bot.app import BotCore
from bot.messages import Reply
from bot.outbox.delivery import enqueue
from bot.run.serve import run_polling, serve_webhook, settings_problem
from storage import repositories as repo
from storage.enums import Channel
from tests.fakes.telegram_api import TOKEN, FakeBotApi, free_port, message_update
from tests.fakes.zalo_api import FakeZalo, signed, text_event
from tests.fakes.zalo_bot_api import BOT_TOKEN, FakeZaloBot
from tests.fakes.zalo_bot_api import text_update as bot_text

pytestmark = pytest.mark.db

USER = "3141592653"


@contextlib.asynccontextmanager
async def serving(settings, core):  # type: ignore[no-untyped-def]
    """serve_webhook in the background on a free port; yields an HTTP client for it."""
    port = free_port()
    settings = settings.model_copy(update={"web_port": port})
    stop = asyncio.Event()
    task = asyncio.create_task(serve_webhook(settings, core=core, stop=stop, outbox_interval=0.2))
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:
            for _ in range(500):
                if task.done():
                    task.result()
                with contextlib.suppress(httpx.HTTPError):
                    if (await client.get("/healthz")).status_code == 200:
                        break
                await asyncio.sleep(0.02)
            yield client
    finally:
        stop.set()
        await asyncio.wait_for(task, 10)


async def _wait(check, timeout: float = 10.0):  # type: ignore[no-untyped-def]
    for _ in range(int(timeout / 0.02)):
        if result := check():
            return result
        await asyncio.sleep(0.02)
    raise AssertionError("condition not met")


async def test_serve_answers_on_zalo_alone(
    zalo_settings, zalo_core: BotCore, fake_zalo: FakeZalo, make_event
):
    await make_event()
    assert settings_problem(zalo_settings, webhook=True) is None
    async with serving(zalo_settings, zalo_core) as client:
        body, headers = signed(text_event(USER, "/chuongtrinh"))
        assert (
            await client.post(
                "/zalo/webhook", content=body, headers={**headers, "X-ZEvent-Signature": "mac=0"}
            )
        ).status_code == 403
        assert (await client.post("/zalo/webhook", content=body, headers=headers)).status_code == 200
        texts = await _wait(lambda: fake_zalo.texts_to(USER))
        assert "Chương trình: Hội thảo PII tỉnh Thử Nghiệm 2026" in texts[0]
        assert (await client.post("/telegram/webhook", json={})).status_code == 404  # Telegram is not served


async def test_one_deployment_serves_telegram_and_zalo(
    zalo_settings, engine, clock, fake_zalo: FakeZalo, make_event
):
    await make_event()
    telegram = await FakeBotApi().start()
    try:
        settings = zalo_settings.model_copy(
            update={
                "telegram_bot_token": TOKEN,
                "telegram_api_base_url": telegram.base_url,
                "telegram_webhook_secret": "both-channels-secret",
                "telegram_webhook_url": "https://bot.test/telegram/webhook",
            }
        )
        async with serving(settings, BotCore(settings, engine, clock=clock)) as client:
            body, headers = signed(text_event(USER, "/diadiem"))
            assert (await client.post("/zalo/webhook", content=body, headers=headers)).status_code == 200
            update = {"update_id": 1, **message_update(901, "/chuongtrinh")}
            secret = {"X-Telegram-Bot-Api-Secret-Token": "both-channels-secret"}
            assert (await client.post("/telegram/webhook", json=update, headers=secret)).status_code == 200
            await _wait(lambda: fake_zalo.texts_to(USER))
            await telegram.wait_for(lambda: telegram.texts_to(901))
        assert "Hội trường A" in fake_zalo.texts_to(USER)[0]
        assert "Chương trình: Hội thảo PII tỉnh Thử Nghiệm 2026" in telegram.texts_to(901)[0]
    finally:
        await telegram.stop()


def test_a_missing_zalo_variable_is_named(zalo_settings):
    assert settings_problem(zalo_settings.model_copy(update={"zalo_oa_secret_key": None}), webhook=True) == (
        "ZALO_OA_SECRET_KEY: not set (the OA secret key that signs Zalo's webhook)"
    )
    assert settings_problem(
        zalo_settings.model_copy(update={"zalo_app_secret": ""}), webhook=True
    ).startswith("ZALO_APP_SECRET: not set")
    # `pii-bot run` serves the OA too (its webhook on the web server), so it may run without Telegram.
    assert settings_problem(zalo_settings, webhook=False) is None
    assert settings_problem(zalo_settings.model_copy(update={"zalo_app_id": None}), webhook=False).startswith(
        "TELEGRAM_BOT_TOKEN: not set"
    )
    bot = zalo_settings.model_copy(
        update={"zalo_app_id": None, "zalo_bot_token": "1:x", "zalo_bot_webhook_secret": "short"}
    )
    assert settings_problem(bot, webhook=False) is None  # polling needs the token only
    assert settings_problem(bot, webhook=True) == "ZALO_BOT_WEBHOOK_SECRET: use 8-256 characters"


async def test_first_run_without_a_refresh_token_is_refused(zalo_settings, zalo_core: BotCore):
    settings = zalo_settings.model_copy(update={"zalo_refresh_token": None})
    with pytest.raises(ValueError, match="^ZALO_REFRESH_TOKEN: not set"):
        await serve_webhook(settings, core=BotCore(settings, zalo_core.engine), stop=asyncio.Event())


async def test_run_serves_every_configured_channel_at_once(
    zalo_settings, engine, clock, fake_zalo: FakeZalo, make_event, sessions
):
    """`pii-bot run` with Telegram, the OA and the Zalo Bot: Telegram and the bot poll, the OA's
    webhook listens, and the outbox reaches each channel."""
    await make_event()
    telegram = await FakeBotApi().start()
    bot = await FakeZaloBot().start()
    port = free_port()
    settings = zalo_settings.model_copy(
        update={
            "telegram_bot_token": TOKEN,
            "telegram_api_base_url": telegram.base_url,
            "web_port": port,
            "zalo_bot_token": BOT_TOKEN,
            "zalo_bot_api_base_url": bot.base_url,
            "zalo_bot_poll_timeout": 1,
        }
    )
    core = BotCore(settings, engine, clock=clock)
    async with sessions() as session, session.begin():
        identity, _ = await repo.identity_for(session, Channel.ZALO_BOT, "bot-chat-1", None, "vi")
        await enqueue(session, identity.id, [Reply(text="Nhắc lịch qua Zalo Bot")], kind="test")
    stop = asyncio.Event()
    task = asyncio.create_task(
        run_polling(settings, core=core, stop=stop, poll_timeout=1, outbox_interval=0.2)
    )
    try:
        bot.push(bot_text("bot-chat-2", "/chuongtrinh"))
        await _wait(lambda: bot.texts_to("bot-chat-2"))
        await _wait(lambda: bot.texts_to("bot-chat-1"))
        telegram.push(message_update(902, "/diadiem"))
        await telegram.wait_for(lambda: telegram.texts_to(902))
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:
            body, headers = signed(text_event(USER, "/chuongtrinh"))
            assert (await _wait_post(client, body, headers)).status_code == 200
        await _wait(lambda: fake_zalo.texts_to(USER))
    finally:
        stop.set()
        await asyncio.wait_for(task, 10)
        await telegram.stop()
        await bot.stop()
    assert bot.texts_to("bot-chat-1") == ["Nhắc lịch qua Zalo Bot"]
    assert "Chương trình: Hội thảo PII tỉnh Thử Nghiệm 2026" in bot.texts_to("bot-chat-2")[0]
    assert "Hội trường A" in telegram.texts_to(902)[0]
    assert "Chương trình" in fake_zalo.texts_to(USER)[0]


async def _wait_post(client, body, headers):  # type: ignore[no-untyped-def]
    for _ in range(250):
        with contextlib.suppress(httpx.HTTPError):
            return await client.post("/zalo/webhook", content=body, headers=headers)
        await asyncio.sleep(0.02)
    raise AssertionError("the OA webhook never listened")
