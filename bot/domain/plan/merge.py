"""A re-import over an existing event: what the new document lacks keeps its current value."""

from __future__ import annotations

import dataclasses

from bot.domain.plan.agency_names import name_key
from bot.domain.plan.draft import EventDraft, SeatDraft, VenueDraft

__all__ = ["merge_draft"]

_SCALARS = (
    "host",
    "province",
    "chair",
    "description",
    "start_time",
    "end_time",
    "rsvp_deadline",
    "total_delegates",
)
_VENUE_FIELDS = ("name", "address", "latitude", "longitude", "map_url")


def _venue(before: VenueDraft | None, new: VenueDraft | None, kept: list[str]) -> VenueDraft | None:
    """The new venue, each missing part taken from the current one."""
    if new is None:
        if before is not None:
            kept.append("venue")
        return before
    if before is None:
        return new
    merged = dataclasses.replace(new, notes={**before.notes, **new.notes})
    for name in _VENUE_FIELDS:
        if getattr(new, name) is None and getattr(before, name) is not None:
            setattr(merged, name, getattr(before, name))
            kept.append(f"venue.{name}")
    return merged


def _seats(before: EventDraft, new: EventDraft, merged: EventDraft, kept: list[str]) -> None:
    """Invitees: a document without any keeps the list; an agency without a count keeps it."""
    if not new.seats and not new.agencies:
        merged.seats, merged.agencies = list(before.seats), list(before.agencies)
        if before.seats or before.agencies:
            kept.append("invitees")
        return
    counted = {name_key(seat.agency) for seat in new.seats}
    current = {name_key(seat.agency): seat for seat in before.seats}
    for agency in new.agencies:
        key = name_key(agency.name)
        if key not in counted and key in current:
            merged.seats.append(SeatDraft(agency.name, current[key].seats, current[key].note))
            counted.add(key)
            if "seats" not in kept:
                kept.append("seats")


def merge_draft(before: EventDraft, new: EventDraft) -> tuple[EventDraft, list[str]]:
    """The draft to write over `before`, and the names of the values kept from it."""
    kept: list[str] = []
    merged = dataclasses.replace(
        new,
        agenda=list(new.agenda),
        seats=list(new.seats),
        agencies=list(new.agencies),
        faq=list(new.faq),
    )
    if not new.title:
        merged.title = before.title
        kept.append("title")
    for name in _SCALARS:
        if getattr(new, name) is None and getattr(before, name) is not None:
            setattr(merged, name, getattr(before, name))
            kept.append(name)
    if new.start_date is None and before.start_date is not None:
        # "ngày …/6/2024" in the document does not undo the date the organiser has set.
        merged.start_date, merged.end_date, merged.date_note = (
            before.start_date,
            before.end_date,
            None,
        )
        kept.append("date")
    elif new.start_date is None and new.date_note is None and before.date_note:
        merged.date_note = before.date_note
        kept.append("date")
    merged.venue = _venue(before.venue, new.venue, kept)
    if not new.agenda and before.agenda:
        merged.agenda = list(before.agenda)
        kept.append("agenda")
    if not new.faq and before.faq:
        merged.faq = list(before.faq)
    _seats(before, new, merged, kept)
    return merged, kept
