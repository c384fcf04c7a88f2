"""CLI actions for organisers: add an organiser by Telegram id, print an organiser link, write the
report workbook and chart. Each opens the core, does one unit of work, and prints one line."""

from __future__ import annotations

import asyncio
import functools
import sys
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.app import open_core
from bot.config import Settings
from bot.documents.attendance_chart import attendance_chart
from bot.documents.attendance_workbook import build_workbook
from bot.documents.indicator_workbook import indicator_status_frame
from bot.documents.sign_in_pdf import sign_in_pdf
from bot.domain.registration.invitations import create_invitation
from bot.domain.registration.invite_sheet import telegram_link
from bot.domain.reports.attendance import collect_report
from bot.i18n import Translator
from storage import repositories as repo
from storage.enums import Channel, RoleKind
from storage.models import Event, Role
from storage.rsvp_models import InvitationKind

__all__ = ["add_organiser", "print_organiser_link", "write_report", "find_event"]


async def find_event(session: AsyncSession, ref: str) -> Event | None:
    """An event by id or slug."""
    if ref.isdigit():
        return await repo.event_with_details(session, int(ref))
    return await repo.event_by_slug(session, ref)


def _not_found(t: Translator, ref: str) -> int:
    print(t("organiser.cli.event_not_found", ref=ref), file=sys.stderr)
    return 1


async def add_organiser(settings: Settings, t: Translator, event_ref: str, telegram_id: int) -> int:
    """Make a Telegram account an organiser of the event (its identity is created if new)."""
    core = await open_core(settings)
    try:
        async with core.sessions() as session, session.begin():
            event = await find_event(session, event_ref)
            if event is None:
                return _not_found(t, event_ref)
            identity, _ = await repo.identity_for(
                session, Channel.TELEGRAM, str(telegram_id), None, settings.default_language
            )
            held = await session.execute(
                select(Role.id).where(
                    Role.event_id == event.id,
                    Role.person_id == identity.person_id,
                    Role.kind == RoleKind.ORGANISER,
                )
            )
            if held.first() is not None:
                print(t("organiser.cli.organiser_exists", telegram_id=telegram_id, title=event.title))
                return 0
            session.add(Role(event_id=event.id, person_id=identity.person_id, kind=RoleKind.ORGANISER))
            await session.flush()
            await repo.record_audit(
                session,
                "organiser.added",
                event_id=event.id,
                actor_label="cli",
                person=identity.person_id,
                telegram_id=str(telegram_id),
            )
            print(t("organiser.cli.organiser_added", telegram_id=telegram_id, title=event.title))
    finally:
        await core.close()
    return 0


async def print_organiser_link(
    settings: Settings, t: Translator, event_ref: str, bot_username: str | None
) -> int:
    """Print a one-use organiser invitation link (a t.me link when the bot's username is given)."""
    core = await open_core(settings)
    try:
        async with core.sessions() as session, session.begin():
            event = await find_event(session, event_ref)
            if event is None:
                return _not_found(t, event_ref)
            invitation = await create_invitation(session, event.id, InvitationKind.ORGANISER, max_uses=1)
            await repo.record_audit(
                session, "organiser.invited", event_id=event.id, actor_label="cli", invitation=invitation.id
            )
            link_for = telegram_link(bot_username) if bot_username else core.link_builders[Channel.CONSOLE]
            print(t("organiser.cli.organiser_link", title=event.title, link=link_for(invitation.token)))
    finally:
        await core.close()
    return 0


async def write_report(
    settings: Settings,
    t: Translator,
    event_ref: str,
    xlsx_path: Path | None,
    chart_path: Path | None,
    pdf_path: Path | None = None,
) -> int:
    """Write the organisers' workbook, the chart and the sign-in sheet, each when a path is given."""
    if xlsx_path is None and chart_path is None and pdf_path is None:
        print(t("signin.cli_nothing"), file=sys.stderr)
        return 2
    core = await open_core(settings)
    try:
        async with core.sessions() as session:
            event = await find_event(session, event_ref)
            if event is None:
                return _not_found(t, event_ref)
            indicators = functools.partial(indicator_status_frame, t=t)
            data = await collect_report(session, event, indicators)
    finally:
        await core.close()
    if xlsx_path is not None:
        xlsx_path.write_bytes(await asyncio.to_thread(build_workbook, data, t))
        print(t("organiser.cli.report_written", file=str(xlsx_path)))
    if pdf_path is not None:
        pdf_path.write_bytes(await asyncio.to_thread(sign_in_pdf, data, t))
        print(t("signin.cli_written", file=str(pdf_path)))
    if chart_path is not None:
        chart_path.write_bytes(await asyncio.to_thread(attendance_chart, data.summary, t, data.title))
        print(t("organiser.cli.chart_written", file=str(chart_path)))
    return 0
