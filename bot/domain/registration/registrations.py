"""Registrations and RSVPs: answer, change the answer, offers from the waitlist, hand-overs.

Services take plain values and the caller's session, flush only, and return what happened so the
edge can tell the people concerned after the commit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.errors import DomainError
from bot.domain.seats import allocation as seats
from storage import repositories as repo
from storage.models import Event
from storage.rsvp_models import Invitation, Registration, RegistrationStatus

__all__ = [
    "RsvpResult",
    "registration_of",
    "start_registration",
    "approve_registration",
    "respond",
    "accept_offer",
    "refuse_offer",
    "lapse_offers",
    "hand_over_seat",
    "rsvp_open",
]

Status = RegistrationStatus
ACTIVE = (Status.PENDING_APPROVAL, Status.INVITED, Status.CONFIRMED, Status.WAITLISTED, Status.OFFERED)


@dataclass
class RsvpResult:
    """What an answer did: the registration's new state and any seats offered to others."""

    registration: Registration
    outcome: seats.SeatOutcome | None = None
    offers: list[seats.Offer] = field(default_factory=list)
    changed: bool = True


async def registration_of(session: AsyncSession, event_id: int, person_id: int) -> Registration | None:
    """The person's registration for the event, if any."""
    return (
        await session.execute(
            select(Registration).where(Registration.event_id == event_id, Registration.person_id == person_id)
        )
    ).scalar_one_or_none()


async def start_registration(
    session: AsyncSession,
    event_id: int,
    person_id: int,
    agency_id: int,
    *,
    invitation: Invitation | None = None,
    needs_approval: bool = False,
) -> Registration:
    """Register the person for the agency (or return the live registration they already have)."""
    await seats.lock_quota(session, event_id, agency_id)  # the agency must be invited
    registration = await registration_of(session, event_id, person_id)
    if registration is not None and registration.status in ACTIVE:
        if registration.agency_id != agency_id:
            raise DomainError("registered_for_other_agency")
        return registration
    status = Status.PENDING_APPROVAL if needs_approval else Status.INVITED
    if registration is None:
        registration = Registration(
            event_id=event_id, person_id=person_id, agency_id=agency_id, status=status
        )
        session.add(registration)
    else:  # declined or cancelled before: start again
        registration.agency_id, registration.status, registration.waitlist_seq = agency_id, status, None
    registration.invitation_id = invitation.id if invitation else None
    if invitation is not None:
        invitation.uses += 1
    await session.flush()
    await repo.record_audit(
        session,
        "registration.started",
        event_id=event_id,
        actor_person_id=person_id,
        registration=registration.id,
        agency=agency_id,
        approval=needs_approval,
    )
    return registration


async def approve_registration(session: AsyncSession, registration: Registration, organiser_id: int) -> bool:
    """An organiser lets a registration made without a link go ahead; False if already done."""
    if registration.status != Status.PENDING_APPROVAL:
        return False
    registration.status = Status.INVITED
    await session.flush()
    await repo.record_audit(
        session,
        "registration.approved",
        event_id=registration.event_id,
        actor_person_id=organiser_id,
        registration=registration.id,
    )
    return True


def rsvp_open(event: Event, now: dt.datetime) -> bool:
    """Whether delegates may still change their answer themselves."""
    return event.rsvp_deadline is None or now <= event.rsvp_deadline


async def respond(
    session: AsyncSession,
    registration: Registration,
    attend: bool,
    *,
    now: dt.datetime,
    offer_ttl: dt.timedelta,
    actor_person_id: int | None,
    by_organiser: bool = False,
    reason: str | None = None,
) -> RsvpResult:
    """Attend (take a seat or join the waitlist) or decline (free the seat for the next one)."""
    event = await session.get(Event, registration.event_id)
    assert event is not None
    if not by_organiser and not rsvp_open(event, now):
        raise DomainError("rsvp_closed")
    if registration.status == Status.PENDING_APPROVAL:
        raise DomainError("awaiting_approval")
    if registration.status == Status.REFUSED:
        raise DomainError("registration_refused")
    if registration.status == Status.OFFERED:
        if attend:
            return await accept_offer(session, registration, now=now, actor_person_id=actor_person_id)
        return await refuse_offer(
            session, registration, now=now, offer_ttl=offer_ttl, actor_person_id=actor_person_id
        )
    if attend:
        outcome = await seats.reserve_seat(session, registration)
        result = RsvpResult(registration, outcome, changed=outcome.changed)
    else:
        if registration.status == Status.DECLINED:
            return RsvpResult(registration, changed=False)
        freed = await seats.release_seat(session, registration, Status.DECLINED)
        offers = await _offer_if(session, registration, freed, now, offer_ttl)
        result = RsvpResult(registration, offers=offers)
    if result.changed:
        registration.responded_at = now
        await repo.record_audit(
            session,
            "rsvp.attend" if attend else "rsvp.decline",
            event_id=registration.event_id,
            actor_person_id=actor_person_id,
            registration=registration.id,
            status=registration.status.value,
            by_organiser=by_organiser,
            reason=reason,
        )
    return result


