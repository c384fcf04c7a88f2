"""`pii-bot reminders list|add|pause|resume|delete EVENT ...`: the organisers' reminder rules from the
command line. Each action opens the core, does one unit of work and prints what it did."""

from __future__ import annotations

import sys
import zoneinfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot.app import open_core
from bot.config import Settings
from bot.domain.errors import DomainError
from bot.domain.formatting import format_date, format_time
from bot.domain.reminders import rules
from bot.domain.reminders.grammar import parse_audience, parse_timing
from bot.i18n import Translator
from storage import repositories as repo
from storage.models import Event
from storage.reminder_models import ReminderRule
from storage.types import utcnow

__all__ = ["list_reminders", "add_reminder", "pause_reminder", "delete_reminder"]


async def _event(session: AsyncSession, ref: str) -> Event | None:
    if ref.isdigit():
        return await repo.event_with_details(session, int(ref))
    return await repo.event_by_slug(session, ref)


def _when(t: Translator, rule: ReminderRule, event: Event) -> str:
    due = rules.due_at(rule, event)
    if due is None:
        return t("reminders.no_date")
    local = due.astimezone(zoneinfo.ZoneInfo(event.timezone))
    return t("common.at", time=format_time(local.time()), date=format_date(local.date()))


def _state(t: Translator, rule: ReminderRule, event: Event) -> str:
    if rule.fired_at is not None:
        return (
            t("reminders.state.missed")
            if rule.outcome == "missed"
            else t("reminders.state.queued", count=rule.recipients or 0)
        )
    if rules.is_past(rule, event, utcnow()):
        return t("reminder_state.past")
    return t("reminders.state.paused") if rule.paused else t("reminders.state.scheduled")


def _refused(t: Translator, exc: DomainError) -> int:
    key = f"error.{exc.code}"
    print(t(key, **exc.params) if t.has(key) else t("error.refused"), file=sys.stderr)
    return 1


async def _run(settings: Settings, t: Translator, ref: str, action) -> int:  # type: ignore[no-untyped-def]
    core = await open_core(settings)
    try:
        async with core.sessions() as session, session.begin():
            event = await _event(session, ref)
            if event is None:
                print(t("reminders.cli.event_not_found", ref=ref), file=sys.stderr)
                return 1
            try:
                async with session.begin_nested():
                    return int(await action(session, event))
            except DomainError as exc:
                return _refused(t, exc)
    finally:
        await core.close()


async def list_reminders(settings: Settings, t: Translator, ref: str) -> int:
    """Print the event's reminders with their next time and state."""

    async def action(session: AsyncSession, event: Event) -> int:
        found = await rules.event_rules(session, event.id)
        if not found:
            print(t("reminders.cli.none", title=event.title))
            return 0
        print(t("reminders.cli.header", title=event.title))
        for rule in found:
            what = t(f"reminders.rule.{rule.message_key}") if rule.message_key else (rule.text or "")[:60]
            print(
                t(
                    "reminders.cli.line",
                    id=rule.id,
                    when=_when(t, rule, event),
                    what=what,
                    audience=t(f"reminders.audience.{rule.audience.value}"),
                    state=_state(t, rule, event),
                )
            )
        return 0

    return await _run(settings, t, ref, action)


async def add_reminder(
    settings: Settings, t: Translator, ref: str, timing: str, audience: str, text: str
) -> int:
    """Add an organiser's reminder: timing ('2 ngày trước 16:00'), audience ('confirmed'), text."""

    async def action(session: AsyncSession, event: Event) -> int:
        offset, local_time = parse_timing(timing)
        rule = await rules.add_rule(
            session,
            event,
            audience=parse_audience(audience),
            offset_minutes=offset,
            local_time=local_time,
            text=text,
            created_by=None,
            now=utcnow(),
        )
        print(t("reminders.cli.added", id=rule.id, when=_when(t, rule, event)))
        return 0

    return await _run(settings, t, ref, action)


async def pause_reminder(
    settings: Settings, t: Translator, ref: str, rule_id: int, *, paused: bool = True
) -> int:
    """Pause (or with paused=False resume) one reminder of the event."""

    async def action(session: AsyncSession, event: Event) -> int:
        rule = await rules.rule_of_event(session, event.id, rule_id)
        await rules.set_paused(session, rule, paused, None)
        print(t("reminders.cli.paused" if paused else "reminders.cli.resumed", id=rule.id))
        return 0

    return await _run(settings, t, ref, action)


async def delete_reminder(settings: Settings, t: Translator, ref: str, rule_id: int) -> int:
    """Delete one reminder of the event."""

    async def action(session: AsyncSession, event: Event) -> int:
        rule = await rules.rule_of_event(session, event.id, rule_id)
        await rules.delete_rule(session, rule, None, utcnow())
        print(t("reminders.cli.deleted", id=rule.id))
        return 0

    return await _run(settings, t, ref, action)
