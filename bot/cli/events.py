"""CLI actions on the database: migrate, import an event, export it, list events."""

from __future__ import annotations

import datetime as dt
import sys
import zoneinfo
from pathlib import Path

from bot.app import BotCore, open_core
from bot.config import Settings
from bot.documents.import_report import render_location, render_preview, render_report
from bot.domain.errors import DomainError
from bot.domain.events import records as event_service
from bot.domain.events.preview import preview_import
from bot.domain.formatting import format_date
from bot.domain.plan import dump_event_yaml, read_event_source
from bot.domain.plan.draft import Finding, ImportReport, PlanImportError
from bot.domain.plan.invitee_sheet import InviteeList, apply_invitees, read_invitee_sheet
from bot.domain.registration.invite_sheet import invite_lines, qr_zip, telegram_link
from bot.domain.registration.link_revocation import revoke_links
from bot.i18n import Translator
from bot.outbox.notices import save_event_and_notify
from storage import repositories as repo
from storage.db import create_engine
from storage.migrate import upgrade_engine
from storage.types import utcnow

__all__ = [
    "db_upgrade",
    "import_file",
    "export_event",
    "list_events",
    "print_invites",
    "render_report",
    "render_location",
]


async def db_upgrade(settings: Settings, t: Translator) -> int:
    """Apply migrations to the configured database."""
    engine = create_engine(settings.resolved_database_url)
    try:
        await upgrade_engine(engine)
    finally:
        await engine.dispose()
    print(t("cli.db.upgraded"))
    return 0


def _refuse(t: Translator, path: Path, exc: PlanImportError) -> int:
    """Print why a file cannot be imported; nothing was written."""
    message = t(f"import.error.{exc.code}", **exc.params)
    where = render_location(t, exc.location)
    print(t("cli.import.failed", file=str(path)), file=sys.stderr)
    print(f"  {message}" + (f" ({where})" if where else ""), file=sys.stderr)
    return 1


def _read(t: Translator, path: Path, invitees: Path | None):  # type: ignore[no-untyped-def]
    """The draft and report of a document, with an invitee spreadsheet as its seat table."""
    if path.suffix.lower() in (".xlsx", ".csv") and invitees is None:
        raise PlanImportError("unsupported_extension", None, extension=path.suffix.lower())
    draft, report = read_event_source(path)
    if invitees is not None:
        sheet = read_invitee_sheet(_read_bytes_of(invitees), invitees.name)
        apply_invitees(draft, sheet)
        report.found = [f for f in report.found if f.code not in ("agencies", "seats")]
        _add_sheet(report, sheet)
    return draft, report


def _add_sheet(report: ImportReport, sheet: InviteeList) -> None:
    """Report an invitee list: its agencies and seats, and its unreadable rows."""
    report.problems = [p for p in report.problems if p.code != "no_seat_table"]
    report.problems.extend(sheet.problems)
    report.found.append(Finding("agencies", {"count": len(sheet.agencies)}))
    report.found.append(Finding("seats", {"total": sum(s.seats or 0 for s in sheet.seats)}))


def _confirmed(t: Translator) -> bool:
    """Ask on the terminal; no answer (no terminal) is a no."""
    try:
        answer = input(t("cli.import_genre.confirm"))
    except EOFError:
        return False
    return answer.strip().lower() in {"c", "co", "có", "y", "yes"}


async def _write(  # type: ignore[no-untyped-def]
    core: BotCore, t: Translator, path: Path, draft, yes: bool, ref: str | None, dry_run: bool = False
) -> int:
    """Show what an update changes and who is told, ask, then write in one transaction.

    With `ref` (an invitee list alone) the draft is the stored event with the list applied.
    A dry run shows the changes against the existing database and writes nothing.
    """
    try:
        async with core.sessions() as session, session.begin():
            if ref is not None:
                event = await _find(session, ref)
                if event is None:
                    print(t("cli.event.not_found", ref=ref), file=sys.stderr)
                    return 1
                sheet = draft
                draft = event_service.event_to_draft(event)
                apply_invitees(draft, sheet)
            preview = await preview_import(session, draft)
            if not preview.created:
                print("\n".join(render_preview(t, preview)))
            if dry_run:
                await session.rollback()
                print(t("cli.import.dry_run"))
                return 0
            if not preview.created:
                if not yes and not _confirmed(t):
                    print(t("cli.import_genre.not_confirmed"))
                    return 1
            outcome = await save_event_and_notify(session, draft, actor_label="cli")
    except DomainError as exc:
        print(t("cli.import.failed", file=str(path)), file=sys.stderr)
        print("  " + t(f"import.error.{exc.code}", **exc.params), file=sys.stderr)
        return 1
    finally:
        await core.close()
    key = "cli.import.created" if outcome.created else "cli.import.updated"
    print(t(key, id=outcome.event_id, slug=outcome.slug))
    return 0


