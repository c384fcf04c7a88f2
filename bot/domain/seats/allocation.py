"""Seats and the waitlist: reserve, release, offer freed seats, and change quotas safely.

Every function runs inside the caller's transaction and only flushes. The quota row is locked
(`SELECT ... FOR UPDATE` on PostgreSQL; SQLite's single writer does the same) before seats are
counted, so two delegates can never take the last seat.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.errors import DomainError
from storage.models import SeatQuota
from storage.rsvp_models import SEAT_HOLDING, Registration, RegistrationStatus

__all__ = [
    "SeatOutcome",
    "Offer",
    "lock_quota",
    "seats_taken",
    "waitlist_position",
    "reserve_seat",
    "release_seat",
    "offer_freed_seats",
    "set_quota",
]

Status = RegistrationStatus


@dataclass(frozen=True)
class SeatOutcome:
    """The result of asking for a seat: confirmed, or waitlisted at a position."""

    status: RegistrationStatus
    waitlist_position: int | None = None
    changed: bool = True


@dataclass(frozen=True)
class Offer:
    """A freed seat held for a waitlisted person until `expires_at`."""

    registration_id: int
    person_id: int
    event_id: int
    expires_at: dt.datetime


async def lock_quota(session: AsyncSession, event_id: int, agency_id: int) -> SeatQuota:
    """The agency's quota row, locked for the rest of the transaction."""
    quota = (
        await session.execute(
            select(SeatQuota)
            .where(SeatQuota.event_id == event_id, SeatQuota.agency_id == agency_id)
            .with_for_update(of=SeatQuota)
        )
    ).scalar_one_or_none()
    if quota is None:
        raise DomainError("agency_not_invited")
    return quota


async def seats_taken(session: AsyncSession, event_id: int, agency_id: int) -> int:
    """Seats held (confirmed or offered) for the agency."""
    return (
        await session.execute(
            select(func.count()).where(
                Registration.event_id == event_id,
                Registration.agency_id == agency_id,
                Registration.status.in_(SEAT_HOLDING),
            )
        )
    ).scalar_one()


async def waitlist_position(session: AsyncSession, registration: Registration) -> int | None:
    """1 for the first in the agency's waitlist; None when not waitlisted."""
    if registration.status != Status.WAITLISTED or registration.waitlist_seq is None:
        return None
    ahead = await session.execute(
        select(func.count()).where(
            Registration.event_id == registration.event_id,
            Registration.agency_id == registration.agency_id,
            Registration.status == Status.WAITLISTED,
            Registration.waitlist_seq < registration.waitlist_seq,
        )
    )
    return ahead.scalar_one() + 1


async def _next_seq(session: AsyncSession, event_id: int, agency_id: int) -> int:
    top = await session.execute(
        select(func.max(Registration.waitlist_seq)).where(
            Registration.event_id == event_id, Registration.agency_id == agency_id
        )
    )
    return (top.scalar_one() or 0) + 1


async def reserve_seat(session: AsyncSession, registration: Registration) -> SeatOutcome:
    """Give the registration a seat of its agency, or put it at the end of the waitlist."""
    if registration.status == Status.CONFIRMED:
        return SeatOutcome(Status.CONFIRMED, changed=False)
    if registration.status == Status.WAITLISTED:
        return SeatOutcome(Status.WAITLISTED, await waitlist_position(session, registration), False)
    quota = await lock_quota(session, registration.event_id, registration.agency_id)
    taken = await seats_taken(session, registration.event_id, registration.agency_id)
    if quota.seats is None or taken < quota.seats:
        registration.status, registration.waitlist_seq = Status.CONFIRMED, None
        registration.offer_expires_at = None
        await session.flush()
        return SeatOutcome(Status.CONFIRMED)
    registration.status = Status.WAITLISTED
    registration.waitlist_seq = await _next_seq(session, registration.event_id, registration.agency_id)
    await session.flush()
    return SeatOutcome(Status.WAITLISTED, await waitlist_position(session, registration))


async def release_seat(session: AsyncSession, registration: Registration, new_status: Status) -> bool:
    """Move a registration out of its seat or the waitlist; True when a seat was freed."""
    held = registration.status in SEAT_HOLDING
    if held:
        await lock_quota(session, registration.event_id, registration.agency_id)
    registration.status = new_status
    registration.offer_expires_at = None
    if new_status != Status.WAITLISTED:
        registration.waitlist_seq = None
    await session.flush()
    return held


async def offer_freed_seats(
    session: AsyncSession, event_id: int, agency_id: int, now: dt.datetime, ttl: dt.timedelta
) -> list[Offer]:
    """Hold each free seat for the next person in the waitlist until now + ttl."""
    quota = await lock_quota(session, event_id, agency_id)
    taken = await seats_taken(session, event_id, agency_id)
    free = None if quota.seats is None else quota.seats - taken
    if free is not None and free <= 0:
        return []
    waiting = (
        select(Registration)
        .where(
            Registration.event_id == event_id,
            Registration.agency_id == agency_id,
            Registration.status == Status.WAITLISTED,
        )
        .order_by(Registration.waitlist_seq)
    )
    if free is not None:
        waiting = waiting.limit(free)
    offers = []
    for registration in (await session.execute(waiting)).scalars():
        registration.status = Status.OFFERED
        registration.offer_expires_at = now + ttl
        offers.append(Offer(registration.id, registration.person_id, event_id, now + ttl))
    await session.flush()
    return offers


async def set_quota(
    session: AsyncSession, event_id: int, agency_id: int, seats: int, *, insist: bool = False
) -> list[Registration]:
    """Change an agency's seats. Below the seats held: refused, or (insist) the latest
    confirmations go back to the front of the waitlist; they are returned so they can be told."""
    if seats < 0:
        raise DomainError("quota_negative")
    quota = await lock_quota(session, event_id, agency_id)
    taken = await seats_taken(session, event_id, agency_id)
    moved: list[Registration] = []
    if seats < taken:
        if not insist:
            raise DomainError("quota_below_confirmed", confirmed=taken, seats=seats)
        latest = await session.execute(
            select(Registration)
            .where(
                Registration.event_id == event_id,
                Registration.agency_id == agency_id,
                Registration.status.in_(SEAT_HOLDING),
            )
            .order_by(
                Registration.status == Status.CONFIRMED,
                Registration.updated_at.desc(),
                Registration.id.desc(),
            )
            .limit(taken - seats)
        )
        moved = list(latest.scalars())
        first = await session.execute(
            select(func.min(Registration.waitlist_seq)).where(
                Registration.event_id == event_id, Registration.agency_id == agency_id
            )
        )
        seq = (first.scalar_one() or 1) - 1
        for registration in moved:
            # Ahead of everyone already waiting: they had a seat first.
            registration.status, registration.waitlist_seq = Status.WAITLISTED, seq
            registration.offer_expires_at = None
            seq -= 1
    quota.seats = seats
    await session.flush()
    return moved
