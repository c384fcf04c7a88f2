"""`/venue` (`/diadiem`): where and when, the map link, practical notes, and a location pin."""

from __future__ import annotations

from bot.messages import Location, Reply
from handlers.context import Context
from handlers.events.text import event_when, no_event

__all__ = ["show_venue", "NOTE_KEYS"]

# Practical-note topics with a catalogue label; other keys are shown with their own name.
NOTE_KEYS = ("parking", "dress_code", "lunch", "documents", "hotline")


async def show_venue(ctx: Context) -> list[Reply]:
    """Where the current event is, when, and what to know before coming."""
    event = await ctx.event()
    if event is None:
        return no_event(ctx)
    venue = event.venue
    lines = [ctx.t("venue.header", title=event.title), ctx.t("venue.when", when=event_when(ctx, event))]
    if venue is None or not (venue.name or venue.address):
        lines.append(ctx.t("venue.unknown"))
    else:
        place = ", ".join(p for p in (venue.name, venue.address) if p)
        lines.append(ctx.t("venue.where", place=place))
        if venue.map_url:
            lines.append(ctx.t("venue.map", url=venue.map_url))
        for key, text in (venue.notes or {}).items():
            label = ctx.t(f"venue.note.{key}") if key in NOTE_KEYS else key
            lines.append(ctx.t("venue.note_line", label=label, text=text))
    location = None
    if venue is not None and venue.latitude is not None and venue.longitude is not None:
        location = Location(venue.latitude, venue.longitude, venue.name, venue.address)
    buttons = [[ctx.button("menu.agenda", "cmd:agenda"), ctx.button("menu.help", "cmd:help")]]
    return [Reply(text="\n".join(lines), buttons=buttons, location=location)]
