"""The Zalo Bot Platform channel: a bot any organiser makes in the Zalo app, beside the OA.

Updates come by long polling (getUpdates, one update per call, HTTP 408 when idle) or by a webhook
in the same Starlette app (POST /zalo-bot/webhook, checked against X-Bot-Api-Secret-Token). Each
update becomes an Inbound for the same core as Telegram's; each Reply becomes sendMessage calls.
The platform has no buttons and takes no files: choices are numbered (the user answers "1"), and
files are refused politely with a pointer to a channel that takes them. Pictures work both ways
in: a picture a user sends reaches the conversation like a photo on Telegram.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
from typing import Any

import httpx
from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from bot.app import BotCore
from bot.channels.background import BackgroundWork
from bot.channels.telegram_state import identity_language
from bot.channels.zalo_bot_api import SECRET_HEADER, ZaloBotApi, ZaloBotError
from bot.channels.zalo_render import TELEGRAM_START_LINK, render_reply, split_text
from bot.i18n import Translator, translator
from bot.messages import FileRef, Inbound, Reply
from bot.outbox.delivery import RetryLater, Unreachable
from storage.enums import Channel
from storage.models import Identity
from storage.zalo_models import ZaloEvent, ZaloUser

__all__ = ["BotUpdate", "ZaloBotChannel", "parse_update"]

log = logging.getLogger(__name__)

# The channel's per-chat state shares zalo_users with the OA, under this prefix (ids differ).
STATE_PREFIX = "bot:"
# Error codes (or HTTP statuses) that mean this person cannot be reached by the bot.
BLOCKED = frozenset({403, 404})
RATE_LIMITED = frozenset({429})
# How long polling waits after a failed poll before trying again (doubling up to the maximum).
POLL_BACKOFF = (1.0, 30.0)


class BotUpdate:
    """What one update says, in the channel's terms."""

    def __init__(
        self,
        name: str,
        chat_id: str,
        message_id: str | None,
        text: str | None = None,
        photo: str | None = None,
        display_name: str | None = None,
    ) -> None:
        self.name, self.chat_id, self.message_id = name, chat_id, message_id
        self.text, self.photo, self.display_name = text, photo, display_name


def parse_update(body: dict[str, Any]) -> BotUpdate | None:
    """An update (as getUpdates or the webhook gives it) as its parts; None when it has no chat."""
    update = body.get("result") if isinstance(body.get("result"), dict) else body
    message = update.get("message") if isinstance(update.get("message"), dict) else None
    if message is None:
        return None
    chat = message.get("chat") if isinstance(message.get("chat"), dict) else {}
    sender = message.get("from") if isinstance(message.get("from"), dict) else {}
    chat_id = str(chat.get("id") or sender.get("id") or "")
    if not chat_id or str(chat.get("chat_type") or "PRIVATE").upper() != "PRIVATE":
        return None  # groups are not served (the platform's bots cannot join them anyway)
    text = message.get("text") if isinstance(message.get("text"), str) else None
    photo = message.get("photo") or message.get("photo_url")
    name = str(update.get("event_name") or ("message.image.received" if photo else "message.text.received"))
    caption = message.get("caption") if isinstance(message.get("caption"), str) else None
    display = sender.get("display_name") or sender.get("first_name")
    return BotUpdate(
        name,
        chat_id,
        str(message["message_id"]) if message.get("message_id") else None,
        text if text is not None else caption,
        photo if isinstance(photo, str) else None,
        str(display) if display else None,
    )


