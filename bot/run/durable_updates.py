"""Webhook updates that survive a crash (storage/inbound_models.py).

A webhook answers 200 only after `store_update` committed the update. Handling it marks it taken
(`take_update`) in the same transaction as its effects, keeping the replies to send in its row;
once they went out, `mark_answered` clears them. After a restart, `pending_updates` gives what
was stored but not handled (to handle again) and what was handled but not answered (to send).
A retried or replayed update that was already handled is a no-op: at most the replies in flight
at a crash go twice, as in the outbox.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import delete, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.messages import Reply
from bot.outbox.delivery import body_to_replies, replies_to_body
from storage.enums import Channel
from storage.inbound_models import InboundUpdate
from storage.types import utcnow

__all__ = ["DURABLE_CHANNELS", "PendingUpdate", "store_update", "take_update", "mark_answered",
           "keep_replies", "pending_updates", "forget_handled", "KEEP_HANDLED"]  # fmt: skip

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
    values = {"channel": channel, "key": key, "user_key": chat, "received_at": utcnow(),
              "payload": payload.decode("utf-8") if isinstance(payload, bytes) else payload}  # fmt: skip
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
            .where(InboundUpdate.channel == channel, InboundUpdate.key == key, InboundUpdate.handled_at.is_not(None))
            .values(payload=None, user_key=None)
        )


async def pending_updates(sessions: async_sessionmaker[AsyncSession], channel: Channel) -> list[PendingUpdate]:
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
        delete(InboundUpdate).where(InboundUpdate.handled_at < now - KEEP_HANDLED, InboundUpdate.payload.is_(None))
    )
    return result.rowcount or 0
