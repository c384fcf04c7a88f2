"""Which day of a multi-day event, and which half of the day, a question is about.

"ngày thứ hai", "day 2", "second day", "ngày 03/12", "thứ Năm", "ngày mai", "hôm nay", "ngày cuối"
name a day; "buổi sáng", "sáng mai", "phiên chiều", "morning" name a half. The tokens that said so
are reported, so they do not count as words about a programme line.
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from dataclasses import dataclass
from functools import lru_cache

from bot.domain.qa.lunar import lunar_day_said, lunar_of
from bot.domain.qa.normalise import holds, normalise_tokens
from bot.domain.qa.view import EventView

__all__ = [
    "event_dates",
    "today",
    "AFTERNOON",
    "EVENING",
    "MORNING",
    "DayAsked",
    "day_asked",
    "half_of",
    "in_half",
    "parts_named",
]

MORNING, AFTERNOON, EVENING = "morning", "afternoon", "evening"
# An evening's lines start from 17:00 (a gala, a networking evening); the afternoon is every line
# from noon, so "chiều" of a day held only in the evening still finds its lines.
EVENING_FROM = 17
_ORDINALS = {
    "nhat": 1,
    "hai": 2,
    "ba": 3,
    "tu": 4,
    "nam": 5,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "1st": 1,
    "2nd": 2,
    "3rd": 3,
}
_WEEKDAYS_VI = {
    "hai": 0,
    "2": 0,
    "ba": 1,
    "3": 1,
    "tu": 2,
    "4": 2,
    "nam": 3,
    "5": 3,
    "sau": 4,
    "6": 4,
    "bay": 5,
    "7": 5,
}
_WEEKDAYS_EN = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
# (a verb or a question word after it: "sáng học từ mấy giờ"; never "sáng tạo", "sáng chế")
_ORDINAL_DATE = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)$")
_AFTER_SANG = frozenset(
    {"mai", "nay", "ngay", "thu", "hom", "hai", "ba", "sau", "hoc", "may", "tu", "bat", "luc", "gom"}
)


@dataclass(frozen=True)
class DayAsked:
    """The day (0 = first) and half of the day asked about, and the tokens that said so."""

    day: int | None
    half: str | None
    used: frozenset[int]
    # A day the event does not have was named ("ngày thứ tư" of a three-day course, "day 2" of a
    # one-day workshop, "ngày 04/12" after it): no programme line or hour answers it.
    outside: bool = False
    # A day named relative to today ("tối nay", "tomorrow") that is none of the event's days: "is
    # the award ceremony tonight?" is answered with the event's own dates.
    elsewhen: bool = False
    # The day was said only by the group held on it ("lớp 2" of "Lớp 1" one day, "Lớp 2" the
    # next): no calendar date was named.
    by_group: bool = False


def _number(token: str) -> int | None:
    if token.isdigit():
        return int(token)
    return _ORDINALS.get(token)


def event_dates(view: EventView) -> list[dt.date]:
    """The event's dates, first to last."""
    if view.start_date is None:
        return []
    last = view.last_date or view.start_date
    return [view.start_date + dt.timedelta(days=n) for n in range((last - view.start_date).days + 1)]


def today(view: EventView, now: dt.datetime) -> int | None:
    """The event's day (0 = first) that `now` falls on, if any."""
    return _relative(view, now, 0)


def _relative(view: EventView, now: dt.datetime, shift: int) -> int | None:
    dates = event_dates(view)
    if not dates:
        return None
    today = now.astimezone(zoneinfo.ZoneInfo(view.timezone)).date()
    wanted = today + dt.timedelta(days=shift)
    return dates.index(wanted) if wanted in dates else None


def in_half(start: dt.time, half: str) -> bool:
    """Whether a line starting at `start` is held in that half of the day."""
    if half == MORNING:
        return start.hour < 12
    if half == EVENING:
        return start.hour >= EVENING_FROM
    return start.hour >= 12


# "tối thứ 5", "tối nay", "tối 10/12", "buổi tối": the evening; never "tôi" (I) nor "tuần tới".
_AFTER_TOI = frozenset({"nay", "mai", "thu", "chu", "hom"})
_NOT_BEFORE_TOI = frozenset({"tuan", "thang", "nam", "lan", "den", "sap", "di", "moi", "cho", "em", "an"})


