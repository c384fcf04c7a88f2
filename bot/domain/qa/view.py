"""An immutable snapshot of one event, so question answering never touches the database session."""

from __future__ import annotations

import datetime as dt
from dataclasses import astuple, dataclass
from functools import cached_property

from bot.domain.formatting import wall_clock
from bot.domain.plan.draft import EventDraft
from storage.enums import AgendaKind
from storage.models import Event

__all__ = ["ItemView", "AgencyView", "FaqView", "VenueView", "EventView"]


@dataclass(frozen=True)
class ItemView:
    """One programme line, as the answers need it."""

    day: int
    position: int
    start_time: dt.time | None
    end_time: dt.time | None
    title: str
    presenter: str | None
    kind: AgendaKind


@dataclass(frozen=True)
class AgencyView:
    """An invited agency and the other names people use for it."""

    name: str
    short_name: str | None = None
    aliases: tuple[str, ...] = ()
    note: str | None = None  # the organisers' note on its seats ("Nhóm B", "ngồi bàn số 3")
    seats: int | None = None  # the seats the organisers reserved for it

    @property
    def names(self) -> tuple[str, ...]:
        """Every name of the agency, its own first."""
        return tuple(n for n in (self.name, self.short_name, *self.aliases) if n)


@dataclass(frozen=True)
class FaqView:
    """A question the organisers answered."""

    question: str
    answer: str


@dataclass(frozen=True)
class VenueView:
    """Where the event is, with the organisers' practical notes as (topic, text) pairs."""

    name: str | None = None
    address: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    map_url: str | None = None
    notes: tuple[tuple[str, str], ...] = ()

    @property
    def place(self) -> str:
        """'Name, address' with whatever is known."""
        return ", ".join(p for p in (self.name, self.address) if p)

    @property
    def has_pin(self) -> bool:
        """Whether coordinates are known."""
        return self.latitude is not None and self.longitude is not None


@dataclass(frozen=True)
class EventView:
    """Everything question answering reads about an event. Hashable: it keys the index cache."""

    id: int
    slug: str
    title: str
    start_date: dt.date | None
    end_date: dt.date | None
    date_note: str | None
    start_time: dt.time | None
    end_time: dt.time | None
    timezone: str
    chair: str | None
    venue: VenueView | None
    items: tuple[ItemView, ...]
    agencies: tuple[AgencyView, ...]
    faq: tuple[FaqView, ...]
    updated_at: dt.datetime | None = None
    # The last moment to register to attend, in the event's own time (no zone).
    rsvp_deadline: dt.datetime | None = None

    @cached_property
    def _hash(self) -> int:
        return hash(astuple(self))

    def __hash__(self) -> int:
        # Every answer looks its event's index up by the snapshot: hash the whole snapshot once.
        return self._hash

    @property
    def last_date(self) -> dt.date | None:
        """The event's last day."""
        return self.end_date or self.start_date

    @classmethod
    def from_event(cls, event: Event) -> EventView:
        """A snapshot of a stored event loaded with its details."""
        venue = event.venue
        quotas = sorted(event.quotas, key=lambda q: q.position)
        return cls(
            id=event.id,
            slug=event.slug,
            title=event.title,
            start_date=event.start_date,
            end_date=event.end_date,
            date_note=event.date_note,
            start_time=event.start_time,
            end_time=event.end_time,
            timezone=event.timezone,
            chair=event.chair,
            venue=None
            if venue is None
            else VenueView(
                name=venue.name,
                address=venue.address,
                latitude=venue.latitude,
                longitude=venue.longitude,
                map_url=venue.map_url,
                notes=tuple((str(k), str(v)) for k, v in (venue.notes or {}).items() if v),
            ),
            items=tuple(
                ItemView(a.day, a.position, a.start_time, a.end_time, a.title, a.presenter, a.kind)
                for a in event.agenda
            ),
            agencies=tuple(
                AgencyView(
                    q.agency.name, q.agency.short_name, tuple(q.agency.aliases or ()), q.note or None, q.seats
                )
                for q in quotas
            ),
            faq=tuple(FaqView(f.question, f.answer) for f in sorted(event.faq, key=lambda f: f.id or 0)),
            updated_at=event.updated_at,
            rsvp_deadline=wall_clock(event.rsvp_deadline, event.timezone),
        )

    @classmethod
    def from_draft(cls, draft: EventDraft, event_id: int = 0) -> EventView:
        """A snapshot of a draft, as it would be stored (for tests and benchmarks)."""
        venue = draft.venue
        positions: dict[int, int] = {}
        items = []
        for a in draft.agenda:
            positions[a.day] = positions.get(a.day, 0) + 1
            items.append(ItemView(a.day, positions[a.day], a.start, a.end, a.title, a.presenter, a.kind))
        seat_notes = {seat.agency: seat.note for seat in draft.seats if seat.note}
        seats = {seat.agency: seat.seats for seat in draft.seats}
        agencies = {
            a.name: AgencyView(
                a.name, a.short_name, tuple(a.aliases), seat_notes.get(a.name), seats.get(a.name)
            )
            for a in draft.agencies
        }
        for seat in draft.seats:
            agencies.setdefault(
                seat.agency, AgencyView(seat.agency, note=seat_notes.get(seat.agency), seats=seat.seats)
            )
        start_time = draft.start_time or next((a.start for a in draft.agenda if a.start), None)
        end_time = draft.end_time or next((a.end for a in reversed(draft.agenda) if a.end), None)
        return cls(
            id=event_id,
            slug=draft.slug or f"event-{event_id}",
            title=draft.title,
            start_date=draft.start_date,
            end_date=draft.end_date,
            date_note=draft.date_note,
            start_time=start_time,
            end_time=end_time,
            timezone=draft.timezone,
            chair=draft.chair,
            venue=None
            if venue is None
            else VenueView(
                name=venue.name,
                address=venue.address,
                latitude=venue.latitude,
                longitude=venue.longitude,
                map_url=venue.map_url,
                notes=tuple((k, v) for k, v in venue.notes.items() if v),
            ),
            items=tuple(items),
            agencies=tuple(agencies.values()),
            faq=tuple(FaqView(f.question, f.answer) for f in draft.faq),
            rsvp_deadline=wall_clock(draft.rsvp_deadline, draft.timezone),
        )
