"""Answers that move along the programme or the event's days: before, between, end, chair, a day.

Kept apart from facts.py (the first answers) so each module stays small; both build catalogue
messages from the event snapshot and never a sentence.
"""

from __future__ import annotations

import datetime as dt

from bot.domain.formatting import format_date, format_time, format_time_range
from bot.domain.qa.days import MORNING, in_half, today
from bot.domain.qa.messages import Message, day_prefix, item_line, programme_messages
from bot.domain.qa.view import EventView, ItemView
from storage.enums import AgendaKind

__all__ = [
    "before_messages",
    "between_messages",
    "chair_messages",
    "day_hours",
    "day_items",
    "day_programme",
    "day_when_messages",
    "end_messages",
]


def day_items(view: EventView, day: int | None, half: str | None = None) -> list[ItemView]:
    """The programme lines of one day (all days when None), optionally of one half of the day."""
    items = [i for i in view.items if day is None or i.day == day]
    if half is not None:
        items = [i for i in items if i.start_time is None or in_half(i.start_time, half)]
        # ("sáng 03/12 học những gì": the morning's sessions, not the lunch break that runs into
        # the afternoon after them)
        while (
            half == MORNING
            and len(items) > 1
            and items[-1].kind == AgendaKind.BREAK
            and items[-1].end_time is not None
            and items[-1].end_time.hour >= 12
        ):
            items = items[:-1]
    return items


def day_hours(view: EventView, day: int, half: str | None = None) -> tuple[dt.time | None, dt.time | None]:
    """First start and last end of one day's (or half-day's) programme, else the event's hours."""
    # ("hôm nay mấy giờ xong, em bay chuyến chiều": no afternoon that day, so the day's own end)
    items = day_items(view, day, half) or day_items(view, day, None)
    if half is not None:
        # A half-day ends with its last session, not with the lunch break that closes it; nor
        # starts with the lunch break that opens it ("buổi chiều bắt đầu lại lúc mấy giờ").
        items = sorted(items, key=lambda i: (i.start_time or dt.time.min, i.end_time or dt.time.min))
        while len(items) > 1 and items[-1].kind == AgendaKind.BREAK:
            items = items[:-1]
        while len(items) > 1 and items[0].kind == AgendaKind.BREAK:
            items = items[1:]
    starts = [i.start_time for i in items if i.start_time is not None]
    ends = [i.end_time or i.start_time for i in items if (i.end_time or i.start_time) is not None]
    if not starts:
        return view.start_time, view.end_time
    end = max(e for e in ends if e is not None) if ends else None
    closing = [i for i in items if i.kind == AgendaKind.CLOSING and i.start_time and i.end_time]
    if half is None and closing and end is not None:
        # ("Techfest ngày 2 mấy giờ xong": the closing at 16:45, not the exhibition open since
        # the morning until 17:00; a dinner that starts after the closing does extend the day)
        close = max(closing, key=lambda i: i.end_time or dt.time.min)
        later = [i for i in items if (i.end_time or dt.time.min) > (close.end_time or dt.time.max)]
        if later and all(
            i.start_time is not None and i.start_time < (close.start_time or dt.time.min) for i in later
        ):
            end = close.end_time
        elif later and close.end_time == view.end_time:
            # ("mấy giờ tọa đàm kết thúc": the closing at 12:00, the hour the organisers gave as the
            # event's end; the lunch and the optional visit after it are extras)
            end = close.end_time
    last = max(items, key=lambda i: i.start_time or dt.time.min)
    if half is None and last.end_time is None and view.end_time and end and view.end_time > end:
        # The day's last line gives only its start ("16:45 Bế mạc"): the event's own end hour.
        end = view.end_time
    return min(starts), end


def _date_of(view: EventView, day: int) -> str | Message:
    if view.start_date is None:
        return view.date_note or "?"
    return format_date(view.start_date + dt.timedelta(days=day))


def _several_days(view: EventView) -> bool:
    return len({i.day for i in view.items}) > 1 or (
        view.start_date is not None and view.last_date is not None and view.last_date > view.start_date
    )


def _slot(item: ItemView) -> str | Message:
    return format_time_range(item.start_time, item.end_time) or Message.of("agenda.no_time")


def _line(view: EventView, item: ItemView) -> Message:
    return Message.of("qa.item.time", day=day_prefix(view, item), when=_slot(item), line=item_line(item))


def _key(item: ItemView) -> tuple[int, dt.time]:
    return item.day, item.start_time or dt.time(0)


def before_messages(view: EventView, items: list[ItemView]) -> list[Message]:
    """The slot that comes just before the given lines."""
    first = min(items, key=_key)
    earlier = [i for i in view.items if i.start_time is not None and _key(i) < _key(first)]
    if not earlier:
        return [Message.of("qa.nav.first", title=first.title)]
    latest = max(_key(i) for i in earlier)
    return [
        Message.of("qa.nav.before", title=first.title),
        *(_line(view, i) for i in earlier if _key(i) == latest),
    ]


def between_messages(view: EventView, first: list[ItemView], second: list[ItemView]) -> list[Message]:
    """What lies between two lines of the programme (in either order)."""
    # Of several lines with one name ("Giải lao" morning and afternoon), the closest pair of two
    # different lines: "between lunch and the coffee break" is the afternoon break.
    # The order they were named in, then the gap between them, decides.
    pairs = [(x, y) for x in first for y in second if x is not y] or [(first[0], second[0])]
    a, b = min(pairs, key=lambda p: (abs(p[0].day - p[1].day), _key(p[1]) < _key(p[0]), _gap(*p)))
    if _key(b) < _key(a):
        a, b = b, a
    inside = [i for i in view.items if i.start_time is not None and _key(a) < _key(i) < _key(b)]
    if not inside:
        return [Message.of("qa.nav.nothing_between", first=a.title, second=b.title)]
    return [
        Message.of("qa.nav.between", first=a.title, second=b.title),
        *(_line(view, i) for i in inside),
    ]