def _evening(tokens: tuple[str, ...] | list[str], i: int) -> bool:
    token = tokens[i]
    if token in {"evening", "tonight"}:
        return True
    if token != "toi":
        return False
    before = tokens[i - 1] if i else ""
    after = tokens[i + 1] if i + 1 < len(tokens) else ""
    if before in {"buoi", "phien"}:
        return True
    if "tu" in tokens[max(0, i - 4) : i]:
        return False  # "từ hôm nào tới hôm nào": from one day to another
    return before not in _NOT_BEFORE_TOI and (
        after in _AFTER_TOI or (after.isdigit() and 1 <= int(after) <= 31)
    )


def half_of(tokens: tuple[str, ...] | list[str]) -> tuple[str | None, set[int]]:
    """The part of the day named in `tokens` (morning/afternoon/evening) and the tokens that named it."""
    for choice in (("sang", "hay", "chieu"), ("morning", "or", "afternoon"), ("chieu", "hay", "sang")):
        if holds(tokens, choice):
            return None, set()  # "sáng hay chiều": which half is what is asked
    for i, token in enumerate(tokens):
        before = tokens[i - 1] if i else ""
        after = tokens[i + 1] if i + 1 < len(tokens) else ""
        said = {i, i - 1} if before in {"buoi", "phien"} else {i}
        # ("chiều nay mấy giờ bắt đầu phiên chiều": the half said twice, the second its session)
        said |= {
            k
            for j in range(i + 1, len(tokens))
            if tokens[j] == token and tokens[j - 1] in {"buoi", "phien"}
            for k in (j - 1, j)
        }
        if token == "morning" or (
            token == "sang" and (before in {"buoi", "phien"} or after in _AFTER_SANG or i == 0)
        ):
            return MORNING, said
        if token == "afternoon" or (token == "chieu" and after not in {"huong", "dai", "cao", "rong"}):
            return AFTERNOON, said
        if _evening(tokens, i):
            return EVENING, said
    return None, set()


# What a part of an event is called at its head ("Lễ ...", "Diễn đàn ...", "Cà phê khởi nghiệp").
_PART_KINDS = (
    ("le",),
    ("hoi", "nghi"),
    ("hoi", "thao"),
    ("dien", "dan"),
    ("toa", "dam"),
    ("ca", "phe"),
    ("tap", "huan"),
    ("dai", "hoi"),
    ("trien", "lam"),
    ("ngay", "hoi"),
    ("cuoc", "thi"),
    ("hop",),
    ("le", "hoi"),
)


@lru_cache(maxsize=64)
def title_part_days(view: EventView) -> tuple[tuple[tuple[str, ...], int], ...]:
    """The parts an event of several days joins in its title ("Lễ công bố ... và Diễn đàn ...",
    "Tọa đàm và Cà phê khởi nghiệp"), each by its head words, with the one day whose lines say them."""
    title = normalise_tokens(view.title)
    parts, current = [], []
    for token in title:
        if token == "va":
            parts.append(current)
            current = []
        else:
            current.append(token)
    parts.append(current)
    if len(parts) < 2 or len({i.day for i in view.items}) < 2:
        return ()
    found = []
    for part in parts:
        head = tuple(part[1:3] if part[:1] == ["le"] else part[:2])
        if len(head) < 2 or not any(tuple(part[: len(k)]) == k for k in _PART_KINDS):
            continue  # ("... cho các sở, ngành và xã, phường": no part of the event)
        days = {i.day for i in view.items if holds(normalise_tokens(i.title), head)}
        if len(days) == 1:
            found.append((tuple(part), days.pop()))
    return tuple(found)


def _part_spans(tokens: tuple[str, ...], view: EventView) -> list[tuple[int, int, int]]:
    """Each part of the event's title the question names, as (day, start, end) of the words that
    name it: its head, as many of its words after it as the question says, and a "buổi" before it."""
    spans = []
    for part, day in title_part_days(view):
        head = 3 if part[:1] == ("le",) else 2
        for n in range(len(tokens) - head + 1):
            if tokens[n : n + head] == part[:head]:
                end = n + head
                while end < len(tokens) and end - n < len(part) and tokens[end] == part[end - n]:
                    end += 1
                start = n - 1 if n and tokens[n - 1] in {"buoi", "phien", "hom", "ngay"} else n
                spans.append((day, start, end))
                break
    return spans


def parts_named(tokens: tuple[str, ...], view: EventView) -> set[int]:
    """The days of the parts of the event's title that `tokens` name ("lễ công bố": the first)."""
    return {day for day, _, _ in _part_spans(tokens, view)}


