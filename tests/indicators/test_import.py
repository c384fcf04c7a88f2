"""Importing the organisers' indicator spreadsheet: problems reported by row, nothing written."""

from __future__ import annotations

import io

import openpyxl
import pytest
from sqlalchemy import func, select

from bot.cli.indicators import problem_lines
from bot.domain.indicators.catalogue_import import IndicatorImportError
from bot.domain.indicators.sample import sample_csv
from bot.i18n import translator
from storage.indicator_models import Assignment, AssignmentStatus, Catalogue, Indicator, StatusChange
from tests.indicators.conftest import HEADER, ROWS, csv_bytes, import_rows

pytestmark = pytest.mark.db


async def counts(sessions) -> tuple[int, int, int, int]:  # type: ignore[no-untyped-def]
    """Rows in the catalogue, indicator, assignment and history tables."""
    async with sessions() as session:
        return tuple(
            [
                (await session.execute(select(func.count()).select_from(m))).scalar_one()
                for m in (Catalogue, Indicator, Assignment, StatusChange)
            ]
        )  # type: ignore[return-value]


async def refused(sessions, event_id: int, content: bytes, name: str = "phan-cong.csv") -> list[str]:  # type: ignore[no-untyped-def]
    """The Vietnamese problem lines of a refused file."""
    with pytest.raises(IndicatorImportError) as caught:
        await import_rows(sessions, event_id, content, name)
    return problem_lines(translator("vi"), caught.value)


async def test_valid_file_creates_catalogue_and_assignments_with_history(sessions, make_event):
    event_id = await make_event()
    outcome = await import_rows(sessions, event_id, csv_bytes(*ROWS))
    assert (outcome.indicators, outcome.assignments_created, outcome.assignments_updated) == (4, 4, 0)
    async with sessions() as session:
        statuses = (await session.execute(select(Assignment.status))).scalars().all()
        assert statuses == [AssignmentStatus.NOT_STARTED] * 4
        history = (await session.execute(select(StatusChange))).scalars().all()
        assert {(h.from_status, h.to_status, h.by_label) for h in history} == {
            (None, AssignmentStatus.NOT_STARTED, "import")
        }
    # Importing again with a new deadline updates in place: no duplicates.
    again = await import_rows(
        sessions, event_id, csv_bytes(ROWS[0].replace("18/11/2026", "25/11/2026"), *ROWS[1:])
    )
    assert (again.assignments_created, again.assignments_updated) == (0, 1)
    assert await counts(sessions) == (1, 4, 4, 4)


async def test_every_bad_row_is_reported_and_nothing_is_written(sessions, make_event):
    event_id = await make_event()
    rows = [
        ROWS[0],
        ROWS[1].replace("23/11/2026", "31/02/2026"),
        ROWS[2].replace("Sở Tài chính", "Sở Không Tồn Tại"),
        ROWS[3].replace("P7.a", "P1.a"),
    ]
    lines = await refused(sessions, event_id, csv_bytes(*rows))
    assert lines == [
        "Dòng 3: hạn nộp «31/02/2026» không đúng dạng ngày dd/mm/yyyy.",
        "Dòng 4: không tìm thấy cơ quan «Sở Không Tồn Tại» (tên, tên viết tắt hoặc tên cũ).",
        "Dòng 5: mã chỉ số «P1.a» đã có ở dòng 2.",
    ]
    assert await counts(sessions) == (0, 0, 0, 0)


async def test_missing_column_is_named(sessions, make_event):
    event_id = await make_event()
    header = HEADER.replace("code,", "")
    lines = await refused(sessions, event_id, csv_bytes(*[r.split(",", 1)[1] for r in ROWS], header=header))
    assert lines == ["Dòng 1: thiếu cột «code»."]
    assert await counts(sessions) == (0, 0, 0, 0)


async def test_vietnamese_headers_in_an_xlsx_file(sessions, make_event):
    event_id = await make_event()
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Mã chỉ số", "Trụ cột", "Tên chỉ số", "Cơ quan chủ trì", "Hạn nộp", "SĐT đầu mối"])
    sheet.append(["P3.b", "Cơ sở hạ tầng", "Hạ tầng số", "sở tài chính", "05/12/2026", "0912 345 678"])
    buffer = io.BytesIO()
    book.save(buffer)
    outcome = await import_rows(sessions, event_id, buffer.getvalue(), "phan-cong.xlsx")
    assert (outcome.indicators, outcome.assignments_created, outcome.pending_focal_points) == (1, 1, 1)


async def test_a_renamed_or_damaged_file_is_refused(sessions, make_event):
    event_id = await make_event()
    assert await refused(sessions, event_id, b"not a workbook", "phan-cong.xlsx") == [
        "Tệp: không mở được tệp «phan-cong.xlsx»: tệp bị hỏng hoặc không phải tệp Excel .xlsx. Quý vị vui lòng "
        "mở tệp bằng Excel, lưu lại dưới dạng .xlsx rồi nhập lại."
    ]
    assert await refused(sessions, event_id, b"x", "phan-cong.pdf") == [
        "Tệp: chỉ nhận tệp .xlsx hoặc .csv (không nhận «phan-cong.pdf»)."
    ]
    assert await counts(sessions) == (0, 0, 0, 0)


async def test_the_bundled_sample_catalogue_has_33_indicators(sessions, make_event):
    event_id = await make_event()
    async with sessions() as session, session.begin():
        from bot.domain.indicators.catalogue_import import import_indicators
        from tests.conftest import NOW

        outcome = await import_indicators(
            session,
            event_id,
            "sample.csv",
            sample_csv().encode(),
            year=2026,
            title="mẫu",
            is_sample=True,
            now=NOW,
        )
    assert (outcome.indicators, outcome.assignments_created) == (33, 0)
    async with sessions() as session:
        flags = set((await session.execute(select(Indicator.is_sample))).scalars())
        assert flags == {True}
