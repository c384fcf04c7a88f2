"""The lunar calendar as delegates name its days (bot/domain/qa/lunar.py, over vnlunar)."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.domain.qa.lunar import LunarDay, asks_lunar, lunar_day_said, lunar_of
from bot.domain.qa.normalise import normalise_tokens


@pytest.mark.parametrize(
    ("date", "lunar"),
    [
        (dt.date(2026, 2, 17), LunarDay(1, 1, 2026)),  # Tết Bính Ngọ
        (dt.date(2027, 2, 6), LunarDay(1, 1, 2027)),  # Tết Đinh Mùi
        (dt.date(2027, 2, 13), LunarDay(8, 1, 2027)),  # mùng 8 Tết
        (dt.date(2026, 3, 3), LunarDay(15, 1, 2026)),  # rằm tháng Giêng
        (dt.date(2027, 2, 5), LunarDay(29, 12, 2026)),  # the last day of Bính Ngọ: no 30 Tết
    ],
)
def test_a_solar_date_has_its_vietnamese_lunar_date(date, lunar):
    assert lunar_of(date) == lunar


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("mùng 8 Tết gặp mặt mấy giờ", (8, 1, 3)),
        ("mùng 6 tháng Giêng có họp không", (6, 1, 4)),
        ("mùng 10 tháng 3 có gì", (10, 3, 4)),
        ("rằm tháng Giêng có làm việc không", (15, 1, 3)),
        ("Is it on the 6th day of Tet?", (6, 1, 4)),
        ("mùng 5 ạ", (5, None, 2)),  # no month said and no Tết: any month's
    ],
)
def test_a_lunar_day_named_is_read_with_its_month(question, said):
    tokens = normalise_tokens(question)
    at = next(n for n, t in enumerate(tokens) if t in {"mung", "ram"} or t[:1].isdigit())
    assert lunar_day_said(tokens, at) == said


@pytest.mark.parametrize(
    ("question", "lunar"),
    [
        ("chúc mừng năm mới", False),  # "mừng" folds to "mung", with no day after it
        ("gặp mặt mùng mấy Tết", True),
        ("ngày âm lịch là ngày nào", True),
        ("hội thảo ngày nào", False),
    ],
)
def test_the_lunar_calendar_asked(question, lunar):
    tokens = normalise_tokens(question)
    assert asks_lunar(tokens) is lunar
    assert all(lunar_day_said(tokens, n) is None for n in range(len(tokens))) or lunar
