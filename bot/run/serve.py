"""`pii-bot run` (long polling) and `pii-bot serve` (webhook server): start, tick the outbox, stop."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import re
import zoneinfo
from typing import Any

import uvicorn
from telegram.ext import ContextTypes

from bot.app import BotCore, open_core
from bot.channels.telegram import TelegramChannel
from bot.channels.zalo import ZaloChannel
from bot.channels.zalo_bot import ZaloBotChannel
from bot.config import Settings
from bot.outbox.delivery import release_stale
from bot.run.scheduler import Ticker
from bot.run.signals import stop_on_signals
from storage.enums import Channel
from storage.repositories import list_events

__all__ = [
    "ALLOWED_UPDATES",
    "OUTBOX_INTERVAL",
    "settings_problem",
    "prepare_channel",
    "run_polling",
    "serve_webhook",
]

log = logging.getLogger(__name__)

ALLOWED_UPDATES = ["message", "callback_query", "my_chat_member"]
OUTBOX_INTERVAL = 5.0  # seconds between ticks: reminders due, then a drain of the outbox
_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")


def settings_problem(settings: Settings, *, webhook: bool) -> str | None:
    """One line naming the variable that stops this mode from starting, or None when all is set.
    Polling is Telegram's; the webhook server serves Telegram, Zalo, or both."""
    from bot.run.zalo import zalo_bot_problem

    if problem := zalo_bot_problem(settings, webhook=webhook):
        return problem
    if settings.zalo_enabled and (problem := _zalo_problem(settings)):
        return problem
    if (settings.zalo_enabled or settings.zalo_bot_enabled) and not settings.telegram_bot_token:
        return None  # Zalo alone (the OA's webhook, the Zalo Bot polling or its webhook)
    if not settings.telegram_bot_token:
        return "TELEGRAM_BOT_TOKEN: not set (the token @BotFather gave you)"
    if not webhook:
        return None
    if not settings.telegram_webhook_url:
        return "TELEGRAM_WEBHOOK_URL: not set (the public https:// address of /telegram/webhook)"
    if not settings.telegram_webhook_url.startswith("https://"):
        return "TELEGRAM_WEBHOOK_URL: must start with https:// (Telegram posts updates over HTTPS only)"
    if not settings.telegram_webhook_secret:
        return "TELEGRAM_WEBHOOK_SECRET: not set (1-256 characters: A-Z, a-z, 0-9, _ and -)"
    if not _SECRET.match(settings.telegram_webhook_secret):
        return "TELEGRAM_WEBHOOK_SECRET: use 1-256 characters from A-Z, a-z, 0-9, _ and -"
    return None


def _zalo_problem(settings: Settings) -> str | None:
    if not settings.zalo_oa_secret_key:
        return "ZALO_OA_SECRET_KEY: not set (the OA secret key that signs Zalo's webhook)"
    if not settings.zalo_app_secret:
        return "ZALO_APP_SECRET: not set (the Zalo app's secret key, for refreshing the OA token)"
    return None


async def _tick(context: ContextTypes.DEFAULT_TYPE) -> None:
    ticker: Ticker = context.job.data  # type: ignore[union-attr,assignment]
    await ticker.tick()


async def prepare_channel(
    channel: TelegramChannel,
    *,
    outbox_interval: float = OUTBOX_INTERVAL,
    extra: dict[Channel, Any] | None = None,
) -> Ticker:
    """After initialize(): the command menu, abandoned outbox claims back, the scheduler's tick on
    PTB's JobQueue. Returns the Ticker, to be closed at shutdown."""
    await channel.set_commands()
    released = await release_stale(channel.core.sessions)
    if released:
        log.info("outbox: %d abandoned message(s) put back in the queue", released)
    job_queue = channel.application.job_queue
    if job_queue is None:
        raise RuntimeError("python-telegram-bot was installed without the job-queue extra")
    ticker = Ticker(channel.core, {Channel.TELEGRAM: channel, **(extra or {})})
    # max_instances 1: a tick still running (a slow database) makes the next one wait its turn.
    job_queue.run_repeating(
        _tick,
        interval=outbox_interval,
        first=1.0,
        data=ticker,
        name="tick",
        job_kwargs={"max_instances": 1, "coalesce": True},
    )
    return ticker


