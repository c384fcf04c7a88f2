"""Times as organisers write them, folding, agency aliases and slugs."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.plan import parse_time_range
from bot.domain.plan.agency_names import agency_aliases, canonical_agency_name
from bot.domain.plan.slug import event_slug
from bot.domain.textfold import fold, fold_chars

T = dt.time


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("07 giờ 30-08 giờ 00", (T(7, 30), T(8, 0))),
        ("7h30'-8h00'", (T(7, 30), T(8, 0))),
        ("8h00'- 8h10'", (T(8, 0), T(8, 10))),
        ("7:30 - 8:00", (T(7, 30), T(8, 0))),
        ("07h30 – 08h00", (T(7, 30), T(8, 0))),
        ("07h30—08h00", (T(7, 30), T(8, 0))),
        ("8 giờ - 8 giờ 10", (T(8, 0), T(8, 10))),
        ("14 giờ 00 phút đến 16 giờ 30 phút", (T(14, 0), T(16, 30))),
        ("Sáng: 7h30 - 8h", (T(7, 30), T(8, 0))),
        ("14h", (T(14, 0), None)),
        ("7h30", (T(7, 30), None)),
        ("", (None, None)),
        (None, (None, None)),
    ],
)
def test_parse_time_range(text, expected):
    assert parse_time_range(text) == expected


@pytest.mark.parametrize("text", ["25:99", "9 giờ kém 15", "Cả ngày", "8", "- 8h00", "7h30-8h-9h"])
def test_parse_time_range_refuses_what_it_cannot_read(text):
    with pytest.raises(ValueError):
        parse_time_range(text)


@given(st.integers(0, 23), st.integers(0, 59), st.integers(0, 23), st.integers(0, 59))
def test_parse_time_range_reads_every_style(h1, m1, h2, m2):
    styles = [
        f"{h1:02d} giờ {m1:02d}-{h2:02d} giờ {m2:02d}",
        f"{h1}h{m1:02d}'-{h2}h{m2:02d}'",
        f"{h1}:{m1:02d} – {h2}:{m2:02d}",
    ]
    for text in styles:
        assert parse_time_range(text) == (T(h1, m1), T(h2, m2))


def test_fold():
    assert fold("  Sở  Khoa học\tvà CÔNG NGHỆ ") == "so khoa hoc va cong nghe"
    assert fold("ĐỒNG Đăng") == "dong dang"
    assert fold("Uỷ ban") == fold("Ủy ban") == "uy ban"
    assert fold(unicodedata.normalize("NFD", "Hội thảo")) == "hoi thao"
    text = "Tổ chức Hội thảo “Giải pháp”"
    assert len(fold_chars(text)) == len(text)


def test_agency_aliases_for_old_names_include_the_current_one():
    short, aliases = agency_aliases("Sở KH&ĐT")
    assert short == "Sở KH&ĐT"
    assert aliases == ["Sở Kế hoạch và Đầu tư", "Sở Tài chính"]
    assert agency_aliases("Sở KH & ĐT") == agency_aliases("Sở KH&ĐT")
    _, aliases = agency_aliases("Sở Kế hoạch và Đầu tư")
    assert aliases == ["Sở KH&ĐT", "Sở Tài chính"]
    _, aliases = agency_aliases("Sở LĐT&XH")
    assert "Sở Lao động - Thương binh và Xã hội" in aliases and "Sở Nội vụ" in aliases
    _, aliases = agency_aliases("Sở Nông nghiệp và PTNT")
    assert "Sở Nông nghiệp và Phát triển nông thôn" in aliases
    assert "Sở Nông nghiệp và Môi trường" in aliases
    _, aliases = agency_aliases("Sở TT&TT")
    assert "Sở Khoa học và Công nghệ" in aliases
    _, aliases = agency_aliases("Sở Giao thông Vận tải")
    assert aliases == ["Sở GTVT", "Sở Xây dựng"]


def test_agency_aliases_for_abbreviations_and_places():
    assert agency_aliases("UBND tỉnh") == ("UBND tỉnh", ["Ủy ban nhân dân tỉnh"])
    assert agency_aliases("HĐND tỉnh")[1] == ["Hội đồng nhân dân tỉnh"]
    assert agency_aliases("Sở VHTT&DL")[1] == ["Sở Văn hóa, Thể thao và Du lịch"]
    assert agency_aliases("Sở GD&ĐT")[1] == ["Sở Giáo dục và Đào tạo"]
    _, aliases = agency_aliases("Ngân hàng nhà nước chi nhánh tỉnh Quảng Trị")
    assert "NHNN chi nhánh tỉnh Quảng Trị" in aliases
    assert "Ngân hàng Nhà nước Khu vực" in aliases
    assert "Thống kê tỉnh" in agency_aliases("Cục Thống kê tỉnh")[1]


def test_unknown_or_current_agencies_have_no_invented_aliases():
    assert agency_aliases("Sở Thư Pháp") == (None, [])  # the organiser's typo stays unknown
    assert agency_aliases("Sở Y tế") == (None, [])
    assert agency_aliases("Sở Tài chính") == (None, [])


def test_canonical_agency_name():
    assert canonical_agency_name("Sở khoa học và Công nghệ") == "Sở Khoa học và Công nghệ"
    assert canonical_agency_name("Sở KH&CN") == "Sở Khoa học và Công nghệ"
    assert canonical_agency_name("Phòng Văn hóa") is None


def test_slugs():
    title = "Giải pháp … (PII) tỉnh Quảng Trị, năm 2024"
    assert event_slug(title, "Hội thảo", "Quảng Trị", 2024) == "hoi-thao-pii-quang-tri-2024"
    assert event_slug("Đổi mới sáng tạo trong doanh nghiệp", None, None, 2025) == (
        "doi-moi-sang-tao-trong-doanh-nghiep-2025"
    )
    long = event_slug("Rất " * 40, None, None, 2025)
    assert len(long) <= 60 and long.endswith("-2025")
