"""Turning due reminder rules (and announcements) into outbox rows: resolve the audience to people,
render the message in each recipient's language with their own buttons, queue once per person."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.messages import Button, Reply
from bot.outbox.delivery import QUIET_HOURS, OutboxItem, QuietHours, enqueue_many
from bot.domain import audiences
from bot.domain.formatting import format_date, format_time
from bot.domain.indicators.audiences import focal_points_with_pending
from bot.domain.reminders.rules import delivery_expiry, due_at, event_start, last_moment
from bot.i18n import Translator, catalogue, placeholders, translator
from storage import repositories as repo
from storage.enums import EventStatus
from storage.models import Agency, Event
from storage.reminder_models import Announcement, ReminderAudience, ReminderRule
from storage.rsvp_models import Registration, RegistrationStatus

__all__ = ["audience_people", "due_rules", "fire_rule", "fire_due_rules", "send_announcement",
           "announcement_key", "rule_key"]  # fmt: skip


def rule_key(rule_id: int) -> str:
    """The dedupe-key prefix of a rule's deliveries."""
    return f"rule:{rule_id}:person:"


def announcement_key(announcement_id: int) -> str:
    """The dedupe-key prefix of an announcement's deliveries."""
    return f"announcement:{announcement_id}:person:"


async def audience_people(
    session: AsyncSession, event_id: int, audience: ReminderAudience, agency_id: int | None = None,
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
class _Recipient:
    person_id: int
    identity_id: int
    language: str
    registration: Registration | None
    agency: str | None


async def _recipients(session: AsyncSession, event_id: int, people: list[int]) -> list[_Recipient]:
    identities = await audiences.reachable_identities(session, people)
    registrations: dict[int, tuple[Registration, str]] = {}
    for start in range(0, len(people), 500):
        rows = await session.execute(
            select(Registration, Agency.name)
            .join(Agency, Agency.id == Registration.agency_id)
            .where(Registration.event_id == event_id, Registration.person_id.in_(people[start : start + 500]))
        )
        registrations.update({r.person_id: (r, name) for r, name in rows.tuples()})
    out = []
    for person_id in people:
        identity = identities.get(person_id)
        if identity is None:
            continue  # nobody to reach: never registered a messenger, or blocked the bot
        registration, agency = registrations.get(person_id, (None, None))
        out.append(_Recipient(person_id, identity.id, identity.language, registration, agency))
    return out


def _when(t: Translator, event: Event) -> str:
    start = event_start(event)
    if start is None:
        return event.date_note or "—"
    local = start.astimezone(zoneinfo.ZoneInfo(event.timezone))
    return t("common.at", time=format_time(local.time()), date=format_date(local.date()))


def _place(event: Event) -> str:
    venue = event.venue
    if venue is None:
        return "—"
    return ", ".join(part for part in (venue.name, venue.address) if part) or "—"


def _buttons(names: str, registration: Registration | None) -> list[tuple[str, str]]:
    out = []
    for name in filter(None, (n.strip() for n in names.split(","))):
        if name in ("attend", "decline") and registration is None:
            continue  # answering needs a registration to answer for
        if name == "pass" and (registration is None or registration.status != RegistrationStatus.CONFIRMED):
            continue
        payload = {"attend": f"rsvp:yes:{registration.id if registration else 0}",
                   "decline": f"rsvp:no:{registration.id if registration else 0}",
                   "programme": "cmd:agenda", "pass": "cmd:checkin"}.get(name)  # fmt: skip
        if payload is not None:
            out.append((f"reminders.button.{name}", payload))
    return out


async def _check_in_code(session: AsyncSession, registration: Registration | None) -> str:
    if registration is None or registration.status != RegistrationStatus.CONFIRMED:
        return "—"
    from bot.domain.checkin.arrivals import display_code, ensure_check_in_code

    return display_code(await ensure_check_in_code(session, registration))


async def _render(
    session: AsyncSession, event: Event, recipient: _Recipient, key: str, text: str | None, buttons: str
) -> Reply:
    t = translator(recipient.language)
    params = {"title": event.title, "when": _when(t, event), "place": _place(event), "text": text or "",
              "agency": recipient.agency or "—"}  # fmt: skip
    if "code" in placeholders(catalogue(t.language).get(key, "")):
        params["code"] = await _check_in_code(session, recipient.registration)
    rows = _buttons(buttons, recipient.registration)
    keyboard = [[Button(t(label), payload)] for label, payload in rows]
    return Reply(text=t(key, **params), buttons=keyboard)


def _message_key(rule: ReminderRule) -> str:
    return f"reminders.message.{rule.message_key}" if rule.message_key else "reminders.message.custom"


async def due_rules(session: AsyncSession, now: dt.datetime) -> list[tuple[ReminderRule, Event]]:
    """Rules not yet fired whose time has come, with their (published, dated) events; locked."""
    rows = await session.execute(
        select(ReminderRule, Event)
        .join(Event, Event.id == ReminderRule.event_id)
        .where(
            ReminderRule.fired_at.is_(None), ReminderRule.deleted_at.is_(None), ReminderRule.paused.is_(False),
            Event.status == EventStatus.PUBLISHED,
        )
        .order_by(ReminderRule.id)
        .with_for_update(of=ReminderRule, skip_locked=True)
    )  # fmt: skip
    out = []
    for rule, event in rows.tuples():
        due = due_at(rule, event)
        if due is not None and due <= now:
            out.append((rule, event))
    return out


async def fire_rule(
    session: AsyncSession, rule: ReminderRule, event: Event, now: dt.datetime, quiet_hours: QuietHours = QUIET_HOURS
) -> int:
    """Queue the rule's message for its audience once (or mark it missed if too late). Flushes only."""
    rule.fired_at = now
    last = last_moment(rule, event)
    if last is not None and now > last:
        rule.outcome, rule.recipients = "missed", 0
        await repo.record_audit(session, "reminder.missed", event_id=event.id, rule=rule.id,
                                due=str(due_at(rule, event)))  # fmt: skip
        return 0
    loaded = await repo.event_with_details(session, event.id)
    event = loaded or event
    people = await audience_people(session, event.id, rule.audience, rule.agency_id, now)
    items = [
        OutboxItem(r.identity_id, [await _render(session, event, r, _message_key(rule), rule.text, rule.buttons)],
                   f"{rule_key(rule.id)}{r.person_id}")
        for r in await _recipients(session, event.id, people)
    ]  # fmt: skip
    queued = await enqueue_many(
        session, items, kind="reminder", event_id=event.id, not_before=now,
        expires_at=delivery_expiry(rule, event), quiet_zone=None if rule.urgent else event.timezone,
        quiet_hours=quiet_hours,
    )  # fmt: skip
    rule.outcome, rule.recipients = "queued", queued
    return queued


async def fire_due_rules(session: AsyncSession, now: dt.datetime, quiet_hours: QuietHours = QUIET_HOURS) -> int:
    """Fire every due rule; returns how many deliveries were queued. Flushes only."""
    total = 0
    for rule, event in await due_rules(session, now):
        total += await fire_rule(session, rule, event, now, quiet_hours)
    await session.flush()
    return total


async def send_announcement(
    session: AsyncSession, event: Event, audience: ReminderAudience, text: str, *, by: int | None,
    now: dt.datetime, urgent: bool = False, quiet_hours: QuietHours = QUIET_HOURS,
) -> Announcement:  # fmt: skip
    """Record an organiser's announcement and queue it for the audience. Flushes only."""
    announcement = Announcement(event_id=event.id, audience=audience, text=text, created_by=by, created_at=now)
    session.add(announcement)
    await session.flush()
    people = await audience_people(session, event.id, audience, now=now)
    items = [
        OutboxItem(r.identity_id, [await _render(session, event, r, "reminders.message.announcement", text, "")],
                   f"{announcement_key(announcement.id)}{r.person_id}")
        for r in await _recipients(session, event.id, people)
    ]  # fmt: skip
    announcement.recipients = await enqueue_many(
        session, items, kind="announcement", event_id=event.id, not_before=now,
        quiet_zone=None if urgent else event.timezone, quiet_hours=quiet_hours,
    )  # fmt: skip
    await repo.record_audit(session, "announcement.sent", event_id=event.id, actor_person_id=by,
                            announcement=announcement.id, recipients=announcement.recipients)  # fmt: skip
    return announcement
