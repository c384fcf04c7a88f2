"""What the Telegram channel reads and writes about identities: reachability and language."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.enums import Channel
from storage.models import Identity
from storage.types import utcnow

__all__ = ["mark_unreachable", "mark_reachable", "follow_migration", "identity_language"]


async def mark_unreachable(session: AsyncSession, channel: Channel, external_id: str) -> bool:
    """Record that the messenger refuses messages to this account; True if it was reachable before."""
    result = await session.execute(
        update(Identity)
        .where(
            Identity.channel == channel,
            Identity.external_id == external_id,
            Identity.unreachable_at.is_(None),
        )
        .values(unreachable_at=utcnow())
    )
    return bool(result.rowcount)


async def mark_reachable(session: AsyncSession, channel: Channel, external_id: str) -> bool:
    """The account accepts messages again (unblocked the bot); True if it was unreachable."""
    result = await session.execute(
        update(Identity)
        .where(
            Identity.channel == channel,
            Identity.external_id == external_id,
            Identity.unreachable_at.is_not(None),
        )
        .values(unreachable_at=None)
    )
    return bool(result.rowcount)


async def follow_migration(session: AsyncSession, channel: Channel, old_id: str, new_id: str) -> None:
    """A chat moved to a new id (group to supergroup): later messages go to the new one."""
    await session.execute(
        update(Identity)
        .where(Identity.channel == channel, Identity.external_id == old_id)
        .values(external_id=new_id)
    )


async def identity_language(
    sessions: async_sessionmaker[AsyncSession], channel: Channel, external_id: str, default: str
) -> str:
    """The language this account chose, or `default` for an account the bot has not met."""
    async with sessions() as session:
        found = await session.execute(
            select(Identity.language).where(Identity.channel == channel, Identity.external_id == external_id)
        )
        return found.scalar_one_or_none() or default
