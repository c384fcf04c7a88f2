"""Documents of the genre (plans, invitations, programmes, notices), written for these tests.

Each case is one document in one file format, with its answer key. The tests and
benchmarks/import_accuracy.py read the same cases. Names, places and agencies are made up
in the style of provincial documents; none is copied from a real one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from bot.domain.plan.draft import EventDraft
from tests.importing import genre_builders as build

LETTERHEAD_GL = ["UBND TỈNH GIA LAI", "SỞ KHOA HỌC VÀ CÔNG NGHỆ", "Số: 215/GM-SKHCN"]


@dataclass
class Case:
    """A document, how to make its file, and what the importer should find in it."""

    name: str
    filename: str
    make: Callable[[], bytes]
    expected: dict[str, object] = field(default_factory=dict)
    # Text the importer must mention somewhere (found value, problem or unused line).
    must_report: list[str] = field(default_factory=list)


# 1. An invitation, prose only: the event sentence gives time, date and venue.
INVITATION = [
    ("p", "UBND TỈNH GIA LAI"),
    ("p", "SỞ KHOA HỌC VÀ CÔNG NGHỆ"),
    ("p", "Số: 215/GM-SKHCN"),
    ("p", "Gia Lai, ngày 20 tháng 10 năm 2024"),
    ("p", "GIẤY MỜI"),
    ("p", "Tham dự Hội thảo khoa học “Ứng dụng trí tuệ nhân tạo trong quản lý nhà nước”"),
    ("p", "Kính gửi: Các sở, ban, ngành tỉnh."),
    (
        "p",
        (
            "Sở Khoa học và Công nghệ trân trọng kính mời đại diện lãnh đạo Quý cơ quan tham dự "
            "Hội thảo khoa học, vào hồi 8 giờ 00 phút, thứ Ba, ngày 05 tháng 11 năm 2024, "
            "tại Trung tâm Hội nghị - Triển lãm tỉnh, phường Diên Hồng, thành phố Pleiku."
        ),
    ),
    (
        "p",
        (
            "Thành phần: Lãnh đạo các Sở, ngành: Tài chính, Xây dựng, Công Thương, Nội vụ và "
            "Văn hóa, Thể thao và Du lịch (mỗi đơn vị 02 đại biểu)."
        ),
    ),
    ("p", "Rất mong Quý đại biểu đến dự đúng giờ./."),
]

# 2. A two-day programme: section rows across the table, times in every notation.
PROGRAMME_2DAY = [
    ("p", "UBND TỈNH QUẢNG BÌNH"),
    ("p", "SỞ KHOA HỌC VÀ CÔNG NGHỆ"),
    ("p", "Quảng Bình, ngày 01 tháng 11 năm 2025"),
    ("p", "CHƯƠNG TRÌNH"),
    ("p", "Diễn đàn Khởi nghiệp đổi mới sáng tạo tỉnh Quảng Bình năm 2025"),
    ("p", "Thời gian: ngày 18 và 19/11/2025"),
    ("p", "Địa điểm: Khách sạn Sài Gòn - Quảng Bình (số 20 Quách Xuân Kỳ, phường Đồng Hới)"),
    (
        "table",
        [
            ["Thời gian", "Nội dung", "Thực hiện"],
            ["NGÀY 18/11/2025"],
            ["Buổi sáng"],
            ["6h45'-7h15'", "Đón tiếp đại biểu", "Ban Tổ chức"],
            ["7h15'-8h00'", "Khai mạc diễn đàn", "Lãnh đạo UBND tỉnh"],
            ["8-10h", "Phiên tham luận về hệ sinh thái khởi nghiệp", "Các chuyên gia"],
            ["Buổi chiều"],
            ["13-14h30", "Thảo luận nhóm", "Đại biểu"],
            ["NGÀY 19/11/2025"],
            ["06 giờ 45 - 07 giờ 15", "Tham quan mô hình khởi nghiệp", "Ban Tổ chức"],
            ["13h30'- 14h00'", "Bế mạc diễn đàn", "Lãnh đạo Sở"],
        ],
    ),
]

# 3. A plan: date range, programme as a headerless tab table with a blank line inside and a
#    row continued on the next line; invitees in prose with counts in parentheses.
PLAN_RANGE = [
    ("p", "SỞ KHOA HỌC VÀ CÔNG NGHỆ TỈNH ĐẮK LẮK"),
    ("p", "Đắk Lắk, ngày 10 tháng 11 năm 2025"),
    ("p", "KẾ HOẠCH"),
    ("p", "Tổ chức Tập huấn nghiệp vụ thu thập dữ liệu Bộ chỉ số PII năm 2025"),
    ("p", "1. Thời gian: từ ngày 03 đến ngày 05/12/2025."),
    ("p", "2. Địa điểm: Hội trường Sở Khoa học và Công nghệ, số 15 Lê Duẩn, phường Buôn Ma Thuột."),
    ("p", "3. Thành phần:"),
    ("p", "- Sở Tài chính (03 người);"),
    ("p", "- Sở Nông nghiệp và Môi trường (02 người);"),
    ("p", "- Đại diện UBND các xã, phường (01 người);"),
    ("p", "- Cục Thống kê tỉnh (01 người)."),
    ("p", "4. Chương trình:"),
    (
        "table",
        [
            ["7h30 - 8h00", "Đăng ký đại biểu", "Văn phòng Sở"],
            ["8h00 - 9h30", "Giới thiệu Bộ chỉ số PII", "Phòng Quản lý KH&CN"],
            ["9h30 - 9h45", "Giải lao", ""],
            ["9h45 - 11h00", "Hướng dẫn nhập dữ liệu", "Chuyên gia"],
            ["11h00 - 11h30", "Trao đổi, thảo luận", "Đại biểu"],
        ],
    ),
]

# 4. A notice: date not fixed, programme as timed lines in the prose (sáng / chiều).
NOTICE = [
    ("p", "UBND TỈNH NGHỆ AN"),
    ("p", "SỞ KHOA HỌC VÀ CÔNG NGHỆ"),
    ("p", "Nghệ An, ngày 02 tháng 8 năm 2025"),
    ("p", "THÔNG BÁO"),
    ("p", "Về việc tổ chức Tọa đàm chuyển đổi số trong doanh nghiệp nhỏ và vừa"),
    ("p", "Thời gian: ngày …/9/2025 (sẽ thông báo sau)."),
    (
        "p",
        (
            "Địa điểm: Hội trường tầng 2, Sở Khoa học và Công nghệ, số 75 Nguyễn Thị Minh Khai, "
            "phường Vinh Phú."
        ),
    ),
    ("p", "Chương trình dự kiến:"),
    ("p", "Buổi sáng:"),
    ("p", "- 8h00 - 8h30: Đón tiếp đại biểu"),
    ("p", "- 8h30 - 10h00: Báo cáo thực trạng chuyển đổi số"),
    ("p", "Buổi chiều:"),
    ("p", "- 14h00 - 16h00: Thảo luận và kết luận"),
    ("p", "Thành phần: Khoảng 70 đại biểu."),
]

# 5. A plan with a programme table and a delegate table with counts (for PDF and Word).
PLAN_TABLES = [
    ("p", "UBND TỈNH LÂM ĐỒNG"),
    ("p", "SỞ KHOA HỌC VÀ CÔNG NGHỆ"),
    ("p", "Lâm Đồng, ngày 05 tháng 3 năm 2025"),
    ("p", "KẾ HOẠCH"),
    ("p", "Tổ chức Hội nghị “Nâng cao chỉ số đổi mới sáng tạo tỉnh Lâm Đồng năm 2025”"),
    ("p", "1. Thời gian: 13 giờ 30, ngày 15/4/2025."),
    ("p", "2. Địa điểm: Hội trường UBND tỉnh, số 36 Trần Phú, phường Xuân Hương - Đà Lạt."),
    ("p", "3. Chương trình:"),
    (
        "table",
        [
            ["TT", "Thời gian", "Nội dung", "Thực hiện"],
            ["1", "13h30 - 14h00", "Đón tiếp đại biểu", "Văn phòng Sở"],
            ["2", "14h00 - 14h10", "Khai mạc hội nghị", "Giám đốc Sở"],
            ["3", "14h10 - 15h30", "Báo cáo kết quả Bộ chỉ số PII", "Phòng Quản lý KH&CN"],
            ["4", "15h30 - 16h30", "Thảo luận", "Đại biểu"],
        ],
    ),
    ("p", "4. Thành phần tham dự:"),
    (
        "table",
        [
            ["STT", "Cơ quan, đơn vị", "Số lượng"],
            ["1", "UBND tỉnh", "02"],
            ["2", "Sở Tài chính", "02"],
            ["3", "Sở KH&ĐT", "01"],
            ["4", "Sở Nông nghiệp và Môi trường", "02"],
            ["5", "Ban Quản lý Khu kinh tế tỉnh", "01"],
        ],
    ),
]

# 6. Prose start differs from the programme; only a total of delegates.
MISMATCH = [
    ("p", "KẾ HOẠCH"),
    ("p", "Tổ chức Hội thảo “Chuyển giao công nghệ trong nông nghiệp tỉnh Tây Ninh”"),
    ("p", "Thời gian: từ 14h00' ngày 12/9/2025 (thứ Sáu)."),
    ("p", "Địa điểm: Trung tâm Ứng dụng tiến bộ khoa học và công nghệ, số 2 Hùng Vương."),
    ("p", "Thành phần: Khoảng 50 đại biểu."),
    (
        "table",
        [
            ["Thời gian", "Nội dung"],
            ["14h30 - 15h00", "Khai mạc"],
            ["15h00 - 16h30", "Tham luận và thảo luận"],
        ],
    ),
]

# 7. A quarter instead of a date; a pipe table with a page break; an unused table.
QUARTER = [
    ("p", "SỞ KHOA HỌC VÀ CÔNG NGHỆ TỈNH AN GIANG"),
    ("p", "KẾ HOẠCH"),
    ("p", "Tổ chức Hội thảo “Đổi mới sáng tạo trong kinh tế biển tỉnh An Giang”"),
    ("p", "1. Thời gian dự kiến: quý III/2025."),
    ("p", "2. Địa điểm: Khách sạn Hòa Bình, phường Long Xuyên, tỉnh An Giang."),
    (
        "table",
        [
            ["Thời gian", "Nội dung", "Thực hiện"],
            ["8h00 - 8h30", "Đăng ký", "Ban Tổ chức"],
            ["8h30 - 9h00", "Khai mạc", "Lãnh đạo Sở"],
            ["9h00 - 10h30", "Tham luận", "Chuyên gia"],
            ["10h30 - 11h00", "Bế mạc", "Lãnh đạo Sở"],
        ],
    ),
    ("p", "Dự toán kinh phí:"),
    (
        "table",
        [
            ["Khoản chi", "Thành tiền"],
            ["Thuê hội trường", "5.000.000"],
            ["In tài liệu", "2.000.000"],
        ],
    ),
]


def draft_values(draft: EventDraft) -> dict[str, object]:
    """The draft's values under the names the answer keys use."""
    venue = draft.venue
    return {
        "title": draft.title,
        "host": draft.host,
        "province": draft.province,
        "start_date": draft.start_date,
        "end_date": draft.end_date,
        "date_note": draft.date_note,
        "start_time": draft.start_time,
        "end_time": draft.end_time,
        "venue_name": venue.name if venue else None,
        "venue_address": venue.address if venue else None,
        "agenda": len(draft.agenda),
        "agenda_days": [item.day for item in draft.agenda],
        "agencies": {agency.name for agency in draft.agencies},
        "seats_total": sum(seat.seats or 0 for seat in draft.seats),
        "total_delegates": draft.total_delegates,
    }


