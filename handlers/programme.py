"""`/agenda` (`/chuongtrinh`): the event's programme, grouped by time slot."""

from __future__ import annotations

from itertools import groupby

from bot.channels.base import Reply
from bot.domain.formatting import format_time_range
from handlers.context import Context
from handlers.event_text import event_when, no_event
from storage.enums import AgendaKind
from storage.models import AgendaItem

__all__ = ["show_agenda"]


def _line(ctx: Context, item: AgendaItem) -> str:
    if item.presenter:
        return ctx.t("agenda.item_with_presenter", title=item.title, presenter=item.presenter)
    return ctx.t("agenda.item", title=item.title)


def render_agenda(ctx: Context, items: list[AgendaItem]) -> list[str]:
    """One block per time slot; several talks in one slot are listed under it."""
    lines: list[str] = []
    days = sorted({item.day for item in items})
    for day, day_items in groupby(items, key=lambda i: i.day):
        if len(days) > 1:
            lines.append(ctx.t("agenda.day", number=day + 1))
        for (start, end), slot in groupby(day_items, key=lambda i: (i.start_time, i.end_time)):
            slot_items = list(slot)
            when = format_time_range(start, end) or ctx.t("agenda.no_time")
            if len(slot_items) == 1:
                lines.append(ctx.t("agenda.slot_single", when=when, line=_line(ctx, slot_items[0])))
                continue
            talks = all(i.kind == AgendaKind.TALK for i in slot_items)
            lines.append(ctx.t("agenda.slot_talks" if talks else "agenda.slot_many", when=when))
            lines.extend(ctx.t("agenda.bullet", line=_line(ctx, i)) for i in slot_items)
    return lines


async def show_agenda(ctx: Context) -> list[Reply]:
    """The whole programme of the current event."""
    event = await ctx.event()
    if event is None:
        return no_event(ctx)
    if not event.agenda:
        return [ctx.reply("agenda.empty", title=event.title)]
    header = ctx.t("agenda.header", title=event.title, when=event_when(ctx, event))
    body = "\n".join(render_agenda(ctx, list(event.agenda)))
    buttons = [[ctx.button("menu.venue", "cmd:venue"), ctx.button("menu.help", "cmd:help")]]
    return [Reply(text=f"{header}\n\n{body}", buttons=buttons)]
