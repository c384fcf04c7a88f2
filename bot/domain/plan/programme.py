"""Reading a programme table (Thời gian / Nội dung / Thành phần) into agenda items."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from bot.domain.plan.draft import AgendaDraft, Finding
from bot.domain.plan.tables import Table, cell_at, find_header
from bot.domain.plan.times import find_date_mention, looks_like_time_range, parse_time_range
from bot.domain.textfold import fold, fold_chars
from storage.enums import AgendaKind

__all__ = [
    "PROGRAMME_ROLES",
    "Programme",
    "programme_header",
    "classify_agenda_kind",
    "read_programme",
    "is_programme",
]

PROGRAMME_ROLES: dict[str, re.Pattern[str]] = {
    "number": re.compile(r"s?tt|so tt|so thu tu"),
    "time": re.compile(r"(thoi gian|gio|time)\b.*"),
    "content": re.compile(r"(noi dung|chuong trinh|hoat dong|cong viec|van de)\b.*"),
    "presenter": re.compile(
        r"(thanh phan|thuc hien|trinh bay|chu tri|phu trach|dien gia|bao cao vien"
        r"|nguoi (trinh bay|thuc hien|phu trach|bao cao|chu tri)"
        r"|(co quan|don vi) (thuc hien|chu tri|phu trach|trinh bay))\b.*"
    ),
}
_REQUIRED = {"time", "content"}

# Checked in order; the first group with a keyword in the folded title decides the kind.
_KIND_KEYWORDS: tuple[tuple[AgendaKind, tuple[str, ...]], ...] = (
    (AgendaKind.REGISTRATION, ("don tiep", "dang ky", "dang ki", "check in")),
    (AgendaKind.BREAK, ("giai lao", "nghi giua gio", "tea break", "nghi trua", "an trua")),
    (AgendaKind.OPENING, ("khai mac", "tuyen bo ly do", "gioi thieu dai bieu")),
    (AgendaKind.CLOSING, ("be mac",)),
    (AgendaKind.DISCUSSION, ("thao luan", "trao doi", "hoi dap", "hoi - dap", "toa dam")),
    (AgendaKind.CLOSING, ("ket luan", "tong ket")),
    (AgendaKind.TALK, ("tham luan", "bao cao", "trinh bay")),
)
_TALK_MARKER = re.compile(r"^\s*(?:[-–•+*]\s*)?(?:bao cao\s+)?tham luan(?:\s+(?:so\s*)?\d+)?\s*[:.\-–]\s*")
_BULLET = re.compile(r"^\s*[-–•+*]\s+")
_SECTION = re.compile(r"^(?:buoi\s+)?(?:sang|chieu|toi|trua)\b|^ngay\b|^phien\b|^day\b")
_DAY_NUMBER = re.compile(r"^ngay\s+(?:thu\s+)?(\d{1,2}|nhat|hai|ba|tu|nam)\b(?!\s*[/.-]\s*\d)")
_GROUP_ROW = re.compile(r"^(?:[ivx]+|\d+|[a-z])[.)]?$|^(?:thoi gian|noi dung)$")
_DAY_WORDS = {"nhat": 1, "hai": 2, "ba": 3, "tu": 4, "nam": 5}


@dataclass
class Programme:
    """Agenda items read from one programme table, with what could not be read."""

    items: list[AgendaDraft] = field(default_factory=list)
    problems: list[Finding] = field(default_factory=list)
    dates: list[dt.date] = field(default_factory=list)  # dates named in day headings, in order


def _guess_columns(table: Table) -> tuple[int, dict[str, int]] | None:
    """A programme table without a header: most rows open with a time in one of two columns."""
    rows = [row for row in table.rows if len({cell for cell in row if cell}) > 1]
    if len(rows) < 2:
        return None
    for col in (0, 1):
        timed = sum(1 for row in rows if col < len(row) and looks_like_time_range(row[col]))
        if timed * 2 >= len(rows) and timed >= 2:
            columns = {"time": col, "content": col + 1}
            widest = max(len(row) for row in rows)
            if col + 2 < widest:
                columns["presenter"] = col + 2
            return -1, columns
    return None


def programme_header(table: Table) -> tuple[int, dict[str, int]] | None:
    """The programme's header row and columns, read from its titles or guessed from its times."""
    return find_header(table, PROGRAMME_ROLES, _REQUIRED) or _guess_columns(table)


