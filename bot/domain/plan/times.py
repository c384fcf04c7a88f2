"""Reading the many ways organisers write times and dates ("07 giờ 30-08 giờ 00", "7h30'")."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from bot.domain.textfold import fold_chars

__all__ = [
    "parse_time_range",
    "parse_clock",
    "format_clock",
    "format_date",
    "parse_date_value",
    "DateMention",
    "find_date_mention",
    "looks_like_time_range",
    "find_clock",
]

# One clock time after folding: "07 gio 30", "7h30'", "8h", "7:30", "8.30", "14 gio 00 phut".
_CLOCK = re.compile(r"^(?P<h>\d{1,2})\s*(?:(?:h|g|gio|:|\.)\s*(?P<m>\d{1,2})?)\s*(?:'|’|′|phut|p)?$")
_DASHES = re.compile(r"\s*(?:-|–|—|‒|―|−|~|\bden\b|\bto\b)\s*")
_DAYPART = re.compile(r"^(?:sang|chieu|toi|trua)\s*[:,]?\s*|^(?:luc|tu)\s+")
_STRICT_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})$")
_BARE_HOUR = re.compile(r"^(\d{1,2})$")
_TRAILING_NOTE = re.compile(r"\s*\((?:thu|chu nhat)[^)]*\)\s*$")
# A clock time inside a sentence: needs its unit ("8 giờ", "14h00'", "7h", "7:30").
_PROSE_CLOCK = re.compile(
    r"(?<![\d/.])(?P<h>[01]?\d|2[0-3])\s*(?:h|gio|:)\s*(?P<m>[0-5]\d)?\s*(?:'|’|phut)?(?![\d/])"
)


def _one_clock(text: str) -> dt.time:
    """Read one clock time (already folded), or raise ValueError."""
    match = _CLOCK.match(text.strip())
    if match is None:
        raise ValueError(text)
    hour = int(match["h"])
    minute = int(match["m"]) if match["m"] else 0
    return dt.time(hour, minute)  # raises ValueError when out of range


def _left_clock(text: str, right: str) -> dt.time:
    """The start of a range; a bare hour ("8-10h", "13-14h30") borrows the unit of the end."""
    bare = _BARE_HOUR.match(text.strip())
    if bare and right.strip():
        return dt.time(int(bare.group(1)), 0)
    return _one_clock(text)


def parse_time_range(s: str | None) -> tuple[dt.time | None, dt.time | None]:
    """Read "07 giờ 30-08 giờ 00" style text into (start, end); ValueError when unreadable."""
    if s is None or not s.strip():
        return None, None
    text = _DAYPART.sub("", fold_chars(s).strip().rstrip(".,;"))
    text = _TRAILING_NOTE.sub("", text)
    dash = _DASHES.search(text)
    if dash is None:
        return _one_clock(text), None
    left, right = text[: dash.start()], text[dash.end() :]
    if not left.strip():
        raise ValueError(s)
    start = _left_clock(left, right)
    if not right.strip():
        return start, None  # "8h00 -": the end is not written yet
    return start, _one_clock(right)


def looks_like_time_range(text: str) -> bool:
    """Whether a cell or a line start reads as a clock time or a range of them."""
    try:
        start, _end = parse_time_range(text)
    except ValueError:
        return False
    return start is not None


def find_clock(text: str) -> tuple[dt.time, int, int] | None:
    """The first clock time written in prose ("vào hồi 8 giờ 00", "từ 14h00'"): time and span."""
    for match in _PROSE_CLOCK.finditer(fold_chars(text)):
        try:
            return dt.time(int(match["h"]), int(match["m"] or 0)), match.start(), match.end()
        except ValueError:
            continue
    return None


def parse_clock(s: str) -> dt.time:
    """Read a strict "HH:MM" (24-hour) time, as event files use; ValueError otherwise."""
    match = _STRICT_CLOCK.match(s.strip())
    if match is None:
        raise ValueError(s)
    return dt.time(int(match[1]), int(match[2]))


def format_clock(value: dt.time) -> str:
    """Write a time as "HH:MM"."""
    return value.strftime("%H:%M")


def format_date(value: dt.date) -> str:
    """Write a date as dd/mm/yyyy."""
    return value.strftime("%d/%m/%Y")


def parse_date_value(s: str) -> dt.date:
    """Read "dd/mm/yyyy" or ISO "yyyy-mm-dd"; ValueError otherwise."""
    text = s.strip()
    match = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text)
    if match:
        return dt.date(int(match[3]), int(match[2]), int(match[1]))
    match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    if match:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    raise ValueError(s)


@dataclass(frozen=True)
class DateMention:
    """A date found in a plan: a fixed date, or the organiser's words for a date not fixed."""

    date: dt.date | None = None
    end_date: dt.date | None = None
    note: str | None = None
    rank: int = 0  # how precise: 3 fixed date, 2 day left blank, 1 month only, 0 quarter
    year_guessed: bool = False  # "ngày 18/11": the year was taken from the document