def _text(spec, **kwargs) -> Callable[[], bytes]:
    return lambda: build.to_tab_text(spec, **kwargs).encode()


CASES: list[Case] = [
    Case(
        "invitation-prose",
        "giay-moi.txt",
        _text(INVITATION),
        {
            "title": "Ứng dụng trí tuệ nhân tạo trong quản lý nhà nước",
            "host": "Sở Khoa học và Công nghệ",
            "province": "Gia Lai",
            "start_date": dt.date(2024, 11, 5),
            "end_date": None,
            "start_time": dt.time(8, 0),
            "venue_name": "Trung tâm Hội nghị - Triển lãm tỉnh",
            "venue_address": "phường Diên Hồng, thành phố Pleiku",
            "agencies": {
                "Sở Tài chính",
                "Sở Xây dựng",
                "Sở Công Thương",
                "Sở Nội vụ",
                "Sở Văn hóa, Thể thao và Du lịch",
            },
            "seats_total": 10,
        },
    ),
    Case(
        "invitation-docx",
        "giay-moi.docx",
        lambda: build.to_docx(INVITATION[4:], letterhead=LETTERHEAD_GL),
        {
            "title": "Ứng dụng trí tuệ nhân tạo trong quản lý nhà nước",
            "host": "Sở Khoa học và Công nghệ",
            "province": "Gia Lai",
            "start_date": dt.date(2024, 11, 5),
            "start_time": dt.time(8, 0),
            "venue_name": "Trung tâm Hội nghị - Triển lãm tỉnh",
            "seats_total": 10,
        },
    ),
    Case(
        "programme-2day-docx",
        "chuong-trinh.docx",
        lambda: build.to_docx(PROGRAMME_2DAY),
        {
            "title": "Diễn đàn Khởi nghiệp đổi mới sáng tạo tỉnh Quảng Bình năm 2025",
            "host": "Sở Khoa học và Công nghệ",
            "province": "Quảng Bình",
            "start_date": dt.date(2025, 11, 18),
            "end_date": dt.date(2025, 11, 19),
            "start_time": dt.time(6, 45),
            "end_time": dt.time(14, 0),
            "venue_name": "Khách sạn Sài Gòn - Quảng Bình",
            "venue_address": "số 20 Quách Xuân Kỳ, phường Đồng Hới",
            "agenda": 6,
            "agenda_days": [0, 0, 0, 0, 1, 1],
        },
    ),
    Case(
        "programme-2day-html",
        "chuong-trinh.md",
        lambda: build.to_html_text(PROGRAMME_2DAY).encode(),
        {
            "start_date": dt.date(2025, 11, 18),
            "end_date": dt.date(2025, 11, 19),
            "end_time": dt.time(14, 0),
            "venue_name": "Khách sạn Sài Gòn - Quảng Bình",
            "agenda": 6,
            "agenda_days": [0, 0, 0, 0, 1, 1],
        },
    ),
    Case(
        "plan-range-tab-blank",
        "ke-hoach.txt",
        _text(PLAN_RANGE, blank_in_tables=True),
        {
            "title": "Tập huấn nghiệp vụ thu thập dữ liệu Bộ chỉ số PII năm 2025",
            "host": "Sở Khoa học và Công nghệ tỉnh Đắk Lắk",
            "province": "Đắk Lắk",
            "start_date": dt.date(2025, 12, 3),
            "end_date": dt.date(2025, 12, 5),
            "start_time": dt.time(7, 30),
            "end_time": dt.time(11, 30),
            "venue_name": "Hội trường Sở Khoa học và Công nghệ",
            "venue_address": "số 15 Lê Duẩn, phường Buôn Ma Thuột",
            "agenda": 5,
            "agencies": {
                "Sở Tài chính",
                "Sở Nông nghiệp và Môi trường",
                "UBND các xã, phường",
                "Cục Thống kê tỉnh",
            },
            "seats_total": 7,
        },
    ),
    Case(
        "plan-range-pdf",
        "ke-hoach.pdf",
        lambda: build.to_pdf(PLAN_RANGE),
        {
            "start_date": dt.date(2025, 12, 3),
            "end_date": dt.date(2025, 12, 5),
            "start_time": dt.time(7, 30),
            "end_time": dt.time(11, 30),
            "venue_address": "số 15 Lê Duẩn, phường Buôn Ma Thuột",
            "agenda": 5,
            "seats_total": 7,
        },
    ),
    Case(
        "notice-timed-lines",
        "thong-bao.txt",
        _text(NOTICE),
        {
            "title": "Tọa đàm chuyển đổi số trong doanh nghiệp nhỏ và vừa",
            "host": "Sở Khoa học và Công nghệ",
            "province": "Nghệ An",
            "start_date": None,
            "date_note": "…/9/2025",
            "start_time": dt.time(8, 0),
            "end_time": dt.time(16, 0),
            "venue_name": "Hội trường tầng 2, Sở Khoa học và Công nghệ",
            "venue_address": "số 75 Nguyễn Thị Minh Khai, phường Vinh Phú",
            "agenda": 3,
            "total_delegates": 70,
        },
    ),
    Case(
        "plan-tables-pdf",
        "ke-hoach-bang.pdf",
        lambda: build.to_pdf(PLAN_TABLES),
        {
            "title": "Nâng cao chỉ số đổi mới sáng tạo tỉnh Lâm Đồng năm 2025",
            "host": "Sở Khoa học và Công nghệ",
            "province": "Lâm Đồng",
            "start_date": dt.date(2025, 4, 15),
            "start_time": dt.time(13, 30),
            "end_time": dt.time(16, 30),
            "venue_name": "Hội trường UBND tỉnh",
            "venue_address": "số 36 Trần Phú, phường Xuân Hương - Đà Lạt",
            "agenda": 4,
            "seats_total": 8,
        },
    ),
    Case(
        "plan-tables-docx",
        "ke-hoach-bang.docx",
        lambda: build.to_docx(PLAN_TABLES),
        {
            "title": "Nâng cao chỉ số đổi mới sáng tạo tỉnh Lâm Đồng năm 2025",
            "province": "Lâm Đồng",
            "start_date": dt.date(2025, 4, 15),
            "venue_address": "số 36 Trần Phú, phường Xuân Hương - Đà Lạt",
            "agenda": 4,
            "seats_total": 8,
        },
    ),
    Case(
        "mismatch-markdown",
        "hoi-thao.md",
        lambda: build.to_markdown(MISMATCH).encode(),
        {
            "title": "Chuyển giao công nghệ trong nông nghiệp tỉnh Tây Ninh",
            "province": "Tây Ninh",
            "start_date": dt.date(2025, 9, 12),
            "start_time": dt.time(14, 30),
            "venue_name": "Trung tâm Ứng dụng tiến bộ khoa học và công nghệ",
            "agenda": 2,
            "total_delegates": 50,
        },
        must_report=["time_mismatch"],
    ),
    Case(
        "quarter-markdown-pagebreak",
        "an-giang.md",
        lambda: build.to_markdown(QUARTER, page_break_in_tables=True).encode(),
        {
            "title": "Đổi mới sáng tạo trong kinh tế biển tỉnh An Giang",
            "host": "Sở Khoa học và Công nghệ tỉnh An Giang",
            "start_date": None,
            "date_note": "quý III/2025",
            "end_time": dt.time(11, 0),
            "venue_name": "Khách sạn Hòa Bình",
            "venue_address": "phường Long Xuyên, tỉnh An Giang",
            "agenda": 4,
        },
        must_report=["table_unused"],
    ),
]


