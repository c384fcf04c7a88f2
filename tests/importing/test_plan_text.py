"""Reading organisers' plans written as text: tab-separated, markdown and HTML tables."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.domain.plan import PlanImportError, parse_plan_text, read_event_source
from bot.domain.plan.draft import Finding
from storage.enums import AgendaKind

PLANS = Path(__file__).resolve().parents[1] / "fixtures" / "plans"


def codes(findings: list[Finding]) -> list[str]:
    return [f.code for f in findings]


def found(report, code: str) -> dict:
    return next(f.params for f in report.found if f.code == code)


# (a) Tab-separated, shaped like a real plan: bold headers, swapped annexes, date not fixed.


@pytest.fixture(scope="module")
def tab_plan():
    return read_event_source(PLANS / "ke-hoach-tab.txt")


def test_tab_plan_title_host_province_slug(tab_plan):
    draft, report = tab_plan
    assert draft.title == ("Nâng cao Bộ chỉ số đổi mới sáng tạo cấp địa phương (PII) tỉnh Hưng Yên năm 2024")
    assert draft.province == "Hưng Yên"
    assert draft.host == "Sở Khoa học và Công nghệ tỉnh Hưng Yên"
    assert draft.slug == "hoi-thao-pii-hung-yen-2024"
    assert found(report, "title") == {"title": draft.title}


def test_tab_plan_date_not_fixed_keeps_the_organisers_words(tab_plan):
    draft, report = tab_plan
    assert draft.start_date is None
    assert draft.date_note == "...../7/2024"
    assert Finding("date_not_fixed", {"hint": "…/7/2024"}) in report.problems
    assert "missing_date" not in codes(report.problems)


def test_tab_plan_venue_chair_and_delegate_count(tab_plan):
    draft, report = tab_plan
    assert draft.venue is not None
    assert draft.venue.name == "Hội trường tầng 3, Sở Khoa học và Công nghệ tỉnh Hưng Yên"
    assert draft.venue.address == "số 6 đường Chùa Chuông, TP. Hưng Yên"
    assert draft.chair == "Lãnh đạo Sở KH&CN"
    assert draft.total_delegates == 25  # "Khoảng 20 - 25 đại biểu": the upper number
    assert found(report, "total_delegates") == {"count": 25}


def test_tab_plan_programme_with_several_talks_in_one_slot(tab_plan):
    draft, report = tab_plan
    assert len(draft.agenda) == 9
    talks = [a for a in draft.agenda if a.kind is AgendaKind.TALK]
    assert [(a.start, a.end) for a in talks] == [(dt.time(8, 20), dt.time(9, 50))] * 3
    assert [a.title for a in talks] == [
        "Kết quả Bộ chỉ số PII năm 2023 của tỉnh Hưng Yên",
        "Kinh nghiệm thu thập dữ liệu cho các chỉ số thành phần",
        "Đổi mới sáng tạo trong doanh nghiệp",
    ]
    assert [a.presenter for a in talks] == [
        "Phòng Quản lý KH&CN",
        "Học viện KH,CN&ĐMST",
        "Sở Công Thương",
    ]
    assert [a.kind for a in draft.agenda] == [
        AgendaKind.REGISTRATION,
        AgendaKind.OPENING,
        AgendaKind.OPENING,
        AgendaKind.TALK,
        AgendaKind.TALK,
        AgendaKind.TALK,
        AgendaKind.BREAK,
        AgendaKind.DISCUSSION,
        AgendaKind.CLOSING,
    ]
    brk = draft.agenda[6]
    assert (brk.title, brk.presenter) == ("Giải lao", None)
    assert (draft.start_time, draft.end_time) == (dt.time(7, 30), dt.time(11, 15))
    assert found(report, "agenda_items") == {"count": 9}
    assert found(report, "times") == {"start": "07:30", "end": "11:15"}


def test_tab_plan_delegates_found_by_header_not_annex_number(tab_plan):
    draft, report = tab_plan
    assert [(s.agency, s.seats) for s in draft.seats] == [
        ("UBND tỉnh", 2),
        ("Sở Khoa học và Công nghệ", 10),
        ("Sở KH&ĐT", 2),
        ("Sở TT&TT", 1),
        ("Cục Thống kê tỉnh", 1),
        ("Các cơ quan báo, đài", 2),
    ]
    assert draft.seats[0].note == "Đại diện lãnh đạo"
    assert draft.seats[2].note == "Lãnh đạo và cán bộ làm đầu mối thu thập dữ liệu"
    assert draft.seats[5].note == "Báo Hưng Yên, Đài PT-TH Hưng Yên"
    assert found(report, "seats") == {"total": 18}
    assert found(report, "agencies") == {"count": 6}
    khdt = draft.agencies[2]
    assert khdt.name == "Sở KH&ĐT"
    assert "Sở Kế hoạch và Đầu tư" in khdt.aliases and "Sở Tài chính" in khdt.aliases
    assert "Sở Khoa học và Công nghệ" in draft.agencies[3].aliases  # Sở TT&TT since 2025
    assert "no_seat_table" not in codes(report.problems)


# (b) Markdown pipe tables, fixed date, (TT, Thời gian, Nội dung, Thực hiện), 7h30'-8h00'.


def test_markdown_plan():
    draft, report = read_event_source(PLANS / "ke-hoach-markdown.md")
    assert draft.title == "Triển khai thu thập dữ liệu Bộ chỉ số PII năm 2025"
    assert draft.host == "Sở Khoa học và Công nghệ"  # "Sở KH&CN" written in full
    assert draft.province is None  # no "tỉnh X" in the title: not guessed
    assert draft.start_date == dt.date(2025, 6, 12)
    assert draft.date_note is None
    assert found(report, "date") == {"date": "12/06/2025"}
    assert draft.slug == "hoi-nghi-pii-2025"
    assert draft.venue.name == "Hội trường UBND tỉnh"
    assert draft.venue.address == "số 2 Lê Hồng Phong, TP. Hoa Lư, tỉnh Ninh Bình"
    assert draft.chair == "Đồng chí Giám đốc Sở Khoa học và Công nghệ"
    assert [(a.start, a.end) for a in draft.agenda[:2]] == [
        (dt.time(7, 30), dt.time(8, 0)),
        (dt.time(8, 0), dt.time(8, 10)),
    ]
    assert [a.presenter for a in draft.agenda] == [
        "Văn phòng Sở",
        "Giám đốc Sở KH&CN",
        "Phòng Quản lý KH&CN",
        None,
        "Các sở, ngành",
        "Giám đốc Sở KH&CN",
    ]
    assert draft.agenda[3].kind is AgendaKind.BREAK
    assert draft.agenda[5].kind is AgendaKind.CLOSING
    assert len(draft.seats) == 8  # the "Tổng cộng" row is not an agency
    assert sum(s.seats for s in draft.seats) == 35
    assert draft.seats[0].agency == "Sở Tài chính"
    assert draft.total_delegates == 40
    assert report.problems == []


# (c) No seat table: a total and a prose list of agencies.


def test_plan_without_seat_table():
    draft, report = read_event_source(PLANS / "ke-hoach-khong-bang-dai-bieu.txt")
    assert draft.title == "Đổi mới sáng tạo trong doanh nghiệp tỉnh Hưng Yên"
    assert draft.host == "Sở Khoa học và Công nghệ"  # from the letterhead
    assert draft.start_date == dt.date(2025, 6, 12)
    assert draft.slug == "toa-dam-hung-yen-2025"
    assert draft.total_delegates == 90
    assert draft.seats == []
    assert [a.name for a in draft.agencies] == [
        "UBND tỉnh",
        "Sở Tài chính",
        "Sở Công Thương",
        "Sở KH&ĐT",
        "Hiệp hội Doanh nghiệp tỉnh",
        "Ngân hàng Nhà nước chi nhánh tỉnh",
        "Các doanh nghiệp khoa học và công nghệ",
    ]
    assert "Ủy ban nhân dân tỉnh" in draft.agencies[0].aliases
    assert codes(report.problems) == ["no_seat_table"]
    assert found(report, "total_delegates") == {"count": 90}
    assert "seats" not in codes(report.found)
    # A lone start time ("16h30") keeps its start; the event ends at the last written end.
    assert (draft.agenda[-1].start, draft.agenda[-1].end) == (dt.time(16, 30), None)
    assert (draft.start_time, draft.end_time) == (dt.time(14, 0), dt.time(16, 30))


# (d) HTML tables, several days, an unreadable time and an unreadable count.


def test_html_plan():
    draft, report = read_event_source(PLANS / "ke-hoach-html.md")
    assert draft.title == "Dữ liệu và minh chứng cho Bộ chỉ số PII tỉnh Quảng Ninh"
    assert draft.province == "Quảng Ninh"
    assert (draft.start_date, draft.end_date) == (dt.date(2025, 6, 12), dt.date(2025, 6, 13))
    assert draft.venue.name == "Khách sạn Sài Gòn - Hạ Long"
    assert draft.venue.address == "đường Hạ Long, phường Bãi Cháy, tỉnh Quảng Ninh"
    assert [a.title for a in draft.agenda] == [
        "Đón tiếp đại biểu",
        "Khai mạc",
        "Báo cáo tổng quan Bộ chỉ số PII",
        "Hỏi đáp",
        "Thảo luận nhóm theo trụ cột",
        "Tổng kết hội thảo",
    ]
    assert [a.day for a in draft.agenda] == [0, 0, 0, 0, 1, 1]
    assert draft.agenda[0].start == dt.time(7, 30)
    assert draft.agenda[1].end == dt.time(8, 10)
    assert (draft.agenda[3].start, draft.agenda[3].end) == (None, None)
    assert draft.agenda[4].start == dt.time(14, 0)
    assert draft.agenda[5].presenter == "Lãnh đạo Sở KH&CN"  # &amp; unescaped
    unreadable = {"location": "table:1:row:5", "raw": "9 giờ kém 15"}
    assert Finding("unparsed_time", unreadable) in report.problems
    assert [(s.agency, s.seats) for s in draft.seats] == [
        ("UBND tỉnh", 2),
        ("Sở Tài chính", None),
        ("Sở Khoa học và Công nghệ", 12),
        ("UBND các xã, phường", 30),
    ]
    unparsed = next(f for f in report.problems if f.code == "unparsed_seats")
    assert unparsed.params == {"location": "table:2:row:3", "raw": "1-2", "agency": "Sở Tài chính"}
    assert found(report, "seats") == {"total": 44}


# Smaller variants written inline.

HEADER = "Tổ chức Hội thảo “Chỉ số PII tỉnh Hà Tĩnh năm 2025”\nThời gian: ngày 05/9/2025\n"


def test_time_styles_and_talk_markers():
    text = HEADER + (
        "Thời gian\tNội dung\tThực hiện\n"
        "7:30 - 8:00\tĐăng ký\tBTC\n"
        "08h00 – 08h30\tTham luận 1: Dữ liệu đổi mới sáng tạo\tSở KH&CN\n"
        "\t- Tham luận 2. Chính sách hỗ trợ doanh nghiệp\tSở Tài chính\n"
        "8 giờ 30 - 8 giờ 40\tTea break\t\n"
        "lúc nào cũng được\tBế mạc\tBTC\n"
    )
    draft, report = parse_plan_text(text)
    assert [(a.title, a.kind, a.start, a.end) for a in draft.agenda] == [
        ("Đăng ký", AgendaKind.REGISTRATION, dt.time(7, 30), dt.time(8, 0)),
        ("Dữ liệu đổi mới sáng tạo", AgendaKind.TALK, dt.time(8, 0), dt.time(8, 30)),
        ("Chính sách hỗ trợ doanh nghiệp", AgendaKind.TALK, dt.time(8, 0), dt.time(8, 30)),
        ("Tea break", AgendaKind.BREAK, dt.time(8, 30), dt.time(8, 40)),
        ("Bế mạc", AgendaKind.CLOSING, None, None),
    ]
    assert Finding("unparsed_time", {"location": "table:1:row:5", "raw": "lúc nào cũng được"}) in (
        report.problems
    )
    assert draft.end_time == dt.time(8, 40)


def test_repeated_agency_rows_are_added_together():
    text = HEADER + (
        "STT\tĐơn vị\tSố lượng\tGhi chú\n"
        "1\tSở Y tế\t2\t\n"
        "2\tLãnh đạo Sở Y Tế\t1\tdự phòng\n"
        "3\tSở Nội vụ\thai\t\n"
    )
    draft, report = parse_plan_text(text)
    assert [(s.agency, s.seats) for s in draft.seats] == [("Sở Y tế", 3), ("Sở Nội vụ", None)]
    assert draft.seats[0].note == "Lãnh đạo; dự phòng"
    assert len(draft.agencies) == 2
    assert Finding("agency_repeated", {"agency": "Sở Y Tế", "location": "table:1:row:2"}) in (report.problems)
    assert (
        Finding("unparsed_seats", {"location": "table:1:row:3", "raw": "hai", "agency": "Sở Nội vụ"})
        in report.problems
    )


def test_plan_missing_everything_but_the_title_reports_it():
    draft, report = parse_plan_text("Tổ chức Hội nghị “Sơ kết công tác PII”\n")
    assert draft.title == "Sơ kết công tác PII"
    assert codes(report.problems) == [
        "missing_date",
        "missing_venue",
        "missing_programme",
        "no_seat_table",
    ]
    assert draft.venue is None and draft.start_time is None


def test_month_only_date_is_not_fixed():
    draft, report = parse_plan_text("Tổ chức Tọa đàm “A”\nThời gian dự kiến: Tháng 6/2024.")
    assert draft.start_date is None
    assert draft.date_note == "Tháng 6/2024"
    assert report.problems[0] == Finding("date_not_fixed", {"hint": "Tháng 6/2024"})


def test_title_from_the_subject_line_when_there_is_no_quoted_name():
    draft, _ = parse_plan_text("KẾ HOẠCH\n1. Nội dung, chủ đề: “Nâng cao chỉ số PII”\n")
    assert draft.title == "Nâng cao chỉ số PII"


def test_a_plan_without_a_title_is_kept_with_the_title_asked_for():
    draft, report = parse_plan_text("Thời gian: 12/6/2025\nĐịa điểm: Hội trường Sở\n")
    assert draft.title == ""
    assert draft.start_date == dt.date(2025, 6, 12)
    assert draft.venue.name == "Hội trường Sở"
    assert codes(report.problems)[0] == "missing_title"


def test_a_text_with_nothing_usable_is_refused():
    with pytest.raises(PlanImportError) as caught:
        parse_plan_text("Biên bản họp giao ban\nCác phòng báo cáo công việc tuần.\n")
    assert (caught.value.code, caught.value.location) == ("nothing_usable", None)


def test_an_empty_plan_is_refused():
    with pytest.raises(PlanImportError) as caught:
        parse_plan_text("  \n\n")
    assert caught.value.code == "empty_file"