async def import_file(
    settings: Settings,
    t: Translator,
    path: Path,
    *,
    dry_run: bool,
    yes: bool = False,
    invitees: Path | None = None,
    event: str | None = None,
) -> int:
    """Parse a file and write it in one transaction; on any error nothing is written.

    Updating an existing event first shows what will change and who will be told, and writes
    only when the organiser confirms (or passed --yes). An invitee list (.xlsx/.csv) given
    alone with `event` becomes that event's seat table.
    """
    alone = path.suffix.lower() in (".xlsx", ".csv")
    if alone and event is None:
        print(t("cli.import.failed", file=str(path)), file=sys.stderr)
        print("  " + t("cli.import_genre.event_needed"), file=sys.stderr)
        return 1
    try:
        if alone:
            report = ImportReport()
            draft = read_invitee_sheet(_read_bytes_of(path), path.name)
            _add_sheet(report, draft)
        else:
            draft, report = _read(t, path, invitees)
    except PlanImportError as exc:
        return _refuse(t, path, exc)
    # The database is opened (and checked) before the report is shown: a report followed by a
    # failure would read as if the import had happened.
    compare = not dry_run or _database_exists(settings)
    core = await open_core(settings, migrate=False if dry_run else None) if compare else None
    print("\n".join(render_report(t, report)))
    today = dt.datetime.now(zoneinfo.ZoneInfo(settings.timezone)).date()
    if not alone and draft.start_date is not None and draft.start_date < today:
        print(t("import_warn.past_date", date=format_date(draft.start_date), today=format_date(today)))
    if core is None:
        print(t("cli.import.dry_run"))  # no database yet: nothing to compare with
        return 0
    if not dry_run and not alone and not draft.title:
        await core.close()
        print(t("cli.import_genre.missing_title"), file=sys.stderr)
        return 1
    return await _write(core, t, path, draft, yes, event if alone else None, dry_run)


def _database_exists(settings: Settings) -> bool:
    """Whether there is a database to compare a dry run with (a server, or the SQLite file)."""
    if not settings.is_embedded_database:
        return True
    return (settings.resolved_data_dir / "pii-bot.sqlite3").exists()


def _read_bytes_of(path: Path) -> bytes:
    """A file's bytes; a missing or unreadable file is an import error."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise PlanImportError("file_not_found", None, name=path.name) from exc


async def _find(session, ref: str):  # type: ignore[no-untyped-def]
    if ref.isdigit():
        return await repo.event_with_details(session, int(ref))
    return await repo.event_by_slug(session, ref)


async def export_event(settings: Settings, t: Translator, ref: str, output: Path | None) -> int:
    """Write an event as a YAML event file an organiser can complete and import again."""
    core = await open_core(settings)
    try:
        async with core.sessions() as session:
            event = await _find(session, ref)
            if event is None:
                print(t("cli.event.not_found", ref=ref), file=sys.stderr)
                return 1
            text = dump_event_yaml(event_service.event_to_draft(event))
    finally:
        await core.close()
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")
        print(t("cli.event.exported", file=str(output)))
    return 0


async def list_events(settings: Settings, t: Translator) -> int:
    """One line per event: id, slug, date, title."""
    core = await open_core(settings)
    try:
        async with core.sessions() as session:
            events = await repo.list_events(session)
    finally:
        await core.close()
    if not events:
        print(t("cli.event.none"))
    for event in events:
        date = event.start_date.strftime("%d/%m/%Y") if event.start_date else (event.date_note or "?")
        print(f"{event.id:>4}  {event.slug:<40}  {date:<12}  {event.title}")
    return 0


async def print_invites(
    settings: Settings,
    t: Translator,
    ref: str,
    bot_username: str | None,
    out: Path | None,
    *,
    revoke: str | None = None,
) -> int:
    """One delegate invitation link per agency (created when missing); QR codes in a zip.
    `revoke` first revokes a leaked link (by token) or every link of the agency named."""
    link_for = telegram_link(bot_username) if bot_username else (lambda token: f"/start {token}")
    core = await open_core(settings)
    try:
        async with core.sessions() as session, session.begin():
            event = await _find(session, ref)
            if event is None:
                print(t("cli.event.not_found", ref=ref), file=sys.stderr)
                return 1
            if revoke:
                try:
                    revoked = await revoke_links(
                        session, event.id, revoke, actor_person_id=None, now=utcnow()
                    )
                except DomainError as exc:
                    print(t(f"error.{exc.code}", **exc.params), file=sys.stderr)
                    return 1
                print(t("reliability.revoke.cli", count=len(revoked.invitations)))
            lines = await invite_lines(session, event.id, link_for)
            title = event.title
    finally:
        await core.close()
    print(t("rsvp.org.invites_header", title=title))
    for line in lines:
        seats = line.seats if line.seats is not None else "—"
        print(t("rsvp.org.invite_line", n=line.position, agency=line.agency, seats=seats, link=line.link))
    if not bot_username:
        print(t("cli.invites.no_username"), file=sys.stderr)
    if out is not None:
        out.write_bytes(qr_zip(lines))
        print(t("cli.invites.written", file=str(out)))
    return 0
