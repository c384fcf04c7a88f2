"""Urgent reminders before an early event are placed out of the night (no database)."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from bot.domain.reminders.rules import before_quiet_hours
from bot.outbox.delivery import QuietHours

HANOI = "Asia/Ho_Chi_Minh"
ZONE = zoneinfo.ZoneInfo(HANOI)


def _at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 11, day, hour, minute, tzinfo=ZONE).astimezone(dt.UTC)


def _local(moment: dt.datetime) -> str:
    return moment.astimezone(ZONE).strftime("%d %H:%M")


def test_a_0730_event_is_reminded_the_evening_before_not_at_0530():
    assert _local(before_quiet_hours(_at(26, 5, 30), _at(26, 7, 30), HANOI)) == "25 20:00"


def test_an_0800_event_is_reminded_at_the_end_of_quiet_hours():
    assert _local(before_quiet_hours(_at(26, 6), _at(26, 8), HANOI)) == "26 07:00"


def test_outside_quiet_hours_nothing_moves():
    assert _local(before_quiet_hours(_at(26, 12), _at(26, 14), HANOI)) == "26 12:00"


def test_a_reminder_due_late_in_the_evening_moves_earlier_that_evening_when_morning_is_too_late():
    # Quiet hours 22:00-06:00; a 06:30 start reminded at 22:30 goes at 21:00 the same evening.
    hours = QuietHours(start=dt.time(22, 0), end=dt.time(6, 0))
    assert _local(before_quiet_hours(_at(25, 22, 30), _at(26, 6, 30), HANOI, hours)) == "25 21:00"
