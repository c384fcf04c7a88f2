"""Turning due reminder rules (and announcements) into outbox rows: resolve the audience to people,
render the message in each recipient's language with their own buttons, queue once per person."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain import audiences
from bot.domain.indicators.audiences import focal_points_with_pending
from bot.domain.quiet_hours import QUIET_HOURS, QuietHours
from bot.domain.reminders.rules import due_at, last_moment
from storage import repositories as repo
from storage.enums import EventStatus
from storage.models import Agency, Event
from storage.reminder_models import Announcement, ReminderAudience, ReminderRule
from storage.rsvp_models import Registration

__all__ = [
    "ReminderRecipient",
    "announcement_key",
    "audience_people",
    "begin_rule",
    "due_rules",
    "record_announcement",
    "reminder_recipients",
    "rule_key",
]


def rule_key(rule_id: int) -> str:
    """The dedupe-key prefix of a rule's deliveries."""
    return f"rule:{rule_id}:person:"


def announcement_key(announcement_id: int) -> str:
    """The dedupe-key prefix of an announcement's deliveries."""
    return f"announcement:{announcement_id}:person:"


async def audience_people(
    session: AsyncSession,
    event_id: int,
    audience: ReminderAudience,
    agency_id: int | None = None,
    now: dt.datetime | None = None,
) -> list[int]:
    """Person ids of an audience of the event, as it is now."""
    if audience == ReminderAudience.CONFIRMED_DELEGATES:
        return await audiences.confirmed_delegates(session, event_id)
    if audience == ReminderAudience.NOT_ANSWERED:
        return await audiences.not_answered(session, event_id, agency_id)
    if audience == ReminderAudience.WAITLISTED:
        return await audiences.waitlisted(session, event_id)
    if audience == ReminderAudience.ORGANISERS:
        return await audiences.organisers(session, event_id)
    if audience == ReminderAudience.ALL_REGISTERED:
        return await audiences.registered(session, event_id)
    # Focal points whose agency still owes indicators (any open assignment, overdue or not).
    pending = await focal_points_with_pending(session, event_id, None, now or dt.datetime.now(dt.UTC))
    return [person_id for person_id, _ in pending]


@dataclass(frozen=True)
class ReminderRecipient:
    """A person to remind: the identity to reach, the language, their registration and agency."""

    person_id: int
    identity_id: int
    language: str
    registration: Registration | None
    agency: str | None


async def reminder_recipients(
    session: AsyncSession, event_id: int, people: list[int]
) -> list[ReminderRecipient]:
    """The reachable people among `people`, with their registration for the event and agency."""
    identities = await audiences.reachable_identities(session, people)
    # Nobody reachable: the account used last still gets the row, which the outbox then records
    # as unreachable with its reason (the organisers' report shows it; nothing vanishes).
    missing = [p for p in people if p not in identities]
    if missing:
        identities.update(await audiences.last_identities(session, missing))
    registrations: dict[int, tuple[Registration, str]] = {}
    for start in range(0, len(people), 500):
        rows = await session.execute(
            select(Registration, Agency.name)
            .join(Agency, Agency.id == Registration.agency_id)
            .where(Registration.event_id == event_id, Registration.person_id.in_(people[start : start + 500]))
        )
        registrations.update({r.person_id: (r, name) for r, name in rows})
    out = []
    for person_id in people:
        identity = identities.get(person_id)
        if identity is None:
            continue  # no messenger account at all (added by an organiser, never wrote)
        registration, agency = registrations.get(person_id, (None, None))
        out.append(ReminderRecipient(person_id, identity.id, identity.language, registration, agency))
    return out


async def due_rules(
    session: AsyncSession, now: dt.datetime, quiet_hours: QuietHours = QUIET_HOURS
) -> list[tuple[ReminderRule, Event]]:
    """Rules not yet fired whose time has come, with their (published, dated) events; locked."""
    rows = await session.execute(
        select(ReminderRule, Event)
        .join(Event, Event.id == ReminderRule.event_id)
        .where(
            ReminderRule.fired_at.is_(None),
            ReminderRule.deleted_at.is_(None),
            ReminderRule.paused.is_(False),
            Event.status == EventStatus.PUBLISHED,
        )
        .order_by(ReminderRule.id)
        .with_for_update(of=ReminderRule, skip_locked=True)
    )
    out = []
    for rule, event in rows:
        due = due_at(rule, event, quiet_hours)
        if due is not None and due <= now:
            out.append((rule, event))
    return out


async def begin_rule(
    session: AsyncSession,
    rule: ReminderRule,
    event: Event,
    now: dt.datetime,
    quiet_hours: QuietHours = QUIET_HOURS,
) -> list[int] | None:
    """Mark the rule fired; its audience as it is now, or None when it is too late (missed)."""
    rule.fired_at = now
    last = last_moment(rule, event, quiet_hours)
    if last is not None and now > last:
        rule.outcome, rule.recipients = "missed", 0
        await repo.record_audit(
            session,
            "reminder.missed",
            event_id=event.id,
            rule=rule.id,
            due=str(due_at(rule, event, quiet_hours)),
        )
        return None
    return await audience_people(session, event.id, rule.audience, rule.agency_id, now)


async def record_announcement(
    session: AsyncSession,
    event: Event,
    audience: ReminderAudience,
    text: str,
    *,
    by: int | None,
    now: dt.datetime,
) -> tuple[Announcement, list[int]]:
    """Store an organiser's announcement; with the people of its audience. Flushes only."""
    announcement = Announcement(
        event_id=event.id, audience=audience, text=text, created_by=by, created_at=now
    )
    session.add(announcement)
    await session.flush()
    return announcement, await audience_people(session, event.id, audience, now=now)
