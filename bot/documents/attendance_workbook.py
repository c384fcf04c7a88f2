"""The organisers' workbook: summary, sign-in sheet (danh sách ký nhận), waitlist, indicators.

The data comes from bot/domain/reports/attendance.py (`collect_report`); the workbook is built
from those plain rows with pandas and styled with openpyxl (`build_workbook`), which needs no
database and can run in a worker thread. Headers and sheet names come from the catalogue.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import TYPE_CHECKING, Any

from bot.domain.checkin.attendance import AttendanceSummary
from bot.domain.formatting import format_date
from bot.domain.registration.people import local_phone
from bot.domain.reports.attendance import DelegateRow, ReportData, WaitlistRow
from bot.domain.spreadsheet_cells import neutralise_cell
from bot.i18n import Translator

if TYPE_CHECKING:
    import pandas as pd
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = ["XLSX_MIME", "build_workbook", "event_when_line", "summary_workbook"]

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SIGNATURE_ROW_HEIGHT = 30  # points: room to sign on the printed sheet


def _seats(value: int | None) -> int | str:
    return value if value is not None else "—"


def _frame(t: Translator, rows: list[list[Any]], columns: list[str]) -> pd.DataFrame:
    # Imported here: pandas is only needed when an organiser asks for a workbook. Object dtype
    # keeps cells as given (None stays an empty cell, never NaN).
    import pandas as pd

    return pd.DataFrame(rows, columns=[t(f"organiser.sheet.col.{c}") for c in columns], dtype=object)


def _write_frame(writer: pd.ExcelWriter, name: str, frame: pd.DataFrame) -> Worksheet:
    """Header and rows appended to a new sheet: about three times faster than DataFrame.to_excel,
    which styles cell by cell (benchmarks/reports.py: 20,000 delegates)."""
    sheet = writer.book.create_sheet(name)
    sheet.append([str(column) for column in frame.columns])
    for row in frame.itertuples(index=False, name=None):
        sheet.append([neutralise_cell(value) for value in row])
    return sheet


def _summary_frame(t: Translator, summary: AttendanceSummary) -> pd.DataFrame:
    silent, note = set(summary.not_answered_agencies), t("organiser.sheet.not_answered_note")
    rows = [
        [
            n,
            line.agency,
            _seats(line.seats),
            line.confirmed,
            line.declined,
            line.not_answered,
            line.waitlisted,
            line.pending,
            line.checked_in,
            note if line.agency in silent else None,
        ]
        for n, line in enumerate(summary.lines, start=1)
    ]
    total = summary.total
    rows.append(
        [
            None,
            t("organiser.sheet.total"),
            _seats(total.seats),
            total.confirmed,
            total.declined,
            total.not_answered,
            total.waitlisted,
            total.pending,
            total.checked_in,
            None,
        ]
    )
    columns = [
        "number",
        "agency",
        "seats",
        "confirmed",
        "declined",
        "not_answered",
        "waitlisted",
        "pending",
        "checked_in",
        "note",
    ]
    return _frame(t, rows, columns)


def _sign_in_frame(t: Translator, delegates: list[DelegateRow]) -> tuple[pd.DataFrame, list[int]]:
    """Rows grouped by agency, each group under an agency row; returns the agency rows' indexes."""
    rows: list[list[Any]] = []
    group_rows: list[int] = []
    current = None
    for n, row in enumerate(delegates, start=1):
        if row.agency != current:
            current = row.agency
            group_rows.append(len(rows))
            rows.append([row.agency, None, None, None, None, None])
        rows.append([n, row.full_name or "—", row.position, row.agency, local_phone(row.phone), None])
    columns = ["number", "full_name", "position", "agency", "phone", "signature"]
    return _frame(t, rows, columns), group_rows


def _waitlist_frame(t: Translator, waitlist: list[WaitlistRow]) -> pd.DataFrame:
    rows = [
        [
            n,
            row.full_name or "—",
            row.position,
            row.agency,
            local_phone(row.phone),
            t("organiser.sheet.offered") if row.offered else t("organiser.sheet.waiting"),
        ]
        for n, row in enumerate(waitlist, start=1)
    ]
    columns = ["number", "full_name", "position", "agency", "phone", "status"]
    return _frame(t, rows, columns)


def _style_table(sheet: Worksheet, widths: list[int]) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    bold = Font(bold=True)
    for cell in sheet[1]:
        cell.font = bold
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"


