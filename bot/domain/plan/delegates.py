"""Reading who is invited: a delegate table (Cơ quan / SL / Ghi chú) or a prose list."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.domain.plan.agency_names import agency_aliases, name_key
from bot.domain.plan.draft import AgencyDraft, Finding, SeatDraft
from bot.domain.plan.invitee_prose import starts_agency
from bot.domain.plan.tables import Table, cell_at, find_header
from bot.domain.textfold import fold, fold_chars

__all__ = [
    "DELEGATE_ROLES",
    "Invitations",
    "clean_agency_name",
    "is_delegate_table",
    "read_delegate_table",
    "agency_draft",
]

DELEGATE_ROLES: dict[str, re.Pattern[str]] = {
    "number": re.compile(r"s?tt|so tt|so thu tu"),
    "time": re.compile(r"(thoi gian|gio)\b.*"),
    "agency": re.compile(r"(co quan|don vi|thanh phan|ten (co quan|don vi)|dai bieu|to chuc|khach moi)\b.*"),
    "count": re.compile(r"(sl|so luong|so dai bieu|so nguoi|so ghe|so luong dai bieu)\b.*"),
    "note": re.compile(r"(ghi chu|note)\b.*"),
}
_REQUIRED = {"agency", "count"}

_ROLE_PREFIX = re.compile(
    r"^\s*((?:dai dien|lanh dao|cac dong chi|dong chi)(?:\s+(?:dai dien|lanh dao))*)\s+"
)
_ROLE_SUFFIX = re.compile(r"\s+va\s+((?:cac\s+)?(?:can bo|chuyen vien|cong chuc)\b.*)$")
_SEATS = re.compile(r"^(\d{1,4})\s*(?:nguoi|dai bieu|db|d/c|dong chi|ghe)?\s*\.?$")
_TOTAL = re.compile(r"^(?:tong|cong)\b")
_GROUP_NUMBER = re.compile(r"^(?:[ivxlc]+|[a-z])\.?$")


@dataclass
class Invitations:
    """Seat rows and agencies read from a plan, with what could not be read."""

    seats: list[SeatDraft] = field(default_factory=list)
    agencies: list[AgencyDraft] = field(default_factory=list)
    problems: list[Finding] = field(default_factory=list)


def _guess_columns(table: Table) -> tuple[int, dict[str, int]] | None:
    """A delegate table without a header: one column of bodies, one of small counts."""
    rows = [row for row in table.rows if any(row)]
    if len(rows) < 2:
        return None
    width = max(len(row) for row in rows)
    counts = [
        col
        for col in range(width)
        if sum(1 for row in rows if _read_seats(cell_at(row, col)) is not None) * 3 >= len(rows) * 2
    ]
    names = [
        col
        for col in range(width)
        if sum(1 for row in rows if starts_agency(cell_at(row, col))) * 2 >= len(rows)
    ]
    if not counts or not names:
        return None
    count = max(counts)
    if count < names[0]:
        return None
    columns = {"agency": names[0], "count": count}
    if names[0] > 0:
        columns["number"] = 0
    return -1, columns


def delegate_header(table: Table) -> tuple[int, dict[str, int]] | None:
    """The delegate table's header row and columns, from its titles or guessed from its cells."""
    header = find_header(table, DELEGATE_ROLES, _REQUIRED)
    if header is not None:
        return None if "time" in header[1] else header
    return _guess_columns(table)


def is_delegate_table(table: Table) -> bool:
    """Whether a table lists delegates (an agency and a count, no time)."""
    return delegate_header(table) is not None


def clean_agency_name(text: str) -> tuple[str, str | None]:
    """Split "Lãnh đạo Sở X và cán bộ đầu mối" into ("Sở X", "Lãnh đạo và cán bộ đầu mối")."""
    name = text.strip().strip(";,.").strip()
    roles: list[str] = []
    prefix = _ROLE_PREFIX.match(fold_chars(name))
    if prefix and name[prefix.end() :].strip():
        roles.append(name[: prefix.end()].strip())
        name = name[prefix.end() :].strip()
    suffix = _ROLE_SUFFIX.search(fold_chars(name))
    if suffix and name[: suffix.start()].strip():
        roles.append(name[suffix.start(1) :].strip())
        name = name[: suffix.start()].strip()
    if not roles:
        return name, None
    note = " và ".join(roles)
    return name, note[0].upper() + note[1:]


def agency_draft(name: str) -> AgencyDraft:
    """An AgencyDraft with the short name and aliases the rename table knows."""
    short_name, aliases = agency_aliases(name)
    return AgencyDraft(name, short_name, aliases)


def _read_seats(text: str) -> int | None:
    """A seat count such as "02", "2 người"; None when it cannot be read."""
    match = _SEATS.match(fold(text))
    return int(match.group(1)) if match else None


def _join(*parts: str | None) -> str | None:
    """Join the non-empty parts of a note with "; "."""
    kept = [p for p in parts if p]
    return "; ".join(kept) if kept else None


def read_delegate_table(table: Table) -> Invitations:
    """Turn a delegate table into seat rows and agencies; unreadable counts become problems."""
    result = Invitations()
    header = delegate_header(table)
    if header is None:
        return result
    first, columns = header
    by_key: dict[str, SeatDraft] = {}
    for offset, row in enumerate(table.rows[first + 1 :], start=1):
        raw_name = cell_at(row, columns["agency"])
        count = cell_at(row, columns["count"])
        number = cell_at(row, columns.get("number"))
        location = f"table:{table.number}:row:{offset}"
        if not raw_name or _TOTAL.match(fold(raw_name)) or _TOTAL.match(fold(number)):
            continue
        if not count and _GROUP_NUMBER.match(fold(number)) and not number.isdigit():
            continue  # a group heading such as "I. Cấp tỉnh"
        if count == raw_name:
            continue  # a heading merged across the row ("CẤP TỈNH" in every column)
        name, role = clean_agency_name(raw_name)
        seats = _read_seats(count)
        if seats is None:
            result.problems.append(
                Finding("unparsed_seats", {"location": location, "raw": count, "agency": name})
            )
        note = _join(role, cell_at(row, columns.get("note")))
        key = name_key(name)
        if key in by_key:
            # The same agency twice: add the seats to the first row rather than losing them.
            earlier = by_key[key]
            if earlier.seats is not None and seats is not None:
                earlier.seats += seats
            earlier.note = _join(earlier.note, note)
            repeated = {"agency": name, "location": location}
            result.problems.append(Finding("agency_repeated", repeated))
            continue
        seat = SeatDraft(name, seats, note)
        by_key[key] = seat
        result.seats.append(seat)
        result.agencies.append(agency_draft(name))
    return result