# Written after the importer was tuned on the cases above, to measure it on shapes it had not
# seen: its first score on them is in the benchmark's notes (README).
ONLINE_MEETING = [
    ("p", "BỘ KHOA HỌC VÀ CÔNG NGHỆ"),
    ("p", "Số: 1021/BKHCN-VP"),
    ("p", "Hà Nội, ngày 15 tháng 5 năm 2025"),
    ("p", "V/v tổ chức Hội nghị Giám đốc Sở Khoa học và Công nghệ toàn quốc"),
    ("p", "Kính gửi: Sở Khoa học và Công nghệ các tỉnh, thành phố."),
    ("p", "1. Thời gian: 01 buổi, từ 8h00 ngày 29 tháng 5 năm 2025."),
    ("p", "2. Địa điểm: Phòng 110, Trụ sở Bộ Khoa học và Công nghệ, 113 Trần Duy Hưng, Hà Nội."),
    ("p", "3. Thành phần: Giám đốc Sở Khoa học và Công nghệ các tỉnh, thành phố (01 người)."),
]

TWO_DAY_LIST = [
    ("p", "ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA"),
    ("p", "CHƯƠNG TRÌNH"),
    ("p", "Ngày hội Khởi nghiệp đổi mới sáng tạo tỉnh Khánh Hòa năm 2025"),
    ("p", "(diễn ra trong 02 ngày, ngày 19 và 20-8-2025)"),
    ("p", "Địa điểm: Quảng trường 2 tháng 4, đường Trần Phú, phường Nha Trang."),
    ("p", "Ngày thứ nhất (19/8/2025)"),
    ("p", "Buổi sáng:"),
    ("p", "- 7-9h: Khai trương gian hàng trưng bày sản phẩm"),
    ("p", "- 9-11h: Hội thảo kết nối đầu tư"),
    ("p", "Buổi chiều:"),
    ("p", "- 14-15h30: Tọa đàm khởi nghiệp trong sinh viên"),
    ("p", "Ngày thứ hai (20/8/2025)"),
    ("p", "- 8h00-10h00: Vòng chung kết cuộc thi ý tưởng khởi nghiệp"),
    ("p", "- 10h00-11h00: Trao giải và bế mạc"),
]

