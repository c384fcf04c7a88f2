"""Sentences about an event that several conversations share (when it is, the no-event answer)."""

from __future__ import annotations

from bot.domain.formatting import format_date, format_time_range
from bot.messages import Reply
from handlers.context import Context
from storage.models import Event

__all__ = ["event_when", "no_event", "demo_notice"]


def event_when(ctx: Context, event: Event) -> str:
    """'Thứ Năm, 26/11/2026, 07:30–11:30', or what the plan says when the date is not fixed."""
    times = format_time_range(event.start_time, event.end_time)
    if event.start_date is None:
        note = event.date_note or "?"
        if times:
            return ctx.t("event.date_not_fixed_with_times", note=note, times=times)
        return ctx.t("event.date_not_fixed", note=note)
    day = ctx.t(f"common.weekday.{event.start_date.weekday()}")
    date = format_date(event.start_date)
    if event.end_date and event.end_date != event.start_date:
        date = ctx.t("event.date_span", start=date, end=format_date(event.end_date))
    if times:
        return ctx.t("event.when_with_times", weekday=day, date=date, times=times)
    return ctx.t("event.when", weekday=day, date=date)


def no_event(ctx: Context) -> list[Reply]:
    """The answer when no event has been imported yet."""
    return [ctx.reply("event.none")]


def demo_notice(ctx: Context, event: Event) -> str | None:
    """A line saying the event is demo data, when it is."""
    return ctx.t("event.demo_notice") if event.is_demo else None
