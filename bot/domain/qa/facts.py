"""The sentences of each answer, built from the event snapshot as catalogue messages."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from collections.abc import Iterable

from bot.domain.formatting import format_date, format_time, format_time_range
from bot.domain.qa.messages import Message, day_prefix, item_line, programme_messages, when_message
from bot.domain.qa.navigation import day_hours, day_items, day_when_messages
from bot.domain.qa.view import EventView, ItemView
from storage.enums import AgendaKind

__all__ = [
    "next_after",
    "where_messages",
    "when_messages",
    "programme",
    "item_time_messages",
    "presenter_messages",
    "agency_messages",
    "seat_messages",
    "counts_seats",
    "duration_messages",
    "event_duration_messages",
    "now_next_messages",
    "note_messages",
    "note_text",
    "minutes_between",
]


def where_messages(view: EventView) -> list[Message]:
    """Venue name and address, and the map link when there is one."""
    venue = view.venue
    if venue is None or not venue.place:
        return [Message.of("qa.where.unknown")]
    out = [Message.of("qa.where.place", title=view.title, place=venue.place)]
    if venue.map_url:
        out.append(Message.of("qa.where.map", url=venue.map_url))
    return out


def _event_when(view: EventView) -> Message:
    return when_message(view.start_date, view.end_date, view.date_note, view.start_time, view.end_time)


def when_messages(view: EventView) -> list[Message]:
    """The date, start and end, and when registration opens."""
    out = [Message.of("qa.when.event", title=view.title, when=_event_when(view))]
    registration = next((i for i in view.items if i.kind == AgendaKind.REGISTRATION), None)
    if registration is not None and registration.start_time is not None:
        out.append(Message.of("qa.when.registration", time=format_time(registration.start_time)))
    return out


def programme(view: EventView) -> list[Message]:
    """The whole programme, as /agenda shows it."""
    if not view.items:
        return [Message.of("agenda.empty", title=view.title)]
    return [
        Message.of("agenda.header", title=view.title, when=_event_when(view)),
        *programme_messages(view.items),
    ]


def _slot(item: ItemView) -> str | Message:
    return format_time_range(item.start_time, item.end_time) or Message.of("agenda.no_time")


def item_time_messages(view: EventView, items: list[ItemView]) -> list[Message]:
    """Each matched line with its time (and its day, when the event has several)."""
    return [_line_at(view, item) for item in items]


def countdown_messages(
    view: EventView, items: list[ItemView], now: dt.datetime, to_end: bool = False
) -> list[Message]:
    """How long from `now` until the first of the lines still to start ("còn bao lâu nữa"), or,
    `to_end`, until the lines end."""
    if view.start_date is None:
        return []
    zone = zoneinfo.ZoneInfo(view.timezone)
    moments = sorted(
        dt.datetime.combine(view.start_date + dt.timedelta(days=i.day), at, zone)
        for i in items
        if (at := i.end_time if to_end else i.start_time) is not None
    )
    ahead = [m for m in moments if m > now]
    if not ahead or ahead[0] - now >= dt.timedelta(days=1):
        return []  # (a day or more away: the line's date says it)
    minutes = int((ahead[0] - now).total_seconds() // 60)
    local = now.astimezone(zone)
    return [Message.of("qa.item.starts_in", length=_length(minutes), time=format_time(local.time()))]


# A role written before a line's presenter ("Chủ trì phiên:", "Điều phối:", "Moderator:").
ROLE = re.compile(r"^\s*(?:chủ trì|điều phối|dẫn dắt|moderator|chair|facilitator)[^:]{0,20}:", re.IGNORECASE)


def presenter_messages(items: list[ItemView]) -> list[Message]:
    """Who presents each matched line."""
    out = []
    for item in items:
        if item.presenter and ROLE.match(item.presenter):
            # "Chủ trì phiên: PGS.TS. ...": the programme says the role; it is not "presented by".
            out.append(
                Message.of("qa.item.role", title=item.title, presenter=item.presenter, when=_slot(item))
            )
        elif item.presenter:
            out.append(
                Message.of("qa.item.presenter", title=item.title, presenter=item.presenter, when=_slot(item))
            )
        else:
            out.append(Message.of("qa.item.no_presenter", title=item.title, when=_slot(item)))
    return out


# A presenter line naming several parties ("Công ty A và Trường B; Công ty C và ...").
_SHARED = re.compile(r";|,|\bvà\b|\band\b")


_SEATS = "qa.agency.seats"


def seat_messages(agency: str, seats: int, note: str | None) -> list[Message]:
    """The seats reserved for an agency, and the organisers' note on them."""
    messages = [Message.of(_SEATS, agency=agency, seats=seats)]
    if note is not None:
        messages.append(Message.of("qa.agency.note", agency=agency, note=note))
    return messages


def counts_seats(messages: Iterable[Message]) -> bool:
    """Whether a reply counts an agency's seats (the number asked by "được mấy chỗ")."""
    return any(m.key == _SEATS for m in messages)


