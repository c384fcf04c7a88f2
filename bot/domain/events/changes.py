"""What changed between two versions of an event, and the short notice delegates receive about it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from rapidfuzz import fuzz

from bot.domain.formatting import format_date, format_time_range
from bot.domain.plan.draft import AgendaDraft, EventDraft
from bot.domain.qa.messages import Message
from bot.domain.textfold import fold

__all__ = ["Change", "describe_changes", "change_messages", "change_key"]

# Fields of the event itself, in the order a notice lists them.
_EVENT_FIELDS = ("venue_name", "venue_address", "map_url", "date", "times")


@dataclass(frozen=True)
class Change:
    """One difference: which field (or programme line), the old value and the new one."""

    field: str  # an event field, or item_time / item_title / item_presenter / item_added / item_removed
    old: str | None
    new: str | None
    item: str | None = None  # the programme line's title, for item changes


def _event_times(draft: EventDraft) -> str:
    # The same fallback the import uses: the programme's first start and last end.
    start = draft.start_time or next((a.start for a in draft.agenda if a.start), None)
    end = draft.end_time or next((a.end for a in reversed(draft.agenda) if a.end), None)
    return format_time_range(start, end)


def _event_date(draft: EventDraft) -> str | None:
    if draft.start_date is None:
        return draft.date_note
    if draft.end_date and draft.end_date != draft.start_date:
        return f"{format_date(draft.start_date)}–{format_date(draft.end_date)}"
    return format_date(draft.start_date)


def _event_values(draft: EventDraft) -> dict[str, str | None]:
    venue = draft.venue
    return {
        "venue_name": venue.name if venue else None,
        "venue_address": venue.address if venue else None,
        "map_url": venue.map_url if venue else None,
        "date": _event_date(draft),
        "times": _event_times(draft) or None,
    }


def _when(item: AgendaDraft) -> str:
    return format_time_range(item.start, item.end)


def _same_slot(a: AgendaDraft, b: AgendaDraft) -> bool:
    return (a.start, a.end) == (b.start, b.end)


def _similar(a: str, b: str) -> bool:
    return fuzz.token_set_ratio(fold(a), fold(b)) >= 60


_Pairs = list[tuple[AgendaDraft, AgendaDraft]]
_Slots = dict[tuple[int, int], tuple[int, AgendaDraft]]


def _slots(entries: list[tuple[int, AgendaDraft]], items: list[AgendaDraft]) -> _Slots:
    # Each unpaired line keyed by (day, position within its day), as the database stores it.
    out = {}
    for index, item in entries:
        position = sum(1 for other in items[:index] if other.day == item.day)
        out[(item.day, position)] = (index, item)
    return out


def _pair_items(
    old: list[AgendaDraft], new: list[AgendaDraft]
) -> tuple[_Pairs, list[AgendaDraft], list[AgendaDraft]]:
    """Pair programme lines: same day and title first, then same day and position."""
    pairs: list[tuple[AgendaDraft, AgendaDraft]] = []
    old_left = list(enumerate(old))
    new_left = list(enumerate(new))
    for n_index, n_item in list(new_left):
        found = next(
            ((i, o) for i, o in old_left if o.day == n_item.day and fold(o.title) == fold(n_item.title)), None
        )
        if found is not None:
            old_left.remove(found)
            new_left.remove((n_index, n_item))
            pairs.append((found[1], n_item))
    old_slots, new_slots = _slots(old_left, old), _slots(new_left, new)
    for key, (n_index, n_item) in new_slots.items():
        o_entry = old_slots.get(key)
        # Same place in the programme is the same line only if its time or its title stayed close.
        if o_entry is not None and (
            _same_slot(o_entry[1], n_item) or _similar(o_entry[1].title, n_item.title)
        ):
            old_left.remove(o_entry)
            new_left.remove((n_index, n_item))
            pairs.append((o_entry[1], n_item))
    return pairs, [o for _, o in old_left], [n for _, n in new_left]


def describe_changes(old: EventDraft, new: EventDraft) -> list[Change]:
    """Every difference a delegate should hear about: venue, date, hours, programme lines."""
    changes: list[Change] = []
    before, after = _event_values(old), _event_values(new)
    for name in _EVENT_FIELDS:
        if (before[name] or None) != (after[name] or None):
            changes.append(Change(name, before[name], after[name]))
    pairs, removed, added = _pair_items(old.agenda, new.agenda)
    order = {id(item): index for index, item in enumerate(new.agenda)}
    for o_item, n_item in sorted(pairs, key=lambda p: order[id(p[1])]):
        if fold(o_item.title) != fold(n_item.title):
            changes.append(Change("item_title", o_item.title, n_item.title, n_item.title))
        if (o_item.start, o_item.end) != (n_item.start, n_item.end):
            changes.append(Change("item_time", _when(o_item), _when(n_item), n_item.title))
        if (o_item.presenter or None) != (n_item.presenter or None):
            changes.append(Change("item_presenter", o_item.presenter, n_item.presenter, n_item.title))
    changes.extend(Change("item_removed", _when(o), None, o.title) for o in removed)
    changes.extend(Change("item_added", None, _when(n), n.title) for n in added)
    return changes


def _value(value: str | None) -> str | Message:
    return value if value else Message.of("qa.changes.not_set")


def change_messages(title: str, changes: list[Change]) -> list[Message]:
    """The notice: a header, one "old → new" line per change, and where to look again."""
    lines = [Message.of("qa.changes.header", title=title)]
    for change in changes:
        if change.field == "item_added":
            lines.append(Message.of("qa.changes.added", when=change.new or "", title=change.item))
        elif change.field == "item_removed":
            lines.append(Message.of("qa.changes.removed", when=change.old or "", title=change.item))
        else:
            if change.field == "item_time":
                label: str | Message = change.item or ""
            elif change.field == "item_title":
                label = Message.of("qa.changes.field.title")
            elif change.field == "item_presenter":
                label = Message.of("qa.changes.field.presenter", title=change.item)
            else:
                label = Message.of(f"qa.changes.field.{change.field}")
            lines.append(
                Message.of("qa.changes.line", label=label, old=_value(change.old), new=_value(change.new))
            )
    lines.append(Message.of("qa.changes.footer"))
    return lines


def change_key(changes: list[Change]) -> str:
    """A short fingerprint of a set of changes (part of the outbox dedupe key)."""
    text = "\n".join(f"{c.field}|{c.item}|{c.old}|{c.new}" for c in changes)
    return hashlib.sha256(text.encode()).hexdigest()[:16]
