"""The `pii-bot` command: demo, database, event import/export."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from pathlib import Path

from bot.config import ConfigError, Settings, load_settings
from bot.i18n import Translator, translator

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
    imp = ev_sub.add_parser("import", help="import a YAML event file or a plan (.docx, .txt, .md)")
    imp.add_argument("file", type=Path)
    imp.add_argument("--dry-run", action="store_true", help="report what would be imported")
    exp = ev_sub.add_parser("export", help="write an event as a YAML event file")
    exp.add_argument("event", help="event id or slug")
    exp.add_argument("-o", "--output", type=Path, help="file to write (default: standard output)")
    ev_sub.add_parser("list", help="list events")
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
    t = translator(settings.default_language)
    try:
        return asyncio.run(_dispatch(args, settings, t))
    except KeyboardInterrupt:
        return 130


async def _dispatch(args: argparse.Namespace, settings: Settings, t: Translator) -> int:
    if args.command == "demo":
        from bot.demo import run_demo

        await run_demo(settings, reset=args.reset)
        return 0
    from bot import event_commands

    if args.command == "db":
        return await event_commands.db_upgrade(settings, t)
    if args.event_command == "import":
        return await event_commands.import_file(settings, t, args.file, dry_run=args.dry_run)
    if args.event_command == "export":
        return await event_commands.export_event(settings, t, args.event, args.output)
    return await event_commands.list_events(settings, t)


if __name__ == "__main__":
    raise SystemExit(main())