class ZaloBotChannel:
    """Translates Zalo Bot Platform updates into Inbounds, and Replies into sendMessage calls."""

    channel = Channel.ZALO_BOT

    def __init__(self, core: BotCore, *, api: ZaloBotApi | None = None) -> None:
        self.core = core
        self.settings = core.settings
        self.api = api or ZaloBotApi(core.settings)
        self._background = BackgroundWork()
        self._chat_locks: dict[str, asyncio.Lock] = {}
        core.link_builders[Channel.ZALO_BOT] = lambda payload: f"/start {payload}"
        core.file_fetchers[Channel.ZALO_BOT] = self.api.download

    # --- in: the webhook and long polling ------------------------------------------------------------

    def route(self, path: str = "/zalo-bot/webhook") -> Route:
        """The webhook route for create_web_app(routes=...)."""
        return Route(path, self.receive, methods=["POST"])

    async def receive(self, request: Request) -> Response:
        """Check the secret, answer 200 at once, handle the update in the background."""
        expected = (self.settings.zalo_bot_webhook_secret or "").encode()
        given = request.headers.get(SECRET_HEADER, "").encode()
        if not expected or not hmac.compare_digest(given, expected):
            return Response(status_code=403)
        try:
            body = json.loads(await request.body())
        except (json.JSONDecodeError, UnicodeDecodeError):
            return Response(status_code=400)
        parts = parse_update(body) if isinstance(body, dict) else None
        if parts is not None:
            self._background.spawn(self.process(parts))
        return Response(status_code=200)

    async def wait_idle(self) -> None:
        """Wait until every update taken in so far has been handled."""
        await self._background.wait_idle()

    async def poll_once(self) -> bool:
        """One long poll (getUpdates): handle the update it brings; False when nothing came."""
        body = await self.api.get_updates(self.settings.zalo_bot_poll_timeout)
        parts = parse_update(body) if body else None
        if parts is not None:
            await self.process(parts)
        return body is not None

    async def poll(self, stop: asyncio.Event) -> None:
        """Long-poll until `stop` is set; each update is handled before the next poll, and a
        failed poll waits (doubling, up to 30 s) before the next."""
        with contextlib.suppress(ZaloBotError, httpx.HTTPError):
            await self.api.delete_webhook()  # getUpdates does not work while a webhook is set
        wait = POLL_BACKOFF[0]
        while not stop.is_set():
            polling = asyncio.create_task(self.poll_once())
            stopped = asyncio.create_task(stop.wait())
            done, _ = await asyncio.wait({polling, stopped}, return_when=asyncio.FIRST_COMPLETED)
            stopped.cancel()
            if polling not in done:
                polling.cancel()
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await polling
                break
            try:
                polling.result()
                wait = POLL_BACKOFF[0]
            except (ZaloBotError, httpx.HTTPError) as exc:
                log.warning("zalo bot: getUpdates failed (%s); again in %.0f s", exc, wait)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), wait)
                wait = min(wait * 2, POLL_BACKOFF[1])

    def _writer(self) -> contextlib.AbstractAsyncContextManager[None]:
        # SQLite has one writer: this channel's writes take their turn with the core's.
        return self.core.writing()

    async def _first_time(self, parts: BotUpdate) -> bool:
        # A webhook retried (or a poll repeated) is handled once: the message id is a primary key.
        if parts.message_id is None:
            return True
        try:
            async with self._writer(), self.core.sessions() as session, session.begin():
                session.add(ZaloEvent(key=f"bot:{parts.message_id}"[:100], event_name=parts.name[:60]))
        except IntegrityError:
            return False
        return True

    async def process(self, parts: BotUpdate) -> None:
        """Handle one update; never raises (a failure is logged and apologised for by the core)."""
        lock = self._chat_locks.setdefault(parts.chat_id, asyncio.Lock())
        try:
            async with lock:
                if not await self._first_time(parts):
                    return
                if parts.name in ("message.text.received", "message.image.received"):
                    inbound = await self._inbound(parts)
                    await self.api.send_typing(parts.chat_id)
                    replies = await self.core.handle(inbound)
                else:
                    # Files, voice and stickers: the platform does not deliver them to the bot.
                    key = (
                        "zalo_bot.file_refused"
                        if parts.name.endswith("unsupported.received")
                        else "zalo_bot.unsupported"
                    )
                    language = await identity_language(
                        self.core.sessions, self.channel, parts.chat_id, self.settings.default_language
                    )
                    replies = [Reply(text=translator(language)(key))]
                await self._reply(parts.chat_id, replies)
        except Exception:
            log.exception("zalo bot update %s from %s failed", parts.message_id, parts.chat_id)

    async def _inbound(self, parts: BotUpdate) -> Inbound:
        text, payload, file = parts.text, None, None
        async with self._writer(), self.core.sessions() as session, session.begin():
            state = await session.get(ZaloUser, STATE_PREFIX + parts.chat_id)
            choices = list(state.choices or []) if state else []
            await session.execute(
                update(Identity)
                .where(Identity.channel == self.channel, Identity.external_id == parts.chat_id)
                .values(unreachable_at=None)
            )
        if parts.photo:
            file = FileRef(parts.photo, None, "image/jpeg", None)
            text = None
        elif text is not None:
            stripped = text.strip()
            link = TELEGRAM_START_LINK.match(stripped)
            if stripped.isdigit() and 1 <= int(stripped) <= len(choices):
                text, payload = None, choices[int(stripped) - 1]
            elif link is not None:
                text = f"/start {link.group(1)}"
        return Inbound(
            channel=self.channel,
            user_id=parts.chat_id,
            text=text,
            payload=payload,
            file=file,
            chat_id=parts.chat_id,
            update_id=parts.message_id,
            display_name=parts.display_name,
        )

    # --- out ------------------------------------------------------------------------------------------

    async def _reply(self, chat_id: str, replies: list[Reply]) -> None:
        # A reply with no choices ends the numbered ones: "1" then means the number one again.
        if not any(r.buttons for r in replies):
            await self._remember_choices(chat_id, [], forget=True)
        try:
            await self.send(chat_id, replies)
        except (Unreachable, RetryLater, ZaloBotError, httpx.HTTPError) as exc:
            log.warning("zalo bot reply to %s failed: %s", chat_id, exc)

    async def send(self, user_id: str, replies: list[Reply]) -> None:
        """Send replies as text messages (choices numbered); refusals become outbox outcomes."""
        language = await identity_language(
            self.core.sessions, self.channel, user_id, self.settings.default_language
        )
        t = translator(language)
        await self._remember_choices(user_id, replies)
        try:
            for reply in replies:
                for text in self._texts(reply, t):
                    await self.api.send_message(user_id, text)
        except ZaloBotError as exc:
            if exc.code in BLOCKED:
                raise Unreachable(f"zalo_bot.blocked:{exc.code}") from exc
            if exc.code in RATE_LIMITED:
                raise RetryLater(float(self.settings.zalo_retry_seconds)) from exc
            raise

    def _texts(self, reply: Reply, t: Translator) -> list[str]:
        # max_buttons=0: every choice is numbered (the platform has no buttons).
        rendered = render_reply(reply, t, text_limit=self.settings.zalo_bot_text_limit, max_buttons=0)
        texts = [m["text"] for m in rendered.messages if "text" in m]
        for file in rendered.files:
            texts.extend(split_text(file.caption or "", self.settings.zalo_bot_text_limit))
            texts.append(t("zalo_bot.file_not_sent", name=file.filename))
        return texts

    async def _remember_choices(self, chat_id: str, replies: list[Reply], *, forget: bool = False) -> None:
        with_buttons = [r for r in replies if r.buttons]
        if not with_buttons and not forget:
            return
        choices = [b.payload for row in with_buttons[-1].buttons for b in row] if with_buttons else []
        async with self._writer(), self.core.sessions() as session, session.begin():
            state = await session.get(ZaloUser, STATE_PREFIX + chat_id)
            if state is None:
                session.add(ZaloUser(user_id=STATE_PREFIX + chat_id, choices=choices, replies_used=0))
            else:
                state.choices = choices

    async def register_webhook(self) -> None:
        """setWebhook with the configured public URL and secret (pii-bot serve)."""
        await self.api.set_webhook(
            self.settings.zalo_bot_webhook_url or "", self.settings.zalo_bot_webhook_secret or ""
        )

    async def aclose(self) -> None:
        """Finish updates in hand and close the HTTP client."""
        await self.wait_idle()
        await self.api.aclose()
