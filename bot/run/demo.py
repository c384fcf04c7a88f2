"""The console demo: a fresh embedded database with the bundled sample event, a few days ahead."""

from __future__ import annotations

import datetime as dt
import logging
import sys
import zoneinfo
from importlib import resources
from typing import TextIO

from sqlalchemy import select

from bot.app import BotCore, open_core
from bot.channels.console import ConsoleChannel
from bot.config import Settings
from bot.domain.events import records as event_service
from bot.domain.plan import load_event_yaml
from bot.i18n import translator
from storage import repositories as repo
from storage.enums import Channel, RoleKind
from storage.models import Role

__all__ = ["DEMO_DAYS_AHEAD", "demo_settings", "ensure_demo_event", "run_demo"]

DEMO_DAYS_AHEAD = 3


def demo_settings(settings: Settings, *, reset: bool) -> Settings:
    """Settings pointing at the demo's own SQLite file (removed first with reset)."""
    folder = settings.resolved_data_dir
    path = folder / "demo.sqlite3"
    if reset:
        for suffix in ("", "-wal", "-shm"):
            path.with_name(path.name + suffix).unlink(missing_ok=True)
    return settings.model_copy(update={"database_url": f"sqlite+aiosqlite:///{path}"})


async def _make_console_user_organiser(session, event_id: int) -> None:  # type: ignore[no-untyped-def]
    # In the demo the person at the keyboard plays the organiser too, so that /loimoi gives the
    # invitation links to register with, and the organiser tools can be tried.
    identity, _ = await repo.identity_for(session, Channel.CONSOLE, "console", None, "vi")
    found = await session.execute(
        select(Role.id).where(
            Role.event_id == event_id, Role.person_id == identity.person_id, Role.kind == RoleKind.ORGANISER
        )
    )
    if found.first() is None:
        session.add(Role(event_id=event_id, person_id=identity.person_id, kind=RoleKind.ORGANISER))


async def ensure_demo_event(core: BotCore, today: dt.date) -> int:
    """Import the sample event if missing, and keep it DEMO_DAYS_AHEAD days in the future."""
    source = resources.files("bot") / "data" / "demo_event.yaml"
    draft, _report = load_event_yaml(source.read_text(encoding="utf-8"))
    target = today + dt.timedelta(days=DEMO_DAYS_AHEAD)
    async with core.sessions() as session, session.begin():
        slug = event_service.slug_for(draft)
        existing = await repo.event_by_slug(session, slug)
        if existing is None:
            draft.start_date, draft.date_note = target, None
            event_id = (await event_service.save_event_draft(session, draft, actor_label="demo")).event_id
        else:
            event_id = existing.id
            if existing.start_date is None or existing.start_date < today:
                await event_service.move_event(session, existing.id, target)
        await _make_console_user_organiser(session, event_id)
        await _load_demo_indicators(session, event_id, today)
        return event_id


async def _load_demo_indicators(session, event_id: int, today: dt.date) -> None:  # type: ignore[no-untyped-def]
    # The sample indicator catalogue with a few assignments, and the person at the keyboard as the
    # focal point of one agency, so that /tiendo, /nop, /duyet and /tiendochiso show something.
    from bot.domain.indicators.assignments import add_focal_point, focal_agency
    from bot.domain.indicators.sample import demo_focal_agency, load_demo_indicators

    await load_demo_indicators(session, event_id, today, dt.datetime.now(dt.UTC))
    identity, _ = await repo.identity_for(session, Channel.CONSOLE, "console", None, "vi")
    agency = await repo.agency_by_name(session, demo_focal_agency())
    if agency is not None and await focal_agency(session, event_id, identity.person_id) is None:
        await add_focal_point(session, event_id, identity.person_id, agency.id)


async def run_demo(
    settings: Settings, *, reset: bool = False, source: TextIO = sys.stdin, out: TextIO = sys.stdout
) -> None:
    """Run the bot in the terminal until end of input."""
    settings = demo_settings(settings, reset=reset)
    # The demo prints what the scheduler does as messages; its log lines would only get in between.
    logging.getLogger("bot.run.scheduler").setLevel(logging.WARNING)
    core = await open_core(settings, migrate=True)
    try:
        today = dt.datetime.now(zoneinfo.ZoneInfo(settings.timezone)).date()
        await ensure_demo_event(core, today)
        console = ConsoleChannel(core, out, files_dir=settings.resolved_data_dir / "demo-files")
        out.write(translator(settings.default_language)("console.banner") + "\n\n")
        await console.run(source)
    finally:
        await core.close()
