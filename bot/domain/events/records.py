"""Event services: write an imported draft to the database, read it back as a draft."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.errors import DomainError
from bot.domain.events.changes import Change, describe_changes
from bot.domain.formatting import wall_clock
from bot.domain.plan.draft import (
    AgencyDraft,
    AgendaDraft,
    EventDraft,
    FaqDraft,
    SeatDraft,
    VenueDraft,
)
from bot.domain.plan.merge import merge_draft
from bot.domain.textfold import fold
from storage import repositories as repo
from storage.enums import EventStatus
from storage.models import Agency, AgendaItem, AuditEntry, Event, FaqEntry, SeatQuota, Venue
from storage.types import utcnow

__all__ = ["ImportOutcome", "save_event_draft", "event_to_draft", "slug_for", "move_event"]


@dataclass(frozen=True)
class ImportOutcome:
    """What an import did: which event, whether it was new, what changed for its delegates (with
    the occasion that makes the notices unique), and how many notices the outbox queued."""

    event_id: int
    slug: str
    created: bool
    notices: int = 0
    title: str = ""
    changes: tuple[Change, ...] = ()
    occasion: str | None = None
    kept: tuple[str, ...] = ()  # values the new document lacked, kept from the event


def _aware(moment: dt.datetime | None, timezone: str) -> dt.datetime | None:
    # Event files give local times of the event; a time without a zone is read in its zone.
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=zoneinfo.ZoneInfo(timezone))


def slug_for(draft: EventDraft) -> str:
    """The draft's slug, or one made from its title (ASCII, dashes, at most 60 characters)."""
    if draft.slug:
        return draft.slug
    base = re.sub(r"[^a-z0-9]+", "-", fold(draft.title)).strip("-")[:60].strip("-")
    return base or "event"


async def _agency(session: AsyncSession, name: str, known: AgencyDraft | None) -> Agency:
    agency = await repo.agency_by_name(session, name)
    if agency is None:
        agency = Agency(name=name, aliases=[])
        session.add(agency)
    if known is not None:
        agency.short_name = agency.short_name or known.short_name
        merged = list(dict.fromkeys([*agency.aliases, *known.aliases]))
        if merged != agency.aliases:
            agency.aliases = merged
    return agency


def _set_venue(event: Event, draft: VenueDraft | None) -> None:
    # Update the venue row in place: a new row would be inserted before the old one is deleted.
    if draft is None:
        event.venue = None
        return
    if event.venue is None:
        event.venue = Venue()
    venue = event.venue
    venue.name, venue.address, venue.map_url = draft.name, draft.address, draft.map_url
    venue.latitude, venue.longitude, venue.notes = draft.latitude, draft.longitude, dict(draft.notes)


