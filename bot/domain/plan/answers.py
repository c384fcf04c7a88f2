"""An organiser's answers to a draft's gaps, typed in chat: "ngày 20/11/2025; địa chỉ: …; Sở Y tế: 3".

One message may set several values, one per line or separated by ";". Each part is read with
the same readers as documents; what is not understood is returned, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.domain.plan.agency_names import canonical_agency_name, name_key
from bot.domain.plan.delegates import agency_draft
from bot.domain.plan.draft import EventDraft, SeatDraft, VenueDraft
from bot.domain.plan.invitee_prose import starts_agency
from bot.domain.plan.places import split_venue
from bot.domain.plan.times import find_date_mention, looks_like_time_range, parse_time_range
from bot.domain.textfold import fold

__all__ = ["Answers", "apply_answers"]

_LABELS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("title", re.compile(r"(ten( su kien| hoi thao| hoi nghi)?|title|name)$")),
    ("date", re.compile(r"(ngay( to chuc)?|date)$")),
    ("times", re.compile(r"(gio|thoi gian|time|times)$")),
    ("address", re.compile(r"(dia chi|address)$")),
    ("venue", re.compile(r"(dia diem|noi to chuc|venue|place)$")),
    ("host", re.compile(r"(don vi to chuc|co quan to chuc|host)$")),
    ("province", re.compile(r"(tinh|province)$")),
)
_SEATS = re.compile(r"^(?P<name>.+?)\s*[:=\-–]?\s*(?P<n>\d{1,4})\s*(?:cho|nguoi|dai bieu|seats?)?$")


@dataclass
class Answers:
    """What a message set (field names, agencies whose seats were set) and what it did not."""

    fields: list[str] = field(default_factory=list)
    seats: list[str] = field(default_factory=list)
    not_understood: list[str] = field(default_factory=list)


def _label(part: str) -> tuple[str | None, str]:
    """("date", "20/11/2025") for "Ngày: 20/11/2025"; (None, part) without a known label."""
    head, colon, rest = part.partition(":")
    key = re.sub(r"[^a-z ]+", " ", fold(head)).strip()
    if colon:
        for name, pattern in _LABELS:
            if pattern.match(key):
                return name, rest.strip()
    words = part.split(maxsplit=1)
    if len(words) == 2 and fold(words[0]) in {"ngay", "date"}:
        return "date", words[1]
    return None, part


def _set_date(draft: EventDraft, value: str) -> bool:
    """A fixed date (or range); a date not fixed is not an answer."""
    mention = find_date_mention(value if fold(value).startswith("ngay") else f"ngày {value}")
    if mention is None or mention.date is None:
        return False
    draft.start_date, draft.end_date, draft.date_note = mention.date, mention.end_date, None
    return True


def _set_times(draft: EventDraft, value: str) -> bool:
    """ "8h00 - 11h30", "07:30"."""
    try:
        start, end = parse_time_range(value)
    except ValueError:
        return False
    if start is None:
        return False
    draft.start_time, draft.end_time = start, end or draft.end_time
    return True


def _set_seats(draft: EventDraft, part: str) -> str | None:
    """ "Sở Y tế: 3": the agency's seats; the agency is matched to the draft's list first."""
    match = _SEATS.match(part.strip())
    if match is None:
        return None
    name, seats = match["name"].strip(" :-–"), int(match["n"])
    key = name_key(canonical_agency_name(name) or name)
    known = next(
        (
            agency
            for agency in draft.agencies
            if key in {name_key(agency.name), *(name_key(alias) for alias in agency.aliases)}
            or name_key(agency.name) == name_key(name)
        ),
        None,
    )
    if known is None and not starts_agency(name):
        return None
    agency = known.name if known else name
    if known is None:
        draft.agencies.append(agency_draft(agency))
    seat = next((s for s in draft.seats if name_key(s.agency) == name_key(agency)), None)
    if seat is None:
        draft.seats.append(SeatDraft(agency, seats))
    else:
        seat.seats = seats
    return agency


def _apply_labelled(draft: EventDraft, name: str, value: str) -> bool:
    """Set one labelled value; False when the value cannot be read."""
    if not value:
        return False
    if name == "title":
        draft.title = value.strip(' “”"')
    elif name == "date":
        return _set_date(draft, value)
    elif name == "times":
        return _set_times(draft, value)
    elif name == "address":
        draft.venue = draft.venue or VenueDraft()
        draft.venue.address = value
    elif name == "venue":
        place = split_venue(value)
        draft.venue = draft.venue or VenueDraft()
        draft.venue.name = place.name
        draft.venue.address = place.address or draft.venue.address
    elif name == "host":
        draft.host = canonical_agency_name(value) or value
    elif name == "province":
        draft.province = value
    return True


def apply_answers(draft: EventDraft, text: str) -> Answers:
    """Apply every part of an organiser's message to the draft (in place)."""
    answers = Answers()
    for raw in re.split(r"[;\n]+", text or ""):
        part = raw.strip().strip("-•").strip()
        if not part:
            continue
        name, value = _label(part)
        if name is not None:
            if _apply_labelled(draft, name, value):
                answers.fields.append(name)
            else:
                answers.not_understood.append(part)
            continue
        if looks_like_time_range(part) and _set_times(draft, part):
            answers.fields.append("times")
        elif (mention := find_date_mention(part)) is not None and mention.date is not None:
            _set_date(draft, part)
            answers.fields.append("date")
        elif (agency := _set_seats(draft, part)) is not None:
            answers.seats.append(agency)
        else:
            answers.not_understood.append(part)
    return answers
