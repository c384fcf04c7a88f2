"""Every Bot API message under Telegram's flood limits: AIORateLimiter, with an even pace inside.

Telegram answers 429 beyond about 30 messages per second overall and one per second to one chat.
PTB's AIORateLimiter alone lets a whole second's allowance (30 messages) out at once, does not
limit private chats, and takes its slot before waiting out a 429: a burst of users opening an
invitation link (greeting and consent, two messages each, many users in the same instant) gets
429s, and the requests held during the pause all leave together when it ends, which gets more.

So AIORateLimiter keeps what it does well (retries after a 429, pausing every send meanwhile; the
group limit of 20 per minute), and the call it finally makes first waits its turn: one chat's
messages one at a time, each TELEGRAM_CHAT_INTERVAL_SECONDS after the previous one was answered,
and messages overall one after the other at OVERALL_HEADROOM of TELEGRAM_MAX_PER_SECOND
(aiolimiter, which measures from actual departures, so a busy event loop does not release
several at once).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Coroutine
from typing import Any

from aiolimiter import AsyncLimiter
from telegram.ext import AIORateLimiter, BaseRateLimiter

from bot.config import Settings

__all__ = ["EvenRateLimiter", "even_rate_limiter"]

MAX_RETRIES = 3  # retries after a 429 before the send fails (the outbox then retries later)
# Messages leave at this share of TELEGRAM_MAX_PER_SECOND: on the way to Telegram some of them
# end up arriving together (a busy event loop, the network), and at the full rate there is no
# slack left to absorb that. benchmarks/burst.py shows the trade-off: less headroom, shorter
# queues in a burst; more, fewer 429s.
OVERALL_HEADROOM = 0.9
_Result = bool | dict[str, Any] | list[dict[str, Any]]


class _ChatTurn:
    """One chat's lock and when its last message left."""

    __slots__ = ("left_at", "lock")

    def __init__(self) -> None:
        self.lock = asyncio.Lock()
        self.left_at = float("-inf")


class EvenRateLimiter(BaseRateLimiter[int]):
    """AIORateLimiter whose calls to a chat leave evenly spaced, per chat and overall."""

    def __init__(self, per_second: float, chat_interval: float, then: AIORateLimiter) -> None:
        # max_rate 1: no bucket to burst from, one message per 1/per_second.
        self.overall = AsyncLimiter(1, 1 / per_second) if per_second > 0 else None
        self.chat_interval = chat_interval
        self.then = then
        self._chats: dict[str, _ChatTurn] = {}

    async def initialize(self) -> None:
        """Set up AIORateLimiter."""
        await self.then.initialize()

    async def shutdown(self) -> None:
        """Release AIORateLimiter."""
        await self.then.shutdown()

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, _Result]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> _Result:
        """Hand the call to AIORateLimiter; calls addressed to a chat wait their turn inside it."""
        chat_id = data.get("chat_id")
        if chat_id is None or data.get("allow_paid_broadcast"):
            return await self.then.process_request(callback, args, kwargs, endpoint, data, rate_limit_args)

        async def in_turn(*call_args: Any, **call_kwargs: Any) -> _Result:
            return await self.in_turn(str(chat_id), callback(*call_args, **call_kwargs))

        return await self.then.process_request(in_turn, args, kwargs, endpoint, data, rate_limit_args)

    async def in_turn(self, chat: str, call: Coroutine[Any, Any, _Result]) -> _Result:
        """Make the call when a message to `chat` may leave: one chat's calls one at a time,
        each TELEGRAM_CHAT_INTERVAL_SECONDS after the previous one was answered, and overall
        evenly spaced."""
        turn = self._chats.get(chat)
        if turn is None:
            turn = self._chats[chat] = _ChatTurn()
        try:
            async with turn.lock:
                delay = turn.left_at + self.chat_interval - time.monotonic()
                if delay > 0:
                    await asyncio.sleep(delay)
                if self.overall is not None:
                    await self.overall.acquire()
                try:
                    return await call
                finally:
                    # Counted from the answer: the previous message has certainly arrived by
                    # then, so a delay on its way cannot bring the next one too close behind it.
                    turn.left_at = time.monotonic()
        finally:
            call.close()  # never awaited when cancelled while waiting its turn
            self._forget_idle_chats()

    def _forget_idle_chats(self) -> None:
        # Keeps the table as small as the set of chats written to in the last interval.
        if len(self._chats) > 4096:
            idle = time.monotonic() - self.chat_interval
            self._chats = {c: t for c, t in self._chats.items() if t.lock.locked() or t.left_at > idle}


def even_rate_limiter(settings: Settings) -> EvenRateLimiter:
    """The production limiter: the TELEGRAM_MAX_PER_SECOND and chat interval settings, evenly."""
    # The even pace replaces AIORateLimiter's overall bucket; its group limit and retries stay.
    return EvenRateLimiter(
        settings.telegram_max_per_second * OVERALL_HEADROOM,
        settings.telegram_chat_interval_seconds,
        AIORateLimiter(overall_max_rate=0, max_retries=MAX_RETRIES),
    )
