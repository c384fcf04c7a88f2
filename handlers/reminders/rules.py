"""Organisers' reminder rules: `/nhacnho` (`/reminders`) lists them with their next time, with
pause / resume / delete buttons; `/themnhacnho` (`/addreminder`) adds one in a short grammar."""

from __future__ import annotations

import zoneinfo

from bot.domain.formatting import format_date, format_time
from bot.domain.reminders import rules
from bot.domain.reminders.fanout import rule_key
from bot.domain.reminders.grammar import parse_reminder
from bot.messages import Reply
from bot.outbox.delivery import quiet_hours_from
from bot.outbox.routing import delivery_report
from handlers.context import Context
from handlers.payload_ids import parse_id
from handlers.reminders.delivery_report import report_text
from handlers.roles import require_organiser
from handlers.router import parse_command
from storage.models import Event
from storage.reminder_models import ReminderRule

__all__ = ["list_reminders", "add_reminder", "reminder_button", "rule_line"]


def _when(ctx: Context, rule: ReminderRule, event: Event) -> str:
    due = rules.due_at(rule, event)
    if due is None:
        return ctx.t("reminders.no_date")
    local = due.astimezone(zoneinfo.ZoneInfo(event.timezone))
    return ctx.t("common.at", time=format_time(local.time()), date=format_date(local.date()))


def _state(ctx: Context, rule: ReminderRule, event: Event) -> str:
    if rule.fired_at is not None:
        if rule.outcome == "missed":
            return ctx.t("reminders.state.missed")
        return ctx.t("reminders.state.queued", count=rule.recipients or 0)
    if rules.is_past(rule, event, ctx.now):
        return ctx.t("reminder_state.past")
    return ctx.t("reminders.state.paused" if rule.paused else "reminders.state.scheduled")


def rule_line(ctx: Context, rule: ReminderRule, event: Event) -> str:
    """One rule as a line of the list: number, time, audience, what it says, where it stands."""
    what = ctx.t(f"reminders.rule.{rule.message_key}") if rule.message_key else (rule.text or "")[:80]
    return ctx.t(
        "reminders.line",
        id=rule.id,
        when=_when(ctx, rule, event),
        audience=ctx.t(f"reminders.audience.{rule.audience.value}"),
        what=what,
        state=_state(ctx, rule, event),
    )


async def _listing(ctx: Context, event: Event) -> list[Reply]:
    found = await rules.event_rules(ctx.session, event.id)
    if not found:
        return [ctx.reply("reminders.none", title=event.title)]
    body = "\n".join(rule_line(ctx, r, event) for r in found)
    buttons = []
    for rule in found:
        if rule.fired_at is not None or rules.is_past(rule, event, ctx.now):
            # What went out (or can no longer go) cannot be paused any more; what went out has its
            # delivery per person to look at.
            if rule.fired_at is not None and rule.outcome == "queued":
                buttons.append([ctx.button("delivery_route.button", f"rem:report:{rule.id}", id=rule.id)])
            continue
        toggle = (
            ("reminders.button.resume", f"rem:resume:{rule.id}")
            if rule.paused
            else ("reminders.button.pause", f"rem:pause:{rule.id}")
        )
        buttons.append(
            [
                ctx.button(toggle[0], toggle[1], id=rule.id),
                ctx.button("reminders.button.delete", f"rem:delete:{rule.id}", id=rule.id),
            ]
        )
    text = ctx.t("reminders.header", title=event.title) + "\n\n" + body + "\n\n" + ctx.t("reminders.add_hint")
    return [Reply(text=text, buttons=buttons)]


async def list_reminders(ctx: Context) -> list[Reply]:
    """/reminders (/nhacnho): the event's reminders with their next time and buttons."""
    event = await require_organiser(ctx)
    return await _listing(ctx, event)


async def add_reminder(ctx: Context) -> list[Reply]:
    """/addreminder (/themnhacnho) timing | audience | text."""
    event = await require_organiser(ctx)
    command = parse_command(ctx.inbound.text)
    request = parse_reminder(command[1] if command else "")
    rule = await rules.add_rule(
        ctx.session,
        event,
        audience=request.audience,
        offset_minutes=request.offset_minutes,
        local_time=request.local_time,
        text=request.text,
        created_by=ctx.person.id,
        now=ctx.now,
    )
    return [ctx.reply("reminders.added", line=rule_line(ctx, rule, event))]


async def reminder_button(ctx: Context) -> list[Reply]:
    """rem:pause|resume|delete|delete_yes:<id>: change one rule, then show the list again;
    rem:report:<id>: per person, the channel a fired reminder used and where it ended."""
    event = await require_organiser(ctx)
    _, action, raw = ((ctx.inbound.payload or "") + "::").split(":")[:3]
    if parse_id(raw) is None:
        return [ctx.reply("rsvp.flow_expired")]
    rule = await rules.rule_of_event(ctx.session, event.id, parse_id(raw) or 0)
    if action == "report":
        people = await delivery_report(
            ctx.session, rule_key(rule.id), ctx.now, quiet_hours_from(ctx.settings)
        )
        return [
            Reply(
                text=rule_line(ctx, rule, event) + "\n\n" + report_text(ctx.t, people),
                buttons=[[ctx.button("reminders.button.refresh", f"rem:report:{rule.id}")]],
            )
        ]
    if action == "delete":
        return [
            ctx.reply(
                "reminders.delete_confirm",
                line=rule_line(ctx, rule, event),
                buttons=[
                    [
                        ctx.button("reminders.button.delete_yes", f"rem:delete_yes:{rule.id}"),
                        ctx.button("reminders.button.keep", "cmd:reminders"),
                    ]
                ],
            )
        ]
    if action == "delete_yes":
        await rules.delete_rule(ctx.session, rule, ctx.person.id, ctx.now)
    elif action in ("pause", "resume") and rule.fired_at is None:
        await rules.set_paused(ctx.session, rule, action == "pause", ctx.person.id)
    return await _listing(ctx, event)