def agency_messages(view: EventView, agency: str, items: list[ItemView]) -> list[Message]:
    """What one agency presents, with times; or that it presents nothing."""
    if not items:
        return [Message.of("qa.agency.none", agency=agency)]
    out = [Message.of("qa.agency.header", agency=agency)]
    for i in items:
        if i.presenter and _SHARED.search(i.presenter):
            # (a line it shares with others, a signing, a panel: who else is in it)
            out.append(
                Message.of(
                    "qa.agency.item_shared",
                    day=day_prefix(view, i),
                    when=_slot(i),
                    title=i.title,
                    presenter=i.presenter,
                )
            )
        else:
            out.append(Message.of("qa.agency.item", day=day_prefix(view, i), when=_slot(i), title=i.title))
    return out


def minutes_between(start: dt.time | None, end: dt.time | None) -> int | None:
    """Minutes from start to end on the same day (None when a time is missing)."""
    if start is None or end is None:
        return None
    return (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)


def _length(minutes: int) -> Message:
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return Message.of("qa.duration.hours_minutes", hours=hours, minutes=rest, total=minutes)
    if hours:
        return Message.of("qa.duration.hours", hours=hours, total=minutes)
    return Message.of("qa.duration.minutes", minutes=minutes)


def duration_messages(items: list[ItemView]) -> list[Message]:
    """How long each matched line lasts."""
    out = []
    for item in items:
        minutes = minutes_between(item.start_time, item.end_time)
        if minutes is None or minutes < 0:
            # (its start, when the programme gives one: "09:00")
            out.append(Message.of("qa.duration.item_unknown", title=item.title, when=_slot(item)))
        else:
            out.append(
                Message.of("qa.duration.item", title=item.title, length=_length(minutes), when=_slot(item))
            )
    return out


def half_duration_messages(view: EventView, day: int | None, half: str) -> list[Message] | None:
    """How long a half-day lasts ("buổi sáng kéo dài bao lâu"): its hours and length, when the
    days that hold it agree on them; else None."""
    days = [day] if day is not None else sorted({i.day for i in view.items})
    spans = {_half_span(view, n, half) for n in days if any(i.day == n for i in view.items)}
    if len(spans) != 1:
        return None
    start, end = spans.pop()
    minutes = minutes_between(start, end)
    if minutes is None or minutes <= 0:
        return None
    return [*day_when_messages(view, day, half), Message.of("qa.duration.length", length=_length(minutes))]


def _half_span(view: EventView, day: int, half: str) -> tuple[dt.time | None, dt.time | None]:
    # (from its first line after the welcome, as its hours are told: "08:00–11:30, đón tiếp từ 07:30")
    start, end = day_hours(view, day, half)
    begins = [
        i.start_time for i in day_items(view, day, half) if i.kind != AgendaKind.REGISTRATION and i.start_time
    ]
    return (min(begins) if begins and start is not None and min(begins) > start else start), end


def event_duration_messages(view: EventView) -> list[Message]:
    """How long the whole event lasts, from start to end."""
    minutes = minutes_between(view.start_time, view.end_time)
    if minutes is None or minutes <= 0:
        return [Message.of("qa.duration.event_unknown", title=view.title), *when_messages(view)]
    days = ((view.last_date - view.start_date).days + 1) if view.start_date and view.last_date else 1
    when = format_time_range(view.start_time, view.end_time)
    held = {i.day for i in view.items}
    if days > 1 and (len(held) < days or len({day_hours(view, n) for n in held}) > 1):
        # Days of different hours, or days apart (three meetings two weeks apart): no "29 days,
        # each day 14:00-16:00", but the days held and each one's own hours.
        first, last = format_date(view.start_date), format_date(view.last_date)  # type: ignore[arg-type]
        head = Message.of(
            "qa.duration.event_days_varied", title=view.title, days=len(held), first=first, last=last
        )
        return [head, *day_when_messages(view, None, None)]
    if days > 1:
        return [
            Message.of(
                "qa.duration.event_days",
                title=view.title,
                days=days,
                first=format_date(view.start_date),  # type: ignore[arg-type]
                last=format_date(view.last_date),  # type: ignore[arg-type]
                when=when,
                length=_length(minutes),
            )
        ]
    return [Message.of("qa.duration.event", title=view.title, when=when, length=_length(minutes))]


def _line_at(view: EventView, item: ItemView) -> Message:
    return Message.of("qa.item.time", day=day_prefix(view, item), when=_slot(item), line=item_line(item))


def _first_of_day(items: list[ItemView]) -> list[ItemView]:
    timed = [i for i in items if i.start_time is not None]
    if not timed:
        return []
    first = min(i.start_time for i in timed)  # type: ignore[type-var]
    return [i for i in timed if i.start_time == first]