def is_programme(table: Table) -> bool:
    """Whether a table is a programme (a time and a content column, with or without header)."""
    return programme_header(table) is not None


def classify_agenda_kind(title: str) -> AgendaKind:
    """Guess an agenda item's kind from its title, diacritic-insensitively."""
    folded = fold(title)
    for kind, words in _KIND_KEYWORDS:
        if any(re.search(r"(?<![a-z])" + re.escape(w) + r"(?![a-z])", folded) for w in words):
            return kind
    return AgendaKind.OTHER


def _split_title(content: str) -> tuple[str, bool]:
    """Strip a leading "Tham luận:" marker (or a bullet); report whether the marker was there."""
    marker = _TALK_MARKER.match(fold_chars(content))
    if marker and content[marker.end() :].strip():
        return content[marker.end() :].strip(), True
    bullet = _BULLET.match(content)
    if bullet:
        return content[bullet.end() :].strip(), False
    return content.strip(), False


def _section_day(text: str, programme: Programme, current: int, year: int | None = None) -> int:
    """The day index a heading row such as "Ngày 2" or "Sáng ngày 12/6/2024" points to."""
    folded = fold(text)
    number = _DAY_NUMBER.match(folded)
    if number:
        word = number.group(1)
        return max(0, (int(word) if word.isdigit() else _DAY_WORDS[word]) - 1)
    mention = find_date_mention(text, year)
    if mention is not None and mention.date is not None:
        if mention.date not in programme.dates:
            programme.dates.append(mention.date)
        return programme.dates.index(mention.date)
    return current


def read_programme(table: Table, year: int | None = None) -> Programme:
    """Turn a programme table into agenda items; unreadable times become problems, not errors."""
    programme = Programme()
    header = programme_header(table)
    if header is None:
        return programme
    first, columns = header
    day = 0
    start: dt.time | None = None
    end: dt.time | None = None
    for offset, row in enumerate(table.rows[first + 1 :], start=1):
        time_cell = cell_at(row, columns.get("time"))
        content = cell_at(row, columns.get("content"))
        presenter = cell_at(row, columns.get("presenter"))
        values = {cell for cell in row if cell}
        if not values:
            continue
        if len(values) == 1 and _SECTION.match(fold(next(iter(values)))):
            day = _section_day(next(iter(values)), programme, day, year)
            continue
        if not content:
            if time_cell and _SECTION.match(fold(time_cell)):
                day = _section_day(time_cell, programme, day, year)
            elif not (len(values) == 1 and _GROUP_ROW.match(fold(next(iter(values))))):
                raw = " | ".join(cell for cell in dict.fromkeys(row) if cell)
                location = f"table:{table.number}:row:{offset}"
                programme.problems.append(Finding("row_unused", {"location": location, "raw": raw}))
            continue
        if time_cell == content:
            start = end = None  # one merged cell across the row: no time written
        elif time_cell:
            try:
                start, end = parse_time_range(time_cell)
            except ValueError:
                start = end = None
                location = f"table:{table.number}:row:{offset}"
                programme.problems.append(Finding("unparsed_time", {"location": location, "raw": time_cell}))
        # An empty time cell continues the previous slot: several talks share one time.
        title, is_talk = _split_title(content)
        kind = AgendaKind.TALK if is_talk else classify_agenda_kind(title)
        who = presenter if presenter and presenter not in (content, time_cell) else None
        programme.items.append(AgendaDraft(title, start, end, who, kind, day))
    return programme