async def save_event_draft(
    session: AsyncSession, draft: EventDraft, *, actor_label: str | None = None
) -> ImportOutcome:
    """Create the event, or replace the content of the event with the same slug. Flushes only."""
    slug = slug_for(draft)
    event = await repo.event_by_slug(session, slug)
    created = event is None
    # The event as it was, to tell delegates what a re-import changed.
    before = None if event is None else event_to_draft(event)
    kept: list[str] = []
    if before is not None:
        # What the new document does not say keeps its current value; never blanked.
        draft, kept = merge_draft(before, draft)
    if event is None:
        event = Event(slug=slug, title=draft.title, venue=None, agenda=[], quotas=[], faq=[])
        session.add(event)
    for name in (
        "title",
        "host",
        "province",
        "chair",
        "description",
        "start_date",
        "end_date",
        "date_note",
        "start_time",
        "end_time",
        "timezone",
        "rsvp_deadline",
        "total_delegates",
    ):
        setattr(event, name, getattr(draft, name))
    event.rsvp_deadline = _aware(draft.rsvp_deadline, draft.timezone)
    event.is_demo = draft.is_demo
    event.updated_at = utcnow()  # the programme or venue may have changed even if no column did
    event.status = EventStatus.PUBLISHED
    if event.start_time is None and draft.agenda:
        event.start_time = next((a.start for a in draft.agenda if a.start), None)
    if event.end_time is None and draft.agenda:
        event.end_time = next((a.end for a in reversed(draft.agenda) if a.end), None)

    _set_venue(event, draft.venue)
    # Replace the programme: flush the removal first so (day, position) can be reused.
    event.agenda.clear()
    event.faq.clear()
    await session.flush()
    positions: dict[int, int] = {}
    for item in draft.agenda:
        positions[item.day] = positions.get(item.day, 0) + 1
        event.agenda.append(
            AgendaItem(
                day=item.day,
                position=positions[item.day],
                start_time=item.start,
                end_time=item.end,
                title=item.title,
                presenter=item.presenter,
                kind=item.kind,
            )
        )
    event.faq.extend(FaqEntry(question=f.question, answer=f.answer) for f in draft.faq)

    known = {a.name: a for a in draft.agencies}
    seen: set[str] = set()
    existing = {q.agency.name: q for q in event.quotas}
    for position, seat in enumerate(draft.seats, start=1):
        if seat.agency in seen:
            raise DomainError("duplicate_agency", agency=seat.agency)
        seen.add(seat.agency)
        quota = existing.get(seat.agency)
        if quota is None:
            quota = SeatQuota(agency=await _agency(session, seat.agency, known.get(seat.agency)))
            event.quotas.append(quota)
        else:
            await _agency(session, seat.agency, known.get(seat.agency))
        quota.seats, quota.note, quota.position = seat.seats, seat.note, position
    # Agencies named only in prose (no seat table) are still invited, without a seat number.
    for agency_draft in draft.agencies:
        if agency_draft.name not in seen:
            seen.add(agency_draft.name)
            quota = existing.get(agency_draft.name)
            if quota is None:
                quota = SeatQuota(agency=await _agency(session, agency_draft.name, agency_draft))
                event.quotas.append(quota)
            quota.seats, quota.position = None, len(seen)
    for name, quota in existing.items():
        if name not in seen:
            event.quotas.remove(quota)
    await session.flush()
    await repo.record_audit(
        session,
        "event.imported" if created else "event.reimported",
        event_id=event.id,
        actor_label=actor_label,
        slug=slug,
        agenda_items=len(draft.agenda),
        agencies=len(seen),
    )
    changes: tuple[Change, ...] = ()
    occasion = None
    if before is not None:
        changes = tuple(describe_changes(before, draft))
        if changes:
            await session.flush()
            occasion = f"audit{await _last_audit_id(session, event.id)}"
    from bot.domain.reminders.rules import ensure_default_rules

    await ensure_default_rules(session, event)  # idempotent: a re-import adds only missing defaults
    return ImportOutcome(
        event_id=event.id,
        slug=slug,
        created=created,
        title=event.title,
        changes=changes,
        occasion=occasion,
        kept=tuple(kept),
    )


async def _last_audit_id(session: AsyncSession, event_id: int) -> int | None:
    # The audit entry of this import: it makes the notices' dedupe key unique per import.
    found = await session.execute(select(func.max(AuditEntry.id)).where(AuditEntry.event_id == event_id))
    return found.scalar_one_or_none()


def event_to_draft(event: Event) -> EventDraft:
    """The event (loaded with its details) as a draft, ready to be written as an event file."""
    venue = event.venue
    quotas = sorted(event.quotas, key=lambda q: q.position)
    return EventDraft(
        title=event.title,
        slug=event.slug,
        host=event.host,
        province=event.province,
        start_date=event.start_date,
        end_date=event.end_date,
        date_note=event.date_note,
        start_time=event.start_time,
        end_time=event.end_time,
        timezone=event.timezone,
        rsvp_deadline=wall_clock(event.rsvp_deadline, event.timezone),
        chair=event.chair,
        description=event.description,
        total_delegates=event.total_delegates,
        is_demo=event.is_demo,
        venue=None
        if venue is None
        else VenueDraft(
            name=venue.name,
            address=venue.address,
            latitude=venue.latitude,
            longitude=venue.longitude,
            map_url=venue.map_url,
            notes=dict(venue.notes),
        ),
        agenda=[
            AgendaDraft(
                title=a.title,
                start=a.start_time,
                end=a.end_time,
                presenter=a.presenter,
                kind=a.kind,
                day=a.day,
            )
            for a in event.agenda
        ],
        seats=[
            SeatDraft(agency=q.agency.name, seats=q.seats, note=q.note) for q in quotas if q.seats is not None
        ],
        agencies=[
            AgencyDraft(name=q.agency.name, short_name=q.agency.short_name, aliases=list(q.agency.aliases))
            for q in quotas
        ],
        faq=[FaqDraft(question=f.question, answer=f.answer) for f in event.faq],
    )


async def move_event(session: AsyncSession, event_id: int, new_date: dt.date) -> Event:
    """Set the event's date (multi-day events keep their length). Flushes only."""
    event = await repo.event_with_details(session, event_id)
    if event is None:
        raise DomainError("event_not_found", event=event_id)
    if event.start_date and event.end_date:
        event.end_date = new_date + (event.end_date - event.start_date)
    event.start_date = new_date
    event.date_note = None
    event.updated_at = utcnow()
    await repo.record_audit(session, "event.moved", event_id=event_id, date=new_date.isoformat())
    await session.flush()
    return event