async def _offer_if(
    session: AsyncSession, registration: Registration, freed: bool, now: dt.datetime, ttl: dt.timedelta
) -> list[seats.Offer]:
    if not freed:
        return []
    return await seats.offer_freed_seats(session, registration.event_id, registration.agency_id, now, ttl)


async def accept_offer(
    session: AsyncSession, registration: Registration, *, now: dt.datetime, actor_person_id: int
) -> RsvpResult:
    """Take the seat held for this person, if the offer is still open."""
    if registration.status == Status.CONFIRMED:
        return RsvpResult(registration, seats.SeatOutcome(Status.CONFIRMED), changed=False)
    if registration.status != Status.OFFERED:
        raise DomainError("no_offer")
    if registration.offer_expires_at is not None and now > registration.offer_expires_at:
        raise DomainError("offer_expired")
    await seats.lock_quota(session, registration.event_id, registration.agency_id)
    registration.status, registration.offer_expires_at = Status.CONFIRMED, None
    registration.waitlist_seq, registration.responded_at = None, now
    await session.flush()
    await repo.record_audit(
        session,
        "offer.accepted",
        event_id=registration.event_id,
        actor_person_id=actor_person_id,
        registration=registration.id,
    )
    return RsvpResult(registration, seats.SeatOutcome(Status.CONFIRMED))


async def refuse_offer(
    session: AsyncSession,
    registration: Registration,
    *,
    now: dt.datetime,
    offer_ttl: dt.timedelta,
    actor_person_id: int,
) -> RsvpResult:
    """Refuse the held seat: it goes to the next person waiting."""
    if registration.status != Status.OFFERED:
        raise DomainError("no_offer")
    freed = await seats.release_seat(session, registration, Status.DECLINED)
    registration.responded_at = now
    offers = await _offer_if(session, registration, freed, now, offer_ttl)
    await repo.record_audit(
        session,
        "offer.refused",
        event_id=registration.event_id,
        actor_person_id=actor_person_id,
        registration=registration.id,
    )
    return RsvpResult(registration, offers=offers)


async def lapse_offers(
    session: AsyncSession, now: dt.datetime
) -> tuple[list[Registration], list[seats.Offer]]:
    """Offers past their time limit lapse (the person is out of the waitlist); the next get one,
    held for the event's offer_hours. Safe to run twice: a lapsed offer is no longer OFFERED."""
    lapsed = (
        (
            await session.execute(
                select(Registration)
                .where(Registration.status == Status.OFFERED, Registration.offer_expires_at < now)
                .order_by(Registration.id)
                .with_for_update(skip_locked=True)
            )
        )
        .scalars()
        .all()
    )
    offers: list[seats.Offer] = []
    for registration in lapsed:
        await seats.release_seat(session, registration, Status.DECLINED)
        await repo.record_audit(
            session, "offer.lapsed", event_id=registration.event_id, registration=registration.id
        )
        event = await session.get(Event, registration.event_id)
        ttl = dt.timedelta(hours=event.offer_hours if event else 24)
        offers += await seats.offer_freed_seats(
            session, registration.event_id, registration.agency_id, now, ttl
        )
    return list(lapsed), offers


async def hand_over_seat(
    session: AsyncSession, source: Registration, target: Registration, *, now: dt.datetime
) -> None:
    """Give the source's seat to a colleague of the same agency; the seat count never moves."""
    if source.agency_id != target.agency_id:
        raise DomainError("transfer_other_agency")
    if source.id == target.id:
        raise DomainError("transfer_to_self")
    await seats.lock_quota(session, source.event_id, source.agency_id)
    if source.status != Status.CONFIRMED:
        raise DomainError("transfer_no_seat")
    if target.status in seats.SEAT_HOLDING:
        raise DomainError("transfer_already_has_seat")
    source.status, target.status = Status.CANCELLED, Status.CONFIRMED
    target.waitlist_seq, target.responded_at = None, now
    await session.flush()
    await repo.record_audit(
        session,
        "seat.transferred",
        event_id=source.event_id,
        actor_person_id=source.person_id,
        source=source.id,
        target=target.id,
    )
