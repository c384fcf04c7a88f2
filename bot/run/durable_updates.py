"""Webhook updates that survive a crash (storage/inbound_models.py).

A webhook answers 200 only after `store_update` committed the update. Handling it marks it taken
(`take_update`) in the same transaction as its effects, keeping the replies to send in its row;
once they went out, `mark_answered` clears them. After a restart, `pending_updates` gives what
was stored but not handled (to handle again) and what was handled but not answered (to send).
A retried or replayed update that was already handled is a no-op: at most the replies in flight
at a crash go twice, as in the outbox.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import logging
from dataclasses import dataclass

from sqlalchemy import delete, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.messages import Reply
from bot.outbox.delivery import body_to_replies, replies_to_body
from storage.enums import Channel
from storage.inbound_models import InboundUpdate
from storage.types import utcnow

__all__ = [
    "DURABLE_CHANNELS",
    "PendingUpdate",
    "store_update",
    "take_update",
    "mark_answered",
    "keep_replies",
    "pending_updates",
    "forget_handled",
    "wait_for_earlier",
    "KEEP_HANDLED",
]

log = logging.getLogger(__name__)
# How long an update waits for the same sender's earlier ones (handled by other workers).
ORDER_WAIT = 10.0
# Channels whose webhooks store updates; polling and the console need none of this.
DURABLE_CHANNELS = frozenset({Channel.TELEGRAM, Channel.ZALO})
# Handled ids are remembered this long: messengers retry for hours, not days.
KEEP_HANDLED = dt.timedelta(days=3)


@dataclass(frozen=True)
class PendingUpdate:
    """A stored update after a restart: `update` to handle again, or `replies` still to send."""

    key: str
    chat: str | None
    update: dict[str, object] | None
    replies: list[Reply] | None


async def store_update(
    session: AsyncSession, channel: Channel, key: str, chat: str | None, payload: bytes | str
) -> bool:
    """Keep a posted update unless it is already kept; True if it is new. Flushes only."""
    values = {
        "channel": channel,
        "key": key,
        "user_key": chat,
        "received_at": utcnow(),
        "payload": payload.decode("utf-8") if isinstance(payload, bytes) else payload,
    }
    dialect = postgresql if session.bind.dialect.name == "postgresql" else sqlite
    statement = dialect.insert(InboundUpdate).values(**values).on_conflict_do_nothing()
    result = await session.execute(statement)
    return bool(result.rowcount)


async def take_update(session: AsyncSession, channel: Channel, key: str) -> bool:
    """Mark a stored update handled in the caller's transaction; False if it was handled before.
    An update that was never stored (polling) is always taken. Flushes only."""
    row = (
        await session.execute(
            select(InboundUpdate)
            .where(InboundUpdate.channel == channel, InboundUpdate.key == key)
            .with_for_update()  # a second worker with the same update waits here, then sees it handled
        )
    ).scalar_one_or_none()
    if row is None:
        return True
    if row.handled_at is not None:
        return False
    row.handled_at, row.payload = utcnow(), None
    await session.flush()
    return True


async def keep_replies(session: AsyncSession, channel: Channel, key: str, replies: list[Reply]) -> None:
    """The replies of a taken update, once they are known (flushes only)."""
    payload = json.dumps(replies_to_body(replies), ensure_ascii=False) if replies else None
    await session.execute(
        update(InboundUpdate)
        .where(InboundUpdate.channel == channel, InboundUpdate.key == key)
        .values(payload=payload, user_key=InboundUpdate.user_key if replies else None)
    )


async def mark_answered(sessions: async_sessionmaker[AsyncSession], channel: Channel, key: str) -> None:
    """The replies of a handled update went out (or there were none): forget them and the sender."""
    async with sessions() as session, session.begin():
        await session.execute(
            update(InboundUpdate)
            .where(
                InboundUpdate.channel == channel,
                InboundUpdate.key == key,
                InboundUpdate.handled_at.is_not(None),
            )
            .values(payload=None, user_key=None)
        )


async def pending_updates(
    sessions: async_sessionmaker[AsyncSession], channel: Channel
) -> list[PendingUpdate]:
    """What a crash left: updates stored but not handled, and handled updates not yet answered."""
    async with sessions() as session:
        rows = (
            await session.execute(
                select(InboundUpdate)
                .where(InboundUpdate.channel == channel, InboundUpdate.payload.is_not(None))
                .order_by(InboundUpdate.received_at, InboundUpdate.key)
            )
        ).scalars()
        out = []
        for row in rows:
            data = json.loads(row.payload or "{}")
            if row.handled_at is None:
                out.append(PendingUpdate(row.key, row.user_key, data, None))
            else:
                out.append(PendingUpdate(row.key, row.user_key, None, body_to_replies(data)))
        return out


async def forget_handled(session: AsyncSession, now: dt.datetime) -> int:
    """Drop the ids of updates handled and answered longer ago than KEEP_HANDLED."""
    result = await session.execute(
        delete(InboundUpdate).where(
            InboundUpdate.handled_at < now - KEEP_HANDLED, InboundUpdate.payload.is_(None)
        )
    )
    return result.rowcount or 0


def _before(a: tuple[str, dt.datetime], b: tuple[str, dt.datetime]) -> bool:
    # Telegram's update ids grow; other channels' keys are compared by arrival.
    if a[0].isdigit() and b[0].isdigit():
        return int(a[0]) < int(b[0])
    return a[1] < b[1]


async def wait_for_earlier(
    sessions: async_sessionmaker[AsyncSession],
    channel: Channel,
    chat: str | None,
    key: str,
    *,
    timeout: float = ORDER_WAIT,
    poll: float = 0.05,
) -> bool:
    """Wait, outside any transaction, until the sender's earlier stored updates are handled, so
    that one person's updates spread over several workers are still served in order. False if
    it gave up after `timeout` (an earlier update whose worker died waits for a replay)."""
    if chat is None:
        return True
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        async with sessions() as session:
            rows = (
                await session.execute(
                    select(InboundUpdate.key, InboundUpdate.received_at).where(
                        InboundUpdate.channel == channel,
                        InboundUpdate.user_key == chat,
                        InboundUpdate.handled_at.is_(None),
                    )
                )
            ).all()
        mine = next(((k, at) for k, at in rows if k == key), None)
        if mine is None or not any(_before((k, at), mine) for k, at in rows if k != key):
            return True
        if loop.time() > deadline:
            log.warning(
                "%s update %s: earlier updates of its sender still unhandled; going on", channel.value, key
            )
            return False
        await asyncio.sleep(poll)
