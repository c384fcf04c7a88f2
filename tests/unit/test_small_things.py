"""Small things people notice, without a database: agency search order and misses, the English
plural, the chart title, the exported date line, indicator dates in the workbook."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field

import pandas as pd
import yaml
from matplotlib.backends.backend_agg import FigureCanvasAgg
from openpyxl import load_workbook

from bot.documents.attendance_chart import chart_figure
from bot.documents.attendance_workbook import build_workbook
from bot.domain.checkin.attendance import AgencyLine, AttendanceSummary
from bot.domain.plan import load_event_yaml
from bot.domain.plan.event_file import dump_event_yaml
from bot.domain.registration.agency_search import rank_agencies
from bot.domain.reports.attendance import ReportData
from bot.i18n import translator
from tests.conftest import event_draft


@dataclass(eq=False)
class Named:
    """An agency as the search sees it."""

    name: str
    short_name: str | None = None
    aliases: list[str] = field(default_factory=list)


AGENCIES = [
    Named("Sở KH&ĐT", "Sở KH&ĐT", ["Sở Kế hoạch và Đầu tư", "Sở Tài chính"]),  # the 2025 alias
    Named("Sở Khoa học và Công nghệ", "Sở KH&CN"),
    Named("Sở Tài chính"),
    Named("Sở Y tế"),
    Named("Ban Quản lý khu Kinh tế"),
]


def _names(query: str) -> list[str]:
    return [agency.name for agency in rank_agencies(query, AGENCIES)]


def test_exact_current_name_comes_before_a_former_name():
    assert _names("Sở Tài chính")[0] == "Sở Tài chính"
    assert _names("tai chinh")[0] == "Sở Tài chính"
    assert _names("Sở Kế hoạch và Đầu tư") == ["Sở KH&ĐT"]


def test_a_query_that_matches_nothing_offers_nothing():
    for query in ("Sở Tư pháp", "Công an tỉnh", "Sở Giáo dục", "qwerty"):
        assert _names(query) == [], query
    assert _names("y te") == ["Sở Y tế"] and _names("khoa hoc") == ["Sở Khoa học và Công nghệ"]


def test_english_says_one_day_and_two_days():
    en, vi = translator("en"), translator("vi")
    assert en.plural("indicators.days.left", 1, days=1) == "1 day left"
    assert en.plural("indicators.days.overdue", 2, days=2) == "2 days overdue"
    assert vi.plural("indicators.days.left", 1, days=1) == "còn 1 ngày"


def test_long_chart_title_is_whole_and_inside_the_picture():
    title = "Giải pháp cải thiện, nâng cao Bộ chỉ số đổi mới sáng tạo cấp địa phương (PII) tỉnh Quảng Trị, năm 2024"
    line = AgencyLine("Sở Tài chính", 2, 1, 0, 1, 0, 0)
    figure = chart_figure(AttendanceSummary([line], line, []), translator("vi"), title)
    renderer = FigureCanvasAgg(figure).get_renderer()
    heading = figure.texts[0]
    assert " ".join(heading.get_text().split()) == f"Tham dự theo cơ quan — {title}"
    box, page = heading.get_window_extent(renderer), figure.bbox
    assert page.x0 <= box.x0 and box.x1 <= page.x1 and box.y1 <= page.y1


def test_exported_event_without_a_date_has_a_date_line_to_fill_in():
    text = dump_event_yaml(event_draft(date=None, date_note="...../6/2024"))
    assert "\ndate:  # dd/mm/yyyy\n" in text
    assert yaml.safe_load(text)["date"] is None
    draft, _ = load_event_yaml(text)
    assert draft.start_date is None and draft.date_note == "...../6/2024"
    filled, _ = load_event_yaml(text.replace("date:  # dd/mm/yyyy", "date: 26/11/2026"))
    assert filled.start_date == dt.date(2026, 11, 26)


def test_indicator_sheet_shows_dates_as_dd_mm_yyyy():
    line = AgencyLine("Sở Tài chính", 2, 1, 0, 1, 0, 0)
    table = pd.DataFrame(
        [["1.1", dt.date(2026, 11, 24), dt.datetime(2026, 11, 20, 9, 30)]],
        columns=["Mã", "Hạn nộp", "Nộp lúc"],
    )
    data = ReportData("Hội thảo", AttendanceSummary([line], line, []), [], [], table)
    sheet = load_workbook(io.BytesIO(build_workbook(data, translator("vi"))))["Chỉ số"]
    assert sheet["B2"].number_format == "DD/MM/YYYY" and sheet["C2"].number_format == "DD/MM/YYYY HH:MM"
