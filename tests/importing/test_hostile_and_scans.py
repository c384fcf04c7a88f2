"""Hostile files get a clear refusal; scans are read by Tesseract where it is installed."""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile

import pytesseract
import pytest

from bot.domain.plan import PlanImportError, read_event_bytes, read_event_source
from bot.domain.plan.ocr import ocr_available
from tests.importing import genre_builders as build
from tests.importing.genre_corpus import PLAN_TABLES


def refused(data: bytes, name: str) -> PlanImportError:
    with pytest.raises(PlanImportError) as caught:
        read_event_bytes(data, name)
    return caught.value


def test_a_zip_bomb_docx_is_refused_before_parsing():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", b"\0" * (200 * 1024 * 1024))
    data = buffer.getvalue()
    assert len(data) < 1024 * 1024  # small on the wire
    error = refused(data, "bom.docx")
    assert (error.code, error.params) == ("unpacked_too_large", {"limit_mb": 60})


def test_a_100_mb_file_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "lon.pdf"
    with path.open("wb") as handle:
        handle.truncate(100 * 1024 * 1024)
    with pytest.raises(PlanImportError) as caught:
        read_event_source(path)
    assert (caught.value.code, caught.value.params) == ("file_too_large", {"limit_mb": 10})


@pytest.mark.parametrize(
    ("name", "code"),
    [("rac.pdf", "corrupt_pdf"), ("rac.docx", "corrupt_docx"), ("rac.txt", "not_utf8")],
)
def test_binary_garbage_is_refused(name, code):
    assert refused(b"\x01\x02" + os.urandom(4096), name).code == code


def test_a_pdf_named_docx_is_refused_naming_both():
    error = refused(build.to_pdf(PLAN_TABLES), "ke-hoach.docx")
    assert (error.code, error.params) == (
        "extension_mismatch",
        {"extension": ".docx", "actual": "pdf"},
    )


def test_a_text_pdf_with_its_header_as_first_line_reads_its_tables():
    draft, _report = read_event_bytes(build.to_pdf(PLAN_TABLES), "ke-hoach.pdf")
    assert [(s.agency, s.seats) for s in draft.seats][:2] == [("UBND tỉnh", 2), ("Sở Tài chính", 2)]


SCAN = """UBND TỈNH HÀ TĨNH
SỞ KHOA HỌC VÀ CÔNG NGHỆ
GIẤY MỜI
Dự Hội thảo “Đổi mới sáng tạo trong nông nghiệp”
Thời gian: 8 giờ 00, ngày 20/11/2025.
Địa điểm: Hội trường Sở, số 11 Nguyễn Du, phường Thành Sen.
"""


@pytest.mark.skipif(not ocr_available(), reason="tesseract with its vie model is not installed")
def test_a_scanned_pdf_is_read_through_tesseract():
    draft, _report = read_event_bytes(build.to_scanned_pdf(SCAN), "scan.pdf")
    assert draft.start_date == dt.date(2025, 11, 20)
    assert draft.start_time == dt.time(8, 0)
    assert "Đổi mới sáng tạo" in draft.title
    assert draft.venue is not None and "Nguyễn Du" in (draft.venue.address or "")


def test_without_tesseract_a_scan_gets_one_clear_reason(monkeypatch):
    # Point pytesseract at a binary that does not exist, as on a machine without Tesseract.
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "/nonexistent/tesseract")
    ocr_available.cache_clear()
    try:
        assert refused(build.to_scanned_pdf(SCAN), "scan.pdf").code == "ocr_unavailable"
    finally:
        monkeypatch.undo()
        ocr_available.cache_clear()
