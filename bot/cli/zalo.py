"""`pii-bot zalo authorize` (the OA's first token pair, OAuth v4 with PKCE) and `pii-bot delivery
EVENT` (per person, the channel each reminder and announcement used and where it ended)."""

from __future__ import annotations

import sys
import zoneinfo
from collections.abc import Callable

from sqlalchemy import select

from bot.app import BotCore, open_core
from bot.channels.zalo_api import ZaloApi, ZaloApiError
from bot.channels.zalo_authorize import authorize, new_grant
from bot.config import Settings
from bot.domain.formatting import format_date, format_time
from bot.domain.reminders.fanout import announcement_key, rule_key
from bot.i18n import Translator
from bot.outbox.delivery import quiet_hours_from
from bot.outbox.routing import delivery_report
from handlers.reminders.delivery_report import report_text
from storage import repositories as repo
from storage.reminder_models import Announcement, ReminderRule
from storage.types import utcnow

__all__ = ["authorize_oa", "print_delivery"]


async def authorize_oa(
    settings: Settings, t: Translator, read: Callable[[str], str] = input, *, core: BotCore | None = None
) -> int:
    """Print the permission URL, read the code back, store the pair; 0 on success."""
    if not (settings.zalo_app_id and settings.zalo_app_secret and settings.zalo_redirect_uri):
        print(t("zalo_cli.not_configured"), file=sys.stderr)
        return 2
    grant = new_grant(settings)
    print(t("zalo_cli.open_url", url=grant.url, redirect=settings.zalo_redirect_uri))
    answer = read(t("zalo_cli.ask_code"))
    owned = core is None
    core = core or await open_core(settings)
    api = ZaloApi(settings)
    try:
        version = await authorize(settings, core.sessions, api, grant, answer, utcnow())
    except ValueError:
        print(t("zalo_cli.bad_code"), file=sys.stderr)
        return 1
    except ZaloApiError as exc:
        print(t("zalo_cli.refused", error=exc.code), file=sys.stderr)
        return 1
    finally:
        await api.aclose()
        if owned:
            await core.close()
    print(t("zalo_cli.stored", version=version))
    return 0


async def print_delivery(settings: Settings, t: Translator, ref: str) -> int:
    """Per fired reminder and announcement of the event, who got it on which channel, or why not."""
    core = await open_core(settings)
    try:
        async with core.sessions() as session:
            event = (
                await repo.event_with_details(session, int(ref))
                if ref.isdigit()
                else await repo.event_by_slug(session, ref)
            )
            if event is None:
                print(t("zalo_cli.event_not_found", ref=ref), file=sys.stderr)
                return 1
            zone = zoneinfo.ZoneInfo(event.timezone)

            def when(moment) -> str:  # type: ignore[no-untyped-def]
                local = moment.astimezone(zone)
                return t("common.at", time=format_time(local.time()), date=format_date(local.date()))

            sections: list[tuple[str, str]] = []
            rules = await session.execute(
                select(ReminderRule)
                .where(ReminderRule.event_id == event.id, ReminderRule.fired_at.is_not(None))
                .order_by(ReminderRule.id)
            )
            for rule in rules.scalars():
                sections.append(
                    (t("zalo_cli.report_rule", number=rule.id, when=when(rule.fired_at)), rule_key(rule.id))
                )
            notes = await session.execute(
                select(Announcement).where(Announcement.event_id == event.id).order_by(Announcement.id)
            )
            for note in notes.scalars():
                sections.append(
                    (
                        t("zalo_cli.report_announcement", number=note.id, when=when(note.created_at)),
                        announcement_key(note.id),
                    )
                )
            if not sections:
                print(t("zalo_cli.nothing_sent"))
                return 0
            now = utcnow()
            for title, key in sections:
                rows = await delivery_report(session, key, now, quiet_hours_from(settings))
                print(t("zalo_cli.report_title", title=title))
                print(report_text(t, rows, limit=10_000))
                print()
    finally:
        await core.close()
    return 0
