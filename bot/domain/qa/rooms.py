"""Rooms of the programme: lines whose titles name their room, and questions that name a room.

Events with parallel sessions write the room into the line's title ("Phiên chuyên đề 2 (Phòng
họp B) - ...", "Phiên A (phòng 201): ..."). A delegate then asks by the room: "what's on in Room B
this afternoon", "phòng 201 chiều nay có gì", "hội trường A mấy giờ bắt đầu".
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.domain.qa.days import in_half
from bot.domain.qa.normalise import normalise_tokens
from bot.domain.qa.view import EventView, ItemView

__all__ = ["ADDRESS", "asks_parallel", "lines_in_room", "parallel_lines", "placed", "rooms_of"]

# A room or hall named in a programme line's title ("Phiên chuyên đề 2 (Phòng họp B)").
_ROOMS = re.compile(r"\b(?:phòng|hội trường|sảnh|room|hall|ballroom|lobby)\b", re.IGNORECASE)
# A street address written into a line's title ("số 45 Quốc lộ 20", "số 12 Hùng Vương").
# (or a ward or commune by its name: "(Trụ sở Liên cơ quan số 2, phường Hồng Gai)")
ADDRESS = re.compile(r"\b[sS]ố \d+[A-Za-z]?\s+\w|\b(?:phường|xã|đặc khu) [A-ZĐÂĂÊÔƠƯ]")


# A named place of a kind the line is held at ("tại Nhà hàng Hoàng Yến Beach", "tại Khách sạn Hoa Lư").
_AT_NAMED = re.compile(
    r"\b(?:tại|at)\s+(?:Nhà hàng|Khách sạn|Trường|Công ty|Nhà văn hóa|Bảo tàng|Cảng|Sân|Công viên|Chợ"
    r"|Quảng trường|Khu di tích|Resort|Hotel|Restaurant)\s+[A-ZĐÂĂÊÔƠƯ\d]"
)


def placed(title: str) -> bool:
    """Whether a programme line's title says where it is held (a room, a street address, or a
    place named after "tại")."""
    return bool(_ROOMS.search(title) or ADDRESS.search(title) or _AT_NAMED.search(title))


# A room in a title: its kind, then a number, a letter ("A1") or capitalised words that end the
# name (a bracket, punctuation or the end of the title follow, so "Phòng Quản lý khoa học", a
# department, is no room).
_ROOM_IN_TITLE = re.compile(
    r"\b(?:[Pp]hòng họp|[Pp]hòng|[Hh]ội trường|[Ss]ảnh|[Rr]oom|[Hh]all)\s+"
    r"(\d{1,4}[A-Za-z]?|[A-ZĐ][^\W_]*(?:\s+[A-ZĐ][^\W_]*)*)"
    r"(?=\s*(?:[()\],;:.\-–—]|$))"
)
# The kinds of room as a question writes them, folded.
_KINDS = (("phong", "hop"), ("phong",), ("hoi", "truong"), ("sanh",), ("room",), ("hall",), ("ht",))


@lru_cache(maxsize=64)
def rooms_of(view: EventView) -> dict[tuple[str, ...], tuple[int, ...]]:
    """Each room named in the programme's titles (its folded name) and the lines held there."""
    rooms: dict[tuple[str, ...], list[int]] = {}
    for n, item in enumerate(view.items):
        for name in _ROOM_IN_TITLE.findall(item.title):
            key = tuple(normalise_tokens(name))
            if key:
                rooms.setdefault(key, []).append(n)
    return {key: tuple(lines) for key, lines in rooms.items()}


def lines_in_room(view: EventView, tokens: tuple[str, ...]) -> tuple[int, ...]:
    """The lines of the room the question names ("room B", "phòng 201"), if it names one."""
    for key, lines in rooms_of(view).items():
        size = len(key)
        for at in range(len(tokens) - size + 1):
            if tokens[at : at + size] != key:
                continue
            if any(tuple(tokens[max(0, at - len(kind)) : at]) == kind for kind in _KINDS):
                return lines
    return ()


# "có mấy phiên song song", "parallel sessions", "concurrent tracks" (not "phiên dịch song song",
# simultaneous interpretation).
_PARALLEL = (("phien", "song", "song"), ("song", "song"), ("parallel",), ("concurrent",), ("breakout",))


def asks_parallel(tokens: tuple[str, ...]) -> bool:
    """Whether the question asks about sessions held side by side."""
    if any(tokens[n : n + 2] == ("dich", "song") for n in range(len(tokens))):
        return False
    return any(tokens[n : n + len(p)] == p for p in _PARALLEL for n in range(len(tokens)))


def parallel_lines(view: EventView, day: int | None, half: str | None) -> list[ItemView]:
    """The lines held at the same time as another line of the same day (the day or half asked)."""
    lines = [i for i in view.items if i.start_time and i.end_time and (day is None or i.day == day)]
    if half is not None:
        lines = [i for i in lines if in_half(i.start_time, half)]  # type: ignore[arg-type]
    return [
        i
        for i in lines
        if any(
            j is not i and j.day == i.day and j.start_time < i.end_time and i.start_time < j.end_time  # type: ignore[operator]
            for j in lines
        )
    ]