def day_asked(
    tokens: tuple[str, ...], dates: tuple[tuple[int, int], ...], view: EventView, now: dt.datetime
) -> DayAsked:
    """The day and half of the day `tokens` (and the d/m `dates` in the question) point at."""
    asked = _day_asked(tokens, dates, view, now)
    if asked.outside or (asked.day is not None and not _relative_said(tokens)):
        return asked
    # "lễ công bố kéo dài đến mấy giờ", "buổi cà phê khởi nghiệp là hôm nào": the day of that part;
    # "lễ công bố hôm nay mấy giờ" when it was yesterday: the part's own day, not today.
    spans = _part_spans(tokens, view)
    if not spans:
        return asked
    day, start, end = spans[0]
    return DayAsked(day, asked.half, frozenset(asked.used | set(range(start, end))))


def _relative_said(tokens: tuple[str, ...]) -> bool:
    """Whether a day relative to today is named ("hôm nay", "tomorrow")."""
    return any(
        t in {"today", "tonight", "tomorrow", "yesterday"}
        or (t, tokens[n + 1] if n + 1 < len(tokens) else "") in _RELATIVE_PAIRS
        or (n == 0 and t == "mai")  # "mai có gì": a question opening with "mai" asks of tomorrow
        for n, t in enumerate(tokens)
    )


