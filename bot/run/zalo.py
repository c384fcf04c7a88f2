"""Starting the Zalo channels beside Telegram in `pii-bot run` and `pii-bot serve`.

The Zalo Bot Platform polls (getUpdates) in `run`, and in `serve` unless ZALO_BOT_WEBHOOK_SECRET is
set, when its updates come to /zalo-bot/webhook in the same web app. The OA has no polling: `run`
with an OA configured also opens the web server for its webhook, so one command serves every
configured channel.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

import uvicorn

from bot.app import BotCore
from bot.channels.zalo import ZaloChannel
from bot.channels.zalo_bot import ZaloBotChannel
from bot.config import Settings
from bot.messages import ChannelAdapter
from storage.enums import Channel

__all__ = ["start_oa_server", "start_zalo_bot", "zalo_bot_problem"]

log = logging.getLogger(__name__)


def zalo_bot_problem(settings: Settings, *, webhook: bool) -> str | None:
    """One line naming the Zalo Bot variable that stops this mode from starting, or None."""
    if not settings.zalo_bot_enabled or not webhook or not settings.zalo_bot_webhook_secret:
        return None  # polling needs the token only
    secret = settings.zalo_bot_webhook_secret
    if not 8 <= len(secret) <= 256:
        return "ZALO_BOT_WEBHOOK_SECRET: use 8-256 characters"
    if not (settings.zalo_bot_webhook_url or "").startswith("https://"):
        return "ZALO_BOT_WEBHOOK_URL: not set (the public https:// address of /zalo-bot/webhook)"
    return None


async def start_zalo_bot(
    stack: contextlib.AsyncExitStack, core: BotCore, *, webhook: bool
) -> tuple[ZaloBotChannel | None, dict[Channel, ChannelAdapter]]:
    """Start the Zalo Bot channel if configured: polling, or (webhook) ready for its route.
    Returns the channel and the outbox adapters it adds; the stack stops it."""
    if not core.settings.zalo_bot_enabled:
        return None, {}
    channel = ZaloBotChannel(core)
    stack.push_async_callback(channel.aclose)
    if webhook and core.settings.zalo_bot_webhook_secret:
        return channel, {Channel.ZALO_BOT: channel}
    stop = asyncio.Event()
    polling = asyncio.create_task(channel.poll(stop), name="zalo-bot-polling")

    async def finish() -> None:
        stop.set()
        await polling

    stack.push_async_callback(finish)
    me = await channel.api.get_me()
    log.info("polling the Zalo Bot Platform as %s", me.get("account_name", "?"))
    return channel, {Channel.ZALO_BOT: channel}


async def start_oa_server(
    stack: contextlib.AsyncExitStack, core: BotCore, interval: float
) -> ZaloChannel | None:
    """`pii-bot run` with an OA: its webhook on the web server, and its own outbox drain."""
    from bot.run.web import create_web_app

    settings = core.settings
    if not settings.zalo_enabled:
        return None
    zalo = ZaloChannel(core)
    await zalo.check_ready()
    stack.push_async_callback(zalo.aclose)
    stop = asyncio.Event()
    draining = asyncio.create_task(zalo.run_outbox(stop, interval), name="zalo-outbox")
    web = create_web_app(core.engine, routes=[zalo.route()])
    config = uvicorn.Config(
        web,
        host=settings.web_host,
        port=settings.web_port,
        lifespan="off",
        log_config=None,
        proxy_headers=True,
        access_log=False,
    )
    server = uvicorn.Server(config)
    serving = asyncio.create_task(server.serve(), name="zalo-oa-web")

    async def finish() -> None:
        stop.set()
        await draining
        server.should_exit = True
        with contextlib.suppress(Exception, SystemExit):
            await serving

    stack.push_async_callback(finish)
    log.info("Zalo OA webhook at /zalo/webhook on %s:%d", settings.web_host, settings.web_port)
    return zalo
