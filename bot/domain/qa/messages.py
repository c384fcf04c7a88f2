"""Answers as catalogue keys with parameters, rendered by whoever knows the user's language."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import groupby
from typing import TYPE_CHECKING, Any, Protocol

from bot.domain.formatting import format_date, format_time_range
from storage.enums import AgendaKind

if TYPE_CHECKING:
    from bot.domain.qa.view import EventView, ItemView

__all__ = [
    "Message",
    "day_prefix",
    "ScheduledItem",
    "render_message",
    "render_messages",
    "item_line",
    "message_texts",
    "programme_messages",
    "when_message",
]

# A translator: catalogue key and parameters in, sentence out (bot.i18n.Translator fits).
Translate = Callable[..., str]


@dataclass(frozen=True)
class Message:
    """One catalogue sentence: its key and parameters; a parameter may itself be a Message."""

    key: str
    params: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def of(cls, key: str, **params: Any) -> Message:
        """A message with keyword parameters."""
        return cls(key, tuple(params.items()))

    def param(self, name: str) -> Any:
        """One parameter's value (None when absent)."""
        return dict(self.params).get(name)


def render_message(t: Translate, message: Message) -> str:
    """The message in the translator's language; nested messages are rendered first."""
    params = {
        name: render_message(t, value) if isinstance(value, Message) else value
        for name, value in message.params
    }
    return t(message.key, **params)


def render_messages(t: Translate, messages: Iterable[Message], separator: str = "\n") -> str:
    """Several messages joined, one per line by default."""
    return separator.join(render_message(t, m) for m in messages)


class ScheduledItem(Protocol):
    """What programme rendering needs from an agenda line (a stored item or a view of one)."""

    day: int
    title: str
    presenter: str | None
    kind: AgendaKind

    @property
    def start_time(self) -> dt.time | None: ...  # noqa: D102

    @property
    def end_time(self) -> dt.time | None: ...  # noqa: D102


def item_line(item: ScheduledItem) -> Message:
    """'Title — Presenter', or the title alone."""
    if item.presenter:
        return Message.of("agenda.item_with_presenter", title=item.title, presenter=item.presenter)
    return Message.of("agenda.item", title=item.title)


def programme_messages(items: Sequence[ScheduledItem]) -> list[Message]:
    """One block per time slot; several talks in one slot are listed under it."""
    lines: list[Message] = []
    several_days = len({item.day for item in items}) > 1
    for day, day_items in groupby(items, key=lambda i: i.day):
        if several_days:
            lines.append(Message.of("agenda.day", number=day + 1))
        for (start, end), slot in groupby(day_items, key=lambda i: (i.start_time, i.end_time)):
            slot_items = list(slot)
            when = format_time_range(start, end) or Message.of("agenda.no_time")
            if len(slot_items) == 1:
                lines.append(Message.of("agenda.slot_single", when=when, line=item_line(slot_items[0])))
                continue
            talks = all(i.kind == AgendaKind.TALK for i in slot_items)
            lines.append(Message.of("agenda.slot_talks" if talks else "agenda.slot_many", when=when))
            lines.extend(Message.of("agenda.bullet", line=item_line(i)) for i in slot_items)
    return lines


def when_message(
    start_date: dt.date | None,
    end_date: dt.date | None,
    date_note: str | None,
    start_time: dt.time | None,
    end_time: dt.time | None,
) -> Message:
    """'Thứ Năm, ngày 26/11/2026, từ 07:30–11:30', or that the date is not fixed yet."""
    times = format_time_range(start_time, end_time)
    if start_date is None:
        note = date_note or "?"
        if times:
            return Message.of("event.date_not_fixed_with_times", note=note, times=times)
        return Message.of("event.date_not_fixed", note=note)
    weekday = Message.of(f"common.weekday.{start_date.weekday()}")
    date: str | Message = format_date(start_date)
    if end_date and end_date != start_date:
        date = Message.of("event.date_span", start=date, end=format_date(end_date))
    if times:
        return Message.of("event.when_with_times", weekday=weekday, date=date, times=times)
    return Message.of("event.when", weekday=weekday, date=date)


def day_prefix(view: EventView, item: ItemView) -> Message | str:
    """ "Ngày thứ 2 (10/12/2026), " before a line of a multi-day event; nothing on a one-day event."""
    if len({i.day for i in view.items}) <= 1:
        return ""
    if view.start_date is None:
        return Message.of("qa.day_prefix", number=item.day + 1)
    date = view.start_date + dt.timedelta(days=item.day)
    return Message.of("qa.day_prefix_dated", number=item.day + 1, date=format_date(date))


def message_texts(messages: list[Message]) -> list[str]:
    """The plain strings inside the messages (names, titles, notes), to look at."""
    out: list[str] = []
    for message in messages:
        for _name, value in message.params:
            out.extend(message_texts([value]) if isinstance(value, Message) else [str(value)])
    return out
