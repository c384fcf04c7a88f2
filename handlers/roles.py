"""Who may do what: organiser-only actions are refused politely to everyone else."""

from __future__ import annotations

from sqlalchemy import select

from bot.domain.errors import DomainError
from handlers.context import Context
from storage.enums import RoleKind
from storage.models import Event, Role

__all__ = ["is_organiser", "require_organiser"]


async def is_organiser(ctx: Context, event_id: int) -> bool:
    """Whether this user organises the event."""
    found = await ctx.session.execute(
        select(Role.id).where(
            Role.event_id == event_id, Role.person_id == ctx.person.id, Role.kind == RoleKind.ORGANISER
        )
    )
    return found.first() is not None


async def require_organiser(ctx: Context) -> Event:
    """The current event if this user organises it; otherwise a polite refusal."""
    event = await ctx.event()
    if event is None:
        raise DomainError("no_event")
    if not await is_organiser(ctx, event.id):
        raise DomainError("organisers_only")
    return event
