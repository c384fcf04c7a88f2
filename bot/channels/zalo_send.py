"""Zalo OA messages out, by Zalo's rules: a free reply carrying the user's message id while the
allowance lasts, else the route the deployment allows (bot/channels/zalo_window.py), and Zalo's
error codes turned into what the outbox understands (docs/zalo.md, "Error codes").
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.channels.zalo_alerts import hold_queue
from bot.channels.zalo_api import (
    NIGHT_TIME,
    OA_CANNOT_SEND,
    OUTSIDE_WINDOW,
    RATE_LIMITED,
    TOKEN_INVALID,
    USER_UNREACHABLE,
    ZaloApi,
    ZaloApiError,
)
from bot.channels.zalo_render import RenderedReply, render_reply, split_text
from bot.channels.zalo_tokens import TokenStore
from bot.channels.zalo_window import NO_ROUTE, Allowance, ZaloRoute, routes_for
from bot.config import Settings
from bot.domain.quiet_hours import QuietHours, next_quiet_end
from bot.i18n import Translator
from bot.messages import Reply
from bot.outbox.delivery import RetryLater, Unreachable
from storage.enums import Channel
from storage.models import Identity, Person
from storage.zalo_models import ZaloUser

__all__ = ["ZaloSender", "outcome_of", "zns_phone"]

log = logging.getLogger(__name__)
T = TypeVar("T")


def zns_phone(phone: str | None) -> str | None:
    """A stored phone (+84912345678) as ZNS wants it (84912345678)."""
    if not phone:
        return None
    digits = "".join(ch for ch in phone if ch.isdigit())
    if digits.startswith("0"):
        digits = "84" + digits[1:]
    return digits if digits.startswith("84") and len(digits) >= 11 else None


def outcome_of(exc: ZaloApiError, now: dt.datetime, settings: Settings) -> Exception | None:
    """What the outbox should do with a refused message (None: an OA-level code, see hold)."""
    if exc.code in USER_UNREACHABLE:
        return Unreachable(f"zalo.blocked:{exc.code}")
    if exc.code in OUTSIDE_WINDOW:
        return Unreachable(f"zalo.window:{exc.code}")
    if exc.code in NIGHT_TIME:
        ends = next_quiet_end(
            now, settings.timezone, QuietHours.parse(settings.zalo_quiet_start, settings.zalo_quiet_end)
        )
        return RetryLater((ends - now).total_seconds())
    if exc.code in RATE_LIMITED:
        return RetryLater(float(settings.zalo_retry_seconds))
    if exc.code in OA_CANNOT_SEND:
        return None
    return exc


class ZaloSender:
    """Sends Replies to one OA user on the best allowed route, counting free replies."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        settings: Settings,
        api: ZaloApi,
        tokens: TokenStore,
        clock: Callable[[], dt.datetime],
        writer: Callable[[], Any],
    ) -> None:
        self.sessions, self.settings, self.api, self.tokens, self.clock = (
            sessions,
            settings,
            api,
            tokens,
            clock,
        )
        self._writer = writer  # the channel's SQLite single-writer gate

    async def hold(self, code: int, alert: str = "zalo_oa.alert.cannot_send") -> float:
        """Hold the OA's queue after an OA-level refusal; returns the seconds to wait."""
        now = self.clock()
        async with self._writer(), self.sessions() as session, session.begin():
            until = await hold_queue(
                session, self.settings.zalo_app_id or "", code, now, self.settings.zalo_hold_seconds, alert
            )
        return max(1.0, (until - now).total_seconds())

    async def _allowance(self, user_id: str) -> tuple[Allowance, str | None]:
        async with self.sessions() as session:
            state = await session.get(ZaloUser, user_id)
            phone = (
                await session.execute(
                    select(Person.phone)
                    .join(Identity, Identity.person_id == Person.id)
                    .where(Identity.channel == Channel.ZALO, Identity.external_id == user_id)
                )
            ).scalar_one_or_none()
        if state is None:
            return Allowance(None, None, 0), zns_phone(phone)
        return Allowance(state.last_msg_id, state.last_message_at, state.replies_used or 0), zns_phone(phone)

    async def deliver(self, user_id: str, replies: list[Reply], t: Translator, *, pushed: bool) -> None:
        """Send each reply on the first route that takes it; Unreachable(reason) when none may."""
        s = self.settings
        for reply in replies:
            rendered = render_reply(
                reply,
                t,
                text_limit=s.zalo_text_limit,
                max_buttons=s.zalo_max_buttons,
                request_user_info=s.zalo_request_user_info,
            )
            count = len(rendered.messages) + sum(
                1 + len(split_text(f.caption or "", s.zalo_text_limit)) for f in rendered.files
            )
            allowance, phone = await self._allowance(user_id)
            routes = routes_for(
                allowance, self.clock(), s, messages=count, pushed=pushed, has_phone=phone is not None
            )
            if not routes:
                raise Unreachable(NO_ROUTE)
            for index, route in enumerate(routes):
                try:
                    await self._send_by(route, user_id, reply, rendered, allowance, t, phone)
                    break
                except ZaloApiError as exc:
                    # Zalo says the window is shut: the next route the deployment allows may do.
                    if exc.code in OUTSIDE_WINDOW and index + 1 < len(routes):
                        log.info(
                            "zalo: %s refused for %s (%s); trying %s",
                            route.value,
                            user_id,
                            exc.code,
                            routes[index + 1].value,
                        )
                        continue
                    raise

    async def _send_by(
        self,
        route: ZaloRoute,
        user_id: str,
        reply: Reply,
        rendered: RenderedReply,
        allowance: Allowance,
        t: Translator,
        phone: str | None,
    ) -> None:
        if route is ZaloRoute.TRANSACTION:
            message = self._transaction(reply, t)
            await self.with_token(lambda token: self.api.send_transaction(token, user_id, message))
            return
        if route is ZaloRoute.ZNS:
            await self._zns(user_id, reply, phone or "")
            return
        reply_to = allowance.last_msg_id if route is ZaloRoute.REPLY else None
        for message in rendered.messages:
            await self._cs(user_id, message, reply_to)
        for file in rendered.files:
            for piece in split_text(file.caption or "", self.settings.zalo_text_limit):
                await self._cs(user_id, {"text": piece}, reply_to)
            try:
                attachment = await self.with_token(lambda token, f=file: self.api.upload(token, f))
            except ZaloApiError as exc:
                if exc.code in USER_UNREACHABLE | OUTSIDE_WINDOW | NIGHT_TIME | RATE_LIMITED | OA_CANNOT_SEND:
                    raise
                log.info("zalo refused the file %s: %s", file.filename, exc)
                await self._cs(user_id, {"text": t("zalo.file_unsupported", name=file.filename)}, reply_to)
                continue
            await self._cs(user_id, {"attachment": attachment}, reply_to)

    async def _cs(self, user_id: str, message: dict[str, Any], reply_to: str | None) -> None:
        # One consultation message; a free reply is counted as soon as Zalo takes it.
        await self.with_token(lambda token: self.api.send_message(token, user_id, message, reply_to=reply_to))
        if reply_to is not None:
            async with self._writer(), self.sessions() as session, session.begin():
                await session.execute(
                    update(ZaloUser)
                    .where(ZaloUser.user_id == user_id)
                    .values(replies_used=ZaloUser.replies_used + 1)
                )

    def _transaction(self, reply: Reply, t: Translator) -> dict[str, Any]:
        # The notice as a transaction template: a header and its text; choices are numbered
        # (the channel remembers them, so "1" answers as the first button would).
        buttons = [b for row in reply.buttons for b in row]
        lines = [
            reply.text,
            *([""] + [f"{i}. {b.label}" for i, b in enumerate(buttons, 1)] if buttons else []),
        ]
        text = "\n".join(lines)[: self.settings.zalo_text_limit]
        language = "EN" if t.language == "en" else "VI"
        elements = [
            {"type": "header", "content": t("zalo_oa.transaction_header"), "align": "left"},
            {"type": "text", "content": text, "align": "left"},
        ]
        payload = {
            "template_type": self.settings.zalo_transaction_template,
            "language": language,
            "elements": elements,
        }
        return {"attachment": {"type": "template", "payload": payload}}

    async def _zns(self, user_id: str, reply: Reply, phone: str) -> None:
        s = self.settings
        text = reply.text[: s.zalo_zns_text_limit]
        tracking = hashlib.sha256(f"{user_id}:{reply.text}:{self.clock().isoformat()}".encode()).hexdigest()[
            :32
        ]
        data = {s.zalo_zns_text_param: text}
        template = s.zalo_zns_template_id or ""

        async def call(token: str) -> Any:
            return await self.api.send_zns(token, s.zalo_zns_base_url, phone, template, data, tracking)

        await self.with_token(call)

    async def with_token(self, call: Callable[[str], Awaitable[T]]) -> T:
        """Run an API call with the access token; a token Zalo refuses is refreshed once."""
        token = await self.tokens.current()
        try:
            return await call(token.value)
        except ZaloApiError as exc:
            if exc.code not in TOKEN_INVALID:
                raise
            log.info("zalo: access token refused (%s); refreshing", exc.code)
            token = await self.tokens.refresh(token.version)
            return await call(token.value)
