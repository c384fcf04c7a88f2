"""The ASGI app behind the reverse proxy: messenger webhooks and a health check."""

from __future__ import annotations

import hmac
import json
import logging
from collections.abc import Awaitable, Callable, Sequence

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route
from telegram import Update
from telegram.ext import Application

__all__ = [
    "SECRET_HEADER",
    "MAX_UPDATE_BYTES",
    "UpdateStore",
    "read_capped",
    "create_web_app",
    "telegram_webhook_route",
]

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
# A messenger's update is a few kilobytes; anything far larger is refused before it is read whole.
MAX_UPDATE_BYTES = 1_000_000
# Keeps a posted update (key, chat, raw body); False if it was kept before (a retry).
UpdateStore = Callable[[str, str | None, bytes], Awaitable[bool]]


async def read_capped(request: Request, limit: int = MAX_UPDATE_BYTES) -> bytes | None:
    """The request body, read in chunks; None as soon as it is larger than `limit` bytes."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        return None
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            return None
    return bytes(body)


def _chat_of(update: Update) -> str | None:
    entity = update.effective_chat or update.effective_user
    return None if entity is None else str(entity.id)


def telegram_webhook_route(
    application: Application,
    secret: str,
    path: str = "/telegram/webhook",
    *,
    store: UpdateStore | None = None,
) -> Route:
    """POST route that checks Telegram's secret header, keeps the update (`store`) and queues it
    for the Application. The 200 comes only once the update is kept: Telegram resends otherwise."""
    expected = secret.encode("utf-8")

    async def receive(request: Request) -> Response:
        given = request.headers.get(SECRET_HEADER, "").encode("utf-8")
        # Constant-time comparison: the secret is the only thing standing between the internet
        # and the bot's handlers.
        if not given or not hmac.compare_digest(given, expected):
            return Response(status_code=403)
        raw = await read_capped(request)
        if raw is None:
            return Response(status_code=413)
        try:
            data = json.loads(raw)
        except (json.JSONDecodeError, UnicodeDecodeError):
            return Response(status_code=400)
        if not isinstance(data, dict) or not isinstance(data.get("update_id"), int):
            return Response(status_code=400)
        try:
            update = Update.de_json(data, application.bot)
        except Exception as exc:  # PTB cannot read it: drop this one update, not the bot
            log.warning("telegram update %s could not be read (%s); skipped", data["update_id"], exc)
            return Response(status_code=200)
        if store is not None:
            try:
                if not await store(str(update.update_id), _chat_of(update), raw):
                    return Response(status_code=200)  # a resend of an update already kept
            except Exception as exc:  # the database is away: Telegram keeps the update and resends
                log.warning("telegram update %s not stored (%s); answered 503", update.update_id, exc)
                return Response(status_code=503)
        # Queued, as in python-telegram-bot's custom webhook example: the Application's update
        # processor serves users concurrently.
        await application.update_queue.put(update)
        return Response(status_code=200)

    return Route(path, receive, methods=["POST"])


def create_web_app(
    engine: AsyncEngine,
    *,
    telegram: Application | None = None,
    telegram_secret: str | None = None,
    telegram_store: UpdateStore | None = None,
    routes: Sequence[BaseRoute] = (),
) -> Starlette:
    """The web app: /healthz, the Telegram webhook when given, and any further channel routes."""

    async def healthz(_request: Request) -> Response:
        try:
            async with engine.connect() as conn:
                await conn.execute(text("SELECT 1"))
        except Exception as exc:  # a health check reports, it never raises
            log.warning("health check failed: %s", exc)
            return JSONResponse({"status": "unavailable"}, status_code=503)
        return JSONResponse({"status": "ok"})

    all_routes: list[BaseRoute] = [Route("/healthz", healthz, methods=["GET"])]
    if telegram is not None:
        if not telegram_secret:
            raise ValueError("the Telegram webhook needs TELEGRAM_WEBHOOK_SECRET")
        all_routes.append(telegram_webhook_route(telegram, telegram_secret, store=telegram_store))
    all_routes.extend(routes)
    return Starlette(routes=all_routes)
