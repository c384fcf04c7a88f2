"""What organisers do to seats: change a quota, move seats between agencies, add or remove a
delegate. Each action needs a reason, which is kept in the audit log."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.errors import DomainError
from bot.domain.registration.registrations import registration_of, start_registration
from bot.domain.seats import allocation as seats
from storage import repositories as repo
from storage.models import Person
from storage.rsvp_models import Registration, RegistrationStatus

__all__ = ["SeatChange", "change_quota", "move_seats", "add_delegate", "remove_delegate"]


@dataclass
class SeatChange:
    """Who an organiser's action affects: people moved to the waitlist, and new offers."""

    moved_to_waitlist: list[Registration] = field(default_factory=list)
    offers: list[seats.Offer] = field(default_factory=list)


def _need_reason(reason: str | None) -> str:
    if not reason or not reason.strip():
        raise DomainError("reason_required")
    return reason.strip()


async def change_quota(
    session: AsyncSession,
    event_id: int,
    agency_id: int,
    new_seats: int,
    *,
    reason: str | None,
    organiser_id: int | None,
    now: dt.datetime,
    offer_ttl: dt.timedelta,
    insist: bool = False,
) -> SeatChange:
    """Raise or lower an agency's seats; raising offers the freed seats to the waitlist."""
    why = _need_reason(reason)
    quota = await seats.lock_quota(session, event_id, agency_id)
    before = quota.seats
    moved = await seats.set_quota(session, event_id, agency_id, new_seats, insist=insist)
    offers = await seats.offer_freed_seats(session, event_id, agency_id, now, offer_ttl)
    await repo.touch_event(session, event_id)
    await repo.record_audit(
        session,
        "quota.changed",
        event_id=event_id,
        actor_person_id=organiser_id,
        agency=agency_id,
        before=before,
        after=new_seats,
        reason=why,
        moved=[r.id for r in moved],
    )
    return SeatChange(moved, offers)


async def move_seats(
    session: AsyncSession,
    event_id: int,
    from_agency: int,
    to_agency: int,
    count: int,
    *,
    reason: str | None,
    organiser_id: int | None,
    now: dt.datetime,
    offer_ttl: dt.timedelta,
) -> SeatChange:
    """Move unused seats from one agency to another (refused if they are held)."""
    why = _need_reason(reason)
    if count < 1 or from_agency == to_agency:
        raise DomainError("move_invalid")
    # Lock both rows in id order so two opposite moves cannot deadlock.
    locked = {a: await seats.lock_quota(session, event_id, a) for a in sorted((from_agency, to_agency))}
    source, target = locked[from_agency], locked[to_agency]
    if source.seats is None or target.seats is None:
        raise DomainError("move_unlimited")
    free = source.seats - await seats.seats_taken(session, event_id, from_agency)
    if count > free:
        raise DomainError("move_more_than_free", free=free)
    source.seats -= count
    target.seats += count
    await session.flush()
    offers = await seats.offer_freed_seats(session, event_id, to_agency, now, offer_ttl)
    await repo.touch_event(session, event_id)
    await repo.record_audit(
        session,
        "seats.moved",
        event_id=event_id,
        actor_person_id=organiser_id,
        source=from_agency,
        target=to_agency,
        count=count,
        reason=why,
    )
    return SeatChange([], offers)


async def add_delegate(
    session: AsyncSession,
    event_id: int,
    agency_id: int,
    *,
    full_name: str,
    position: str | None,
    phone: str | None,
    reason: str | None,
    organiser_id: int | None,
    now: dt.datetime,
) -> tuple[Registration, seats.SeatOutcome]:
    """Register someone on their behalf (e.g. confirmed by phone) and take a seat for them."""
    why = _need_reason(reason)
    person = Person(full_name=full_name, position=position, phone=phone)
    session.add(person)
    await session.flush()
    registration = await start_registration(session, event_id, person.id, agency_id)
    outcome = await seats.reserve_seat(session, registration)
    registration.responded_at = now
    await repo.record_audit(
        session,
        "delegate.added",
        event_id=event_id,
        actor_person_id=organiser_id,
        registration=registration.id,
        agency=agency_id,
        status=outcome.status.value,
        reason=why,
    )
    return registration, outcome


async def remove_delegate(
    session: AsyncSession,
    event_id: int,
    person_id: int,
    *,
    reason: str | None,
    organiser_id: int | None,
    now: dt.datetime,
    offer_ttl: dt.timedelta,
) -> SeatChange:
    """Cancel a delegate's registration; a freed seat goes to the waitlist."""
    why = _need_reason(reason)
    registration = await registration_of(session, event_id, person_id)
    if registration is None or registration.status == RegistrationStatus.CANCELLED:
        raise DomainError("delegate_not_found")
    freed = await seats.release_seat(session, registration, RegistrationStatus.CANCELLED)
    offers = []
    if freed:
        offers = await seats.offer_freed_seats(session, event_id, registration.agency_id, now, offer_ttl)
    await repo.record_audit(
        session,
        "delegate.removed",
        event_id=event_id,
        actor_person_id=organiser_id,
        registration=registration.id,
        reason=why,
    )
    return SeatChange([], offers)
