"""Import the organisers' indicator spreadsheet (.xlsx or .csv): the catalogue, and which agency
supplies each indicator by when. Every row is checked first; one problem and nothing is written.
Column names are matched in Vietnamese or English, without regard to case or diacritics."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.archive_limits import ArchiveTooLarge, check_expanded_size
from bot.domain.errors import DomainError
from bot.domain.indicators.assignments import add_focal_by_phone
from bot.domain.registration.people import normalise_phone
from bot.domain.textfold import fold
from storage import repositories as repo
from storage.indicator_models import (
    Assignment,
    AssignmentStatus,
    Catalogue,
    Indicator,
    IndicatorGroup,
    Pillar,
    StatusChange,
)
from storage.models import Agency

__all__ = [
    "COLUMNS",
    "REQUIRED",
    "Problem",
    "IndicatorImportError",
    "ImportedRow",
    "ImportOutcome",
    "read_table",
    "parse_rows",
    "import_indicators",
]

# Canonical column -> the folded headers that mean it (the first is the documented English name).
COLUMNS: dict[str, tuple[str, ...]] = {
    "code": ("code", "ma", "ma chi so", "ma so", "ky hieu"),
    "pillar": ("pillar", "pillar vi", "tru cot"),
    "pillar_en": ("pillar en", "tru cot tieng anh"),
    "group": ("group", "nhom", "nhom chi so"),
    "name_vi": ("name vi", "name", "ten chi so", "ten", "chi so", "ten tieng viet"),
    "name_en": ("name en", "ten tieng anh", "english name"),
    "unit": ("unit", "don vi tinh", "don vi do"),
    "data_source": ("data source", "source", "nguon du lieu", "nguon so lieu", "nguon"),
    "evidence": ("evidence", "evidence expected", "minh chung", "tai lieu minh chung", "yeu cau minh chung"),
    "agency": (
        "agency",
        "co quan",
        "co quan chu tri",
        "don vi chu tri",
        "co quan cung cap",
        "don vi cung cap",
    ),
    "deadline": ("deadline", "han", "han nop", "thoi han", "han cung cap"),
    "focal_phone": ("focal phone", "sdt dau moi", "dien thoai dau moi", "so dien thoai dau moi", "sdt"),
}
REQUIRED = ("code", "pillar", "name_vi")
_DATE = re.compile(r"^\s*(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})\s*$")
_LIST = re.compile(r"[;\n]")
_LIMITS = {"code": 40, "pillar": 300, "pillar_en": 300, "group": 300, "unit": 200}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the file: the spreadsheet row (1 is the header), a code, parameters."""

    row: int
    code: str
    params: dict[str, object] = field(default_factory=dict)


