"""The ASGI app behind the reverse proxy: messenger webhooks and a health check."""

from __future__ import annotations

import hmac
import json
import logging
from collections.abc import Sequence

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route
from telegram import Update
from telegram.ext import Application

__all__ = ["SECRET_HEADER", "create_web_app", "telegram_webhook_route"]

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


def telegram_webhook_route(application: Application, secret: str, path: str = "/telegram/webhook") -> Route:
    """POST route that checks Telegram's secret header and queues the update for the Application."""
    expected = secret.encode("utf-8")

    async def receive(request: Request) -> Response:
        given = request.headers.get(SECRET_HEADER, "").encode("utf-8")
        # Constant-time comparison: the secret is the only thing standing between the internet
        # and the bot's handlers.
        if not given or not hmac.compare_digest(given, expected):
            return Response(status_code=403)
        try:
            data = await request.json()
        except (json.JSONDecodeError, UnicodeDecodeError):
            return Response(status_code=400)
        update = Update.de_json(data, application.bot)
        if update is None:
            return Response(status_code=400)
        # Queued, as in python-telegram-bot's custom webhook example: Telegram gets its 200 at once
        # and the Application's update processor serves users concurrently.
        await application.update_queue.put(update)
        return Response(status_code=200)

    return Route(path, receive, methods=["POST"])


def create_web_app(
    engine: AsyncEngine,
    *,
    telegram: Application | None = None,
    telegram_secret: str | None = None,
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
        all_routes.append(telegram_webhook_route(telegram, telegram_secret))
    all_routes.extend(routes)
    return Starlette(routes=all_routes)