async def _demo_core(settings: Settings) -> BotCore:
    from bot.run.demo import demo_settings, ensure_demo_event

    core = await open_core(demo_settings(settings, reset=False), migrate=True)
    await ensure_demo_event(core, dt.datetime.now(zoneinfo.ZoneInfo(settings.timezone)).date())
    return core


async def _open(settings: Settings, core: BotCore | None, demo: bool) -> tuple[BotCore, bool]:
    if core is not None:
        return core, False
    if demo:
        return await _demo_core(settings), True
    core = await open_core(settings)
    async with core.sessions() as session:
        empty = not await list_events(session)
    if empty:
        # A first run before any import: serve the sample event from the demo's own database,
        # so the real one stays clean; the next start after `pii-bot event import` serves yours.
        log.warning("no event imported yet: serving the sample event (demo) until you import one")
        await core.close()
        return await _demo_core(settings), True
    return core, True


async def run_polling(
    settings: Settings,
    *,
    core: BotCore | None = None,
    stop: asyncio.Event | None = None,
    demo: bool = False,
    poll_timeout: float = 10.0,
    outbox_interval: float = OUTBOX_INTERVAL,
) -> None:
    """Serve Telegram by long polling until `stop` is set (or SIGINT/SIGTERM)."""
    from bot.run.zalo import start_oa_server, start_zalo_bot

    core, owned = await _open(settings, core, demo)
    stop = stop or asyncio.Event()
    try:
        with stop_on_signals(stop):
            async with contextlib.AsyncExitStack() as stack:
                # Every configured channel at once: the Zalo Bot polls, the OA gets its webhook server.
                _, extra = await start_zalo_bot(stack, core, webhook=False)
                await start_oa_server(stack, core, outbox_interval)
                if not settings.telegram_bot_token:
                    scheduler = Ticker(core, extra)
                    stack.push_async_callback(scheduler.close)
                    ticking = asyncio.create_task(
                        _tick_every(scheduler, outbox_interval), name="scheduler-tick"
                    )
                    stack.push_async_callback(_cancel, ticking)
                    await stop.wait()
                    return
                await _poll_telegram(core, stop, poll_timeout, outbox_interval, extra)
    finally:
        if owned:
            await core.close()


async def _poll_telegram(
    core: BotCore, stop: asyncio.Event, poll_timeout: float, outbox_interval: float, extra: dict[Channel, Any]
) -> None:
    channel = TelegramChannel.create(core)
    application = channel.application
    async with application:
        ticker = await prepare_channel(channel, outbox_interval=outbox_interval, extra=extra)
        updater = application.updater
        assert updater is not None
        await application.start()
        try:
            # start_polling removes any webhook first, so switching modes just works.
            await updater.start_polling(timeout=int(poll_timeout), allowed_updates=ALLOWED_UPDATES)
            log.info("polling Telegram as @%s", application.bot.username)
            await stop.wait()
        finally:
            if updater.running:
                await updater.stop()
            await application.stop()
            await ticker.close()


async def _until_listening(server: uvicorn.Server, serving: asyncio.Task[None], settings: Settings) -> None:
    # Register the webhook only once the socket is open, so Telegram's first post finds us.
    while not server.started:
        if serving.done():
            raise RuntimeError(f"WEB_PORT: cannot listen on {settings.web_host}:{settings.web_port}")
        await asyncio.sleep(0.02)


