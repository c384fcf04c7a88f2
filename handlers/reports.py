"""Organiser tools: `/organiser` (`/tochuc`) help, `/summary` (`/tonghop`), `/export`
(`/xuatbaocao`), `/live` (`/tructiep`) and `/addorganiser` (`/themtochuc`). Organisers only."""

from __future__ import annotations

import asyncio
import functools

from bot.documents.attendance_chart import attendance_chart
from bot.documents.attendance_workbook import XLSX_MIME, build_workbook, summary_workbook
from bot.documents.indicator_workbook import indicator_status_frame
from bot.domain.checkin.arrivals import check_in_windows
from bot.domain.checkin.attendance import AgencyLine, AttendanceSummary, attendance_summary
from bot.domain.registration.invitations import create_invitation
from bot.domain.reports.attendance import collect_report
from bot.messages import OutFile, Reply
from bot.outbox.notices import local_datetime
from handlers.command_menu import Role, help_text
from handlers.context import Context
from handlers.roles import require_organiser
from storage import repositories as repo
from storage.models import Event
from storage.rsvp_models import InvitationKind

__all__ = ["organiser_help", "summary", "export", "live", "add_organiser", "MESSAGE_LIMIT", "PHOTO_AGENCIES"]

# Telegram allows 4096 characters; Zalo less. Past this the per-agency table goes in a file.
MESSAGE_LIMIT = 3500
# A chart with more agencies than this is sent as a document, so that it is not scaled down.
PHOTO_AGENCIES = 40


def _seats(ctx: Context, seats: int | None) -> str:
    return str(seats) if seats is not None else ctx.t("organiser.summary.no_seats")


def _fit(
    ctx: Context, event: Event, summary: AttendanceSummary, head: list[str], table: list[str], tail: list[str]
) -> list[Reply]:
    """One message when it fits; otherwise the head and tail, and the table as a workbook."""
    text = "\n".join([*head, "", *table, "", *tail]).strip()
    if len(text) <= MESSAGE_LIMIT:
        return [Reply(text=text)]
    short = "\n".join([*head, "", ctx.t("organiser.summary.in_file"), "", *tail]).strip()
    if len(short) > MESSAGE_LIMIT:
        short = short[: MESSAGE_LIMIT - 1].rstrip() + "…"
    table = summary_workbook(summary, ctx.t, event.title)
    table_file = OutFile(
        ctx.t("organiser.file.summary", slug=event.slug),
        table,
        XLSX_MIME,
        caption=ctx.t("organiser.summary.file_caption"),
    )
    return [Reply(text=short, files=[table_file])]


def _not_answered(ctx: Context, summary: AttendanceSummary) -> list[str]:
    names = summary.not_answered_agencies
    if not names:
        return [ctx.t("organiser.summary.all_answered")]
    return [ctx.t("organiser.summary.not_answered", count=len(names))] + [f"• {name}" for name in names]


def _line(ctx: Context, number: int, line: AgencyLine) -> str:
    return ctx.t(
        "organiser.summary.line",
        n=number,
        agency=line.agency,
        seats=_seats(ctx, line.seats),
        confirmed=line.confirmed,
        declined=line.declined,
        not_answered=line.not_answered,
        waitlisted=line.waitlisted,
        checked_in=line.checked_in,
    )


async def organiser_help(ctx: Context) -> list[Reply]:
    """/organiser (/tochuc): the organisers' commands, with buttons for the main ones."""
    await require_organiser(ctx)
    buttons = [
        [
            ctx.button("organiser.button.summary", "cmd:summary"),
            ctx.button("organiser.button.export", "cmd:export"),
        ],
        [
            ctx.button("organiser.button.live", "cmd:live"),
            ctx.button("organiser.button.venue_qr", "cmd:venueqr"),
        ],
        [ctx.button("approvals.button.open", "cmd:pending")],
    ]
    return [Reply(text=help_text(ctx.t, Role.ORGANISER), buttons=buttons)]


