"""Who may do what: organiser-only actions are refused politely to everyone else."""

from __future__ import annotations

from bot.domain import audiences
from bot.domain.errors import DomainError
from handlers.context import Context
from storage.models import Event

__all__ = ["is_organiser", "require_organiser"]


async def is_organiser(ctx: Context, event_id: int) -> bool:
    """Whether this user organises the event."""
    return await audiences.is_organiser(ctx.session, event_id, ctx.person.id)


async def require_organiser(ctx: Context) -> Event:
    """The current event if this user organises it; otherwise a polite refusal."""
    event = await ctx.event()
    if event is None:
        raise DomainError("no_event")
    if not await is_organiser(ctx, event.id):
        raise DomainError("organisers_only")
    return event