async def serve_webhook(
    settings: Settings,
    *,
    core: BotCore | None = None,
    stop: asyncio.Event | None = None,
    demo: bool = False,
    outbox_interval: float = OUTBOX_INTERVAL,
) -> None:
    """Serve the webhooks (Telegram's when TELEGRAM_BOT_TOKEN is set, Zalo's when ZALO_APP_ID is)
    and /healthz with uvicorn until `stop` is set (or SIGINT/SIGTERM)."""
    from bot.run.web import create_web_app

    problem = settings_problem(settings, webhook=True)
    if problem:
        raise ValueError(problem)
    core, owned = await _open(settings, core, demo)
    stop = stop or asyncio.Event()
    try:
        channel = TelegramChannel.create(core, with_updater=False) if settings.telegram_bot_token else None
        if channel is not None:
            channel.keep_updates()
        zalo = ZaloChannel(core) if settings.zalo_enabled else None
        if zalo is not None:
            await zalo.check_ready()
        zalo_bot = ZaloBotChannel(core) if settings.zalo_bot_enabled else None
        bot_hook = zalo_bot is not None and bool(settings.zalo_bot_webhook_secret)
        routes = ([zalo.route()] if zalo else []) + ([zalo_bot.route()] if zalo_bot and bot_hook else [])
        web = create_web_app(
            core.engine,
            telegram=channel.application if channel else None,
            telegram_secret=settings.telegram_webhook_secret,
            routes=routes,
            telegram_store=channel.store_update if channel else None,
        )
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
        with stop_on_signals(stop):
            async with contextlib.AsyncExitStack() as stack:
                extra = await _start_zalo_bot(stack, zalo_bot, bot_hook)
                await _start_channels(stack, core, channel, zalo, outbox_interval, extra)
                serving = asyncio.create_task(server.serve())
                try:
                    await _until_listening(server, serving, settings)
                    if channel is not None:
                        application = channel.application
                        await application.bot.set_webhook(
                            settings.telegram_webhook_url,  # type: ignore[arg-type]
                            secret_token=settings.telegram_webhook_secret,
                            allowed_updates=ALLOWED_UPDATES,
                        )
                        log.info(
                            "webhook for @%s at %s", application.bot.username, settings.telegram_webhook_url
                        )
                    if zalo is not None:
                        log.info("Zalo webhook at /zalo/webhook (set its public address in the Zalo console)")
                    if zalo_bot is not None and bot_hook:
                        await zalo_bot.register_webhook()
                        log.info("Zalo Bot webhook at %s", settings.zalo_bot_webhook_url)
                    stopped = asyncio.create_task(stop.wait())
                    await asyncio.wait({serving, stopped}, return_when=asyncio.FIRST_COMPLETED)
                    stopped.cancel()
                finally:
                    # The webhook stays registered: Telegram keeps updates until the next start.
                    server.should_exit = True
                    with contextlib.suppress(Exception, SystemExit):
                        await serving
    finally:
        if owned:
            await core.close()


async def _start_zalo_bot(
    stack: contextlib.AsyncExitStack, zalo_bot: ZaloBotChannel | None, webhook: bool
) -> dict[Channel, Any]:
    """The Zalo Bot's outbox adapter; it polls unless its webhook is configured."""
    if zalo_bot is None:
        return {}
    stack.push_async_callback(zalo_bot.aclose)
    if not webhook:
        stop = asyncio.Event()
        polling = asyncio.create_task(zalo_bot.poll(stop), name="zalo-bot-polling")
        stack.push_async_callback(_finish, polling, stop)
    return {Channel.ZALO_BOT: zalo_bot}


async def _start_channels(
    stack: contextlib.AsyncExitStack,
    core: BotCore,
    channel: TelegramChannel | None,
    zalo: ZaloChannel | None,
    interval: float,
    extra: dict[Channel, Any] | None = None,
) -> None:
    """Start what is configured; the stack stops it in reverse order (Zalo's HTTP client last)."""
    if zalo is not None:
        stack.push_async_callback(zalo.aclose)
        # Zalo drains its own part of the outbox (its night-long waits must not pause Telegram's pacer).
        stop_zalo = asyncio.Event()
        draining = asyncio.create_task(zalo.run_outbox(stop_zalo, interval), name="zalo-outbox")
        stack.push_async_callback(_finish, draining, stop_zalo)
        await zalo.replay()
    if channel is not None:
        application = channel.application
        await stack.enter_async_context(application)
        ticker = await prepare_channel(channel, outbox_interval=interval, extra=extra)
        await application.start()
        stack.push_async_callback(ticker.close)
        stack.push_async_callback(application.stop)
        await channel.replay()
        return
    # Zalo alone: no JobQueue, so an asyncio loop ticks the scheduler (reminders, offers, digests).
    scheduler = Ticker(core, extra or {})
    stack.push_async_callback(scheduler.close)
    ticking = asyncio.create_task(_tick_every(scheduler, interval), name="scheduler-tick")
    stack.push_async_callback(_cancel, ticking)


async def _finish(task: asyncio.Task[None], stop: asyncio.Event) -> None:
    stop.set()
    await task


async def _tick_every(ticker: Ticker, interval: float) -> None:
    while True:
        await ticker.tick()
        await asyncio.sleep(interval)


async def _cancel(task: asyncio.Task[None]) -> None:
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
