"""The approval queue: registrations made without an invitation link wait for an organiser, who
approves or refuses them (with a reason the delegate reads). Services flush, never commit."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.errors import DomainError
from storage import repositories as repo
from storage.enums import EventStatus
from storage.models import Agency, Event, Person, SeatQuota
from storage.rsvp_models import Registration, RegistrationStatus

__all__ = [
    "PendingRow",
    "REASON_MAX",
    "pending_approvals",
    "pending_count",
    "pending_by_event",
    "refuse_registration",
]

REASON_MAX = 500  # characters: a reason is a sentence or two, read by the delegate


@dataclass(frozen=True)
class PendingRow:
    """One registration waiting for an organiser's decision."""

    registration_id: int
    agency: str
    full_name: str | None
    position: str | None
    phone: str | None
    since: dt.datetime


async def pending_approvals(
    session: AsyncSession, event_id: int, limit: int | None = None
) -> list[PendingRow]:
    """Registrations of the event waiting for approval, oldest first."""
    query = (
        select(
            Registration.id,
            Agency.name,
            Person.full_name,
            Person.position,
            Person.phone,
            Registration.created_at,
        )
        .join(Person, Person.id == Registration.person_id)
        .join(Agency, Agency.id == Registration.agency_id)
        .where(Registration.event_id == event_id, Registration.status == RegistrationStatus.PENDING_APPROVAL)
        .order_by(Registration.created_at, Registration.id)
    )
    if limit is not None:
        query = query.limit(limit)
    return [PendingRow(*row) for row in await session.execute(query)]


async def pending_count(session: AsyncSession, event_id: int) -> int:
    """How many registrations of the event wait for approval."""
    query = select(func.count(Registration.id)).where(
        Registration.event_id == event_id,
        Registration.status == RegistrationStatus.PENDING_APPROVAL,
    )
    return int((await session.execute(query)).scalar_one())


async def pending_by_event(session: AsyncSession) -> dict[int, int]:
    """Published events with registrations waiting for approval, and how many wait."""
    query = (
        select(Registration.event_id, func.count(Registration.id))
        .join(Event, Event.id == Registration.event_id)
        .join(
            SeatQuota,
            (SeatQuota.event_id == Registration.event_id) & (SeatQuota.agency_id == Registration.agency_id),
        )
        .where(
            Registration.status == RegistrationStatus.PENDING_APPROVAL, Event.status == EventStatus.PUBLISHED
        )
        .group_by(Registration.event_id)
        .order_by(Registration.event_id)
    )
    return {event_id: int(count) for event_id, count in await session.execute(query)}


def _clean_reason(reason: str) -> str:
    text = " ".join(reason.split())
    if not text:
        raise DomainError("refuse_reason_missing")
    if len(text) > REASON_MAX:
        raise DomainError("refuse_reason_too_long", limit=REASON_MAX)
    return text


async def refuse_registration(
    session: AsyncSession, registration: Registration, organiser_id: int, reason: str
) -> str | None:
    """Refuse a waiting registration; returns the cleaned reason, or None if already decided."""
    text = _clean_reason(reason)
    if registration.status != RegistrationStatus.PENDING_APPROVAL:
        return None
    registration.status = RegistrationStatus.REFUSED
    await session.flush()
    await repo.record_audit(
        session,
        "registration.refused",
        event_id=registration.event_id,
        actor_person_id=organiser_id,
        registration=registration.id,
        reason=text,
    )
    return text
