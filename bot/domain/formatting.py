"""Vietnamese-style rendering of dates and times: dd/mm/yyyy, 24-hour HH:MM."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

__all__ = ["format_date", "format_time", "format_time_range"]


def format_date(value: dt.date) -> str:
    """A date as dd/mm/yyyy."""
    return value.strftime("%d/%m/%Y")


def format_time(value: dt.time) -> str:
    """A time as HH:MM (24-hour)."""
    return value.strftime("%H:%M")


def format_time_range(start: dt.time | None, end: dt.time | None) -> str:
    """'07:30–08:00', '07:30', or '' when nothing is known."""
    if start and end:
        return f"{format_time(start)}–{format_time(end)}"
    if start:
        return format_time(start)
    return ""


def wall_clock(moment: dt.datetime | None, timezone: str) -> dt.datetime | None:
    """A moment as the wall-clock time of `timezone`, without a zone (a time already without one
    is taken as that wall-clock time)."""
    if moment is None or moment.tzinfo is None:
        return moment
    return moment.astimezone(ZoneInfo(timezone)).replace(tzinfo=None)