WEB_PASTE = [
    ("p", "Thông báo mời tham dự Hội thảo “Phát triển thị trường khoa học và công nghệ”"),
    (
        "p",
        (
            "Sở Khoa học và Công nghệ tỉnh Bắc Ninh tổ chức Hội thảo vào lúc 14 giờ 00, "
            "thứ Năm, ngày 16 tháng 10 năm 2025 tại Khách sạn Mường Thanh Luxury - Bắc Ninh, "
            "số 1 Lý Thái Tổ, phường Kinh Bắc."
        ),
    ),
    (
        "p",
        "Đối tượng tham dự: các doanh nghiệp, viện, trường trên địa bàn tỉnh; khoảng 120 đại biểu.",
    ),
    (
        "table",
        [
            ["Thời gian", "Nội dung", "Chủ trì/Thực hiện"],
            ["14h00 – 14h15", "Khai mạc", "Lãnh đạo Sở"],
            ["14h15 – 15h45", "Các báo cáo chuyên đề", "Chuyên gia"],
            ["15h45 – 16h45", "Thảo luận, hỏi đáp", "Đại biểu"],
            ["16h45 – 17h00", "Tổng kết hội thảo", "Lãnh đạo Sở"],
        ],
    ),
]

INVITEE_TABLE_GROUPS = [
    ("p", "UBND TỈNH THÁI NGUYÊN"),
    ("p", "SỞ KHOA HỌC VÀ CÔNG NGHỆ"),
    ("p", "KẾ HOẠCH"),
    ("p", "Tổ chức Hội thảo “Thu thập dữ liệu Bộ chỉ số PII tỉnh Thái Nguyên năm 2025”"),
    ("p", "I. Thời gian, địa điểm"),
    ("p", "- Thời gian: 08 giờ 00 phút ngày 24/6/2025"),
    ("p", "- Địa điểm: Hội trường A, Trung tâm Hội nghị tỉnh (số 1 đường Cách mạng Tháng Tám)"),
    ("p", "II. Thành phần"),
    (
        "table",
        [
            ["STT", "Đơn vị", "Số đại biểu", "Ghi chú"],
            ["I", "CẤP TỈNH"],
            ["1", "Sở Tài chính", "03", ""],
            ["2", "Sở Công Thương", "02", ""],
            ["3", "Sở Nội vụ", "02", ""],
            ["II", "CẤP XÃ"],
            ["4", "UBND các xã, phường", "20", "mỗi đơn vị 01"],
            ["", "Tổng cộng", "27", ""],
        ],
    ),
]