def _day_asked(
    tokens: tuple[str, ...], dates: tuple[tuple[int, int], ...], view: EventView, now: dt.datetime
) -> DayAsked:
    days = event_dates(view)
    count = len(days)
    half, used = half_of(tokens)
    for day_of_month, month in dates:
        for index, date in enumerate(days):
            if (date.day, date.month) == (day_of_month, month):
                # ("sáng thứ 5 10/12": the weekday said with the date is the day's word too)
                return DayAsked(index, half, frozenset(used | _weekday_words(tokens)))
    # A date near the event's own that is none of its days ("ngày 11/12" of a forum on 09–10/12).
    outside = any(
        abs((dt.date(d.year, month, day_of_month) - d).days) <= 7
        for day_of_month, month in dates
        # (or to its last: "ngày 24/12" of evenings from 26/11 to 17/12)
        for d in {*days[:1], *days[-1:]}
        if 1 <= month <= 12 and 1 <= day_of_month <= 28
    )
    lunar_guessed: set[int] = set()
    for i, token in enumerate(tokens):
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        third = tokens[i + 2] if i + 2 < len(tokens) else ""
        found: int | None = None
        span = 1
        lunar = lunar_day_said(tokens, i) if token in {"mung", "ram"} or token[:1].isdigit() else None
        if lunar is not None:
            # "mùng 8 Tết", "rằm tháng Giêng": the event's day of that lunar date; another lunar day
            # is a guess its own dates answer ("mùng 6 Tết gặp mặt hả").
            lunar_day, lunar_month, span = lunar
            found = next(
                (
                    n
                    for n, lunar_date in enumerate(map(lunar_of, days))
                    if lunar_date.day == lunar_day and lunar_month in (None, lunar_date.month)
                ),
                None,
            )
            if found is None:
                lunar_guessed |= set(range(i, i + span))
        elif token == "ngay" and nxt == "thu" and _number(third):
            found, span = (_number(third) or 0) - 1, 3
        elif token == "ngay" and nxt.isdigit():
            number = int(nxt)
            by_date = [n for n, d in enumerate(days) if d.day == number]
            # "ngày 2" without a month is the event's second day when it has one (so read by three
            # of the four people who wrote such questions); the date needs its month ("ngày 2/12").
            found, span = (
                (number - 1 if 0 <= number - 1 < count else (by_date[0] if by_date else number - 1)),
                2,
            )
        elif _ORDINAL_DATE.match(token) and any(d.day == int(_ORDINAL_DATE.match(token)[1]) for d in days):
            # "on the 10th": the event's day of that date
            found = next(n for n, d in enumerate(days) if d.day == int(_ORDINAL_DATE.match(token)[1]))
        elif token == "day" and _number(nxt):
            found, span = (_number(nxt) or 0) - 1, 2
        elif nxt == "day" and token in {"first", "second", "third", "fourth", "1st", "2nd", "3rd"}:
            found, span = (_number(token) or 0) - 1, 2
        elif nxt in {"morning", "afternoon"} and token in {"first", "second", "third", "last", "final"}:
            # "the first afternoon": the ordinal is the day's; half_of() read the half.
            found = count - 1 if token in {"last", "final"} else (_number(token) or 0) - 1
        elif nxt == "day" and token in {"last", "final"}:
            found, span = count - 1, 2
        elif token in {"ngay", "hom", "buoi"} and (nxt, third) == ("khai", "mac"):
            found, span = 0, 3  # "hôm khai mạc": the opening day
        elif token in {"ngay", "hom", "buoi"} and (nxt, third) == ("be", "mac") and count > 1:
            found, span = count - 1, 3
        elif token in {"ngay", "hom", "dem"} and nxt == "dau":
            found, span = 0, 3 if third == "tien" else 2  # ("đêm đầu": the first night)
        elif token in {"ngay", "hom", "dem"} and nxt == "cuoi":
            found, span = count - 1, 2
        elif token in {"ngay", "buoi"} and nxt in {"hoc", "hop", "lam"} and third == "cuoi":
            found, span = count - 1, 3  # "ngày học cuối"
        elif token in {"ngay", "hom"} and nxt == "sau" and count > 1:
            found, span = 1, 2
        elif (token, nxt) in {
            ("ngay", "mai"),
            ("hom", "nay"),
            ("toi", "nay"),
            ("toi", "mai"),
            ("sang", "nay"),
            ("chieu", "nay"),
        }:
            found, span = _relative(view, now, 1 if nxt == "mai" else 0), 2
        elif token in {"tomorrow", "mai"} and not (i and tokens[i - 1] in {"chi", "anh", "co"}):
            found = _relative(view, now, 1)
        elif token in {"today", "tonight"} or (token == "evening" and i and tokens[i - 1] == "this"):
            found = _relative(view, now, 0)
        elif (token, nxt) == ("hom", "qua"):
            found, span = _relative(view, now, -1), 2
        elif token == "yesterday":
            found = _relative(view, now, -1)
        elif dates and (token in {"thu", "chu"} or token in _WEEKDAYS_EN):
            # ("tối thứ 5 ngày 24/12" when 24/12 is none of the event's days: the date says which
            # Thursday, and it is not one of the event's)
            pass
        elif (
            token == "thu"
            and nxt in _WEEKDAYS_VI
            and (not i or tokens[i - 1] != "ngay")
            # ("buổi thứ hai là ngày nào": the second evening; "buổi thứ 2 tuần sau" is Monday's)
            and not (i and tokens[i - 1] == "buoi" and tuple(tokens[i + 2 : i + 4]) not in _WEEK_WORDS)
        ):
            found, span = _weekday_of_week(days, _WEEKDAYS_VI[nxt], tokens, view, now), 2
        elif token == "chu" and nxt == "nhat":
            found, span = _weekday_of_week(days, 6, tokens, view, now), 2
        elif token in _WEEKDAYS_EN:
            found = _weekday_of_week(days, _WEEKDAYS_EN[token], tokens, view, now)
        if found is not None and found >= max(count, 1) and span > 1:
            outside = True  # "ngày thứ tư", "day 2" of an event without that day
        if found is not None and 0 <= found < max(count, 1):
            start = i
            # "next Thursday", "thứ 5 tuần sau": the week's words are the day's too, not "next".
            if i and tokens[i - 1] in {"next", "this", "coming"}:
                start = i - 1
            if tuple(tokens[i + span : i + span + 2]) in _WEEK_WORDS:
                span += 2
            # ("thứ 4 tuần sau ... đúng không hay thứ 5", "thứ 4 tuần sau hay tuần sau nữa": the other
            # day guessed is a day's words too, which name nothing asked about)
            said = frozenset(used | set(range(start, i + span)) | _days_said(tokens))
            lined = {item.day for item in view.items}
            if len({_weekday(days, w, lined) for _at, w in _weekday_mentions(tokens)} - {None}) > 1:
                # "next Thursday and Friday": two of its days, the whole event asked
                return DayAsked(None, half, said)
            return DayAsked(found, half, said)
    elsewhen = _relative_said(tokens)
    # "hội thảo là thứ 6 tuần sau phải không", "... ngày 11/12 phải không" of a Thursday event on
    # 10/12: a weekday or a date that is none of the event's days; its own dates answer.
    ordinal = {n for n, t in enumerate(tokens) if t == "thu" and n and tokens[n - 1] in _ORDINAL_NOUNS}
    weekday = _weekday_words(tokens) - ordinal - {n + 1 for n in ordinal}
    if lunar_guessed:
        elsewhen = True
        used |= lunar_guessed
    if weekday or dates:
        elsewhen = True
        last = max(weekday, default=-1)
        week = set(range(last + 1, last + 3)) if tuple(tokens[last + 1 : last + 3]) in _WEEK_WORDS else set()
        used |= weekday | week
    # "the training next week", "tuần sau": the week's words say when, not "what comes next".
    used |= {n + k for n in range(len(tokens) - 1) if tuple(tokens[n : n + 2]) in _WEEK_WORDS for k in (0, 1)}
    if tokens[:1] == ("mai",):
        used |= {0}  # "mai có gì": tomorrow, not a "Mai" of the programme
    # (a dateless event: its tentative month answers a weekday or a date asked)
    return DayAsked(None, half, frozenset(used), outside, elsewhen and (bool(days) or bool(weekday or dates)))


