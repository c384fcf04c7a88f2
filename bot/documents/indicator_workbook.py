"""The indicator export: one row per assignment with its status, dates and latest comment, as a
table for the organisers' workbook and as an .xlsx of its own."""

from __future__ import annotations

import datetime as dt
import io
import zoneinfo
from collections import defaultdict

import pandas as pd
from openpyxl.styles import Alignment, Font
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.indicators.assignments import assignment_lines, local_today
from bot.domain.indicators.progress import is_sample_event, latest_submissions
from bot.domain.spreadsheet_cells import neutralise_cell
from bot.i18n import Translator, translator
from storage.indicator_models import (
    Assignment,
    AssignmentStatus,
    Pillar,
    StatusChange,
)
from storage.models import Event

__all__ = ["COLUMN_KEYS", "indicator_status_frame", "indicator_workbook"]

# Column headers of the export (catalogue keys under indicators.export.column.).
COLUMN_KEYS = (
    "code",
    "pillar",
    "name",
    "agency",
    "deadline",
    "status",
    "days_left",
    "value",
    "files",
    "submitted_at",
    "reviewed_at",
    "last_change_at",
    "latest_comment",
)
_WIDTHS = (12, 28, 50, 32, 12, 16, 10, 30, 8, 18, 18, 18, 45)


def _local(moment: dt.datetime | None, tz: zoneinfo.ZoneInfo) -> dt.datetime | None:
    # Excel keeps no time zone: write the event's local wall-clock time.
    return None if moment is None else moment.astimezone(tz).replace(tzinfo=None, microsecond=0)


async def indicator_status_frame(
    session: AsyncSession, event_id: int, t: Translator | None = None, now: dt.datetime | None = None
) -> pd.DataFrame | None:
    """One row per assignment with status, dates and the latest comment (Vietnamese headers by
    default); None when the event has no assignments. For the organisers' workbook too."""
    t = t or translator("vi")
    event = await session.get(Event, event_id)
    if event is None:
        return None
    now = now or dt.datetime.now(dt.UTC)
    lines = await assignment_lines(session, event, now)
    if not lines:
        return None
    tz = zoneinfo.ZoneInfo(event.timezone)
    pillar_names = dict((await session.execute(select(Pillar.id, Pillar.name_vi))).all())
    changes: dict[int, list[StatusChange]] = defaultdict(list)
    for change in (
        await session.execute(
            select(StatusChange)
            .join(Assignment, Assignment.id == StatusChange.assignment_id)
            .where(Assignment.event_id == event_id)
            .order_by(StatusChange.at, StatusChange.id)
        )
    ).scalars():
        changes[change.assignment_id].append(change)
    submissions = await latest_submissions(session, event_id)
    today = local_today(event, now)
    records = []
    for line in sorted(lines, key=lambda x: (x.indicator.position, x.indicator.code, x.agency)):
        a = line.assignment
        submission, files = submissions.get(a.id, (None, 0))
        history = changes.get(a.id, [])
        comments = [c.comment for c in history if c.comment]
        open_ = a.status not in (AssignmentStatus.SUBMITTED, AssignmentStatus.ACCEPTED)
        records.append(
            [
                line.indicator.code,
                pillar_names.get(line.indicator.pillar_id, ""),
                line.indicator.name_vi,
                line.agency,
                a.deadline,
                t(f"indicators.status.{a.status.value}"),
                (a.deadline - today).days if open_ else None,
                submission.value if submission else None,
                files,
                _local(submission.submitted_at, tz) if submission else None,
                _local(submission.reviewed_at, tz) if submission else None,
                _local(history[-1].at, tz) if history else None,
                comments[-1] if comments else None,
            ]
        )
    return pd.DataFrame(records, columns=[t(f"indicators.export.column.{k}") for k in COLUMN_KEYS])


async def indicator_workbook(
    session: AsyncSession, event: Event, t: Translator, now: dt.datetime
) -> bytes | None:
    """The export as .xlsx bytes: bold headers, column widths, dates as dates; None if empty."""
    frame = await indicator_status_frame(session, event.id, t, now)
    if frame is None:
        return None
    buffer = io.BytesIO()
    sheet_name = t("indicators.export.sheet")[:31]
    sample = await is_sample_event(session, event.id)
    # The sample catalogue says so above the table, so that nobody mistakes it for the official list.
    header_row = 2 if sample else 1
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        frame.map(neutralise_cell).to_excel(
            writer, sheet_name=sheet_name, index=False, startrow=header_row - 1
        )
        sheet = writer.sheets[sheet_name]
        if sample:
            sheet.cell(row=1, column=1, value=t("indicators.sample_notice")).font = Font(
                italic=True, bold=True
            )
        for cell in sheet[header_row]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for index, width in enumerate(_WIDTHS, start=1):
            sheet.column_dimensions[sheet.cell(row=header_row, column=index).column_letter].width = width
        for row in sheet.iter_rows(min_row=header_row + 1):
            row[4].number_format = "DD/MM/YYYY"
            for cell in row[9:12]:
                cell.number_format = "DD/MM/YYYY HH:MM"
        sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    return buffer.getvalue()