HELD_OUT: list[Case] = [
    Case(
        "ministry-letter",
        "cong-van.txt",
        _text(ONLINE_MEETING),
        {
            "title": "Hội nghị Giám đốc Sở Khoa học và Công nghệ toàn quốc",
            "host": "Bộ Khoa học và Công nghệ",
            "start_date": dt.date(2025, 5, 29),
            "start_time": dt.time(8, 0),
            "venue_name": "Phòng 110, Trụ sở Bộ Khoa học và Công nghệ",
            "venue_address": "113 Trần Duy Hưng, Hà Nội",
        },
    ),
    Case(
        "two-day-timed-list",
        "ngay-hoi.txt",
        _text(TWO_DAY_LIST),
        {
            "title": "Ngày hội Khởi nghiệp đổi mới sáng tạo tỉnh Khánh Hòa năm 2025",
            "province": "Khánh Hòa",
            "start_date": dt.date(2025, 8, 19),
            "end_date": dt.date(2025, 8, 20),
            "start_time": dt.time(7, 0),
            "end_time": dt.time(11, 0),
            "venue_name": "Quảng trường 2 tháng 4",
            "venue_address": "đường Trần Phú, phường Nha Trang",
            "agenda": 5,
            "agenda_days": [0, 0, 0, 1, 1],
        },
    ),
    Case(
        "web-paste",
        "thong-bao-web.md",
        lambda: build.to_html_text(WEB_PASTE).encode(),
        {
            "title": "Phát triển thị trường khoa học và công nghệ",
            "host": "Sở Khoa học và Công nghệ tỉnh Bắc Ninh",
            "province": "Bắc Ninh",
            "start_date": dt.date(2025, 10, 16),
            "start_time": dt.time(14, 0),
            "end_time": dt.time(17, 0),
            "venue_name": "Khách sạn Mường Thanh Luxury - Bắc Ninh",
            "venue_address": "số 1 Lý Thái Tổ, phường Kinh Bắc",
            "agenda": 4,
            "total_delegates": 120,
        },
    ),
    Case(
        "invitee-groups-docx",
        "ke-hoach-nhom.docx",
        lambda: build.to_docx(INVITEE_TABLE_GROUPS),
        {
            "title": "Thu thập dữ liệu Bộ chỉ số PII tỉnh Thái Nguyên năm 2025",
            "host": "Sở Khoa học và Công nghệ",
            "province": "Thái Nguyên",
            "start_date": dt.date(2025, 6, 24),
            "start_time": dt.time(8, 0),
            "venue_name": "Hội trường A, Trung tâm Hội nghị tỉnh",
            "venue_address": "số 1 đường Cách mạng Tháng Tám",
            "agencies": {"Sở Tài chính", "Sở Công Thương", "Sở Nội vụ", "UBND các xã, phường"},
            "seats_total": 27,
        },
    ),
    Case(
        "invitee-groups-pdf",
        "ke-hoach-nhom.pdf",
        lambda: build.to_pdf(INVITEE_TABLE_GROUPS),
        {
            "start_date": dt.date(2025, 6, 24),
            "venue_address": "số 1 đường Cách mạng Tháng Tám",
            "agencies": {"Sở Tài chính", "Sở Công Thương", "Sở Nội vụ", "UBND các xã, phường"},
            "seats_total": 27,
        },
    ),
]


