"""Pacing outbox sends under the messenger's limits: an overall rate and a gap per chat.

Telegram allows about 30 messages per second overall and no more than one per second to one
chat. The pacer hands out send slots: overall they are spaced 1/rate apart (no bursts, so a
limit counted over any one-second window is never exceeded), and two slots for one chat are at
least `per_chat_interval` apart. Slots are reserved without awaiting in between, so concurrent
senders in one event loop never take the same slot.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass

from bot.config import Settings

__all__ = ["PacingPolicy", "Pacer", "TELEGRAM_PACING", "NO_PACING"]


@dataclass(frozen=True)
class PacingPolicy:
    """How fast the outbox may send: messages per second overall, seconds between two to one chat."""

    overall_rate: float | None = 30.0  # None or 0: no overall limit
    per_chat_interval: float = 1.0  # 0: no per-chat limit

    @property
    def enabled(self) -> bool:
        """Whether any limit applies."""
        return bool(self.overall_rate) or self.per_chat_interval > 0


TELEGRAM_PACING = PacingPolicy(overall_rate=30.0, per_chat_interval=1.0)
NO_PACING = PacingPolicy(overall_rate=None, per_chat_interval=0.0)


def pacing_from(settings: Settings) -> PacingPolicy:
    """The pacing a deployment configured (TELEGRAM_MAX_PER_SECOND, TELEGRAM_CHAT_INTERVAL_SECONDS)."""
    return PacingPolicy(
        overall_rate=settings.telegram_max_per_second or None,
        per_chat_interval=settings.telegram_chat_interval_seconds,
    )


class Pacer:
    """Hands out send slots under a PacingPolicy; `pause` stops everyone after a rate-limit answer."""

    def __init__(
        self, policy: PacingPolicy = TELEGRAM_PACING, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.policy = policy
        self._clock = clock
        self._gap = 1.0 / policy.overall_rate if policy.overall_rate else 0.0
        self._next_slot = 0.0
        self._paused_until = 0.0
        self._chat_ready: dict[str, float] = {}

    @property
    def slot_gap(self) -> float:
        """Seconds between two overall send slots (0 without an overall limit)."""
        return self._gap

    def wait_for_chat(self, chat: str) -> float:
        """Seconds before `chat` may be written to again (its gap, or a pause); 0 if now."""
        return max(0.0, max(self._chat_ready.get(chat, 0.0), self._paused_until) - self._clock())

    def pause(self, seconds: float) -> None:
        """Hold every send for `seconds` (the messenger said retry_after)."""
        self._paused_until = max(self._paused_until, self._clock() + seconds)

    async def wait_turn(self, chat: str) -> None:
        """Return when a message to `chat` may be sent."""
        if not self.policy.enabled and self._paused_until <= self._clock():
            return
        while True:
            now = self._clock()
            ready = max(self._chat_ready.get(chat, 0.0), self._paused_until)
            if ready > now:
                # Wait for this chat (or the pause) first: taking an overall slot now would waste it.
                await asyncio.sleep(ready - now)
                continue
            slot = max(now, self._next_slot)
            self._next_slot = slot + self._gap
            if self.policy.per_chat_interval > 0:
                self._chat_ready[chat] = slot + self.policy.per_chat_interval
            break
        self._forget_idle_chats(now)
        if slot > now:
            await asyncio.sleep(slot - now)

    def _forget_idle_chats(self, now: float) -> None:
        # Keeps the table as small as the set of chats written to in the last second.
        if len(self._chat_ready) > 4096:
            self._chat_ready = {c: t for c, t in self._chat_ready.items() if t > now}
