"""Reminder rules: when each is due (computed from the event every time, so a moved event carries
its unsent reminders along), the default set every imported event gets, and organiser edits.

Times: a rule is due at anchor + offset; with a local clock time ("1 day before at 16:00") the
offset only picks the day, in the event's time zone. A rule may still fire late (the bot was
down) until `late_grace_minutes` after it was due, never after the event started when it was
meant for before, and its deliveries expire at the start when `expires_at_start` is set.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.errors import DomainError
from bot.domain.quiet_hours import QUIET_HOURS, QuietHours, quiet_until
from storage import repositories as repo
from storage.models import Event
from storage.reminder_models import ReminderAnchor, ReminderAudience, ReminderRule

__all__ = [
    "DEFAULT_START",
    "MIN_NOTICE",
    "DefaultRule",
    "DEFAULT_RULES",
    "BUTTONS",
    "event_start",
    "before_quiet_hours",
    "due_at",
    "last_moment",
    "is_past",
    "delivery_expiry",
    "ensure_default_rules",
    "event_rules",
    "add_rule",
    "set_paused",
    "delete_rule",
    "rule_of_event",
]

# When an event has a date but no start time, reminders count from this local time.
DEFAULT_START = dt.time(8, 0)
# A reminder moved out of quiet hours to their end must still leave this long before the start.
MIN_NOTICE = dt.timedelta(hours=1)
BUTTONS = ("attend", "decline", "programme", "pass")
_DAY = 24 * 60


@dataclass(frozen=True)
class DefaultRule:
    """One reminder every imported event gets."""

    key: str
    audience: ReminderAudience
    offset_minutes: int
    local_time: dt.time | None
    message_key: str
    buttons: str
    urgent: bool = False
    late_grace_minutes: int | None = None
    expires_at_start: bool = False


DEFAULT_RULES = (
    DefaultRule(
        "week_before",
        ReminderAudience.CONFIRMED_DELEGATES,
        -7 * _DAY,
        None,
        "week_before",
        "programme",
        late_grace_minutes=_DAY,
    ),
    # The day before carries the personal check-in code; sent late until 22:00 at most.
    DefaultRule(
        "day_before",
        ReminderAudience.CONFIRMED_DELEGATES,
        -_DAY,
        dt.time(16, 0),
        "day_before",
        "programme,pass",
        late_grace_minutes=6 * 60,
    ),
    DefaultRule(
        "two_hours",
        ReminderAudience.CONFIRMED_DELEGATES,
        -120,
        None,
        "two_hours",
        "programme",
        urgent=True,
        late_grace_minutes=90,
        expires_at_start=True,
    ),
    DefaultRule(
        "rsvp_nudge_5d",
        ReminderAudience.NOT_ANSWERED,
        -5 * _DAY,
        dt.time(9, 0),
        "rsvp_nudge",
        "attend,decline",
        late_grace_minutes=_DAY,
    ),
    DefaultRule(
        "rsvp_nudge_2d",
        ReminderAudience.NOT_ANSWERED,
        -2 * _DAY,
        dt.time(9, 0),
        "rsvp_nudge",
        "attend,decline",
        late_grace_minutes=_DAY,
    ),
)


def event_start(event: Event) -> dt.datetime | None:
    """When the event starts (aware, UTC); None while its date is not fixed."""
    if event.start_date is None:
        return None
    zone = zoneinfo.ZoneInfo(event.timezone)
    return dt.datetime.combine(event.start_date, event.start_time or DEFAULT_START, zone).astimezone(dt.UTC)


def _anchor(rule: ReminderRule, event: Event) -> dt.datetime | None:
    if rule.anchor == ReminderAnchor.EVENT_START:
        return event_start(event)
    if rule.anchor == ReminderAnchor.DEADLINE:
        return event.rsvp_deadline
    return rule.absolute_at


def before_quiet_hours(
    moment: dt.datetime, start: dt.datetime, zone: str, hours: QuietHours = QUIET_HOURS
) -> dt.datetime:
    """Where a reminder due at `moment`, before an event starting at `start`, is sent: as is outside
    quiet hours; inside them, at their end when that still leaves MIN_NOTICE before the start (an
    08:00 event's "two hours before" goes at 07:00), otherwise the evening before, an hour before
    quiet hours begin (a 07:30 event's goes at 20:00 the day before, never at 05:30)."""
    morning = quiet_until(moment, zone, hours)
    if morning is None:
        return moment
    if start - morning >= MIN_NOTICE:
        return morning
    tz = zoneinfo.ZoneInfo(zone)
    local = moment.astimezone(tz)
    day = local.date() if local.time() >= hours.start else local.date() - dt.timedelta(days=1)
    return (dt.datetime.combine(day, hours.start, tz) - dt.timedelta(hours=1)).astimezone(dt.UTC)


def due_at(rule: ReminderRule, event: Event, hours: QuietHours = QUIET_HOURS) -> dt.datetime | None:
    """When the rule is due (aware, UTC), from the event as it is now; None if it cannot be placed.
    An urgent reminder before the start never falls in quiet hours (see before_quiet_hours); the
    others are held by the outbox until the quiet hours end."""
    base = _anchor(rule, event)
    if base is None:
        return None
    zone = zoneinfo.ZoneInfo(event.timezone)
    days = int(rule.offset_minutes / _DAY)  # toward zero: -120 is 0 days and -120 minutes
    minutes = rule.offset_minutes - days * _DAY
    # Whole days move the local calendar ("7 days before" keeps 08:00 across a clock change);
    # the rest is elapsed time ("2 hours before").
    moment = (base.astimezone(zone) + dt.timedelta(days=days)).astimezone(dt.UTC) + dt.timedelta(
        minutes=minutes
    )
    if rule.local_time is not None:
        moment = dt.datetime.combine(moment.astimezone(zone).date(), rule.local_time, zone)
    start = event_start(event)
    # Urgent reminders skip the outbox's quiet-hours hold, so they are placed out of the night here.
    if rule.urgent and rule.anchor == ReminderAnchor.EVENT_START and start is not None and moment < start:
        return before_quiet_hours(moment.astimezone(dt.UTC), start, event.timezone, hours)
    return moment.astimezone(dt.UTC)


def last_moment(rule: ReminderRule, event: Event, hours: QuietHours = QUIET_HOURS) -> dt.datetime | None:
    """The latest moment the rule may still fire; None when there is no limit."""
    due = due_at(rule, event, hours)
    if due is None:
        return None
    limits = []
    if rule.late_grace_minutes is not None:
        limits.append(due + dt.timedelta(minutes=rule.late_grace_minutes))
    start = event_start(event)
    if start is not None and (due < start or rule.expires_at_start):
        limits.append(start)  # a reminder about coming is pointless once the event has begun
    return min(limits) if limits else None


def is_past(rule: ReminderRule, event: Event, now: dt.datetime, hours: QuietHours = QUIET_HOURS) -> bool:
    """Whether an unfired rule can no longer go out: its time and any grace for lateness are over."""
    if rule.fired_at is not None:
        return False
    due = due_at(rule, event, hours)
    if due is None or due > now:
        return False
    last = last_moment(rule, event, hours)
    return last is not None and now > last


def delivery_expiry(rule: ReminderRule, event: Event, hours: QuietHours = QUIET_HOURS) -> dt.datetime | None:
    """When the rule's queued deliveries stop making sense (held for quiet hours or retried)."""
    due, start = due_at(rule, event, hours), event_start(event)
    if start is not None and due is not None and (due < start or rule.expires_at_start):
        return start
    return None


async def ensure_default_rules(session: AsyncSession, event: Event) -> int:
    """Give the event the default reminders it lacks (a deleted default stays deleted). Flushes only."""
    found = await session.execute(
        select(ReminderRule.default_key).where(
            ReminderRule.event_id == event.id, ReminderRule.default_key.is_not(None)
        )
    )
    have = set(found.scalars())
    added = [
        ReminderRule(
            event_id=event.id,
            audience=d.audience,
            anchor=ReminderAnchor.EVENT_START,
            offset_minutes=d.offset_minutes,
            local_time=d.local_time,
            message_key=d.message_key,
            buttons=d.buttons,
            urgent=d.urgent,
            late_grace_minutes=d.late_grace_minutes,
            expires_at_start=d.expires_at_start,
            paused=False,
            default_key=d.key,
        )
        for d in DEFAULT_RULES
        if d.key not in have
    ]
    session.add_all(added)
    await session.flush()
    return len(added)


async def event_rules(session: AsyncSession, event_id: int) -> list[ReminderRule]:
    """The event's rules that were not deleted, in the order they were made."""
    found = await session.execute(
        select(ReminderRule)
        .where(ReminderRule.event_id == event_id, ReminderRule.deleted_at.is_(None))
        .order_by(ReminderRule.id)
    )
    return list(found.scalars())


async def rule_of_event(session: AsyncSession, event_id: int, rule_id: int) -> ReminderRule:
    """One live rule of the event, or a `reminder_not_found` refusal."""
    rule = await session.get(ReminderRule, rule_id)
    if rule is None or rule.event_id != event_id or rule.deleted_at is not None:
        raise DomainError("reminder_not_found", id=rule_id)
    return rule


async def add_rule(
    session: AsyncSession,
    event: Event,
    *,
    audience: ReminderAudience,
    offset_minutes: int,
    local_time: dt.time | None,
    text: str,
    created_by: int | None,
    now: dt.datetime,
) -> ReminderRule:
    """An organiser's own reminder, relative to the event start. Flushes only."""
    if not text.strip():
        raise DomainError("reminder_no_text")
    if audience == ReminderAudience.ALL_REGISTERED:
        raise DomainError("reminder_bad_audience")
    rule = ReminderRule(
        event_id=event.id,
        audience=audience,
        anchor=ReminderAnchor.EVENT_START,
        offset_minutes=offset_minutes,
        local_time=local_time,
        text=text.strip(),
        buttons="programme",
        urgent=False,
        late_grace_minutes=_DAY,
        expires_at_start=False,
        paused=False,
        created_by=created_by,
    )
    due = due_at(rule, event)
    if due is not None and due <= now:
        raise DomainError("reminder_in_past")
    session.add(rule)
    await session.flush()
    await repo.record_audit(
        session, "reminder.added", event_id=event.id, actor_person_id=created_by, rule=rule.id
    )
    return rule


async def set_paused(session: AsyncSession, rule: ReminderRule, paused: bool, by: int | None) -> None:
    """Pause or resume a rule (a paused rule that comes due while paused is skipped when resumed late)."""
    rule.paused = paused
    await repo.record_audit(
        session,
        "reminder.paused" if paused else "reminder.resumed",
        event_id=rule.event_id,
        actor_person_id=by,
        rule=rule.id,
    )


async def delete_rule(session: AsyncSession, rule: ReminderRule, by: int | None, now: dt.datetime) -> None:
    """Delete a rule (kept as deleted, so a re-import does not bring a default back)."""
    rule.deleted_at = now
    await repo.record_audit(
        session, "reminder.deleted", event_id=rule.event_id, actor_person_id=by, rule=rule.id
    )