def _minutes(at: dt.time | None) -> int:
    return at.hour * 60 + at.minute if at else 0


def _gap(x: ItemView, y: ItemView) -> int:
    earlier, later = (x, y) if _key(x) <= _key(y) else (y, x)
    return _minutes(later.start_time) - _minutes(earlier.end_time or earlier.start_time)


def end_messages(
    view: EventView,
    now: dt.datetime,
    day: int | None,
    items: list[ItemView],
    half: str | None = None,
) -> list[Message]:
    """When a line ends, or when the event (the day asked, today's, or the last) ends."""
    if items:
        out = []
        for item in items:
            if item.end_time is None:
                out.append(Message.of("qa.duration.item_unknown", title=item.title))
            else:
                out.append(
                    Message.of(
                        "qa.end.item",
                        title=item.title,
                        time=format_time(item.end_time),
                        when=_slot(item),
                    )
                )
        return out
    if day is None:
        current = today(view, now)
        day = current if current is not None else max((i.day for i in view.items), default=0)
    _start, end = day_hours(view, day, half)
    if end is None:
        return [Message.of("qa.duration.event_unknown", title=view.title)]
    if _several_days(view):
        out = [
            Message.of(
                "qa.end.event_day",
                title=view.title,
                number=day + 1,
                date=_date_of(view, day),
                time=format_time(end),
            )
        ]
    else:
        out = [Message.of("qa.end.event", title=view.title, date=_date_of(view, day), time=format_time(end))]
    return out + _before_a_closing_meal(view, day)


def _before_a_closing_meal(view: EventView, day: int) -> list[Message]:
    """When a day closes with a meal or a reception ("Tiệc chiêu đãi"), when the part before it
    ends: who does not stay for the meal asks that."""
    lines = sorted((i for i in view.items if i.day == day and i.start_time), key=lambda i: i.start_time)
    if len(lines) < 2 or lines[-1].kind != AgendaKind.BREAK or lines[-2].end_time is None:
        return []
    meal = lines[-1]
    return [
        Message.of(
            "qa.end.before_break",
            time=format_time(lines[-2].end_time),
            title=meal.title,
            when=format_time_range(meal.start_time, meal.end_time),
        )
    ]


def chair_messages(view: EventView) -> list[Message]:
    """Who chairs the event, when the organisers said so."""
    if not view.chair:
        return [Message.of("qa.chair.unknown", title=view.title)]
    return [Message.of("qa.chair.event", title=view.title, chair=view.chair)]


def day_when_messages(view: EventView, day: int | None, half: str | None) -> list[Message]:
    """The hours of each day (or of the day / half-day asked about)."""
    days = [day] if day is not None else sorted({i.day for i in view.items} or {0})
    if day is None and half is not None:
        # "buổi tối mấy giờ bắt đầu" of a gala evening and a next-morning meeting: the evening's day.
        days = [n for n in days if day_items(view, n, half)] or days
    out = []
    for number in days:
        start, end = day_hours(view, number, half)
        # ("giao ban thứ 2 tuần sau mấy giờ bắt đầu": it starts at 14:00; the Zoom room opens and
        # delegates sign in from 13:45, which is said beside when one day is asked)
        opens = None
        if len(days) == 1:  # (of several days, each day's own hours; its sign-in is in its programme)
            items = day_items(view, number, half) or day_items(view, number, None)
            signing_in = [i.start_time for i in items if i.kind == AgendaKind.REGISTRATION and i.start_time]
            begins = [i.start_time for i in items if i.kind != AgendaKind.REGISTRATION and i.start_time]
            if signing_in and begins and min(signing_in) == start < min(begins):
                opens, start = start, min(begins)
        times = format_time_range(start, end) or Message.of("agenda.no_time")
        out.append(Message.of("qa.when.day", number=number + 1, date=_date_of(view, number), times=times))
        if opens is not None:
            out.append(Message.of("qa.when.registration", time=format_time(opens)))
    return out


def day_programme(view: EventView, day: int | None, half: str | None) -> list[Message]:
    """The programme of one day and/or one half of the day."""
    items = day_items(view, day, half)
    if not items:
        nothing = Message.of("qa.programme.nothing", title=view.title)
        whole_day = day_items(view, day or 0, None) if half is not None else []
        start, end = day_hours(view, day or 0) if whole_day else (None, None)
        if day is not None and not whole_day and half is None and _several_days(view):
            # "thứ 2 tuần sau nữa có họp không" of a series with nothing that day: the days it has.
            return [nothing, *day_when_messages(view, None, None)]
        if end is None or (day is None and _several_days(view)):
            return [nothing]
        if half == "morning" and start is not None and start.hour >= 12:
            # "sáng thứ 5 có gì không" of a day held in the afternoon only: that day's lines.
            header = [Message.of("qa.programme.day", number=(day or 0) + 1, date=_date_of(view, day or 0))]
            return [nothing, *(header if _several_days(view) else []), *programme_messages(whole_day)]
        # "chiều thứ 6 còn gì không": nothing that afternoon; the day ends at 11:30.
        date = _date_of(view, day or 0)
        ends = Message.of(
            "qa.end.event_day", number=(day or 0) + 1, date=date, title=view.title, time=format_time(end)
        )
        return [nothing, ends]
    out = []
    if day is not None and _several_days(view):
        out.append(Message.of("qa.programme.day", number=day + 1, date=_date_of(view, day)))
    return [*out, *programme_messages(items)]
