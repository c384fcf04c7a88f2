"""Reminders and announcements as messages: rendered for each recipient and queued.

The reminder rules, their timing and audiences are the domain's (bot/domain/reminders/); this
module turns a due rule or an announcement into one message per person, in their language.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.checkin.arrivals import display_code, ensure_check_in_code
from bot.domain.formatting import format_date, format_time
from bot.domain.quiet_hours import QUIET_HOURS, QuietHours
from bot.domain.reminders.fanout import (
    ReminderRecipient,
    announcement_key,
    begin_rule,
    due_rules,
    record_announcement,
    reminder_recipients,
    rule_key,
)
from bot.domain.reminders.rules import delivery_expiry, event_start
from bot.i18n import Translator, catalogue, placeholders
from bot.messages import Button, Reply
from bot.outbox.fanout import queue_for_each
from storage import repositories as repo
from storage.models import Event
from storage.reminder_models import Announcement, ReminderAudience, ReminderRule
from storage.rsvp_models import Registration, RegistrationStatus

__all__ = ["fire_due_rules", "fire_rule", "render_reminder", "send_announcement"]


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
        payload = {
            "attend": f"rsvp:yes:{registration.id if registration else 0}",
            "decline": f"rsvp:no:{registration.id if registration else 0}",
            "programme": "cmd:agenda",
            "pass": "cmd:checkin",
        }.get(name)
        if payload is not None:
            out.append((f"reminders.button.{name}", payload))
    return out


async def _check_in_code(session: AsyncSession, registration: Registration | None) -> str:
    if registration is None or registration.status != RegistrationStatus.CONFIRMED:
        return "—"
    return display_code(await ensure_check_in_code(session, registration))


async def render_reminder(
    session: AsyncSession,
    t: Translator,
    event: Event,
    recipient: ReminderRecipient,
    key: str,
    text: str | None,
    buttons: str,
) -> Reply:
    """One reminder (catalogue message `key`) for one recipient, with its buttons."""
    params = {
        "title": event.title,
        "when": _when(t, event),
        "place": _place(event),
        "text": text or "",
        "agency": recipient.agency or "—",
    }
    if "code" in placeholders(catalogue(t.language).get(key, "")):
        params["code"] = await _check_in_code(session, recipient.registration)
    rows = _buttons(buttons, recipient.registration)
    keyboard = [[Button(t(label), payload)] for label, payload in rows]
    return Reply(text=t(key, **params), buttons=keyboard)


def _message_key(rule: ReminderRule) -> str:
    return f"reminders.message.{rule.message_key}" if rule.message_key else "reminders.message.custom"


async def fire_rule(
    session: AsyncSession,
    rule: ReminderRule,
    event: Event,
    now: dt.datetime,
    quiet_hours: QuietHours = QUIET_HOURS,
) -> int:
    """Queue the rule's message for its audience once (or mark it missed if too late). Flushes only."""
    people = await begin_rule(session, rule, event, now, quiet_hours)
    if people is None:
        return 0
    event = await repo.event_with_details(session, event.id) or event
    key = _message_key(rule)

    async def render(t: Translator, recipient: ReminderRecipient) -> Reply:
        return await render_reminder(session, t, event, recipient, key, rule.text, rule.buttons)

    queued = await queue_for_each(
        session,
        await reminder_recipients(session, event.id, people),
        render,
        key_prefix=rule_key(rule.id),
        kind="reminder",
        event_id=event.id,
        not_before=now,
        expires_at=delivery_expiry(rule, event, quiet_hours),
        quiet_zone=None if rule.urgent else event.timezone,
        quiet_hours=quiet_hours,
    )
    rule.outcome, rule.recipients = "queued", queued
    return queued


async def fire_due_rules(
    session: AsyncSession, now: dt.datetime, quiet_hours: QuietHours = QUIET_HOURS
) -> int:
    """Fire every due rule; returns how many deliveries were queued. Flushes only."""
    total = 0
    for rule, event in await due_rules(session, now, quiet_hours):
        total += await fire_rule(session, rule, event, now, quiet_hours)
    await session.flush()
    return total


async def send_announcement(
    session: AsyncSession,
    event: Event,
    audience: ReminderAudience,
    text: str,
    *,
    by: int | None,
    now: dt.datetime,
    urgent: bool = False,
    quiet_hours: QuietHours = QUIET_HOURS,
) -> Announcement:
    """Record an organiser's announcement and queue it for the audience. Flushes only."""
    announcement, people = await record_announcement(session, event, audience, text, by=by, now=now)

    async def render(t: Translator, recipient: ReminderRecipient) -> Reply:
        return await render_reminder(session, t, event, recipient, "reminders.message.announcement", text, "")

    announcement.recipients = await queue_for_each(
        session,
        await reminder_recipients(session, event.id, people),
        render,
        key_prefix=announcement_key(announcement.id),
        kind="announcement",
        event_id=event.id,
        not_before=now,
        quiet_zone=None if urgent else event.timezone,
        quiet_hours=quiet_hours,
    )
    await repo.record_audit(
        session,
        "announcement.sent",
        event_id=event.id,
        actor_person_id=by,
        announcement=announcement.id,
        recipients=announcement.recipients,
    )
    return announcement
