"""Rule timing without a database: time zones, clock changes, moved events, grace and expiry."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.domain.errors import DomainError
from bot.domain.reminders.grammar import parse_reminder, parse_timing
from bot.domain.reminders.rules import (
    DEFAULT_RULES,
    delivery_expiry,
    due_at,
    event_start,
    last_moment,
)
from bot.outbox.delivery import QuietHours, quiet_until
from storage.models import Event
from storage.reminder_models import ReminderAnchor, ReminderAudience, ReminderRule

UTC = dt.UTC


def _event(date: dt.date, start: dt.time | None, zone: str) -> Event:
    return Event(slug="e", title="Hội thảo", start_date=date, start_time=start, timezone=zone)


def _default(key: str) -> ReminderRule:
    d = next(d for d in DEFAULT_RULES if d.key == key)
    return ReminderRule(
        audience=d.audience,
        anchor=ReminderAnchor.EVENT_START,
        offset_minutes=d.offset_minutes,
        local_time=d.local_time,
        late_grace_minutes=d.late_grace_minutes,
        expires_at_start=d.expires_at_start,
    )


def test_day_before_at_16_is_local_time_in_each_event_zone():
    hanoi = _event(dt.date(2026, 11, 26), dt.time(8, 0), "Asia/Ho_Chi_Minh")
    berlin = _event(dt.date(2026, 11, 26), dt.time(9, 0), "Europe/Berlin")
    rule = _default("day_before")
    assert due_at(rule, hanoi) == dt.datetime(2026, 11, 25, 9, 0, tzinfo=UTC)  # 16:00 at UTC+7
    assert due_at(rule, berlin) == dt.datetime(2026, 11, 25, 15, 0, tzinfo=UTC)  # 16:00 at UTC+1


def test_relative_reminders_follow_the_event_start():
    bangkok = _event(dt.date(2026, 11, 26), dt.time(13, 30), "Asia/Bangkok")
    assert due_at(_default("two_hours"), bangkok) == dt.datetime(
        2026, 11, 26, 4, 30, tzinfo=UTC
    )  # 11:30 local
    assert due_at(_default("week_before"), bangkok) == dt.datetime(2026, 11, 19, 6, 30, tzinfo=UTC)


def test_whole_days_keep_the_local_clock_across_a_clock_change():
    # Berlin moves to summer time on 29/03/2026: a week before 09:00 is still 09:00 local.
    berlin = _event(dt.date(2026, 4, 2), dt.time(9, 0), "Europe/Berlin")
    assert due_at(_default("week_before"), berlin) == dt.datetime(2026, 3, 26, 8, 0, tzinfo=UTC)  # CET
    assert due_at(_default("two_hours"), berlin) == dt.datetime(2026, 4, 2, 5, 0, tzinfo=UTC)  # CEST


def test_an_event_without_a_start_time_counts_from_eight_and_one_without_a_date_is_not_scheduled():
    no_time = _event(dt.date(2026, 11, 26), None, "Asia/Ho_Chi_Minh")
    assert event_start(no_time) == dt.datetime(2026, 11, 26, 1, 0, tzinfo=UTC)
    no_date = _event(None, None, "Asia/Ho_Chi_Minh")  # type: ignore[arg-type]
    assert due_at(_default("week_before"), no_date) is None


def test_moving_the_event_moves_the_rule():
    event = _event(dt.date(2026, 11, 26), dt.time(8, 0), "Asia/Ho_Chi_Minh")
    rule = _default("day_before")
    before = due_at(rule, event)
    event.start_date = dt.date(2026, 12, 3)
    assert due_at(rule, event) == before + dt.timedelta(days=7)


def test_grace_and_expiry():
    event = _event(dt.date(2026, 11, 26), dt.time(8, 0), "Asia/Ho_Chi_Minh")
    start = event_start(event)
    two_hours = _default("two_hours")
    assert last_moment(two_hours, event) == start - dt.timedelta(minutes=30)  # 90 minutes of grace
    two_hours.late_grace_minutes = 240
    assert last_moment(two_hours, event) == start  # however generous the grace, never after the start
    assert delivery_expiry(two_hours, event) == start
    day_before = _default("day_before")
    assert last_moment(day_before, event) == due_at(day_before, event) + dt.timedelta(hours=6)
    absolute = ReminderRule(
        anchor=ReminderAnchor.ABSOLUTE,
        offset_minutes=0,
        late_grace_minutes=None,
        absolute_at=start + dt.timedelta(days=1),
        expires_at_start=False,
        audience=ReminderAudience.ORGANISERS,
    )
    assert last_moment(absolute, event) is None  # a thank-you after the event has no deadline


def test_quiet_hours_hold_until_seven_local():
    hours = QuietHours()
    zone = "Asia/Ho_Chi_Minh"
    at_22 = dt.datetime(2026, 11, 20, 15, 0, tzinfo=UTC)  # 22:00 local
    assert quiet_until(at_22, zone, hours) == dt.datetime(2026, 11, 21, 0, 0, tzinfo=UTC)  # 07:00 next day
    at_5 = dt.datetime(2026, 11, 20, 22, 0, tzinfo=UTC)  # 05:00 local on the 21st
    assert quiet_until(at_5, zone, hours) == dt.datetime(2026, 11, 21, 0, 0, tzinfo=UTC)
    assert quiet_until(dt.datetime(2026, 11, 20, 2, 0, tzinfo=UTC), zone, hours) is None  # 09:00 local


@pytest.mark.parametrize(
    ("text", "offset", "clock"),
    [
        ("7 ngày trước", -7 * 1440, None),
        ("1 ngày trước 16:00", -1440, dt.time(16)),
        ("2 giờ trước", -120, None),
        ("3 days before at 9:30", -3 * 1440, dt.time(9, 30)),
        ("30 phút trước", -30, None),
        ("1 ngay sau 10h", 1440, dt.time(10)),
    ],
)
def test_timing_grammar(text, offset, clock):
    assert parse_timing(text) == (offset, clock)


@pytest.mark.parametrize("text", ["ngày mai", "2 giờ trước 16:00", "1 ngày trước 25:00", "", "trước 2 ngày"])
def test_timing_grammar_refuses_nonsense(text):
    with pytest.raises(DomainError) as refused:
        parse_timing(text)
    assert refused.value.code == "reminder_bad_time"


def test_whole_reminder_grammar():
    request = parse_reminder("2 ngày trước 16:00 | Đại biểu xác nhận | Xin mang theo giấy mời")
    assert (request.offset_minutes, request.local_time) == (-2880, dt.time(16))
    assert request.audience == ReminderAudience.CONFIRMED_DELEGATES
    assert request.text == "Xin mang theo giấy mời"
    with pytest.raises(DomainError):
        parse_reminder("2 ngày trước | ai đó | x")
    with pytest.raises(DomainError):
        parse_reminder("chỉ một phần")
