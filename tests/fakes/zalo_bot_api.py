"""A fake Zalo Bot Platform on 127.0.0.1, following bot.zaloplatforms.com/docs: POST
/bot{TOKEN}/{method} with JSON, answers {"ok": ..., "result": ...}; getUpdates gives one update
per call and HTTP 408 when nothing came within its timeout; ids are strings; setWebhook takes a
secret of 8-256 characters and getUpdates refuses while a webhook is set.

Tests point ZALO_BOT_API_BASE_URL at it. The builders at the end make updates as Zalo sends them.
"""

from __future__ import annotations

import asyncio
import itertools
import time
from dataclasses import dataclass
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from tests.fakes.local_server import LocalServer, free_port

__all__ = ["BOT_TOKEN", "BotCall", "FakeZaloBot", "image_update", "text_update", "unsupported_update"]

BOT_TOKEN = "1459232241454765289:fake-secret-of-the-bot"
_ids = itertools.count(1)


@dataclass
class BotCall:
    """One method the bot called, with its JSON parameters."""

    method: str
    params: dict[str, Any]
    ok: bool = False


class FakeZaloBot:
    """The fake. `await start()`, point the settings at `base_url`, push updates, inspect `calls`."""

    def __init__(self, *, max_poll_seconds: float = 0.3) -> None:
        self.calls: list[BotCall] = []
        self.updates: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self.webhook: dict[str, str] | None = None
        self.blocked: set[str] = set()
        self.max_poll_seconds = max_poll_seconds  # the fake's own cap on a long poll's wait
        self._local = LocalServer()
        self.port = 0

    @property
    def base_url(self) -> str:
        """What ZALO_BOT_API_BASE_URL should be."""
        return f"http://127.0.0.1:{self.port}"

    async def start(self) -> FakeZaloBot:
        """Listen on 127.0.0.1 (a free port)."""
        self.port = free_port()
        await self._local.serve(
            Starlette(routes=[Route("/bot{token}/{method}", self._call, methods=["POST"])]), self.port
        )
        return self

    async def stop(self) -> None:
        """Stop listening."""
        await self._local.shutdown()

    def push(self, update: dict[str, Any]) -> None:
        """An update for the next getUpdates."""
        self.updates.put_nowait(update)

    def texts_to(self, chat_id: str) -> list[str]:
        """Texts the fake accepted for a chat, in order."""
        return [
            c.params["text"]
            for c in self.calls
            if c.method == "sendMessage" and c.ok and c.params.get("chat_id") == chat_id
        ]

    def called(self, method: str) -> list[BotCall]:
        """Recorded calls of one method."""
        return [c for c in self.calls if c.method == method]

    @staticmethod
    def _error(code: int, description: str, status: int = 400) -> JSONResponse:
        return JSONResponse({"ok": False, "error_code": code, "description": description}, status_code=status)

    async def _call(self, request: Request) -> Response:
        method = request.path_params["method"]
        raw = await request.body()
        params = (await request.json()) if raw else {}
        call = BotCall(method, params)
        self.calls.append(call)
        if request.path_params["token"] != BOT_TOKEN:
            return self._error(401, "Unauthorized", 401)
        handler = getattr(self, f"_{method}", None)
        if handler is None:
            return self._error(404, "Not Found", 404)
        response = await handler(params)
        call.ok = response.status_code == 200
        return response

    def _sent(self) -> JSONResponse:
        return JSONResponse(
            {"ok": True, "result": {"message_id": f"out{next(_ids):06x}", "date": int(time.time() * 1000)}}
        )

    async def _getUpdates(self, params: dict[str, Any]) -> Response:
        if self.webhook is not None:
            return self._error(409, "Conflict: webhook is active, use deleteWebhook first", 409)
        wait = min(float(params.get("timeout") or 30), self.max_poll_seconds)
        try:
            update = await asyncio.wait_for(self.updates.get(), wait)
        except TimeoutError:
            return self._error(408, "Request timeout", 408)
        return JSONResponse({"ok": True, "result": update})

    async def _sendMessage(self, params: dict[str, Any]) -> Response:
        text, chat = params.get("text"), params.get("chat_id")
        if not isinstance(chat, str) or not isinstance(text, str) or not 1 <= len(text) <= 2000:
            return self._error(400, "Bad Request: chat_id and text (1-2000 characters) are required")
        if chat in self.blocked:
            return self._error(403, "Forbidden: the user has blocked the bot", 403)
        return self._sent()

    async def _sendPhoto(self, params: dict[str, Any]) -> Response:
        if not isinstance(params.get("photo"), str) or not str(params["photo"]).startswith("http"):
            return self._error(400, "Bad Request: photo must be a URL")
        return self._sent()

    async def _sendChatAction(self, params: dict[str, Any]) -> Response:
        return JSONResponse({"ok": True})

    async def _setWebhook(self, params: dict[str, Any]) -> Response:
        secret = params.get("secret_token")
        if (
            not str(params.get("url", "")).startswith("https://")
            or not isinstance(secret, str)
            or not 8 <= len(secret) <= 256
        ):
            return self._error(400, "Bad Request: an https url and a secret_token of 8-256 characters")
        self.webhook = {"url": params["url"], "secret_token": secret}
        return JSONResponse(
            {"ok": True, "result": {"url": params["url"], "updated_at": int(time.time() * 1000)}}
        )

    async def _deleteWebhook(self, params: dict[str, Any]) -> Response:
        self.webhook = None
        return JSONResponse({"ok": True, "result": {"url": "", "updated_at": int(time.time() * 1000)}})

    async def _getWebhookInfo(self, params: dict[str, Any]) -> Response:
        url = self.webhook["url"] if self.webhook else ""
        return JSONResponse({"ok": True, "result": {"url": url, "updated_at": int(time.time() * 1000)}})

    async def _getMe(self, params: dict[str, Any]) -> Response:
        return JSONResponse(
            {
                "ok": True,
                "result": {
                    "id": BOT_TOKEN.split(":")[0],
                    "account_name": "bot.PiiThuNghiem",
                    "account_type": "BASIC",
                    "can_join_groups": False,
                },
            }
        )


# --- updates as Zalo sends them ----------------------------------------------------------------------


def _message(chat_id: str, name: str, **fields: Any) -> dict[str, Any]:
    return {
        "event_name": name,
        "message": {
            "chat": {"id": chat_id, "chat_type": "PRIVATE"},
            "message_id": f"{next(_ids):020x}",
            "date": int(time.time() * 1000),
            "from": {"id": chat_id, "display_name": "Người dùng Zalo", "is_bot": False},
            **fields,
        },
    }


def text_update(chat_id: str, text: str) -> dict[str, Any]:
    """message.text.received."""
    return _message(chat_id, "message.text.received", text=text)


def image_update(chat_id: str, url: str, caption: str | None = None) -> dict[str, Any]:
    """message.image.received (the picture's URL, and a caption if typed)."""
    return _message(chat_id, "message.image.received", photo=url, **({"caption": caption} if caption else {}))


def unsupported_update(chat_id: str) -> dict[str, Any]:
    """message.unsupported.received (what a file, among others, arrives as)."""
    return _message(chat_id, "message.unsupported.received")
