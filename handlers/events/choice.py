"""`/event` (`/sukien`): pick which event to talk about when several are running."""

from __future__ import annotations

from bot.messages import Button, Reply
from handlers.context import Context
from handlers.events.text import event_when
from handlers.payload_ids import parse_id
from storage import repositories as repo
from storage.enums import EventStatus

__all__ = ["list_events", "choose_event"]


async def list_events(ctx: Context) -> list[Reply]:
    """The published events as buttons; the current one is marked."""
    events = [e for e in await repo.list_events(ctx.session) if e.status == EventStatus.PUBLISHED]
    if not events:
        return [ctx.reply("event.none")]
    current = await ctx.event()
    rows = []
    for event in events[:20]:
        mark = "✓ " if current is not None and current.id == event.id else ""
        rows.append([Button(label=f"{mark}{event.title}"[:120], payload=f"event:{event.id}")])
    return [ctx.reply("event.choose", buttons=rows)]


async def choose_event(ctx: Context) -> list[Reply]:
    """A pressed event button."""
    raw = (ctx.inbound.payload or "").removeprefix("event:")
    event = await repo.event_with_details(ctx.session, parse_id(raw) or 0)
    if event is None or event.status != EventStatus.PUBLISHED:
        return [ctx.reply("event.not_available")]
    ctx.choose_event(event)
    return [
        ctx.reply("event.chosen", title=event.title, when=event_when(ctx, event), buttons=ctx.main_menu())
    ]
