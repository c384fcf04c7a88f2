"""CLI: `pii-bot indicators import EVENT FILE` — the organisers' indicator spreadsheet into the
catalogue and the event's assignments, in one transaction (every problem listed by row)."""

from __future__ import annotations

import sys
from pathlib import Path

from bot.app import open_core
from bot.config import Settings
from bot.domain.indicators.catalogue_import import IndicatorImportError, import_indicators
from bot.i18n import Translator
from bot.cli.reports import find_event
from storage.types import utcnow

__all__ = ["import_indicator_file", "problem_lines"]


def problem_lines(t: Translator, error: IndicatorImportError) -> list[str]:
    """Each problem of a refused file as 'Row N: message'."""
    return [t("indicators.import.problem", row=p.row, message=t(f"indicators.import.error.{p.code}", **p.params))
            for p in error.problems]  # fmt: skip


async def import_indicator_file(
    settings: Settings, t: Translator, event_ref: str, file: Path, *, year: int | None = None,
    title: str | None = None, sample: bool = False,
) -> int:  # fmt: skip
    """Import FILE (.xlsx or .csv) for the event (id or slug); 0 on success, 1 when refused."""
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
                outcome = await import_indicators(session, event.id, file.name, content, year=year, title=title,
                                                  is_sample=sample, now=now, actor_label="cli")  # fmt: skip
            except IndicatorImportError as exc:
                print(t("indicators.import.failed", file=file.name, count=len(exc.problems)), file=sys.stderr)
                for line in problem_lines(t, exc):
                    print(line, file=sys.stderr)
                return 1
            print(t("indicators.import.done", title=title, year=year, indicators=outcome.indicators,
                    created=outcome.assignments_created, updated=outcome.assignments_updated,
                    phones=outcome.pending_focal_points))  # fmt: skip
            if sample:
                print(t("indicators.import.sample_flag"))
    finally:
        await core.close()
    return 0