class IndicatorImportError(DomainError):
    """The file was refused; `problems` lists every row that is wrong."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("indicator_import_failed", count=len(problems))
        self.problems = problems


@dataclass
class ImportedRow:
    """One checked row: an indicator, the agencies that supply it and the deadline."""

    row: int
    values: dict[str, str]
    agencies: list[Agency]
    deadline: dt.date | None
    phone: str | None


@dataclass
class ImportOutcome:
    """What an import wrote."""

    catalogue_id: int
    indicators: int
    assignments_created: int
    assignments_updated: int
    pending_focal_points: int


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().strftime("%d/%m/%Y")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_table(name: str, content: bytes) -> list[list[str]]:
    """The rows of an .xlsx (first sheet) or .csv (UTF-8, comma or semicolon) file, as text."""
    suffix = Path(name).suffix.lower()
    if suffix == ".xlsx":
        try:
            check_expanded_size(content)
        except ArchiveTooLarge as exc:
            raise IndicatorImportError([Problem(0, "expands_too_much", {"limit_mb": exc.limit_mb})]) from exc
        try:
            book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a damaged file
            raise IndicatorImportError([Problem(0, "broken_workbook", {"name": Path(name).name})]) from exc
        sheet = book.worksheets[0]
        rows = [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        book.close()
        return rows
    if suffix == ".csv":
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise IndicatorImportError([Problem(0, "not_utf8")]) from exc
        first_line = text.split("\n", 1)[0]
        # Excel saves CSV with semicolons where the decimal separator is a comma (Vietnamese locale).
        delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
        return [[c.strip() for c in row] for row in csv.reader(io.StringIO(text), delimiter=delimiter)]
    raise IndicatorImportError([Problem(0, "file_type", {"name": Path(name).name})])


def _header_map(header: list[str]) -> tuple[dict[str, int], list[Problem]]:
    lookup = {alias: column for column, aliases in COLUMNS.items() for alias in aliases}
    found: dict[str, int] = {}
    for index, title in enumerate(header):
        column = lookup.get(fold(title.replace("_", " ")))
        if column is not None and column not in found:
            found[column] = index
    missing = [c for c in REQUIRED if c not in found]
    if "agency" in found and "deadline" not in found:
        missing.append("deadline")
    return found, [Problem(1, "missing_column", {"column": c}) for c in missing]


def _parse_date(text: str) -> dt.date | None:
    match = _DATE.match(text)
    if not match:
        return None
    day, month, year = (int(g) for g in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _agency_index(agencies: list[Agency]) -> dict[str, list[Agency]]:
    # An agency's own name wins over another agency's alias (a pre-2025 name may now be an alias
    # of the merged department and the name of a row of its own at the same time).
    names = {fold(a.name): [a] for a in agencies}
    index: dict[str, list[Agency]] = {}
    for agency in agencies:
        for name in {agency.short_name or "", *agency.aliases}:
            if name and agency not in index.setdefault(fold(name), []):
                index[fold(name)].append(agency)
    index.update(names)
    return index


def parse_rows(table: list[list[str]], agencies: list[Agency]) -> list[ImportedRow]:
    """Check every row against the known agencies; raise with all problems, or return the rows."""
    rows = [r for r in table if any(c.strip() for c in r)]
    if not rows:
        raise IndicatorImportError([Problem(1, "empty")])
    columns, problems = _header_map(table[0])
    if problems:
        raise IndicatorImportError(problems)
    index = _agency_index(agencies)
    seen: dict[str, int] = {}
    out: list[ImportedRow] = []
    for number, raw in enumerate(table[1:], start=2):
        if not any(c.strip() for c in raw):
            continue
        values = {c: (raw[i].strip() if i < len(raw) else "") for c, i in columns.items()}
        before = len(problems)
        for column in REQUIRED:
            if not values[column]:
                problems.append(Problem(number, "empty_cell", {"column": column}))
        for column, limit in _LIMITS.items():
            if len(values.get(column, "")) > limit:
                problems.append(Problem(number, "too_long", {"column": column, "limit": limit}))
        code = values["code"]
        if code and fold(code) in seen:
            problems.append(Problem(number, "duplicate_code", {"code": code, "first": seen[fold(code)]}))
        seen.setdefault(fold(code), number)
        chosen: list[Agency] = []
        for name in (n.strip() for n in _LIST.split(values.get("agency", "")) if n.strip()):
            matches = index.get(fold(name), [])
            if len(matches) != 1:
                problems.append(
                    Problem(number, "unknown_agency" if not matches else "ambiguous_agency", {"agency": name})
                )
            elif matches[0] not in chosen:
                chosen.append(matches[0])
        deadline = None
        if values.get("agency"):
            deadline = _parse_date(values.get("deadline", ""))
            if deadline is None:
                problems.append(Problem(number, "bad_deadline", {"value": values.get("deadline", "")}))
        phone = None
        if values.get("focal_phone"):
            try:
                phone = normalise_phone(values["focal_phone"])
            except DomainError:
                problems.append(Problem(number, "bad_phone", {"value": values["focal_phone"]}))
            if len(chosen) != 1:
                problems.append(Problem(number, "phone_needs_one_agency"))
        if len(problems) == before:
            out.append(ImportedRow(number, values, chosen, deadline, phone))
    if problems:
        raise IndicatorImportError(problems)
    return out


async def _named(session: AsyncSession, model: type, **where: object):  # type: ignore[no-untyped-def]
    found = await session.execute(select(model).filter_by(**where))
    return found.scalar_one_or_none()


async def import_indicators(
    session: AsyncSession,
    event_id: int,
    name: str,
    content: bytes,
    *,
    year: int,
    title: str,
    is_sample: bool = False,
    now: dt.datetime,
    actor_label: str = "import",
    actor_person_id: int | None = None,
) -> ImportOutcome:
    """Check the whole file, then write the catalogue and the event's assignments (upserted by
    code and by indicator × agency). Raises IndicatorImportError before writing anything."""
    agencies = list((await session.execute(select(Agency))).scalars())
    rows = parse_rows(read_table(name, content), agencies)
    catalogue = await _named(session, Catalogue, year=year, title=title)
    if catalogue is None:
        catalogue = Catalogue(year=year, title=title, is_sample=is_sample, created_at=now)
        session.add(catalogue)
        await session.flush()
    catalogue.is_sample = is_sample
    pillars: dict[str, Pillar] = {}
    created = updated = pending = 0
    for position, row in enumerate(rows, start=1):
        v = row.values
        pillar = pillars.get(fold(v["pillar"])) or await _named(
            session, Pillar, catalogue_id=catalogue.id, name_vi=v["pillar"]
        )
        if pillar is None:
            pillar = Pillar(catalogue_id=catalogue.id, name_vi=v["pillar"], position=len(pillars) + 1)
            session.add(pillar)
            await session.flush()
        pillar.name_en = v.get("pillar_en") or pillar.name_en
        pillars[fold(v["pillar"])] = pillar
        group = None
        if v.get("group"):
            group = await _named(session, IndicatorGroup, pillar_id=pillar.id, name=v["group"])
            if group is None:
                group = IndicatorGroup(pillar_id=pillar.id, name=v["group"])
                session.add(group)
                await session.flush()
        indicator = await _named(session, Indicator, catalogue_id=catalogue.id, code=v["code"])
        if indicator is None:
            indicator = Indicator(
                catalogue_id=catalogue.id, code=v["code"], pillar_id=pillar.id, name_vi=v["name_vi"]
            )
            session.add(indicator)
        indicator.pillar_id, indicator.group_id = pillar.id, group.id if group else None
        indicator.position, indicator.name_vi, indicator.is_sample = position, v["name_vi"], is_sample
        indicator.name_en = v.get("name_en") or None
        indicator.unit = v.get("unit") or None
        indicator.data_source = v.get("data_source") or None
        indicator.evidence_expected = v.get("evidence") or None
        await session.flush()
        for agency in row.agencies:
            assert row.deadline is not None
            assignment = await _named(
                session, Assignment, event_id=event_id, indicator_id=indicator.id, agency_id=agency.id
            )
            if assignment is None:
                assignment = Assignment(
                    event_id=event_id,
                    indicator_id=indicator.id,
                    agency_id=agency.id,
                    deadline=row.deadline,
                    status=AssignmentStatus.NOT_STARTED,
                    created_at=now,
                    updated_at=now,
                )
                session.add(assignment)
                await session.flush()
                session.add(
                    StatusChange(
                        assignment_id=assignment.id,
                        from_status=None,
                        by_label=actor_label,
                        to_status=AssignmentStatus.NOT_STARTED,
                        at=now,
                        by_person_id=actor_person_id,
                    )
                )
                created += 1
            elif assignment.deadline != row.deadline:
                assignment.deadline, assignment.escalated_at = row.deadline, None
                updated += 1
            if row.phone:
                await add_focal_by_phone(
                    session, event_id, agency.id, row.phone, added_by=actor_person_id, now=now
                )
                pending += 1
    await repo.record_audit(
        session,
        "indicators.imported",
        event_id=event_id,
        actor_label=actor_label,
        actor_person_id=actor_person_id,
        catalogue=catalogue.id,
        rows=len(rows),
    )
    await session.flush()
    return ImportOutcome(catalogue.id, len(rows), created, updated, pending)