_FULL_DATE = re.compile(r"(?<!\d)(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})(?!\d)")
_WORDY_DATE = re.compile(r"ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})")
# "ngày 18 và 19/11/2025", "từ ngày 03 đến ngày 05/12", "ngày 18-19 tháng 11 năm 2025".
_DAY_RANGE = re.compile(
    r"ngay\s+(?P<d1>\d{1,2})(?:\s*/\s*(?P<m1>\d{1,2}))?"
    r"\s*(?:va|den|,|-|–)\s*(?:het\s+)?(?:ngay\s+)?(?P<d2>\d{1,2})"
    r"\s*(?:/|-|\.|\s+thang\s+)\s*(?P<m2>\d{1,2})"
    r"(?:\s*(?:/|-|\.|\s+nam\s+)\s*(?P<y>\d{4}))?(?![\d/])"
)
_DAY_MONTH = re.compile(
    r"ngay\s+(?P<d>\d{1,2})\s*(?:/|\s+thang\s+)\s*(?P<m>\d{1,2})(?!\s*(?:/|nam)\s*\d)(?![\d/])"
)
_BLANK_DAY = re.compile(
    r"(?:\.{2,}|…+|_{2,}|x{1,2}\b)\s*/\s*(\d{1,2})\s*/\s*(\d{4})"
    r"|ngay\s+(?:\.{2,}|…+|_{2,})\s*thang\s+(\d{1,2})\s+nam\s+(\d{4})"
)
_MONTH_ONLY = re.compile(r"thang\s+(\d{1,2})\s*(?:/|-|\s+nam\s+)\s*(\d{4})")
_QUARTER = re.compile(r"quy\s+(?:[ivx]+|\d)\s*(?:/|-|\s+nam\s+)\s*\d{4}")


def _full_dates(folded: str) -> list[dt.date]:
    """Every valid full date in the folded text, in order."""
    found: list[tuple[int, dt.date]] = []
    for pattern in (_FULL_DATE, _WORDY_DATE):
        for match in pattern.finditer(folded):
            try:
                day = dt.date(int(match[3]), int(match[2]), int(match[1]))
            except ValueError:
                continue
            found.append((match.start(), day))
    return [day for _, day in sorted(found, key=lambda item: item[0])]


def _day_range(folded: str, year: int | None) -> DateMention | None:
    """A range of days written once with its month: "ngày 18 và 19/11/2025"."""
    for match in _DAY_RANGE.finditer(folded):
        written = match["y"]
        if written is None and year is None:
            continue
        y = int(written) if written else year
        try:
            start = dt.date(y, int(match["m1"] or match["m2"]), int(match["d1"]))
            end = dt.date(y, int(match["m2"]), int(match["d2"]))
        except (ValueError, TypeError):
            continue
        if end > start:
            return DateMention(date=start, end_date=end, rank=3, year_guessed=written is None)
    return None


def _day_month(folded: str, year: int | None) -> DateMention | None:
    """A day and month without a year ("ngày 18/11"), dated in the document's year."""
    if year is None:
        return None
    for match in _DAY_MONTH.finditer(folded):
        try:
            return DateMention(
                date=dt.date(year, int(match["m"]), int(match["d"])), rank=3, year_guessed=True
            )
        except ValueError:
            continue
    return None


def find_date_mention(text: str, year: int | None = None) -> DateMention | None:
    """Find the event date in one line of a plan, fixed or not; None when there is none.

    `year` dates a day written without one ("ngày 18/11"); such a date is marked as guessed.
    """
    folded = fold_chars(text)
    ranged = _day_range(folded, year)
    if ranged is not None:
        return ranged
    dates = _full_dates(folded)
    if dates:
        end = dates[-1] if len(dates) > 1 and dates[-1] > dates[0] else None
        return DateMention(date=dates[0], end_date=end, rank=3)
    partial = _day_month(folded, year)
    if partial is not None:
        return partial
    for rank, pattern in ((2, _BLANK_DAY), (1, _MONTH_ONLY), (0, _QUARTER)):
        match = pattern.search(folded)
        if match:
            return DateMention(note=text[match.start() : match.end()].strip(), rank=rank)
    return None
