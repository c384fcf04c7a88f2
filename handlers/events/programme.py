"""`/agenda` (`/chuongtrinh`): the event's programme, grouped by time slot."""

from __future__ import annotations

from bot.domain.qa.messages import programme_messages, render_message
from bot.messages import Reply
from handlers.context import Context
from handlers.events.text import event_when, no_event
from storage.models import AgendaItem

__all__ = ["show_agenda"]


def render_agenda(ctx: Context, items: list[AgendaItem]) -> list[str]:
    """One block per time slot; several talks in one slot are listed under it."""
    # The same rendering answers "chương trình thế nào?" (bot/domain/qa/messages.py).
    return [render_message(ctx.t, message) for message in programme_messages(items)]


async def show_agenda(ctx: Context) -> list[Reply]:
    """The whole programme of the current event."""
    event = await ctx.event()
    if event is None:
        return no_event(ctx)
    if not event.agenda:
        return [ctx.reply("agenda.empty", title=event.title)]
    header = ctx.t("agenda.header", title=event.title, when=event_when(ctx, event))
    # Everyone asking in one language gets the same programme: render it once per event version.
    body = ctx.events.derived(
        event, ("agenda", ctx.language), lambda: "\n".join(render_agenda(ctx, list(event.agenda)))
    )
    buttons = [
        [ctx.button("menu.venue", "cmd:venue"), ctx.button("menu.help", "cmd:help")],
        [ctx.button("qa.ics.button", "cmd:ics")],
    ]
    return [Reply(text=f"{header}\n\n{body}", buttons=buttons)]
