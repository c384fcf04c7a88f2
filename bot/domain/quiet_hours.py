"""Quiet hours: the local hours when messages that are not urgent wait for the morning."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass

from bot.config import Settings

__all__ = ["QUIET_HOURS", "QuietHours", "next_quiet_end", "quiet_hours_from", "quiet_until"]


@dataclass(frozen=True)
class QuietHours:
    """Local hours when non-urgent messages wait (from `start` to `end`, across midnight)."""

    start: dt.time = dt.time(21, 0)
    end: dt.time = dt.time(7, 0)

    @classmethod
    def parse(cls, start: str, end: str) -> QuietHours:
        """Quiet hours from two 'HH:MM' strings."""
        return cls(start=dt.time.fromisoformat(start), end=dt.time.fromisoformat(end))


QUIET_HOURS = QuietHours()


def quiet_hours_from(settings: Settings) -> QuietHours:
    """The quiet hours a deployment configured (QUIET_HOURS)."""
    start, end = settings.quiet_window
    return QuietHours(start=start, end=end)


def quiet_until(moment: dt.datetime, zone: str, hours: QuietHours = QUIET_HOURS) -> dt.datetime | None:
    """The end of the quiet hours `moment` falls in (in time zone `zone`), or None outside them."""
    tz = zoneinfo.ZoneInfo(zone)
    local = moment.astimezone(tz)
    clock = local.time()
    if hours.start == hours.end:
        return None
    overnight = hours.start > hours.end
    inside = (clock >= hours.start or clock < hours.end) if overnight else hours.start <= clock < hours.end
    if not inside:
        return None
    day = local.date() + dt.timedelta(days=1) if overnight and clock >= hours.start else local.date()
    return dt.datetime.combine(day, hours.end, tz).astimezone(dt.UTC)


def next_quiet_end(moment: dt.datetime, zone: str, hours: QuietHours = QUIET_HOURS) -> dt.datetime:
    """The end of the quiet hours `moment` is in, else the next end of quiet hours."""
    until = quiet_until(moment, zone, hours)
    if until is not None:
        return until
    tz = zoneinfo.ZoneInfo(zone)
    local = moment.astimezone(tz)
    finish = dt.datetime.combine(local.date(), hours.end, tzinfo=tz)
    if finish <= local:
        finish += dt.timedelta(days=1)
    return finish.astimezone(dt.UTC)
