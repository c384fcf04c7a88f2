"""Claiming the focal-point role by phone: only a phone the messenger vouches for as the sender's
own gives the role at once; a typed phone becomes a request an organiser approves or refuses."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.errors import DomainError
from bot.domain.indicators.assignments import add_focal_point, unclaimed_by_phone
from storage import repositories as repo
from storage.indicator_models import PendingFocalPoint

__all__ = ["FocalRequest", "request_focal_by_phone", "decide_focal_request"]


@dataclass(frozen=True)
class FocalRequest:
    """A request waiting for the organisers: who asked, for which agency of which event."""

    pending_id: int
    event_id: int
    agency_id: int
    person_id: int


async def request_focal_by_phone(
    session: AsyncSession, event_id: int, person_id: int, phone: str, now: dt.datetime
) -> FocalRequest | None:
    """Record that a person typed a phone an organiser named: the role waits for an organiser.
    None when no unclaimed entry has that phone. Flushes only."""
    pending = await unclaimed_by_phone(session, event_id, phone)
    if pending is None:
        return None
    pending.requested_by, pending.requested_at = person_id, now
    await session.flush()
    await repo.record_audit(
        session,
        "focal_point.requested",
        event_id=event_id,
        actor_person_id=person_id,
        agency=pending.agency_id,
    )
    return FocalRequest(pending.id, event_id, pending.agency_id, person_id)


async def decide_focal_request(
    session: AsyncSession, pending_id: int, *, approve: bool, organiser_id: int, now: dt.datetime
) -> FocalRequest:
    """An organiser's answer to a request; the role is given on approval. Flushes only."""
    pending = await session.get(PendingFocalPoint, pending_id, with_for_update=True)
    if pending is None or pending.requested_by is None or pending.claimed_by is not None:
        raise DomainError("reliability_request_gone")
    request = FocalRequest(pending.id, pending.event_id, pending.agency_id, pending.requested_by)
    if approve:
        await add_focal_point(session, pending.event_id, pending.requested_by, pending.agency_id)
        pending.claimed_by, pending.claimed_at = pending.requested_by, now
    pending.requested_by = pending.requested_at = None
    await session.flush()
    await repo.record_audit(
        session,
        "focal_point.approved" if approve else "focal_point.refused",
        event_id=request.event_id,
        actor_person_id=organiser_id,
        agency=request.agency_id,
    )
    return request