def _date_formats(sheet: Worksheet) -> None:
    """Dates as dd/mm/yyyy and times as dd/mm/yyyy hh:mm, as Vietnamese readers write them."""
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, dt.datetime):
                cell.number_format = "DD/MM/YYYY HH:MM"
            elif isinstance(cell.value, dt.date):
                cell.number_format = "DD/MM/YYYY"


def _print_setup(sheet: Worksheet, t: Translator, title: str) -> None:
    sheet.page_setup.orientation = "portrait"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"
    sheet.oddHeader.center.text = title.replace("&", "&&")
    sheet.oddFooter.center.text = t("organiser.sheet.page")


def _style_sign_in(
    sheet: Worksheet, group_rows: list[int], columns: int, data: ReportData, t: Translator
) -> None:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    bold, thin = Font(bold=True), Side(style="thin")
    box, wrap = (
        Border(left=thin, right=thin, top=thin, bottom=thin),
        Alignment(vertical="center", wrap_text=True),
    )
    last = get_column_letter(columns)
    # Every cell of the table boxed, so that the printed sheet reads as a form; phones as text,
    # so that a spreadsheet never turns '0233…' into a number without its leading zero.
    for row in sheet.iter_rows(min_row=1, max_row=sheet.max_row, max_col=columns):
        for cell in row:
            cell.border, cell.alignment = box, wrap
    for (cell,) in sheet.iter_rows(min_row=2, min_col=5, max_col=5):
        cell.number_format = "@"
    shade = PatternFill("solid", start_color="E8E8E8")
    for index in group_rows:
        row = index + 2  # one header row, and openpyxl counts from 1
        sheet.cell(row=row, column=1).font = bold
        sheet.cell(row=row, column=1).fill = shade
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=columns)
    sheet.print_area = f"A1:{last}{sheet.max_row}"
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.oddHeader.left.text = event_when_line(t, data).replace("&", "&&")
    # One default height for the sheet rather than one per row: room to sign, and a lighter file.
    sheet.sheet_format.defaultRowHeight, sheet.sheet_format.customHeight = SIGNATURE_ROW_HEIGHT, True


def event_when_line(t: Translator, data: ReportData) -> str:
    """'07:30–11:30, 26/11/2026' (or the plan's words when the date is not fixed)."""
    if data.date is None:
        return t("signin.date_not_fixed", note=data.date_note or "…")
    if data.times:
        return t("signin.when_with_times", times=data.times, date=format_date(data.date))
    return format_date(data.date)


def build_workbook(data: ReportData, t: Translator) -> bytes:
    """The .xlsx: summary, sign-in sheet, waitlist, and indicators when there are any."""
    import pandas as pd

    buffer = io.BytesIO()
    sign_in, group_rows = _sign_in_frame(t, data.delegates)
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        sheets = [
            (
                t("organiser.sheet.summary"),
                _summary_frame(t, data.summary),
                [6, 45, 9, 11, 10, 13, 14, 12, 13, 16],
            ),
            (t("organiser.sheet.sign_in"), sign_in, [6, 28, 24, 30, 15, 22]),
            (t("organiser.sheet.waitlist"), _waitlist_frame(t, data.waitlist), [6, 28, 24, 30, 15, 16]),
        ]
        if data.indicators is not None:
            table = data.indicators
            sheets.append(
                (t("organiser.sheet.indicators"), table, [max(12, len(str(c)) + 4) for c in table.columns])
            )
        for name, frame, widths in sheets:
            sheet = _write_frame(writer, name, frame)
            _style_table(sheet, widths)
            _print_setup(sheet, t, data.title)
        if data.indicators is not None:
            _date_formats(writer.book[t("organiser.sheet.indicators")])
        _style_sign_in(writer.book[t("organiser.sheet.sign_in")], group_rows, len(sign_in.columns), data, t)
    return buffer.getvalue()


def summary_workbook(summary: AttendanceSummary, t: Translator, title: str) -> bytes:
    """Only the per-agency table, for a summary too long for a chat message."""
    import pandas as pd

    buffer = io.BytesIO()
    name = t("organiser.sheet.summary")
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        sheet = _write_frame(writer, name, _summary_frame(t, summary))
        _style_table(sheet, [6, 45, 9, 11, 10, 13, 14, 12, 13, 16])
        _print_setup(sheet, t, title)
    return buffer.getvalue()
