"""An invitee list as a spreadsheet (.xlsx or .csv): agencies, seats, optionally delegates."""

from __future__ import annotations

import csv
import io
import pathlib
import re
from dataclasses import dataclass, field

import openpyxl

from bot.domain.plan.agency_names import name_key
from bot.domain.plan.codes import MAX_FILE_BYTES
from bot.domain.plan.delegates import agency_draft, clean_agency_name
from bot.domain.plan.draft import AgencyDraft, EventDraft, Finding, PlanImportError, SeatDraft
from bot.domain.plan.file_guard import check_package, sniff_kind
from bot.domain.plan.invitee_prose import starts_agency
from bot.domain.plan.tables import header_key
from bot.domain.textfold import fold

__all__ = ["InviteeList", "apply_invitees", "read_invitee_sheet"]

_ROLES: dict[str, re.Pattern[str]] = {
    "agency": re.compile(
        r"(ten )?(co quan|don vi|to chuc)\b.*|agency|organi[sz]ation|department|unit|thanh phan"
    ),
    "seats": re.compile(r"(so luong|sl|so cho|so dai bieu|so nguoi|seats?|quota|number)\b.*"),
    "person": re.compile(r"(ho (va )?ten|dai bieu|nguoi du|delegate|full name|name)\b.*"),
    "note": re.compile(r"(ghi chu|note|notes|chuc vu|position)\b.*"),
}
_COUNT = re.compile(r"^(\d{1,4})(?:[.,]0+)?\s*(?:nguoi|dai bieu|db|d/c)?\.?$")
_MAX_ROWS = 5000


@dataclass
class InviteeList:
    """Seats per agency from a spreadsheet, and its rows that could not be read."""

    seats: list[SeatDraft] = field(default_factory=list)
    agencies: list[AgencyDraft] = field(default_factory=list)
    problems: list[Finding] = field(default_factory=list)


def _cell(row: list[str], col: int | None) -> str:
    """The cell in a column, or "" when the row is short or the column absent."""
    return row[col] if col is not None and col < len(row) else ""


def _rows_xlsx(data: bytes) -> list[list[str]]:
    """The first sheet's rows as text."""
    check_package(data)
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds of error on a broken workbook
        raise PlanImportError("corrupt_docx", None, detail=type(exc).__name__) from exc
    try:
        sheet = book.worksheets[0]
        rows = []
        for row in sheet.iter_rows(values_only=True, max_row=_MAX_ROWS):
            rows.append(["" if value is None else str(value).strip() for value in row])
        return rows
    finally:
        book.close()


def _rows_csv(data: bytes) -> list[list[str]]:
    """Rows of a CSV in UTF-8 (comma, semicolon or tab separated)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PlanImportError("not_utf8", None) from exc
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text), dialect)][:_MAX_ROWS]


def _header(rows: list[list[str]]) -> tuple[int, dict[str, int]] | None:
    """The header row among the first five and its columns by role."""
    for index, row in enumerate(rows[:5]):
        columns: dict[str, int] = {}
        for col, cell in enumerate(row):
            key = header_key(cell)
            for role, pattern in _ROLES.items():
                if key and role not in columns and pattern.fullmatch(key):
                    columns[role] = col
                    break
        if "agency" in columns:
            return index, columns
    return None


def _guess(rows: list[list[str]]) -> tuple[int, dict[str, int]] | None:
    """No header: the column of body names and the column of small counts."""
    data = [row for row in rows if any(row)]
    width = max((len(row) for row in data), default=0)
    cell = _cell
    names = [c for c in range(width) if sum(starts_agency(cell(r, c)) for r in data) * 2 >= len(data)]
    if not names:
        return None
    columns = {"agency": names[0]}
    counts = [
        c
        for c in range(width)
        if c != names[0] and sum(bool(_COUNT.match(cell(r, c))) for r in data) * 2 >= len(data)
    ]
    if counts:
        columns["seats"] = counts[-1]
    return -1, columns


def read_invitee_sheet(data: bytes, name: str) -> InviteeList:
    """Read an invitee spreadsheet; each unreadable row is reported with its number."""
    suffix = pathlib.PurePath(name).suffix.lower()
    if len(data) > MAX_FILE_BYTES:
        raise PlanImportError("file_too_large", None, limit_mb=MAX_FILE_BYTES // (1024 * 1024))
    if suffix == ".xlsx":
        if sniff_kind(data) != "zip":
            actual = sniff_kind(data)
            raise PlanImportError("extension_mismatch", None, extension=suffix, actual=actual)
        rows = _rows_xlsx(data)
    elif suffix == ".csv":
        rows = _rows_csv(data)
    else:
        raise PlanImportError("unsupported_extension", None, extension=suffix or name)
    header = _header(rows) or _guess(rows)
    if header is None:
        raise PlanImportError("invitee_columns")
    first, columns = header
    result = InviteeList()
    by_key: dict[str, SeatDraft] = {}
    people: dict[str, list[str]] = {}
    for number, row in enumerate(rows[first + 1 :], start=first + 2):
        raw_agency, raw_seats, person, note = (
            _cell(row, columns.get(role)) for role in ("agency", "seats", "person", "note")
        )
        if not any(row):
            continue
        if not raw_agency:
            raw = " | ".join(c for c in row if c)
            result.problems.append(Finding("invitee_row", {"row": number, "reason": raw}))
            continue
        if re.match(r"(?:tong|cong|total)\b", name_key(raw_agency)):
            continue
        agency, _role = clean_agency_name(raw_agency)
        seats = None
        if raw_seats:
            match = _COUNT.match(fold(raw_seats))
            if match is None:
                result.problems.append(Finding("invitee_row", {"row": number, "reason": raw_seats}))
                continue
            seats = int(match.group(1))
        key = name_key(agency)
        if key not in by_key:
            by_key[key] = SeatDraft(agency, seats, note or None)
            result.seats.append(by_key[key])
            result.agencies.append(agency_draft(agency))
        elif seats is not None:
            current = by_key[key]
            current.seats = (current.seats or 0) + seats
        if person:
            people.setdefault(key, []).append(person)
    for key, names in people.items():
        seat = by_key[key]
        if seat.seats is None:
            seat.seats = len(names)  # named delegates without a count: one seat each
        seat.note = "; ".join(part for part in (seat.note, ", ".join(names)) if part)
    if not result.seats:
        raise PlanImportError("invitee_file_empty")
    return result


def apply_invitees(draft: EventDraft, invitees: InviteeList) -> None:
    """Make the list the event's seat table (it replaces what the plan's prose named)."""
    draft.seats = list(invitees.seats)
    draft.agencies = list(invitees.agencies)
