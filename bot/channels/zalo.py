"""The Zalo Official Account channel: a signed webhook in, consultation messages out.

Events arrive on POST /zalo/webhook (the same Starlette app as Telegram's), bodies capped before
they are read, are checked against X-ZEvent-Signature, stored once per message id (inbound_updates,
bot/durable_updates.py), answered 200 and handled in the background, one at a time per user; the
mark that an event was handled is written in the transaction of its effects, and what a crash
left is replayed at the next start. Replies go out through POST /v3.0/oa/message/cs; pushed
messages (the outbox) also obey Zalo's rules: the window after the user's last message and the
quiet hours. docs/zalo.md has the details and what was verified in Zalo's documentation.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import json
import logging
from collections.abc import Callable

import httpx
from sqlalchemy import select, update
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from bot.app import BotCore
from bot.channels.background import BackgroundWork
from bot.channels.telegram_state import identity_language, mark_unreachable
from bot.channels.user_turns import UserTurns
from bot.channels.zalo_alerts import held_until
from bot.channels.zalo_api import (
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    ZaloApi,
    ZaloApiError,
    ZaloTokenRefused,
    signature_matches,
)
from bot.channels.zalo_keepalive import keep_token_alive
from bot.channels.zalo_render import (
    BUTTON_MARKER,
    TELEGRAM_START_LINK,
    ZaloEventParts,
    event_key,
    parse_event,
)
from bot.channels.zalo_send import ZaloSender, outcome_of
from bot.channels.zalo_tokens import TokenStore, ZaloTokenError
from bot.domain.quiet_hours import QuietHours, quiet_until
from bot.i18n import translator
from bot.messages import Contact, Inbound, Reply
from bot.outbox.delivery import (
    DeliveryCounts,
    RetryLater,
    Unreachable,
    deliver_due,
    enqueue,
    release_stale,
)
from bot.run.durable_updates import (
    mark_answered,
    pending_updates,
    store_update,
    take_update,
    wait_for_earlier,
)
from bot.run.web import read_capped
from storage.enums import Channel
from storage.models import Identity
from storage.zalo_models import ZaloToken, ZaloUser

__all__ = ["ZaloChannel"]

log = logging.getLogger(__name__)

# Taken-in event ids are kept this long (Zalo retries for hours, not days).
EVENT_MEMORY = dt.timedelta(days=7)
# How often the token keep-alive looks at the pair's age (it rotates only when it is old).
KEEPALIVE_EVERY = dt.timedelta(hours=1)


class ZaloChannel:
    """Translates Zalo events into Inbounds for the core, and Replies into OA API calls."""

    channel = Channel.ZALO

    def __init__(
        self, core: BotCore, *, api: ZaloApi | None = None, clock: Callable[[], dt.datetime] | None = None
    ) -> None:
        self.core = core
        self.settings = core.settings
        self.api = api or ZaloApi(core.settings)
        self.clock = clock or core.clock
        self.tokens = TokenStore(core.sessions, core.settings, self.api, self.clock)
        self._background = BackgroundWork()
        self._turns = UserTurns()
        self._events_forgotten_at: dt.datetime | None = None
        self._kept_alive_at: dt.datetime | None = None
        self.sender = ZaloSender(
            core.sessions, core.settings, self.api, self.tokens, self.clock, self._writer
        )
        core.link_builders[Channel.ZALO] = self.start_link
        core.file_fetchers[Channel.ZALO] = self.api.download

    # --- in: the webhook ---------------------------------------------------------------------------

    @staticmethod
    def start_link(payload: str) -> str:
        """What a Zalo user types to open an invitation: an OA chat cannot carry a start payload."""
        return f"/start {payload}"

    def route(self, path: str = "/zalo/webhook") -> Route:
        """The webhook route for create_web_app(routes=...)."""
        return Route(path, self.receive, methods=["POST"])

    async def receive(self, request: Request) -> Response:
        """Check the signature, store the event once, answer 200 and handle it in the background."""
        raw = await read_capped(request)
        if raw is None:
            return Response(status_code=413)  # refused before it is read whole or checked
        given = request.headers.get(SIGNATURE_HEADER, "")
        if not given:
            return Response(status_code=403)
        try:
            event = json.loads(raw)
        except (json.JSONDecodeError, UnicodeDecodeError):
            return Response(status_code=400)
        if not isinstance(event, dict) or not signature_matches(
            given,
            raw,
            event,
            self.settings.zalo_app_id or "",
            self.settings.zalo_oa_secret_key or "",
            request.headers.get(TIMESTAMP_HEADER, ""),
        ):
            return Response(status_code=403)
        parts = parse_event(event)
        if parts is None or parts.user_id is None:
            return Response(status_code=200)  # an event the bot does not act on
        key = event_key(parts, event)
        try:
            first = await self._first_time(key, parts.user_id, raw)
        except Exception as exc:  # the database is away: no 200, so Zalo sends the event again
            log.warning("zalo event %s not stored (%s); answered 503", key, exc)
            return Response(status_code=503)
        if first:
            self._background.spawn(self.process(parts, key))
        return Response(status_code=200)

    async def _first_time(self, key: str, user_id: str, raw: bytes) -> bool:
        # Stored, not yet marked handled: that mark goes with the event's effects (BotCore), so an
        # event cut short by a crash is handled at the next start, and a retry finds it here.
        async with self.core.write_unit() as session:
            return await store_update(session, self.channel, key, user_id, raw)

    async def replay(self) -> int:
        """After a restart: handle the stored events never handled, send replies never sent."""
        pending = await pending_updates(self.core.sessions, self.channel)
        for item in pending:
            if item.update is not None:
                parts = parse_event(item.update)
                if parts is not None and parts.user_id is not None:
                    self._background.spawn(self.process(parts, item.key))
                    continue
            elif item.replies and item.chat is not None:
                self._background.spawn(self._answer(item.chat, item.key, item.replies))
                continue
            await mark_answered(self.core.sessions, self.channel, item.key)
        return len(pending)

    async def _answer(self, user_id: str, key: str | None, replies: list[Reply]) -> None:
        await self._reply(user_id, replies)
        if key is not None and replies:
            await mark_answered(self.core.sessions, self.channel, key)

    async def wait_idle(self) -> None:
        """Wait until every event taken in so far has been handled."""
        await self._background.wait_idle()

    def _writer(self) -> contextlib.AbstractAsyncContextManager[None]:
        # SQLite has one writer: this channel's writes take their turn with the core's.
        return self.core.writing()

    async def process(self, parts: ZaloEventParts, key: str | None = None) -> None:
        """Handle one stored event; never raises (a failure is logged and apologised for)."""
        assert parts.user_id is not None
        try:
            async with self._turns.turn(parts.user_id):
                if parts.name == "unfollow":
                    async with self.core.write_unit() as session:
                        if key is None or await take_update(session, self.channel, key):
                            await mark_unreachable(session, self.channel, parts.user_id)
                    return
                if key is not None:
                    # Several workers: this user's earlier events (on other workers) go first.
                    await wait_for_earlier(self.core.sessions, self.channel, parts.user_id, key)
                inbound = await self._inbound(parts, key)
                # The core takes care of SQLite's single writer itself (BotCore.handle).
                replies = await self.core.handle(inbound)
                await self._answer(parts.user_id, key, replies)
        except Exception:
            log.exception("zalo event %s from %s failed", parts.msg_id, parts.user_id)

    async def _inbound(self, parts: ZaloEventParts, key: str | None = None) -> Inbound:
        """The Inbound for an event; the user wrote, so the reply allowance restarts with this
        message's id and they are reachable again."""
        assert parts.user_id is not None
        text, payload, contact = parts.text, None, None
        now = self.clock()
        async with self._writer(), self.core.sessions() as session, session.begin():
            state = await session.get(ZaloUser, parts.user_id)
            if state is None:
                state = ZaloUser(user_id=parts.user_id, choices=[], replies_used=0)
                session.add(state)
            state.last_message_at = now
            if parts.msg_id is not None:
                state.last_msg_id, state.replies_used = parts.msg_id, 0
            await session.execute(
                update(Identity)
                .where(Identity.channel == self.channel, Identity.external_id == parts.user_id)
                .values(unreachable_at=None)
            )
            choices = list(state.choices or [])
            fetch_name = self.settings.zalo_fetch_display_name and state.profile_fetched_at is None
            if fetch_name:
                state.profile_fetched_at = now  # asked once, whatever Zalo answers
        display_name = await self._display_name(parts.user_id) if fetch_name else None
        if parts.name == "follow":
            text = "/start"  # following the OA greets like /start
        elif parts.phone is not None:
            contact = Contact(phone=parts.phone, user_id=parts.user_id)
        elif text is not None:
            stripped = text.strip()
            link = TELEGRAM_START_LINK.match(stripped)
            if stripped.startswith(BUTTON_MARKER):
                text, payload = None, stripped[len(BUTTON_MARKER) :]
            elif stripped.isdigit() and 1 <= int(stripped) <= len(choices):
                text, payload = None, choices[int(stripped) - 1]
            elif link is not None:
                text = f"/start {link.group(1)}"
        return Inbound(
            channel=self.channel,
            user_id=parts.user_id,
            text=text,
            payload=payload,
            file=parts.file,
            location=parts.location,
            chat_id=parts.user_id,
            update_id=key,
            contact=contact,
            display_name=display_name,
        )

    async def _display_name(self, user_id: str) -> str | None:
        """The follower's Zalo display name (/v3.0/oa/user/detail); None when Zalo will not say."""
        try:
            detail = await self.sender.with_token(lambda token: self.api.user_detail(token, user_id))
        except (ZaloApiError, ZaloTokenError, httpx.HTTPError) as exc:
            log.info("zalo: no display name for %s (%s)", user_id, exc)
            return None
        name = detail.get("display_name")
        return str(name)[:200] if isinstance(name, str) and name.strip() else None

    # --- out: replies and pushed messages ------------------------------------------------------------

    async def _reply(self, user_id: str, replies: list[Reply]) -> None:
        """Answer the user's own message at once; what Zalo holds back goes to the outbox, which
        finds it another route or channel (or records why it could not)."""
        await self._remember_choices(user_id, replies, forget_when_none=True)
        for index, reply in enumerate(replies):
            try:
                await self._deliver(user_id, [reply], pushed=False)
            except Unreachable as exc:
                log.info("zalo reply to %s has no route now (%s); queued", user_id, exc)
                await self._hold(user_id, replies[index:], self.clock())
                return
            except ZaloApiError as exc:
                outcome = outcome_of(exc, self.clock(), self.settings)
                if outcome is None:
                    await self._hold(
                        user_id,
                        replies[index:],
                        self.clock() + dt.timedelta(seconds=await self.sender.hold(exc.code)),
                    )
                elif isinstance(outcome, RetryLater):
                    await self._hold(
                        user_id, replies[index:], self.clock() + dt.timedelta(seconds=outcome.seconds)
                    )
                elif isinstance(outcome, Unreachable):
                    async with self._writer(), self.core.sessions() as session, session.begin():
                        await mark_unreachable(session, self.channel, user_id)
                else:
                    log.warning("zalo reply to %s failed: %s", user_id, exc)
                return
            except (httpx.HTTPError, ZaloTokenError) as exc:
                log.warning("zalo reply to %s failed (%s); queued", user_id, exc)
                await self._hold(user_id, replies[index:], self.clock() + dt.timedelta(seconds=5))
                return

    async def _hold(self, user_id: str, replies: list[Reply], not_before: dt.datetime) -> None:
        # Put what Zalo would not take now in the outbox, which sends it when allowed.
        async with self._writer(), self.core.sessions() as session, session.begin():
            found = await session.execute(
                select(Identity.id).where(Identity.channel == self.channel, Identity.external_id == user_id)
            )
            identity_id = found.scalar_one_or_none()
            if identity_id is not None:
                await enqueue(session, identity_id, replies, kind="zalo_held", not_before=not_before)
        log.info("zalo: %d reply(ies) to %s held until %s", len(replies), user_id, not_before.isoformat())

    async def send(self, user_id: str, replies: list[Reply]) -> None:
        """The outbox's adapter: Zalo's rules first, then the messages; refusals become outcomes
        (Unreachable with its reason, RetryLater; an OA-level refusal holds the whole queue)."""
        now = self.clock()
        until = quiet_until(now, self.settings.timezone, self._zalo_night())
        if until is not None:
            raise RetryLater((until - now).total_seconds())
        held = await held_until(self.core.sessions, self.settings.zalo_app_id or "", now)
        if held is not None:
            raise RetryLater((held - now).total_seconds())
        await self._remember_choices(user_id, replies, forget_when_none=False)
        try:
            await self._deliver(user_id, replies, pushed=True)
        except (ZaloTokenRefused, ZaloTokenError) as exc:
            # No token and Zalo will not give one: every message would fail alike. Hold, alert once.
            code = getattr(exc, "code", 0)
            raise RetryLater(await self.sender.hold(code, "zalo_oa.alert.token_failed")) from exc
        except ZaloApiError as exc:
            outcome = outcome_of(exc, now, self.settings)
            if outcome is None:
                raise RetryLater(await self.sender.hold(exc.code)) from exc
            raise outcome from exc

    def _zalo_night(self) -> QuietHours:
        # Zalo's own night (ZALO_QUIET_START/END), when the OA may not send at all.
        return QuietHours.parse(self.settings.zalo_quiet_start, self.settings.zalo_quiet_end)

    async def _remember_choices(self, user_id: str, replies: list[Reply], *, forget_when_none: bool) -> None:
        with_buttons = [r for r in replies if r.buttons]
        if not with_buttons and not forget_when_none:
            return
        choices = [b.payload for row in with_buttons[-1].buttons for b in row] if with_buttons else []
        async with self._writer(), self.core.sessions() as session, session.begin():
            state = await session.get(ZaloUser, user_id)
            if state is None:
                session.add(ZaloUser(user_id=user_id, choices=choices, replies_used=0))
            elif state.choices != choices:
                state.choices = choices

    async def _deliver(self, user_id: str, replies: list[Reply], *, pushed: bool) -> None:
        """Send replies as OA messages on the route Zalo's rules allow (bot/channels/zalo_send.py)."""
        language = await identity_language(
            self.core.sessions, self.channel, user_id, self.settings.default_language
        )
        await self.sender.deliver(user_id, replies, translator(language), pushed=pushed)

    # --- the outbox, start-up and shutdown -----------------------------------------------------------

    async def drain_outbox(self) -> DeliveryCounts:
        """Send the Zalo messages due by the channel's clock."""
        return await deliver_due(self.core.sessions, {Channel.ZALO: self}, now=self.clock())

    async def run_outbox(self, stop: asyncio.Event, interval: float) -> None:
        """Drain Zalo's part of the outbox every `interval` seconds until `stop` is set.

        Zalo has its own drain rather than a place in the shared Ticker: its waits are hours long
        (the night), and a RetryLater there would pause the shared pacer, and Telegram with it."""
        await release_stale(self.core.sessions)
        while not stop.is_set():
            try:
                if self._kept_alive_at is None or self.clock() - self._kept_alive_at >= KEEPALIVE_EVERY:
                    self._kept_alive_at = self.clock()
                    await keep_token_alive(self.tokens, self.clock())
                counts = await self.drain_outbox()
                if counts.sent or counts.retried or counts.failed or counts.unreachable:
                    log.info("zalo outbox: %s", counts)
            except Exception:  # the loop outlives a database or network hiccup
                log.exception("zalo outbox drain failed")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), interval)

    async def check_ready(self) -> None:
        """Refuse to start when there is no token pair stored and no ZALO_REFRESH_TOKEN to seed one."""
        async with self.core.sessions() as session:
            stored = await session.get(ZaloToken, self.settings.zalo_app_id or "")
        if stored is None and not self.settings.zalo_refresh_token:
            raise ValueError(
                "ZALO_REFRESH_TOKEN: not set and no token pair stored (run `pii-bot zalo authorize`; see docs/zalo.md)"
            )

    async def aclose(self) -> None:
        """Finish events in hand and close the HTTP client."""
        await self.wait_idle()
        await self.api.aclose()
