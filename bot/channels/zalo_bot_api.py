"""The Zalo Bot Platform's HTTP API over httpx (a bot made in the Zalo app, beside the OA).

Every method is `POST {base}/bot{TOKEN}/{method}` with JSON; answers are `{"ok": true, "result":
...}` or `{"ok": false, "error_code": ..., "description": ...}`; getUpdates answers HTTP 408 when
nothing came within its timeout. Field names follow bot.zaloplatforms.com/docs (docs/zalo.md).
"""

from __future__ import annotations

import logging
from typing import Any

import httpx

from bot.channels.downloads import MAX_DOWNLOAD_BYTES, download_capped
from bot.config import Settings

__all__ = ["MAX_DOWNLOAD_BYTES", "SECRET_HEADER", "ZaloBotApi", "ZaloBotError"]

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Bot-Api-Secret-Token"


class ZaloBotError(Exception):
    """The Bot API refused a call: `code` is its error_code (or the HTTP status)."""

    def __init__(self, code: int, description: str) -> None:
        super().__init__(f"Zalo Bot error {code}: {description}")
        self.code = code
        self.description = description


class ZaloBotApi:
    """One HTTP client for one bot token."""

    def __init__(self, settings: Settings, client: httpx.AsyncClient | None = None) -> None:
        self.base = f"{settings.zalo_bot_api_base_url.rstrip('/')}/bot{settings.zalo_bot_token or ''}"
        # Long polls wait up to the poll timeout: the read timeout leaves room above it.
        read = float(settings.zalo_bot_poll_timeout) + 15.0
        self.client = client or httpx.AsyncClient(timeout=httpx.Timeout(10.0, read=read, connect=5.0))

    def __repr__(self) -> str:  # never print the token by accident
        return "ZaloBotApi()"

    async def aclose(self) -> None:
        """Close the HTTP connections."""
        await self.client.aclose()

    async def call(self, method: str, params: dict[str, Any] | None = None) -> Any:
        """POST one method; its `result`, or ZaloBotError."""
        response = await self.client.post(f"{self.base}/{method}", json=params or {})
        try:
            body = response.json()
        except ValueError:
            raise ZaloBotError(response.status_code, "not JSON") from None
        if not isinstance(body, dict):
            raise ZaloBotError(response.status_code, "unexpected answer")
        if not body.get("ok"):
            code = body.get("error_code") or response.status_code
            raise ZaloBotError(
                int(code) if str(code).lstrip("-").isdigit() else response.status_code,
                str(body.get("description") or ""),
            )
        return body.get("result")

    async def get_updates(self, timeout: int) -> dict[str, Any] | None:
        """One long poll: the next update, or None when nothing came (HTTP 408)."""
        response = await self.client.post(f"{self.base}/getUpdates", json={"timeout": str(timeout)})
        if response.status_code == 408:
            return None
        try:
            body = response.json()
        except ValueError:
            raise ZaloBotError(response.status_code, "not JSON") from None
        if not isinstance(body, dict) or not body.get("ok"):
            body = body if isinstance(body, dict) else {}
            if body.get("error_code") == 408:
                return None
            raise ZaloBotError(
                int(body.get("error_code") or response.status_code), str(body.get("description") or "")
            )
        result = body.get("result")
        return result if isinstance(result, dict) else None

    async def send_message(self, chat_id: str, text: str) -> Any:
        """sendMessage: 1-2000 characters of text."""
        return await self.call("sendMessage", {"chat_id": chat_id, "text": text})

    async def send_photo(self, chat_id: str, photo_url: str, caption: str | None = None) -> Any:
        """sendPhoto: a picture by its URL."""
        params = {"chat_id": chat_id, "photo": photo_url, **({"caption": caption} if caption else {})}
        return await self.call("sendPhoto", params)

    async def send_typing(self, chat_id: str) -> None:
        """sendChatAction typing (best effort)."""
        try:
            await self.call("sendChatAction", {"chat_id": chat_id, "action": "typing"})
        except (ZaloBotError, httpx.HTTPError) as exc:
            log.debug("zalo bot: typing not shown (%s)", exc)

    async def set_webhook(self, url: str, secret_token: str) -> Any:
        """setWebhook: Zalo posts updates to `url` with the secret in X-Bot-Api-Secret-Token."""
        return await self.call("setWebhook", {"url": url, "secret_token": secret_token})

    async def delete_webhook(self) -> Any:
        """deleteWebhook: needed before getUpdates works."""
        return await self.call("deleteWebhook")

    async def get_me(self) -> dict[str, Any]:
        """getMe: the bot's id and account name (checks the token)."""
        result = await self.call("getMe")
        return result if isinstance(result, dict) else {}

    async def download(self, url: str, limit: int = MAX_DOWNLOAD_BYTES) -> bytes:
        """The content of a picture a user sent (the update gives its URL)."""
        return await download_capped(self.client, url, limit)
