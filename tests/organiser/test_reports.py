"""The workbook opened back with openpyxl, and the chart decoded as an image."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from openpyxl import load_workbook
from PIL import Image

from bot.documents.attendance_chart import attendance_chart
from bot.documents.attendance_workbook import build_workbook
from bot.domain.reports.attendance import collect_report
from bot.i18n import translator
from storage import repositories as repo
from tests.organiser.helpers import build_data_set, say

pytestmark = pytest.mark.db

SUMMARY_HEADERS = [
    "STT",
    "Cơ quan",
    "Số chỗ",
    "Xác nhận",
    "Từ chối",
    "Chưa trả lời",
    "Danh sách chờ",
    "Chờ duyệt",
    "Đã điểm danh",
    "Ghi chú",
]
SIGN_IN_HEADERS = ["STT", "Họ và tên", "Chức vụ", "Cơ quan", "Số điện thoại", "Ký nhận"]


async def _report(sessions, event_id, indicators=None):  # type: ignore[no-untyped-def]
    async with sessions() as session:
        event = await repo.event_with_details(session, event_id)
        return await collect_report(session, event, indicators)


async def test_export_sends_workbook_and_chart(core, sessions, make_event):
    await build_data_set(sessions, make_event)
    (reply,) = await say(core, "/xuatbaocao", user="org")
    assert "3 đại biểu đã xác nhận, 1 người trong danh sách chờ" in reply.text
    workbook_file, chart_file = reply.files
    assert workbook_file.filename.endswith("-bao-cao.xlsx") and chart_file.filename.endswith("-bieu-do.png")
    assert chart_file.is_photo
    book = load_workbook(io.BytesIO(workbook_file.data))
    assert book.sheetnames == ["Tổng hợp", "Danh sách ký nhận", "Danh sách chờ"]
    assert Image.open(io.BytesIO(chart_file.data)).format == "PNG"


async def test_summary_sheet(sessions, make_event):
    data = await build_data_set(sessions, make_event)
    book = load_workbook(io.BytesIO(build_workbook(await _report(sessions, data.event_id), translator("vi"))))
    sheet = book["Tổng hợp"]
    assert [c.value for c in sheet[1]] == SUMMARY_HEADERS
    assert all(c.font.bold for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["B"].width == 45
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert rows == [
        [1, "UBND tỉnh", 2, 0, 0, 1, 0, 0, 0, "Chưa trả lời"],
        [2, "Sở Tài chính", 1, 1, 0, 0, 1, 0, 1, None],
        [3, "Sở Khoa học và Công nghệ", 5, 2, 1, 1, 0, 0, 1, None],
        [4, "Sở Nội vụ", 3, 0, 0, 0, 0, 0, 0, "Chưa trả lời"],
        [None, "Tổng cộng", 11, 3, 1, 2, 1, 0, 2, None],
    ]


async def test_sign_in_sheet_is_grouped_and_ready_to_print(sessions, make_event):
    data = await build_data_set(sessions, make_event)
    book = load_workbook(io.BytesIO(build_workbook(await _report(sessions, data.event_id), translator("vi"))))
    sheet = book["Danh sách ký nhận"]
    assert [c.value for c in sheet[1]] == SIGN_IN_HEADERS
    assert all(c.font.bold for c in sheet[1])
    # Header, then per agency (plan order) a bold agency row and its confirmed delegates.
    assert sheet.max_row == 1 + 3 + 2  # three confirmed delegates, two agencies with delegates
    values = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert values[0][0] == "Sở Tài chính" and sheet.cell(row=2, column=1).font.bold
    assert values[1][:5] == [1, "Hoàng Văn Em", "Chuyên viên", "Sở Tài chính", "0912000004"]
    assert values[2][0] == "Sở Khoa học và Công nghệ" and sheet.cell(row=4, column=1).font.bold
    assert [row[1] for row in values[3:]] == ["Nguyễn Văn An", "Trần Thị Bình"]
    assert [row[0] for row in values[3:]] == [2, 3]
    assert all(row[5] is None for row in values)  # the signature column is left empty
    assert "A2:F2" in {str(r) for r in sheet.merged_cells.ranges}
    assert sheet.column_dimensions["F"].width >= 20
    assert sheet.sheet_format.defaultRowHeight == 30 and sheet.sheet_format.customHeight
    assert (
        sheet.page_setup.orientation == "portrait" and str(sheet.page_setup.paperSize) == sheet.PAPERSIZE_A4
    )
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToWidth == 1
    assert sheet.print_title_rows == "$1:$1"
    assert sheet.freeze_panes == "A2"
    # For paper: every cell of the table boxed, the print area is the table, phones are text.
    assert sheet.print_area == "'Danh sách ký nhận'!$A$1:$F$6"
    for row in sheet.iter_rows(min_row=1, max_row=6, max_col=6):
        for cell in row:
            if cell.coordinate in sheet.merged_cells:
                continue
            assert all(
                getattr(cell.border, side).style == "thin" for side in ("left", "right", "top", "bottom")
            )
    assert sheet.cell(row=3, column=5).number_format == "@" and sheet.cell(row=3, column=5).data_type == "s"
    assert "26/11/2026" in sheet.oddHeader.left.text


async def test_waitlist_sheet_and_optional_indicators(sessions, make_event):
    data = await build_data_set(sessions, make_event)

    async def indicators(session, event_id):  # type: ignore[no-untyped-def]
        return pd.DataFrame([["1.1", "Đã nộp"]], columns=["Mã chỉ số", "Tình trạng"])

    book = load_workbook(
        io.BytesIO(build_workbook(await _report(sessions, data.event_id, indicators), translator("vi")))
    )
    assert book.sheetnames == ["Tổng hợp", "Danh sách ký nhận", "Danh sách chờ", "Chỉ số"]
    waitlist = book["Danh sách chờ"]
    assert [c.value for c in waitlist[1]] == [
        "STT",
        "Họ và tên",
        "Chức vụ",
        "Cơ quan",
        "Số điện thoại",
        "Tình trạng",
    ]
    assert [c.value for c in waitlist[2]] == [
        1,
        "Vũ Thị Giang",
        "Chuyên viên",
        "Sở Tài chính",
        "0912000005",
        "Đang chờ",
    ]
    assert waitlist.max_row == 2
    assert [c.value for c in book["Chỉ số"][1]] == ["Mã chỉ số", "Tình trạng"]


async def test_english_workbook(sessions, make_event):
    data = await build_data_set(sessions, make_event)
    book = load_workbook(io.BytesIO(build_workbook(await _report(sessions, data.event_id), translator("en"))))
    assert book.sheetnames == ["Summary", "Sign-in sheet", "Waitlist"]


async def test_chart_is_a_png_sized_to_the_agencies(sessions, make_event):
    data = await build_data_set(sessions, make_event)
    report = await _report(sessions, data.event_id)
    image = Image.open(io.BytesIO(attendance_chart(report.summary, translator("vi"), report.title)))
    assert image.format == "PNG"
    width, height = image.size
    assert width == 1210 and 300 <= height <= 600  # 11 inches at 110 dpi; ~0.4 inch per agency
