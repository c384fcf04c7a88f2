"""Organisers' announcements (e.g. a changed room): `/thongbao` (`/announce`) picks an audience,
takes the text, shows a preview and sends on confirmation through the outbox; `/ketquathongbao`
(`/announcestatus`) shows how many were delivered, failed or could not be reached.

States (flow "announce"): audience chosen -> "text" -> text typed -> "confirm" -> sent (flow ends);
`/thongbao <text>` keeps the text ("audience") and goes from the audience straight to "confirm".
"""

from __future__ import annotations

import zoneinfo

from sqlalchemy import select

from bot.domain import audiences
from bot.domain.formatting import format_date, format_time
from bot.domain.reminders.fanout import announcement_key, audience_people
from bot.messages import Reply
from bot.outbox.delivery import delivery_counts, quiet_hours_from
from bot.outbox.reminders import send_announcement
from bot.outbox.routing import delivery_report
from handlers.context import Context
from handlers.payload_ids import parse_id
from handlers.reminders.delivery_report import report_text
from handlers.roles import require_organiser
from handlers.router import parse_command
from storage.models import Event
from storage.reminder_models import Announcement, ReminderAudience

__all__ = [
    "FLOW",
    "AUDIENCES",
    "start_announcement",
    "announcement_button",
    "announcement_input",
    "announcement_status",
    "MAX_ANNOUNCEMENT",
]

FLOW = "announce"
MAX_ANNOUNCEMENT = 3000
# The audiences an announcement may go to, in the order the buttons show them.
AUDIENCES = (
    ReminderAudience.CONFIRMED_DELEGATES,
    ReminderAudience.NOT_ANSWERED,
    ReminderAudience.WAITLISTED,
    ReminderAudience.ALL_REGISTERED,
    ReminderAudience.ORGANISERS,
)


async def start_announcement(ctx: Context) -> list[Reply]:
    """/announce (/thongbao) [text]: choose who hears it; a text typed with the command is kept."""
    event = await require_organiser(ctx)
    command = parse_command(ctx.inbound.text)
    text = command[1] if command else ""
    if len(text) > MAX_ANNOUNCEMENT:
        return [ctx.reply("reminders.announce.too_long", limit=MAX_ANNOUNCEMENT)]
    buttons = [[ctx.button(f"reminders.audience.{a.value}", f"ann:aud:{a.value}")] for a in AUDIENCES]
    buttons.append([ctx.button("reminders.button.cancel", "cmd:cancel")])
    if text:
        ctx.start_flow(FLOW, "audience", event_id=event.id, text=text)
        return [ctx.reply("announce_text.choose_with_text", title=event.title, text=text, buttons=buttons)]
    return [ctx.reply("reminders.announce.choose", title=event.title, buttons=buttons)]


async def _reachable(ctx: Context, event: Event, audience: ReminderAudience) -> int:
    people = await audience_people(ctx.session, event.id, audience)
    return len(await audiences.reachable_identities(ctx.session, people))


async def announcement_button(ctx: Context) -> list[Reply]:
    """ann:aud:<audience> / ann:send / ann:status:<id>: the steps of the flow and the status view."""
    event = await require_organiser(ctx)
    payload = ctx.inbound.payload or ""
    if payload.startswith("ann:status:"):
        raw = payload.rsplit(":", 1)[-1]
        return await _status(ctx, event, parse_id(raw))
    if payload.startswith("ann:aud:"):
        value = payload.removeprefix("ann:aud:")
        if value not in {a.value for a in AUDIENCES}:
            return [ctx.reply("rsvp.flow_expired")]
        kept = ctx.state.data.get("text") if ctx.state.flow == FLOW and ctx.state.step == "audience" else None
        if kept and ctx.state.data.get("event_id") == event.id:
            return await _preview(ctx, event, ReminderAudience(value), kept)
        ctx.start_flow(FLOW, "text", audience=value, event_id=event.id)
        return [ctx.reply("reminders.announce.ask_text", audience=ctx.t(f"reminders.audience.{value}"))]
    if payload == "ann:send" and ctx.state.flow == FLOW and ctx.state.step == "confirm":
        data = ctx.state.data
        if data.get("event_id") != event.id:
            return [ctx.reply("rsvp.flow_expired")]
        announcement = await send_announcement(
            ctx.session,
            event,
            ReminderAudience(data["audience"]),
            data["text"],
            by=ctx.person.id,
            now=ctx.now,
            quiet_hours=quiet_hours_from(ctx.settings),
        )
        ctx.end_flow()
        return [
            ctx.reply(
                "reminders.announce.queued",
                count=announcement.recipients,
                buttons=[[ctx.button("reminders.button.status", f"ann:status:{announcement.id}")]],
            )
        ]
    return [ctx.reply("rsvp.flow_expired")]


