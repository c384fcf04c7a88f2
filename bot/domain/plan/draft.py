"""Plain, storage-free description of an event as read from a plan or an event file."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from storage.enums import AgendaKind

__all__ = [
    "VenueDraft",
    "AgendaDraft",
    "SeatDraft",
    "AgencyDraft",
    "FaqDraft",
    "EventDraft",
    "Finding",
    "ImportReport",
    "PlanImportError",
]


@dataclass
class VenueDraft:
    """Where the event happens."""

    name: str | None = None
    address: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    map_url: str | None = None
    # Practical notes keyed by topic: parking, dress_code, lunch, documents, hotline, other...
    notes: dict[str, str] = field(default_factory=dict)


@dataclass
class AgendaDraft:
    """One programme line. Several talks may share one time slot (same start and end)."""

    title: str
    start: dt.time | None = None
    end: dt.time | None = None
    presenter: str | None = None
    kind: AgendaKind = AgendaKind.OTHER
    day: int = 0  # 0 = the event's first day


@dataclass
class SeatDraft:
    """Seats reserved for one agency."""

    agency: str
    seats: int | None
    note: str | None = None


@dataclass
class AgencyDraft:
    """An agency with the other names people use for it (old names after the 2025 reorganisation)."""

    name: str
    short_name: str | None = None
    aliases: list[str] = field(default_factory=list)


@dataclass
class FaqDraft:
    """A question the organisers answer in advance."""

    question: str
    answer: str


@dataclass
class EventDraft:
    """Everything an import can learn about an event; None means 'not found', never guessed."""

    title: str
    slug: str | None = None
    host: str | None = None
    province: str | None = None
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    # What the plan says when the date is not fixed yet, e.g. "...../6/2024" or "Tháng 6/2024".
    date_note: str | None = None
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    timezone: str = "Asia/Ho_Chi_Minh"
    rsvp_deadline: dt.datetime | None = None
    chair: str | None = None
    description: str | None = None
    venue: VenueDraft | None = None
    agenda: list[AgendaDraft] = field(default_factory=list)
    seats: list[SeatDraft] = field(default_factory=list)
    agencies: list[AgencyDraft] = field(default_factory=list)
    total_delegates: int | None = None  # "Khoảng 90 đại biểu" when there is no seat table
    faq: list[FaqDraft] = field(default_factory=list)
    is_demo: bool = False


@dataclass(frozen=True)
class Finding:
    """One thing the importer wants to tell the organiser. `code` is a catalogue key suffix."""

    code: str
    params: dict[str, str | int] = field(default_factory=dict)
    # Where the value was read ("line:12", "table:2:row:3") and that line as written.
    source: str | None = field(default=None, compare=False)
    quote: str | None = field(default=None, compare=False)
    # Set when the value was guessed rather than read: a reason code (import.guess.<code>).
    guess: str | None = field(default=None, compare=False)


@dataclass
class ImportReport:
    """What an import found and what it could not read."""

    found: list[Finding] = field(default_factory=list)
    problems: list[Finding] = field(default_factory=list)
    # Where each fact was read (field name -> location, line as written) and why one was guessed.
    sources: dict[str, tuple[str, str]] = field(default_factory=dict)
    guesses: dict[str, str] = field(default_factory=dict)


class PlanImportError(Exception):
    """A file that cannot be imported at all; carries a code, parameters and where it failed."""

    def __init__(self, code: str, location: str | None = None, **params: str | int) -> None:
        super().__init__(code, location, params)
        self.code = code
        self.location = location
        self.params = params
