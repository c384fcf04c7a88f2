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
]

# One clock time after folding: "07 gio 30", "7h30'", "8h", "7:30", "8.30", "14 gio 00 phut".
_CLOCK = re.compile(
    r"^(?P<h>\d{1,2})\s*(?:(?:h|g|gio|:|\.)\s*(?P<m>\d{1,2})?)\s*(?:'|’|′|phut|p)?$"
)
_DASHES = re.compile(r"\s*(?:-|–|—|‒|―|−|~|\bden\b|\bto\b)\s*")
_DAYPART = re.compile(r"^(?:sang|chieu|toi|trua)\s*[:,]?\s*|^(?:luc|tu)\s+")
_STRICT_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})$")


def _one_clock(text: str) -> dt.time:
    """Read one clock time (already folded), or raise ValueError."""
    match = _CLOCK.match(text.strip())
    if match is None:
        raise ValueError(text)
    hour = int(match["h"])
    minute = int(match["m"]) if match["m"] else 0
    return dt.time(hour, minute)  # raises ValueError when out of range


def parse_time_range(s: str | None) -> tuple[dt.time | None, dt.time | None]:
    """Read "07 giờ 30-08 giờ 00" style text into (start, end); ValueError when unreadable."""
    if s is None or not s.strip():
        return None, None
    text = _DAYPART.sub("", fold_chars(s).strip().rstrip(".,;"))
    dash = _DASHES.search(text)
    if dash is None:
        return _one_clock(text), None
    left, right = text[: dash.start()], text[dash.end() :]
    if not left.strip():
        raise ValueError(s)
    start = _one_clock(left)
    if not right.strip():
        return start, None  # "8h00 -": the end is not written yet
    return start, _one_clock(right)


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


_FULL_DATE = re.compile(r"(?<!\d)(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})(?!\d)")
_WORDY_DATE = re.compile(r"ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})")
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


def find_date_mention(text: str) -> DateMention | None:
    """Find the event date in one line of a plan, fixed or not; None when there is none."""
    folded = fold_chars(text)
    dates = _full_dates(folded)
    if dates:
        end = dates[-1] if len(dates) > 1 and dates[-1] > dates[0] else None
        return DateMention(date=dates[0], end_date=end, rank=3)
    for rank, pattern in ((2, _BLANK_DAY), (1, _MONTH_ONLY), (0, _QUARTER)):
        match = pattern.search(folded)
        if match:
            return DateMention(note=text[match.start() : match.end()].strip(), rank=rank)
    return None
