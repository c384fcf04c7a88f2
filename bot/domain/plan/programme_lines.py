"""A programme written as a list of times in the prose ("- 7h30 - 8h00: Đón tiếp đại biểu")."""

from __future__ import annotations

import re

from bot.domain.plan.tables import Table
from bot.domain.textfold import fold_chars

__all__ = ["programme_from_lines"]

_CLOCK = r"\d{1,2}\s*(?:h|g|gio|:)\s*(?:\d{2})?\s*(?:'|’|phut)?"
_TO = r"\s*(?:-|–|—|den)\s*"
# "7h30 - 8h00", "8h", or a bare hour only before a range's end: "7-9h", "14-15h30".
_RANGE = rf"(?:{_CLOCK}(?:{_TO}{_CLOCK})?|\d{{1,2}}{_TO}{_CLOCK})"
# A line that opens with a time (after a bullet) and goes on with what happens then.
_TIMED = re.compile(rf"^\s*(?:[-–•+*]\s*)?(?:(?:tu\s+)?)(?P<time>{_RANGE})\s*(?:[:.\-–]\s*)?(?P<rest>\S.*)$")
_SECTION = re.compile(
    r"^\s*(?:[-–•+*]\s*)?(?:(?:buoi\s+)?(?:sang|chieu|toi)\b|ngay\s+(?:thu\s+)?\S+|phien\b)"
)


def programme_from_lines(lines: list[tuple[int, str]]) -> tuple[Table, list[int]] | None:
    """A table (with a header row) made from timed prose lines, and the lines it used.

    At least two timed lines must stand within a few lines of each other; "Sáng", "Chiều ngày
    19/11" and "Ngày thứ hai" lines between them become section rows.
    """
    rows: list[list[str]] = [["Thời gian", "Nội dung"]]
    row_lines: list[int | None] = [None]
    used: list[int] = []
    pending: list[tuple[int, str]] = []
    last_used: int | None = None
    for number, text in lines:
        folded = fold_chars(text)
        timed = _TIMED.match(folded)
        if timed and len(timed["rest"].split()) >= 2 and not re.match(r"\d", timed["rest"]):
            if last_used is not None and number - last_used > 6:
                if len(used) >= 2:
                    break
                rows, row_lines, used, pending = rows[:1], [None], [], []
            for section_line, section in pending:
                rows.append([section.strip(" :*-"), ""])
                row_lines.append(section_line)
                used.append(section_line)
            pending = []
            time_text = text[timed.start("time") : timed.end("time")]
            rows.append([time_text.strip(), text[timed.start("rest") :].strip()])
            row_lines.append(number)
            used.append(number)
            last_used = number
        elif _SECTION.match(folded) and len(text) < 80:
            pending.append((number, text))
    timed_rows = sum(1 for row in rows[1:] if row[1])
    if timed_rows < 2:
        return None
    return Table(0, rows, row_lines), used
