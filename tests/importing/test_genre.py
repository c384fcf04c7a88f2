"""The importer on documents of the whole genre, each built here as text, Word or PDF."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.domain.plan import read_event_bytes
from tests.importing.genre_corpus import CASES, HELD_OUT, SECOND_ROUND, draft_values

ALL_CASES = CASES + HELD_OUT + SECOND_ROUND


@pytest.mark.parametrize("case", ALL_CASES, ids=[c.name for c in ALL_CASES])
def test_each_document_gives_its_answer_key(case):
    draft, report = read_event_bytes(case.make(), case.filename)
    got = draft_values(draft)
    assert {key: got[key] for key in case.expected} == case.expected
    codes = [finding.code for finding in report.problems]
    for code in case.must_report:
        assert code in codes


def _find(report, code):
    return next(f for f in [*report.found, *report.problems] if f.code == code)


def test_every_found_value_names_its_line_or_why_it_was_guessed():
    case = next(c for c in CASES if c.name == "invitation-prose")
    _draft, report = read_event_bytes(case.make(), case.filename)
    date = _find(report, "date")
    assert date.source == "line:8" and "vào hồi 8 giờ 00 phút" in date.quote
    province = _find(report, "province")
    assert province.guess == "province_from_letterhead"
    assert all(f.source or f.guess for f in report.found)


def test_a_year_taken_from_the_document_is_marked_guessed():
    text = (
        "SỞ KHOA HỌC VÀ CÔNG NGHỆ\nHuế, ngày 02 tháng 10 năm 2025\nGIẤY MỜI\n"
        "Dự Hội nghị “Sơ kết công tác thống kê khoa học”\n"
        "Thời gian: 8h00, ngày 18/11.\nĐịa điểm: Hội trường Sở, số 7 Hà Nội.\n"
    )
    draft, report = read_event_bytes(text.encode(), "giay-moi.txt")
    assert draft.start_date == dt.date(2025, 11, 18)
    assert _find(report, "date").guess == "year_from_document"


def test_disagreeing_start_times_are_reported_with_both_values():
    case = next(c for c in CASES if c.name == "mismatch-markdown")
    _draft, report = read_event_bytes(case.make(), case.filename)
    assert _find(report, "time_mismatch").params == {"prose": "14:00", "programme": "14:30"}


def test_an_unused_table_and_an_unread_invitee_are_listed():
    case = next(c for c in CASES if c.name == "quarter-markdown-pagebreak")
    _draft, report = read_event_bytes(case.make(), case.filename)
    unused = _find(report, "table_unused")
    assert unused.params["raw"].startswith("Khoản chi")
    text = "KẾ HOẠCH\nTổ chức Hội thảo “A B C”\nThành phần: Sở Tư pháp, và một số khách mời khác.\n"
    _draft, report = read_event_bytes(text.encode(), "k.txt")
    assert _find(report, "invitee_unused").params == {"raw": "một số khách mời khác"}


def test_a_programme_row_without_content_is_listed_not_dropped():
    text = (
        "KẾ HOẠCH\nTổ chức Hội thảo “Dữ liệu mở”\n"
        "Thời gian\tNội dung\n8h00 - 8h30\tĐón tiếp\n9h00 - 9h30\t\n9h30 - 10h00\tBế mạc\n"
    )
    draft, report = read_event_bytes(text.encode(), "k.txt")
    assert [a.title for a in draft.agenda] == ["Đón tiếp", "Bế mạc"]
    assert _find(report, "row_unused").params["raw"] == "9h00 - 9h30"


def test_rows_continued_on_the_next_line_join_their_row():
    text = (
        "KẾ HOẠCH\nTổ chức Hội thảo “Dữ liệu mở”\n"
        "Thời gian\tNội dung\tThực hiện\n"
        "8h00 - 9h00\tBáo cáo kết quả thu thập\tPhòng Quản lý\n"
        "\tdữ liệu năm 2025\t\n"
        "9h00 - 10h00\tThảo luận\tĐại biểu\n"
    )
    draft, _report = read_event_bytes(text.encode(), "k.txt")
    assert [a.title for a in draft.agenda] == [
        "Báo cáo kết quả thu thập dữ liệu năm 2025",
        "Thảo luận",
    ]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Đại diện UBND các huyện, thị xã, thành phố", {"UBND các huyện, thị xã, thành phố"}),
        ("Lãnh đạo các Sở: Tư pháp, Y tế", {"Sở Tư pháp", "Sở Y tế"}),
        ("Sở Tài chính và Sở Xây dựng", {"Sở Tài chính", "Sở Xây dựng"}),
        (
            "Báo Gia Lai, Đài Phát thanh - Truyền hình tỉnh",
            {"Báo Gia Lai", "Đài Phát thanh - Truyền hình tỉnh"},
        ),
    ],
)
def test_prose_invitees_are_neither_lumps_nor_fragments(line, expected):
    text = f"KẾ HOẠCH\nTổ chức Hội thảo “Dữ liệu mở”\nThành phần: {line}.\n"
    draft, _report = read_event_bytes(text.encode(), "k.txt")
    assert {a.name for a in draft.agencies} == expected


def test_every_reader_builds_the_same_blocks_in_reading_order():
    from bot.domain.plan.docx_plan import docx_plan_source
    from bot.domain.plan.pdf_plan import pdf_plan_source
    from bot.domain.plan.tables import split_text_plan
    from tests.importing import genre_builders as build
    from tests.importing.genre_corpus import PLAN_TABLES

    sources = {
        "text": split_text_plan(build.to_tab_text(PLAN_TABLES)),
        "docx": docx_plan_source(build.to_docx(PLAN_TABLES)),
        "pdf": pdf_plan_source(build.to_pdf(PLAN_TABLES)),
    }
    for name, source in sources.items():
        kinds = [(block.kind, block.text[:12]) for block in source.blocks]
        assert kinds == [
            ("heading", "UBND TỈNH LÂ"),
            ("heading", "SỞ KHOA HỌC "),
            ("paragraph", "Lâm Đồng, ng"),
            ("heading", "KẾ HOẠCH"),
            ("paragraph", "Tổ chức Hội "),
            ("paragraph", "1. Thời gian"),
            ("paragraph", "2. Địa điểm:"),
            ("heading", "3. Chương tr"),
            ("table", ""),
            ("heading", "4. Thành phầ"),
            ("table", ""),
        ], name
        assert [len(block.table.rows) for block in source.blocks if block.table] == [5, 6], name


def test_an_unused_table_is_named_by_the_text_above_it():
    case = next(c for c in CASES if c.name == "quarter-markdown-pagebreak")
    _draft, report = read_event_bytes(case.make(), case.filename)
    assert _find(report, "table_unused").params["after"] == "Dự toán kinh phí:"


def test_a_long_prose_list_gives_each_body_once_without_lumps_or_fragments():
    text = (
        "KẾ HOẠCH\nTổ chức Hội nghị “Triển khai Bộ chỉ số PII năm 2025”\nThành phần tham dự:\n"
        "- Thường trực Tỉnh ủy, Thường trực HĐND tỉnh, lãnh đạo UBND tỉnh;\n"
        "- Lãnh đạo các Sở, ban, ngành: Tài chính, Xây dựng, Công Thương, Nội vụ, Tư pháp, Y tế, "
        "Giáo dục và Đào tạo, Nông nghiệp và Môi trường, Văn hóa, Thể thao và Du lịch, "
        "Khoa học và Công nghệ, Dân tộc và Tôn giáo, Ngoại vụ;\n"
        "- Thanh tra tỉnh, Văn phòng UBND tỉnh, Ban Quản lý Khu kinh tế tỉnh;\n"
        "- Công an tỉnh, Bộ Chỉ huy Quân sự tỉnh;\n"
        "- Thuế tỉnh, Kho bạc Nhà nước khu vực, Ngân hàng Nhà nước Khu vực 9, Thống kê tỉnh;\n"
        "- Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh, Hiệp hội Doanh nghiệp tỉnh;\n"
        "- Báo và Phát thanh, Truyền hình tỉnh;\n"
        "- Đại diện UBND các xã, phường (mỗi đơn vị 01 đại biểu).\n"
    )
    draft, _report = read_event_bytes(text.encode(), "k.txt")
    names = [agency.name for agency in draft.agencies]
    assert len(names) == len(set(names)) == 28
    assert "Sở Văn hóa, Thể thao và Du lịch" in names and "Thống kê tỉnh" in names
    assert "Báo và Phát thanh, Truyền hình tỉnh" in names  # one body whose name holds a comma
    assert "UBND các xã, phường" in names
    # No lump (two bodies in one name) and no fragment (a name without a body word).
    assert not [n for n in names if n.count("Sở ") > 1 or ", Sở" in n or ", Ngân hàng" in n]
    assert all(len(n.split()) >= 2 for n in names)
    assert [(s.agency, s.seats) for s in draft.seats] == [("UBND các xã, phường", 1)]


def test_an_end_time_and_a_date_that_disagree_with_the_programme_are_reported():
    text = (
        "KẾ HOẠCH\nTổ chức Hội thảo “Dữ liệu mở”\n"
        "Thời gian: từ 8h00 đến 11h00, ngày 20/11/2025.\n"
        "Thời gian\tNội dung\nNgày 21/11/2025\t\n8h00 - 9h00\tKhai mạc\n9h00 - 11h30\tThảo luận\n"
    )
    draft, report = read_event_bytes(text.encode(), "k.txt")
    problems = [(f.code, f.params) for f in report.problems if f.code.endswith("mismatch")]
    assert problems == [
        ("time_mismatch", {"prose": "11:00", "programme": "11:30"}),
        ("date_mismatch", {"prose": "20/11/2025", "programme": "21/11/2025"}),
    ]
    assert draft.start_date == dt.date(2025, 11, 20)  # the text's date is kept; the doubt is shown


def test_a_deadline_in_the_prose_is_not_taken_for_the_event_date():
    text = (
        "GIẤY MỜI\nDự Hội nghị “Tổng kết năm 2025”\n"
        "Đề nghị Quý cơ quan gửi danh sách đại biểu trước ngày 28/11/2025.\n"
        "Hội nghị tổ chức vào hồi 8 giờ 00, ngày 05/12/2025 tại Hội trường Sở Tư pháp.\n"
    )
    draft, _report = read_event_bytes(text.encode(), "k.txt")
    assert (draft.start_date, draft.start_time) == (dt.date(2025, 12, 5), dt.time(8, 0))
    assert draft.venue is not None and draft.venue.name == "Hội trường Sở Tư pháp"


def test_a_quoted_title_wrapped_over_two_lines_is_read_whole():
    text = (
        "KẾ HOẠCH\nTổ chức Hội thảo “Giải pháp nâng cao chỉ số đổi mới sáng tạo cấp địa phương\n"
        "tỉnh Quảng Ngãi năm 2026”\nThời gian: ngày 12/3/2026.\n"
    )
    draft, _report = read_event_bytes(text.encode(), "k.txt")
    assert draft.title == (
        "Giải pháp nâng cao chỉ số đổi mới sáng tạo cấp địa phương tỉnh Quảng Ngãi năm 2026"
    )
    assert draft.province == "Quảng Ngãi"
