"""The `pii-bot` command: demo, database, event import/export, Telegram (run, serve)."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
from pathlib import Path

from bot.config import ConfigError, Settings, load_settings
from bot.i18n import Translator, translator
from bot.run.operator_errors import explain

__all__ = ["main", "build_parser"]


def build_parser() -> argparse.ArgumentParser:
    """The command-line grammar."""
    parser = argparse.ArgumentParser(prog="pii-bot", description="PII workshop bot")
    sub = parser.add_subparsers(dest="command", required=True)

    demo = sub.add_parser("demo", help="run the bot in this terminal on the bundled sample event")
    demo.add_argument("--reset", action="store_true", help="start from a fresh demo database")

    db = sub.add_parser("db", help="database maintenance")
    db_sub = db.add_subparsers(dest="db_command", required=True)
    db_sub.add_parser("upgrade", help="apply database migrations")

    event = sub.add_parser("event", help="import, export and list events")
    ev_sub = event.add_subparsers(dest="event_command", required=True)
    imp = ev_sub.add_parser(
        "import", help="import a YAML event file or a plan (.docx, .pdf, scan, .txt, .md)"
    )
    imp.add_argument("file", type=Path)
    imp.add_argument("--dry-run", action="store_true", help="report what would be imported")
    imp.add_argument("--yes", action="store_true", help="write an update without asking to confirm")
    imp.add_argument("--invitees", type=Path, help="invitee list (.xlsx or .csv) to use as the seat table")
    imp.add_argument("--event", help="with an invitee list alone: the event (id or slug) it is for")
    exp = ev_sub.add_parser("export", help="write an event as a YAML event file")
    exp.add_argument("event", help="event id or slug")
    exp.add_argument("-o", "--output", type=Path, help="file to write (default: standard output)")
    ev_sub.add_parser("list", help="list events")

    organiser = sub.add_parser("organiser", help="add event organisers")
    org_sub = organiser.add_subparsers(dest="organiser_command", required=True)
    org_add = org_sub.add_parser("add", help="make a Telegram account an organiser of the event")
    org_add.add_argument("event", help="event id or slug")
    org_add.add_argument(
        "--telegram-id", type=int, required=True, help="the person's numeric Telegram user id"
    )
    org_link = org_sub.add_parser("link", help="print a one-use organiser invitation link")
    org_link.add_argument("event", help="event id or slug")
    org_link.add_argument("--bot-username", help="the bot's Telegram username, for a t.me link")
    report = sub.add_parser("report", help="write the organisers' Excel report, chart and sign-in sheet")
    report.add_argument("event", help="event id or slug")
    report.add_argument("--xlsx", type=Path, help="the .xlsx workbook to write")
    report.add_argument("--chart", type=Path, help="the attendance chart (PNG) to write")
    report.add_argument("--pdf", type=Path, help="the printable sign-in sheet (PDF, A4) to write")

    ind = sub.add_parser("indicators", help="PII indicator catalogue and assignments")
    ind_sub = ind.add_subparsers(dest="indicators_command", required=True)
    ind_imp = ind_sub.add_parser(
        "import", help="import the indicator spreadsheet (.xlsx or .csv) for an event"
    )
    ind_imp.add_argument("event", help="event id or slug")
    ind_imp.add_argument(
        "file",
        type=Path,
        nargs="?",
        help="the .xlsx or .csv file (with --sample and no file: the bundled sample list)",
    )
    ind_imp.add_argument("--year", type=int, help="catalogue year (default: the event's year)")
    ind_imp.add_argument("--title", help="catalogue title (default: the file name)")
    ind_imp.add_argument(
        "--sample",
        action="store_true",
        help="mark the catalogue as a sample, not the official list (alone: import the bundled sample)",
    )

    worker = sub.add_parser(
        "worker", help="run the scheduler and send the outbox (no Telegram updates served)"
    )
    worker.add_argument("--interval", type=float, default=2.0, help="seconds between ticks")

    rem = sub.add_parser("reminders", help="list, add, pause, resume and delete an event's reminders")
    rem_sub = rem.add_subparsers(dest="reminders_command", required=True)
    rem_list = rem_sub.add_parser("list", help="the event's reminders with their next time")
    rem_list.add_argument("event", help="event id or slug")
    rem_add = rem_sub.add_parser(
        "add",
        help='e.g. add EVENT "2 ngày trước 16:00" confirmed "Xin mang theo giấy mời"',  # vi-literal: example
    )
    for name in ("event", "timing", "audience", "text"):
        rem_add.add_argument(name)
    for name in ("pause", "resume", "delete"):
        one = rem_sub.add_parser(name, help=f"{name} one reminder")
        one.add_argument("event", help="event id or slug")
        one.add_argument("rule", type=int, help="reminder number, as listed")

    invites = sub.add_parser("invites", help="one invitation link and QR code per invited agency")
    invites.add_argument("event", help="event id or slug")
    invites.add_argument("--bot-username", help="the Telegram bot's @username, for t.me links")
    invites.add_argument("--out", type=Path, help="also write the QR codes and an index (a .zip file)")
    invites.add_argument(
        "--revoke",
        metavar="AGENCY_OR_TOKEN",
        help="first revoke a leaked link (its token) or every link of an agency",
    )

    zalo = sub.add_parser("zalo", help="Zalo OA administration")
    zalo_sub = zalo.add_subparsers(dest="zalo_command", required=True)
    zalo_sub.add_parser("authorize", help="authorise the OA (OAuth v4 with PKCE) and store its tokens")
    delivery = sub.add_parser(
        "delivery", help="per person: the channel each reminder/announcement used, and its state"
    )
    delivery.add_argument("event", help="event id or slug")

    run = sub.add_parser("run", help="serve Telegram by long polling (needs TELEGRAM_BOT_TOKEN)")
    run.add_argument("--demo", action="store_true", help="use the demo database with the sample event")
    serve = sub.add_parser(
        "serve", help="serve the Telegram webhook and /healthz with uvicorn (behind a reverse proxy)"
    )
    serve.add_argument("--demo", action="store_true", help="use the demo database with the sample event")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script."""
    args = build_parser().parse_args(argv)
    try:
        settings = load_settings()
    except ConfigError as exc:
        print(f"pii-bot: {exc}", file=sys.stderr)
        return 2
    logging.basicConfig(
        level=settings.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    if settings.log_level.upper() != "DEBUG":
        # Alembic announces each migration step and plugin at INFO: noise in a terminal.
        logging.getLogger("alembic").setLevel(logging.WARNING)
    t = translator(settings.default_language)
    try:
        if args.command in ("run", "serve"):
            return _serve_telegram(args, settings)
        if args.command == "worker":
            from bot.run.scheduler import run_worker

            asyncio.run(run_worker(settings, interval=args.interval))
            return 0
        wrong = _wrong_suffix(args, t)
        if wrong:
            print(wrong, file=sys.stderr)
            return 2
        code = asyncio.run(_dispatch(args, settings, t))
        sys.stdout.flush()  # here, where a closed pipe can still be reported, not at exit
        return code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`pii-bot event list | head -1`): say so once; Python must not
        # try to flush into the closed pipe again at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        print(t("cli_errors.broken_pipe"), file=sys.stderr)
        return 1
    except Exception as exc:
        if isinstance(exc, OSError) and exc.filename is not None:  # one of our files
            print(t("cli_errors.file", file=exc.filename, reason=_file_reason(t, exc)), file=sys.stderr)
            return 1
        # An operator error (database away or never migrated, token refused...) is one line;
        # anything else is a bug and keeps its traceback.
        line = explain(exc, settings.resolved_database_url)
        if line is None:
            raise
        print(f"pii-bot: {line}", file=sys.stderr)
        return 1