async def summary(ctx: Context) -> list[Reply]:
    """/summary (/tonghop): seats and answers per agency, totals, agencies that have not answered."""
    event = await require_organiser(ctx)
    figures = await attendance_summary(ctx.session, event.id)
    total = figures.total
    head = [
        ctx.t("organiser.summary.header", title=event.title, at=local_datetime(ctx.t, event, ctx.now)),
        ctx.t("organiser.summary.legend"),
    ]
    table = [_line(ctx, n, line) for n, line in enumerate(figures.lines, start=1)]
    totals = ctx.t(
        "organiser.summary.total",
        seats=_seats(ctx, total.seats),
        confirmed=total.confirmed,
        declined=total.declined,
        not_answered=total.not_answered,
        waitlisted=total.waitlisted,
        checked_in=total.checked_in,
    )
    pending = [ctx.t("approvals.summary_pending", count=total.pending)] if total.pending else []
    replies = _fit(ctx, event, figures, head, table, [totals, *pending, "", *_not_answered(ctx, figures)])
    replies[-1].buttons = [
        [ctx.button("organiser.button.export", "cmd:export"), ctx.button("organiser.button.live", "cmd:live")]
    ]
    return replies


async def export(ctx: Context) -> list[Reply]:
    """/export (/xuatbaocao): the workbook (sign-in sheet included) and the attendance chart."""
    event = await require_organiser(ctx)
    indicators = functools.partial(indicator_status_frame, t=ctx.t, now=ctx.now)
    data = await collect_report(ctx.session, event, indicators)
    # Building the files is CPU work: a worker thread keeps the event loop answering others.
    workbook, chart = await asyncio.gather(
        asyncio.to_thread(build_workbook, data, ctx.t),
        asyncio.to_thread(attendance_chart, data.summary, ctx.t, event.title),
    )
    files = [
        OutFile(
            ctx.t("organiser.file.report", slug=event.slug),
            workbook,
            XLSX_MIME,
            caption=ctx.t("organiser.export.workbook_caption"),
        ),
        OutFile(
            ctx.t("organiser.file.chart", slug=event.slug),
            chart,
            "image/png",
            caption=ctx.t("organiser.export.chart_caption"),
            is_photo=len(data.summary.lines) <= PHOTO_AGENCIES,
        ),
    ]
    return [
        Reply(
            text=ctx.t(
                "organiser.export.ready",
                title=event.title,
                delegates=len(data.delegates),
                waitlist=len(data.waitlist),
            ),
            files=files,
        )
    ]


def _after_event(ctx: Context, event: Event) -> bool:
    windows = check_in_windows(event)
    return bool(windows) and ctx.now > windows[-1][1]


async def live(ctx: Context) -> list[Reply]:
    """/live (/tructiep): check-ins per agency now; after the event, invited vs confirmed vs attended."""
    event = await require_organiser(ctx)
    figures = await attendance_summary(ctx.session, event.id)
    total = figures.total
    at = local_datetime(ctx.t, event, ctx.now)
    if _after_event(ctx, event):
        head = [
            ctx.t("organiser.live.report_header", title=event.title),
            ctx.t(
                "organiser.live.report_total",
                seats=_seats(ctx, total.seats),
                confirmed=total.confirmed,
                attended=total.checked_in,
                absent=max(total.confirmed - total.checked_in, 0),
            ),
        ]
        table = [
            ctx.t(
                "organiser.live.report_line",
                agency=line.agency,
                seats=_seats(ctx, line.seats),
                confirmed=line.confirmed,
                attended=line.checked_in,
            )
            for line in figures.lines
        ]
    else:
        head = [
            ctx.t("organiser.live.header", title=event.title, at=at),
            ctx.t("organiser.live.total", arrived=total.checked_in, confirmed=total.confirmed),
        ]
        table = [
            ctx.t(
                "organiser.live.line", agency=line.agency, arrived=line.checked_in, confirmed=line.confirmed
            )
            for line in figures.lines
            if line.confirmed or line.checked_in
        ]
    replies = _fit(ctx, event, figures, head, table, [])
    replies[-1].buttons = [[ctx.button("organiser.button.refresh", "cmd:live")]]
    return replies


async def add_organiser(ctx: Context) -> list[Reply]:
    """/addorganiser (/themtochuc): a one-use link that makes whoever opens it an organiser."""
    event = await require_organiser(ctx)
    invitation = await create_invitation(ctx.session, event.id, InvitationKind.ORGANISER, max_uses=1)
    await repo.record_audit(
        ctx.session,
        "organiser.invited",
        event_id=event.id,
        actor_person_id=ctx.person.id,
        invitation=invitation.id,
    )
    return [ctx.reply("organiser.add_link", title=event.title, link=ctx.link_for(invitation.token))]