async def announcement_input(ctx: Context) -> list[Reply] | None:
    """The announcement's text while in the flow; then the preview and the confirm step."""
    text = (ctx.inbound.text or "").strip()
    if ctx.state.step != "text":
        return None  # choosing the audience or at the confirm step typing again means nothing: let the rest of the bot answer
    if not text:
        return [ctx.reply("reminders.announce.ask_text_again")]
    if len(text) > MAX_ANNOUNCEMENT:
        return [ctx.reply("reminders.announce.too_long", limit=MAX_ANNOUNCEMENT)]
    event = await require_organiser(ctx)
    return await _preview(ctx, event, ReminderAudience(ctx.state.data["audience"]), text)


async def _preview(ctx: Context, event: Event, audience: ReminderAudience, text: str) -> list[Reply]:
    ctx.start_flow(FLOW, "confirm", audience=audience.value, event_id=event.id, text=text)
    preview = ctx.t("reminders.message.announcement", title=event.title, text=text)
    count = await _reachable(ctx, event, audience)
    return [
        ctx.reply(
            "reminders.announce.preview",
            audience=ctx.t(f"reminders.audience.{audience.value}"),
            count=count,
            preview=preview,
            buttons=[
                [ctx.button("reminders.button.send", "ann:send")],
                [ctx.button("reminders.button.cancel", "cmd:cancel")],
            ],
        )
    ]


async def _status(ctx: Context, event: Event, announcement_id: int | None) -> list[Reply]:
    query = select(Announcement).where(Announcement.event_id == event.id)
    if announcement_id is not None:
        query = query.where(Announcement.id == announcement_id)
    found = (await ctx.session.execute(query.order_by(Announcement.id.desc()).limit(5))).scalars().all()
    if not found:
        return [ctx.reply("reminders.announce.none")]
    zone = zoneinfo.ZoneInfo(event.timezone)
    lines = []
    for announcement in found:
        counts = await delivery_counts(ctx.session, announcement_key(announcement.id))
        local = announcement.created_at.astimezone(zone)
        lines.append(
            ctx.t(
                "reminders.announce.status_line",
                id=announcement.id,
                when=ctx.t("common.at", time=format_time(local.time()), date=format_date(local.date())),
                audience=ctx.t(f"reminders.audience.{announcement.audience.value}"),
                excerpt=announcement.text[:60],
                sent=counts["sent"],
                waiting=counts["waiting"],
                failed=counts["failed"] + counts["expired"],
                unreachable=counts["unreachable"],
            )
        )
    # Per person, the channel the latest one used and where it ended (bot/outbox_routing.py).
    people = await delivery_report(
        ctx.session, announcement_key(found[0].id), ctx.now, quiet_hours_from(ctx.settings)
    )
    lines.append(report_text(ctx.t, people))
    buttons = [
        [
            ctx.button(
                "reminders.button.refresh", f"ann:status:{found[0].id}" if announcement_id else "ann:status:"
            )
        ]
    ]
    return [ctx.reply("reminders.announce.status", body="\n\n".join(lines), buttons=buttons)]


async def announcement_status(ctx: Context) -> list[Reply]:
    """/announcestatus (/ketquathongbao): delivery counts of the latest announcements."""
    event = await require_organiser(ctx)
    return await _status(ctx, event, None)