# A second round written after the first held-out fixes, scored before any change for it.
INVITATION_LABELS = [
    ("p", "ỦY BAN NHÂN DÂN TỈNH GIA LAI"),
    ("p", "SỞ KHOA HỌC VÀ CÔNG NGHỆ"),
    ("p", "Gia Lai, ngày 03 tháng 11 năm 2025"),
    ("p", "GIẤY MỜI"),
    (
        "p",
        (
            "Sở Khoa học và Công nghệ trân trọng kính mời tham dự Hội nghị sơ kết công tác thống kê "
            "khoa học và công nghệ năm 2025."
        ),
    ),
    ("p", "Vào lúc: 14 giờ 00, ngày 14/11/2025 (Thứ Sáu)."),
    ("p", "Tại: Phòng họp số 2, UBND tỉnh (số 1 Trần Hưng Đạo, phường Quy Nhơn)."),
    ("p", "Rất mong Quý đại biểu đến dự đúng giờ./."),
]

PROGRAMME_SESSIONS = [
    ("p", "CHƯƠNG TRÌNH HỘI THẢO"),
    ("p", "“Ứng dụng công nghệ số trong nông nghiệp”"),
    ("p", "Thời gian: Sáng thứ Tư, ngày 10/12/2025"),
    ("p", "Địa điểm: Hội trường Trung tâm Khuyến nông, số 8 Lê Lợi, phường Tây Sơn"),
    (
        "table",
        [
            ["Thời gian", "Nội dung công việc", "Người thực hiện"],
            ["BUỔI SÁNG"],
            ["07h30 - 08h00", "Đón tiếp đại biểu", "Ban Tổ chức"],
            ["08h00 - 08h15", "Tuyên bố lý do, giới thiệu đại biểu", "Ban Tổ chức"],
            ["08h15 - 10h00", "Các tham luận", "Chuyên gia"],
            ["10h00 - 11h15", "Thảo luận", "Đại biểu"],
            ["11h15 - 11h30", "Bế mạc", "Lãnh đạo Trung tâm"],
        ],
    ),
]

