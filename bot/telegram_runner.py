"""`pii-bot run` (long polling) and `pii-bot serve` (webhook server): start, tick the outbox, stop."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import re
import signal
import threading
import zoneinfo
from collections.abc import Iterator

import uvicorn
from telegram.ext import ContextTypes

from bot.app import BotCore, open_core
from bot.channels.telegram import TelegramChannel
from bot.config import Settings
from bot.delivery import deliver_due, release_stale
from storage.enums import Channel

__all__ = [
    "ALLOWED_UPDATES",
    "OUTBOX_INTERVAL",
    "settings_problem",
    "prepare_channel",
    "run_polling",
    "serve_webhook",
]

log = logging.getLogger(__name__)

ALLOWED_UPDATES = ["message", "callback_query"]
OUTBOX_INTERVAL = 5.0  # seconds between outbox drains
_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")


def settings_problem(settings: Settings, *, webhook: bool) -> str | None:
    """One line naming the variable that stops this mode from starting, or None when all is set."""
    if not settings.telegram_bot_token:
        return "TELEGRAM_BOT_TOKEN: not set (the token @BotFather gave you)"
    if not webhook:
        return None
    if not settings.telegram_webhook_url:
        return "TELEGRAM_WEBHOOK_URL: not set (the public https:// address of /telegram/webhook)"
    if not settings.telegram_webhook_secret:
        return "TELEGRAM_WEBHOOK_SECRET: not set (1-256 characters: A-Z, a-z, 0-9, _ and -)"
    if not _SECRET.match(settings.telegram_webhook_secret):
        return "TELEGRAM_WEBHOOK_SECRET: use 1-256 characters from A-Z, a-z, 0-9, _ and -"
    return None


async def _drain_outbox(context: ContextTypes.DEFAULT_TYPE) -> None:
    channel: TelegramChannel = context.job.data  # type: ignore[union-attr]
    counts = await deliver_due(channel.core.sessions, {Channel.TELEGRAM: channel})
    if counts.sent or counts.retried or counts.failed or counts.unreachable:
        log.info("outbox: %s", counts)


async def prepare_channel(channel: TelegramChannel, *, outbox_interval: float = OUTBOX_INTERVAL) -> None:
    """After initialize(): the command menu, abandoned outbox claims back, the outbox job scheduled."""
    await channel.set_commands()
    released = await release_stale(channel.core.sessions)
    if released:
        log.info("outbox: %d abandoned message(s) put back in the queue", released)
    job_queue = channel.application.job_queue
    if job_queue is None:
        raise RuntimeError("python-telegram-bot was installed without the job-queue extra")
    job_queue.run_repeating(_drain_outbox, interval=outbox_interval, first=1.0, data=channel, name="outbox")


@contextlib.contextmanager
def _stop_on_signals(stop: asyncio.Event) -> Iterator[None]:
    # Our own handlers (not the loop's) so that uvicorn, which restores and re-raises the signal
    # it caught, hands it back to us and the shutdown below still runs.
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    loop = asyncio.get_running_loop()
    sigs = (signal.SIGINT, signal.SIGTERM)
    previous = {sig: signal.signal(sig, lambda *_: loop.call_soon_threadsafe(stop.set)) for sig in sigs}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


async def _demo_core(settings: Settings) -> BotCore:
    from bot.demo import demo_settings, ensure_demo_event

    core = await open_core(demo_settings(settings, reset=False), migrate=True)
    await ensure_demo_event(core, dt.datetime.now(zoneinfo.ZoneInfo(settings.timezone)).date())
    return core


async def _open(settings: Settings, core: BotCore | None, demo: bool) -> tuple[BotCore, bool]:
    if core is not None:
        return core, False
    return (await _demo_core(settings) if demo else await open_core(settings)), True


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
    core, owned = await _open(settings, core, demo)
    stop = stop or asyncio.Event()
    channel = TelegramChannel.create(core)
    application = channel.application
    try:
        with _stop_on_signals(stop):
            async with application:
                await prepare_channel(channel, outbox_interval=outbox_interval)
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
    finally:
        if owned:
            await core.close()


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
    """Serve the webhook (and /healthz) with uvicorn until `stop` is set (or SIGINT/SIGTERM)."""
    from bot.web import create_web_app

    problem = settings_problem(settings, webhook=True)
    if problem:
        raise ValueError(problem)
    core, owned = await _open(settings, core, demo)
    stop = stop or asyncio.Event()
    channel = TelegramChannel.create(core, with_updater=False)
    application = channel.application
    web = create_web_app(core.engine, telegram=application, telegram_secret=settings.telegram_webhook_secret)
    config = uvicorn.Config(
        web, host=settings.web_host, port=settings.web_port, lifespan="off", log_config=None,
        proxy_headers=True, access_log=False,
    )
    server = uvicorn.Server(config)
    try:
        with _stop_on_signals(stop):
            async with application:
                await prepare_channel(channel, outbox_interval=outbox_interval)
                await application.start()
                serving = asyncio.create_task(server.serve())
                try:
                    await _until_listening(server, serving, settings)
                    await application.bot.set_webhook(
                        settings.telegram_webhook_url,  # type: ignore[arg-type]
                        secret_token=settings.telegram_webhook_secret,
                        allowed_updates=ALLOWED_UPDATES,
                    )
                    log.info("webhook for @%s at %s", application.bot.username, settings.telegram_webhook_url)
                    stopped = asyncio.create_task(stop.wait())
                    await asyncio.wait({serving, stopped}, return_when=asyncio.FIRST_COMPLETED)
                    stopped.cancel()
                finally:
                    # The webhook stays registered: Telegram keeps updates until the next start.
                    server.should_exit = True
                    with contextlib.suppress(Exception, SystemExit):
                        await serving
                    await application.stop()
    finally:
        if owned:
            await core.close()
