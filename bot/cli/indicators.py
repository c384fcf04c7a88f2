"""CLI: `pii-bot indicators import EVENT FILE` — the organisers' indicator spreadsheet into the
catalogue and the event's assignments, in one transaction (every problem listed by row)."""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path

from bot.app import open_core
from bot.cli.reports import find_event
from bot.config import Settings
from bot.domain.indicators.catalogue_import import IndicatorImportError, import_indicators
from bot.i18n import Translator
from storage.types import utcnow

__all__ = ["import_indicator_file", "problem_lines", "bundled_sample"]


def problem_lines(t: Translator, error: IndicatorImportError) -> list[str]:
    """Each problem of a refused file as 'Row N: message' (the file's own problems without a row)."""
    lines = []
    for problem in error.problems:
        key = f"indicators.import.error.{problem.code}"
        message = t(key if t.has(key) else f"indicator_file.error.{problem.code}", **problem.params)
        lines.append(
            t("indicators.import.problem", row=problem.row, message=message)
            if problem.row
            else t("indicator_file.file_problem", message=message)
        )
    return lines


def bundled_sample() -> Path:
    """The sample indicator list shipped with the bot (bot/data/pii_indicators_sample.csv)."""
    return Path(str(resources.files("bot") / "data" / "pii_indicators_sample.csv"))


async def import_indicator_file(
    settings: Settings,
    t: Translator,
    event_ref: str,
    file: Path | None,
    *,
    year: int | None = None,
    title: str | None = None,
    sample: bool = False,
) -> int:
    """Import FILE (.xlsx or .csv) for the event (id or slug); with --sample and no FILE, the bundled
    sample list. 0 on success, 1 when refused."""
    if file is None:
        if not sample:
            print(t("indicator_file.file_needed"), file=sys.stderr)
            return 2
        file = bundled_sample()
        print(t("indicator_file.using_sample", file=file))
    if not file.is_file():
        print(t("indicators.import.file_missing", file=file), file=sys.stderr)
        return 1
    content = file.read_bytes()
    core = await open_core(settings)
    try:
        async with core.sessions() as session, session.begin():
            event = await find_event(session, event_ref)
            if event is None:
                print(t("indicators.import.event_not_found", ref=event_ref), file=sys.stderr)
                return 1
            now = utcnow()
            year = year or (event.start_date.year if event.start_date else now.year)
            title = title or file.stem
            try:
                outcome = await import_indicators(
                    session,
                    event.id,
                    file.name,
                    content,
                    year=year,
                    title=title,
                    is_sample=sample,
                    now=now,
                    actor_label="cli",
                )
            except IndicatorImportError as exc:
                print(t("indicators.import.failed", file=file.name, count=len(exc.problems)), file=sys.stderr)
                for line in problem_lines(t, exc):
                    print(line, file=sys.stderr)
                return 1
            print(
                t(
                    "indicators.import.done",
                    title=title,
                    year=year,
                    indicators=outcome.indicators,
                    created=outcome.assignments_created,
                    updated=outcome.assignments_updated,
                    phones=outcome.pending_focal_points,
                )
            )
            if sample:
                print(t("indicators.import.sample_flag"))
    finally:
        await core.close()
    return 0