SPACED = [
    ("p", "KẾ HOẠCH"),
    ("p", "Tổ chức Tọa đàm “Hỗ trợ doanh nghiệp đổi mới công nghệ”"),
    ("p", "Thời gian :  8 h 00 ngày 03 / 12 / 2025"),
    ("p", "Địa điểm :  Hội trường Sở Công Thương , số 3 Nguyễn Huệ , phường Hội An"),
    ("p", "Thành phần: khoảng 40 đại biểu."),
]

SECOND_ROUND: list[Case] = [
    Case(
        "invitation-labels-pdf",
        "giay-moi-nhan.pdf",
        lambda: build.to_pdf(INVITATION_LABELS),
        {
            "title": "Hội nghị sơ kết công tác thống kê khoa học và công nghệ năm 2025",
            "host": "Sở Khoa học và Công nghệ",
            "province": "Gia Lai",
            "start_date": dt.date(2025, 11, 14),
            "start_time": dt.time(14, 0),
            "venue_name": "Phòng họp số 2, UBND tỉnh",
            "venue_address": "số 1 Trần Hưng Đạo, phường Quy Nhơn",
        },
    ),
    Case(
        "programme-sessions-md",
        "chuong-trinh-phien.md",
        lambda: build.to_markdown(PROGRAMME_SESSIONS).encode(),
        {
            "title": "Ứng dụng công nghệ số trong nông nghiệp",
            "start_date": dt.date(2025, 12, 10),
            "start_time": dt.time(7, 30),
            "end_time": dt.time(11, 30),
            "venue_name": "Hội trường Trung tâm Khuyến nông",
            "venue_address": "số 8 Lê Lợi, phường Tây Sơn",
            "agenda": 5,
        },
    ),
    Case(
        "spaced-text",
        "toa-dam.txt",
        _text(SPACED),
        {
            "title": "Hỗ trợ doanh nghiệp đổi mới công nghệ",
            "start_date": dt.date(2025, 12, 3),
            "start_time": dt.time(8, 0),
            "venue_name": "Hội trường Sở Công Thương",
            "venue_address": "số 3 Nguyễn Huệ, phường Hội An",
            "total_delegates": 40,
        },
    ),
]
