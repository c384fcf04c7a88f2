"""Reading Word plans: paragraphs for the prose, real Word tables (with merged cells)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import pytest

from bot.domain.plan import PlanImportError, read_event_source
from storage.enums import AgendaKind

TALK = AgendaKind.TALK


def _fill(table, rows: list[list[str]]) -> None:
    for cells, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(cells.cells, values, strict=True):
            cell.text = value


def build_plan(path: Path) -> Path:
    """A plan like organisers write in Word: prose, a programme and a delegate list."""
    document = docx.Document()
    document.add_paragraph("SỞ KHOA HỌC VÀ CÔNG NGHỆ")
    document.add_heading("KẾ HOẠCH", level=1)
    document.add_paragraph("Tổ chức Hội thảo “Nâng cao chỉ số PII tỉnh Quảng Trị năm 2026”")
    document.add_paragraph("1. Thời gian: 08 giờ 00, ngày 20/10/2026")
    document.add_paragraph(
        "2. Địa điểm: Hội trường Sở Khoa học và Công nghệ - 204 Hùng Vương, TP. Đông Hà, tỉnh Quảng Trị"
    )
    document.add_paragraph("3. Chủ trì: Giám đốc Sở Khoa học và Công nghệ")
    document.add_paragraph("4. Thành phần: Khoảng 30 - 35 đại biểu (Phụ lục)")

    # Programme: the time cell of the two talks is merged vertically, "Giải lao" across columns.
    programme = document.add_table(rows=7, cols=4)
    _fill(
        programme,
        [
            ["TT", "Thời gian", "Nội dung", "Người trình bày"],
            ["1", "8h00'-8h15'", "Khai mạc hội thảo", "Giám đốc Sở"],
            ["2", "8h15'-9h30'", "Tham luận: Kết quả PII năm 2025", "Phòng QLCN&ĐMST"],
            ["3", "", "Tham luận: Kinh nghiệm của tỉnh bạn", "Chuyên gia"],
            ["4", "9h30'-9h45'", "Giải lao", ""],
            ["5", "9h45'-10h30'", "Thảo luận", "Các đại biểu"],
            ["6", "10h30'-10h45'", "Bế mạc", "Giám đốc Sở"],
        ],
    )
    programme.cell(2, 1).merge(programme.cell(3, 1))
    programme.cell(4, 2).merge(programme.cell(4, 3))

    document.add_paragraph("DANH SÁCH ĐẠI BIỂU")
    delegates = document.add_table(rows=6, cols=4)
    _fill(
        delegates,
        [
            ["Phụ lục", "", "", ""],
            ["STT", "Cơ quan, đơn vị", "Số lượng", "Ghi chú"],
            ["1", "Đại diện lãnh đạo UBND tỉnh", "02", ""],
            ["2", "Lãnh đạo Sở Tài chính và cán bộ làm đầu mối thu thập dữ liệu", "2", ""],
            ["3", "Sở Nông nghiệp và PTNT", "1", "Mời theo tên cũ"],
            ["4", "Sở Khoa học và Công nghệ", "10", ""],
        ],
    )
    # A title row merged across the whole table, above the real header.
    delegates.cell(0, 0).merge(delegates.cell(0, 3))
    # "Ghi chú" merged over two rows: python-docx repeats the text in both.
    delegates.cell(4, 3).merge(delegates.cell(5, 3))
    target = path / "ke-hoach.docx"
    document.save(target)
    return target


@pytest.fixture
def word_plan(tmp_path):
    return read_event_source(build_plan(tmp_path))


def test_docx_prose(word_plan):
    draft, report = word_plan
    assert draft.title == "Nâng cao chỉ số PII tỉnh Quảng Trị năm 2026"
    assert draft.host == "Sở Khoa học và Công nghệ"
    assert draft.province == "Quảng Trị"
    assert draft.start_date == dt.date(2026, 10, 20)
    assert draft.venue.name == "Hội trường Sở Khoa học và Công nghệ"
    assert draft.venue.address == "204 Hùng Vương, TP. Đông Hà, tỉnh Quảng Trị"
    assert draft.chair == "Giám đốc Sở Khoa học và Công nghệ"
    assert draft.total_delegates == 35
    assert draft.slug == "hoi-thao-pii-quang-tri-2026"
    assert report.problems == []


def test_docx_programme_with_merged_cells(word_plan):
    draft, _ = word_plan
    assert [(a.title, a.start, a.end, a.presenter, a.kind) for a in draft.agenda] == [
        ("Khai mạc hội thảo", dt.time(8, 0), dt.time(8, 15), "Giám đốc Sở", AgendaKind.OPENING),
        ("Kết quả PII năm 2025", dt.time(8, 15), dt.time(9, 30), "Phòng QLCN&ĐMST", TALK),
        ("Kinh nghiệm của tỉnh bạn", dt.time(8, 15), dt.time(9, 30), "Chuyên gia", TALK),
        ("Giải lao", dt.time(9, 30), dt.time(9, 45), None, AgendaKind.BREAK),
        ("Thảo luận", dt.time(9, 45), dt.time(10, 30), "Các đại biểu", AgendaKind.DISCUSSION),
        ("Bế mạc", dt.time(10, 30), dt.time(10, 45), "Giám đốc Sở", AgendaKind.CLOSING),
    ]
    assert (draft.start_time, draft.end_time) == (dt.time(8, 0), dt.time(10, 45))


def test_docx_delegates_with_title_row_and_merged_note(word_plan):
    draft, _ = word_plan
    assert [(s.agency, s.seats, s.note) for s in draft.seats] == [
        ("UBND tỉnh", 2, "Đại diện lãnh đạo"),
        ("Sở Tài chính", 2, "Lãnh đạo và cán bộ làm đầu mối thu thập dữ liệu"),
        ("Sở Nông nghiệp và PTNT", 1, "Mời theo tên cũ"),
        ("Sở Khoa học và Công nghệ", 10, "Mời theo tên cũ"),
    ]
    assert "Sở Nông nghiệp và Môi trường" in draft.agencies[2].aliases


def test_corrupt_docx_is_refused(tmp_path):
    real = build_plan(tmp_path).read_bytes()
    broken = tmp_path / "hong.docx"
    broken.write_bytes(real[: len(real) // 2])
    with pytest.raises(PlanImportError) as caught:
        read_event_source(broken)
    assert (caught.value.code, caught.value.location) == ("corrupt_docx", None)


def test_a_docx_with_nothing_usable_is_refused(tmp_path):
    document = docx.Document()
    document.add_paragraph("Biên bản họp giao ban")
    path = tmp_path / "bien-ban.docx"
    document.save(path)
    with pytest.raises(PlanImportError) as caught:
        read_event_source(path)
    assert caught.value.code == "nothing_usable"


def test_an_empty_docx_is_refused(tmp_path):
    path = tmp_path / "trong.docx"
    docx.Document().save(path)
    with pytest.raises(PlanImportError) as caught:
        read_event_source(path)
    assert caught.value.code == "empty_file"
