"""Days of the Vietnamese lunar calendar as delegates name them ("mùng 8 Tết", "rằm tháng Giêng").

The conversion is vnlunar's (Hồ Ngọc Đức's tables of the calendar Vietnam publishes, UTC+7), which
differs from the Chinese calendar in some years.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

import vnlunar

from bot.domain.qa.messages import Message
from bot.domain.qa.normalise import holds

__all__ = ["LunarDay", "asks_lunar", "lunar_day_said", "lunar_message", "lunar_of"]


@dataclass(frozen=True)
class LunarDay:
    """A lunar date: its day and month (1 = tháng Giêng, the Tết month) and year."""

    day: int
    month: int
    year: int


@lru_cache(maxsize=1024)
def lunar_of(date: dt.date) -> LunarDay:
    """The lunar date of a solar one."""
    found = vnlunar.get_lunar_date(date.day, date.month, date.year)
    return LunarDay(found["day"], found["month"], found["year"])


_NTH = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)$")
# The months' names after "tháng" (folded): Giêng is the first, Chạp the twelfth.
_MONTH_NAMES = {"gieng": 1, "chap": 12}
# Words that say the lunar calendar is meant.
_LUNAR_WORDS = (("tet",), ("am", "lich"), ("lunar",), ("mung", "may"))


def asks_lunar(tokens: tuple[str, ...]) -> bool:
    """Whether the question speaks of the lunar calendar ("mùng mấy Tết", "ngày âm lịch")."""
    return any(holds(tokens, p) for p in _LUNAR_WORDS)


def lunar_day_said(tokens: tuple[str, ...], at: int) -> tuple[int, int | None, int] | None:
    """The lunar day named at `at` ("mùng 8 Tết", "mùng 6 tháng Giêng", "rằm tháng Giêng"): its day,
    its month when said (Tết is the first month's), and how many tokens say it."""
    token = tokens[at]
    after = tokens[at + 1 : at + 4]
    if token == "mung" and after[:1] and after[0].isdigit() and 1 <= int(after[0]) <= 30:
        day, rest, span = int(after[0]), after[1:], 2
    elif token == "ram" and after[:1] == ("thang",):
        day, rest, span = 15, after, 1
    elif (english := _NTH.match(token)) is not None and after == ("day", "of", "tet"):
        return int(english[1]), 1, 4  # "the 6th day of Tet"
    else:
        return None
    if rest[:1] == ("tet",):
        return day, 1, span + 1
    if rest[:1] == ("thang",) and len(rest) > 1:
        month = _MONTH_NAMES.get(rest[1]) or (int(rest[1]) if rest[1].isdigit() else None)
        if month is not None and 1 <= month <= 12:
            return day, month, span + 2
    if token == "ram":
        return None
    return day, (1 if "tet" in tokens else None), span


def lunar_message(date: dt.date) -> Message:
    """The lunar date of a solar one, as the catalogue writes it ("mùng 8 tháng Giêng năm Đinh Mùi")."""
    lunar = lunar_of(date)
    day = Message.of("qa.lunar.early_day" if lunar.day <= 10 else "qa.lunar.day", number=lunar.day)
    month = Message.of(f"qa.lunar.month_{lunar.month}")
    year = vnlunar.get_year_can_chi(lunar.year)
    return Message.of("qa.when.lunar", date=date.strftime("%d/%m/%Y"), day=day, month=month, year=year)