def now_next_messages(
    view: EventView, now: dt.datetime, want_next: bool, at: dt.time | None = None, on_day: int | None = None
) -> list[Message]:
    """What is on at `now` (or at a given clock time, on the day asked) and what comes next."""
    if view.start_date is None:
        return [Message.of("qa.now.no_date", note=view.date_note or "?")]
    local = now.astimezone(zoneinfo.ZoneInfo(view.timezone))
    today, clock = local.date(), at or local.time().replace(tzinfo=None)
    during = view.start_date <= today <= (view.last_date or view.start_date)
    # A clock time asked outside the event's days means the first day.
    day = (today - view.start_date).days if during else 0
    if at is not None and on_day is not None:
        day = on_day  # "what's on at 2:30pm on Thursday"
    if at is None and today < view.start_date:
        out = [Message.of("qa.now.before", date=format_date(view.start_date), when=_event_when(view))]
        out.extend(_line_at(view, i) for i in _first_of_day([i for i in view.items if i.day == 0]))
        return out
    if at is None and today > (view.last_date or view.start_date):
        return [
            Message.of("qa.now.ended", title=view.title, date=format_date(view.last_date or view.start_date))
        ]
    items = [i for i in view.items if i.day == day and i.start_time is not None]
    current = _on_at(items, clock)
    later = [i for i in items if i.start_time > clock]  # type: ignore[operator]
    following = _first_of_day(later)
    out: list[Message] = []
    if current and not (want_next and following):
        out.append(Message.of("qa.now.current_at" if at else "qa.now.current", time=format_time(clock)))
        out.extend(_line_at(view, i) for i in current)
    elif not current and not following and at is None:
        return [Message.of("qa.now.day_over", title=view.title)]
    elif not current and not want_next:
        out.append(Message.of("qa.now.nothing", time=format_time(clock)))
    if following:
        out.append(Message.of("qa.now.next"))
        out.extend(_line_at(view, i) for i in following)
    elif want_next:
        out.append(Message.of("qa.now.last"))
    return out


def lines_on_now(view: EventView, now: dt.datetime) -> list[ItemView]:
    """The programme lines on at `now` (none outside the event's days and hours)."""
    if view.start_date is None:
        return []
    local = now.astimezone(zoneinfo.ZoneInfo(view.timezone))
    day = (local.date() - view.start_date).days
    return _on_at([i for i in view.items if i.day == day], local.time().replace(tzinfo=None))


def _on_at(items: list[ItemView], clock: dt.time) -> list[ItemView]:
    """The lines under way at `clock` (started, and not yet ended)."""
    return [
        i
        for i in items
        if i.start_time is not None and i.start_time <= clock and (i.end_time is None or clock < i.end_time)
    ]


def next_after(view: EventView, items: list[ItemView], skip_breaks: bool = False) -> list[Message]:
    """The slot that follows the given lines (each of them, when they are in different slots);
    with `skip_breaks`, the next one that is not a break ("the next talk after X")."""
    slots = {(i.day, i.start_time): i for i in items}  # talks sharing a slot have one "after"
    out: list[Message] = []
    for last in slots.values():
        later = [
            i
            for i in view.items
            if i.start_time is not None
            and last.start_time is not None
            and (i.day, i.start_time) > (last.day, last.start_time)
            and not (skip_breaks and i.kind == AgendaKind.BREAK)
        ]
        if not later:
            out.append(Message.of("qa.now.last"))
            continue
        day = min(i.day for i in later)
        following = _first_of_day([i for i in later if i.day == day])
        out.append(Message.of("qa.now.after", title=last.title))
        out.extend(_line_at(view, i) for i in following)
    return out


# Other keys organisers use in an event file for the same topic.
NOTE_KEYS = {
    "lunch": ("lunch", "meals", "meal", "an_trua", "catering"),
    "hotline": ("hotline", "contact", "contacts", "lien_he", "phone", "support"),
    "accommodation": ("accommodation", "hotel", "hotels", "lodging", "luu_tru", "dormitory", "stay"),
    "wifi": ("wifi", "internet"),
    "parking": ("parking", "gui_xe"),
    "dress_code": ("dress_code", "trang_phuc", "dress", "attire", "uniform"),
    # (what to bring is the documents' and the things' note: "mang theo", "what_to_bring")
    "documents": ("documents", "tai_lieu", "what_to_bring", "bring", "mang_theo", "giay_to", "materials"),
    "dinner": ("dinner", "an_toi", "meals", "meal"),  # (a note on all meals says dinner and breakfast too)
    "online": ("online", "truc_tuyen", "zoom"),
    "shuttle": ("shuttle", "xe_dua_don", "dua_don", "transport", "bus", "buses", "coach", "transfer"),
    "rain": ("rain", "rain_plan", "weather", "thoi_tiet", "troi_mua"),
    # (the way in and round for wheelchairs: a ramp, a side door, a lift)
    "accessibility": ("accessibility", "accessible_entrance", "access", "tiep_can", "xe_lan", "wheelchair"),
}


def note_text(view: EventView, topic: str) -> str | None:
    """The organisers' note on a topic, under its own key or one of its other names."""
    notes = dict(view.venue.notes) if view.venue else {}
    return next((notes[k] for k in NOTE_KEYS.get(topic, (topic,)) if k in notes), None)


def note_messages(view: EventView, topic: str, label: Message | str) -> list[Message]:
    """The organisers' note on a topic (parking, dress code...), or that they have not given it."""
    text = note_text(view, topic)
    if text is not None:
        return [Message.of("qa.note.answer", label=label, text=text)]
    return [Message.of("qa.note.missing", label=label)]
