"""The printable sign-in sheet: a real PDF, read back with pypdf; from the bot and the CLI."""

from __future__ import annotations

import datetime as dt
import io
import unicodedata

import pytest
from pypdf import PdfReader

from bot.cli.reports import write_report
from bot.documents.sign_in_pdf import sign_in_pdf
from bot.domain.checkin.attendance import AgencyLine, AttendanceSummary
from bot.domain.reports.attendance import DelegateRow, ReportData
from bot.i18n import translator
from tests.organiser.helpers import build_data_set, say, text_of

VI = translator("vi")
NAMES = [
    "Nguyễn Thị Hường",
    "Trần Quốc Việt",
    "Lê Thị Ánh Tuyết",
    "Phạm Đức Thắng",
    "Hoàng Thị Ngọc Diệp",
]
AGENCIES = ["Sở Khoa học và Công nghệ", "Sở Tài chính", "Ủy ban nhân dân tỉnh Quảng Trị"]


def _data(count: int, **extra) -> ReportData:  # type: ignore[no-untyped-def]
    empty = AgencyLine("", 0, 0, 0, 0, 0, 0)
    delegates = [
        DelegateRow(
            AGENCIES[n * len(AGENCIES) // count],
            f"{NAMES[n % len(NAMES)]} {n + 1}",
            "Phó Giám đốc",
            "+842333852123",
            None,
        )
        for n in range(count)
    ]
    fields = {
        "date": dt.date(2026, 11, 26),
        "times": "07:30–11:30",
        "venue": "Hội trường Sở KH&CN, 204 Hùng Vương",
    }
    return ReportData(
        "Hội thảo Chỉ số Đổi mới sáng tạo cấp địa phương (PII) năm 2026",
        AttendanceSummary([], empty, []),
        delegates,
        [],
        None,
        **{**fields, **extra},
    )


def _pages(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def test_pdf_is_a4_with_heading_groups_and_vietnamese_names_intact():
    pdf = sign_in_pdf(_data(6), VI)
    reader = PdfReader(io.BytesIO(pdf))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 in points
    text = _pages(pdf)[0]
    for line in (
        "DANH SÁCH ĐẠI BIỂU KÝ NHẬN",
        "Hội thảo Chỉ số Đổi mới sáng tạo cấp địa phương (PII) năm 2026",
        "Thời gian: 07:30–11:30 ngày 26/11/2026",
        "Địa điểm: Hội trường Sở KH&CN, 204 Hùng Vương",
        "STT Họ và tên Chức vụ Số điện thoại Ký nhận",
        "Ủy ban nhân dân tỉnh Quảng Trị",
        "Nguyễn Thị Hường 1",
        "Lê Thị Ánh Tuyết 3",
        "Hoàng Thị Ngọc Diệp 5",
        "Tổng số: 6 đại biểu.",
        "Trang 1/1",
    ):
        assert line in text, line
    assert "02333852123" in text and "+84" not in text
    # Agencies in the given order, each once, before their delegates.
    assert (
        text.index("Sở Khoa học và Công nghệ") < text.index("Nguyễn Thị Hường 1") < text.index("Sở Tài chính")
    )
    assert text.count("Sở Tài chính") == 1
    # The font is embedded (a subset of DejaVu Sans), so every printer shows the same letters.
    fonts = {
        str(f["/BaseFont"]) for p in reader.pages for f in p["/Resources"]["/Font"].get_object().values()
    }
    assert any("DejaVuSans" in name for name in fonts)
    descriptor = next(iter(reader.pages[0]["/Resources"]["/Font"].get_object().values())).get_object()
    assert "/DescendantFonts" in descriptor


def test_decomposed_names_are_printed_composed():
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Hường")
    data = _data(1)
    data.delegates[0] = DelegateRow(AGENCIES[0], decomposed, None, None, None)
    assert "Nguyễn Thị Hường" in _pages(sign_in_pdf(data, VI))[0]


def test_long_list_repeats_the_header_and_numbers_every_page():
    pages = _pages(sign_in_pdf(_data(70), VI))
    assert len(pages) >= 3
    for number, text in enumerate(pages, start=1):
        assert "STT Họ và tên Chức vụ Số điện thoại Ký nhận" in text
        assert f"Trang {number}/{len(pages)}" in text
    everything = "\n".join(pages)
    assert all(f"{NAMES[n % len(NAMES)]} {n + 1}" in everything for n in range(70))
    assert "Tổng số: 70 đại biểu." in pages[-1]


def test_date_not_fixed_and_no_delegates():
    text = _pages(sign_in_pdf(_data(0, date=None, date_note="...../6/2024", venue=""), VI))[0]
    assert "ngày ...../6/2024 (chưa ấn định)" in text
    assert "Chưa có đại biểu nào xác nhận tham dự." in text and "Địa điểm" not in text


@pytest.mark.db
async def test_organiser_gets_the_pdf_in_the_bot_and_others_do_not(core, sessions, make_event):
    data = await build_data_set(sessions, make_event)
    assert "chỉ dành cho Ban Tổ chức" in text_of(await say(core, "/kynhan", user="d-an"))
    replies = await say(core, "/kynhan", user="org")
    assert "3 đại biểu đã xác nhận" in replies[0].text
    sheet = replies[0].files[0]
    assert sheet.filename == "hoi-thao-pii-tinh-thu-nghiem-2026-danh-sach-ky-nhan.pdf"
    assert sheet.mime_type == "application/pdf"
    text = _pages(sheet.data)[0]
    assert "Hoàng Văn Em" in text and "Nguyễn Văn An" in text and "Trần Thị Bình" in text
    assert "Vũ Thị Giang" not in text  # waitlisted: not on the sign-in sheet
    assert "Hội trường A, 1 Lê Lợi" in text and "26/11/2026" in text
    assert data.event_id


@pytest.mark.db
async def test_cli_writes_the_pdf(settings, engine, sessions, make_event, tmp_path, capsys):
    data = await build_data_set(sessions, make_event)
    cli = settings.model_copy(update={"database_url": engine.url.render_as_string(hide_password=False)})
    target = tmp_path / "ky-nhan.pdf"
    assert await write_report(cli, VI, str(data.event_id), None, None, target) == 0
    assert f"Đã ghi danh sách ký nhận (PDF): {target}" in capsys.readouterr().out
    assert "Trần Thị Bình" in _pages(target.read_bytes())[0]
    assert await write_report(cli, VI, str(data.event_id), None, None, None) == 2
    assert "ít nhất một tệp" in capsys.readouterr().err