# File options and the suffix each needs: a workbook written under a .csv name would not open.
_SUFFIXES = (
    ("xlsx", "--xlsx", ".xlsx"),
    ("pdf", "--pdf", ".pdf"),
    ("chart", "--chart", ".png"),
    ("out", "--out", ".zip"),
)


def _wrong_suffix(args: argparse.Namespace, t: Translator) -> str | None:
    for attribute, option, suffix in _SUFFIXES:
        path = getattr(args, attribute, None)
        if isinstance(path, Path) and path.suffix.lower() != suffix:
            return t("cli_errors.wrong_suffix", option=option, suffix=suffix, file=str(path))
    return None


def _file_reason(t: Translator, exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return t("cli_errors.no_such_folder")
    if isinstance(exc, PermissionError):
        return t("cli_errors.no_permission")
    if isinstance(exc, IsADirectoryError):
        return t("cli_errors.is_folder")
    return t("cli_errors.other", reason=exc.strerror or type(exc).__name__)


def _serve_telegram(args: argparse.Namespace, settings: Settings) -> int:
    """`run` (long polling) and `serve` (webhook); a missing variable is one line and exit 2."""
    # Alembic announces its plugins at INFO when imported; a service log needs none of that.
    logging.getLogger("alembic").setLevel(logging.WARNING)
    from bot.run import serve as telegram_runner

    webhook = args.command == "serve"
    problem = telegram_runner.settings_problem(settings, webhook=webhook)
    if problem:
        print(f"pii-bot: {problem}", file=sys.stderr)
        return 2
    # httpx logs every Bot API request at INFO, long polls included: too loud for a service log.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    entry = telegram_runner.serve_webhook if webhook else telegram_runner.run_polling
    asyncio.run(entry(settings, demo=args.demo))
    return 0


async def _dispatch(args: argparse.Namespace, settings: Settings, t: Translator) -> int:
    if args.command == "demo":
        from bot.run.demo import run_demo

        await run_demo(settings, reset=args.reset)
        return 0
    from bot.cli import events as event_commands

    if args.command == "db":
        return await event_commands.db_upgrade(settings, t)
    if args.command == "reminders":
        from bot.cli import reminders as rc

        if args.reminders_command == "list":
            return await rc.list_reminders(settings, t, args.event)
        if args.reminders_command == "add":
            return await rc.add_reminder(settings, t, args.event, args.timing, args.audience, args.text)
        if args.reminders_command == "delete":
            return await rc.delete_reminder(settings, t, args.event, args.rule)
        return await rc.pause_reminder(
            settings, t, args.event, args.rule, paused=args.reminders_command == "pause"
        )
    if args.command in ("organiser", "report"):
        from bot.cli import reports as report_commands

        if args.command == "report":
            return await report_commands.write_report(
                settings, t, args.event, args.xlsx, args.chart, args.pdf
            )
        if args.organiser_command == "add":
            return await report_commands.add_organiser(settings, t, args.event, args.telegram_id)
        return await report_commands.print_organiser_link(settings, t, args.event, args.bot_username)
    if args.command == "indicators":
        from bot.cli.indicators import import_indicator_file

        return await import_indicator_file(
            settings, t, args.event, args.file, year=args.year, title=args.title, sample=args.sample
        )
    if args.command in ("zalo", "delivery"):
        from bot.cli import zalo as zalo_commands

        if args.command == "delivery":
            return await zalo_commands.print_delivery(settings, t, args.event)
        return await zalo_commands.authorize_oa(settings, t)
    if args.command == "invites":
        return await event_commands.print_invites(
            settings, t, args.event, args.bot_username, args.out, revoke=args.revoke
        )
    if args.event_command == "import":
        return await event_commands.import_file(
            settings,
            t,
            args.file,
            dry_run=args.dry_run,
            yes=args.yes,
            invitees=args.invitees,
            event=args.event,
        )
    if args.event_command == "export":
        return await event_commands.export_event(settings, t, args.event, args.output)
    return await event_commands.list_events(settings, t)


if __name__ == "__main__":
    raise SystemExit(main())