# Words before "thứ 2" that make it an ordinal ("bài thứ 2": the second talk), not Monday.
_ORDINAL_NOUNS = frozenset(
    {"bai", "phan", "phien", "tiet", "nguoi", "lan", "muc", "nhom", "de", "ngay", "buoi", "doi", "vong"}
    | {"hang", "giai", "luan", "cao", "diem", "khu", "tang", "so"}
)
_RELATIVE_PAIRS = frozenset(
    {
        ("hom", "nay"),
        ("toi", "nay"),
        ("ngay", "mai"),
        ("toi", "mai"),
        ("sang", "mai"),
        ("chieu", "mai"),
        ("chieu", "nay"),
        ("sang", "nay"),
        ("hom", "qua"),
    }
)
_WEEK_WORDS = frozenset(
    {("tuan", "sau"), ("tuan", "toi"), ("tuan", "nay"), ("next", "week"), ("this", "week")}
)


def _weekday_mentions(tokens: tuple[str, ...]) -> list[tuple[tuple[int, ...], int]]:
    """Each weekday named ("thứ 5", "Thursday"): the positions of its tokens, and the day (Monday 0)."""
    found = []
    for i, token in enumerate(tokens):
        if token == "thu" and i + 1 < len(tokens) and tokens[i + 1] in _WEEKDAYS_VI:
            found.append(((i, i + 1), _WEEKDAYS_VI[tokens[i + 1]]))
        elif token in _WEEKDAYS_EN:
            found.append(((i,), _WEEKDAYS_EN[token]))
    return found


def _weekday_words(tokens: tuple[str, ...]) -> set[int]:
    """The tokens that name a weekday ("thứ 5", "Thursday")."""
    return {n for at, _day in _weekday_mentions(tokens) for n in at}


def _days_said(tokens: tuple[str, ...]) -> set[int]:
    """The tokens of every weekday and week named ("thứ 5", "tuần sau nữa", "next week")."""
    said = _weekday_words(tokens)
    for n in range(len(tokens) - 1):
        if tuple(tokens[n : n + 2]) in _WEEK_WORDS:
            said |= {n, n + 1} | ({n + 2} if tokens[n + 2 : n + 3] == ("nua",) else set())
    return said


# Words that say which week a weekday is in: this week (0) or the next (1).
_WEEK_SHIFT = {
    # (the week after next first: "thứ 2 tuần sau nữa")
    ("tuan", "sau", "nua"): 2,
    ("tuan", "toi", "nua"): 2,
    ("week", "after", "next"): 2,
    ("tuan", "nay"): 0,
    ("this", "week"): 0,
    ("tuan", "sau"): 1,
    ("tuan", "toi"): 1,
    ("next", "week"): 1,
}


def _weekday_of_week(
    days: list[dt.date], weekday: int, tokens: tuple[str, ...], view: EventView, now: dt.datetime
) -> int | None:
    """The event's day on that weekday; when the week is said too ("thứ 6 tuần sau"), only if the
    event's day is in that week."""
    found = _weekday(days, weekday, {item.day for item in view.items})
    shift = next((v for p, v in _WEEK_SHIFT.items() if holds(tokens, p)), None)
    if found is None or shift is None:
        return found
    today = now.astimezone(zoneinfo.ZoneInfo(view.timezone)).date()
    monday = today - dt.timedelta(days=today.weekday()) + dt.timedelta(weeks=shift)
    # (an event over several weeks has that weekday in each: the one in the week said)
    return next((n for n, d in enumerate(days) if d == monday + dt.timedelta(days=weekday)), None)


def _weekday(days: list[dt.date], weekday: int, lined: set[int]) -> int | None:
    """The event's first day on that weekday; of an event spread over weeks whose lines leave some
    days empty ("the Saturday" of evenings on 24/11, 26/11 and a Saturday 05/12), its first day on
    that weekday that has lines."""
    found = [n for n, d in enumerate(days) if d.weekday() == weekday]
    return next((n for n in found if n in lined), found[0] if found else None)
