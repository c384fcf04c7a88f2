"""Queries and writes the services share. Repositories select, add and flush; never commit."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from storage.enums import Channel, EventStatus
from storage.models import (
    Agency,
    AuditEntry,
    ConversationState,
    Event,
    Identity,
    Person,
    SeatQuota,
)
from storage.types import utcnow

__all__ = [
    "event_with_details",
    "event_by_slug",
    "list_events",
    "upcoming_event",
    "agency_by_name",
    "identity_for",
    "conversation_state",
    "record_audit",
]


def _full_event():  # type: ignore[no-untyped-def]
    return select(Event).options(
        selectinload(Event.venue),
        selectinload(Event.agenda),
        selectinload(Event.quotas).joinedload(SeatQuota.agency),
        selectinload(Event.faq),
    )


async def event_with_details(session: AsyncSession, event_id: int) -> Event | None:
    """An event with its venue, programme, quotas and FAQ loaded."""
    return (await session.execute(_full_event().where(Event.id == event_id))).scalar_one_or_none()


async def event_by_slug(session: AsyncSession, slug: str) -> Event | None:
    """An event, fully loaded, found by its slug."""
    return (await session.execute(_full_event().where(Event.slug == slug))).scalar_one_or_none()


async def list_events(session: AsyncSession) -> list[Event]:
    """All events, newest first."""
    rows = await session.execute(select(Event).order_by(Event.id.desc()))
    return list(rows.scalars())


async def upcoming_event(session: AsyncSession, today: dt.date) -> Event | None:
    """The published event a newcomer most likely asks about: the next one, else the latest."""
    published = select(Event.id).where(Event.status == EventStatus.PUBLISHED)
    nearest = await session.execute(
        published.where(Event.start_date >= today).order_by(Event.start_date, Event.id).limit(1)
    )
    event_id = nearest.scalar_one_or_none()
    if event_id is None:
        latest = await session.execute(published.order_by(Event.id.desc()).limit(1))
        event_id = latest.scalar_one_or_none()
    return None if event_id is None else await event_with_details(session, event_id)


async def agency_by_name(session: AsyncSession, name: str) -> Agency | None:
    """The agency with exactly this name."""
    return (await session.execute(select(Agency).where(Agency.name == name))).scalar_one_or_none()


async def identity_for(
    session: AsyncSession, channel: Channel, external_id: str, display_name: str | None, language: str
) -> tuple[Identity, bool]:
    """The identity for a messenger account, created (with an empty person) on first contact."""
    found = await session.execute(
        select(Identity).where(Identity.channel == channel, Identity.external_id == external_id)
    )
    identity = found.scalar_one_or_none()
    if identity is not None:
        identity.last_seen_at = utcnow()
        return identity, False
    person = Person()
    identity = Identity(
        person=person,
        channel=channel,
        external_id=external_id,
        display_name=display_name,
        language=language,
    )
    session.add(identity)
    await session.flush()
    return identity, True


async def conversation_state(session: AsyncSession, identity_id: int) -> ConversationState:
    """The stored conversation state of an identity, created empty when missing."""
    state = await session.get(ConversationState, identity_id)
    if state is None:
        state = ConversationState(identity_id=identity_id, data={})
        session.add(state)
        await session.flush()
    return state


async def record_audit(
    session: AsyncSession,
    action: str,
    *,
    event_id: int | None = None,
    actor_person_id: int | None = None,
    actor_label: str | None = None,
    **detail: object,
) -> None:
    """Append an audit entry in the current transaction."""
    session.add(
        AuditEntry(
            action=action,
            event_id=event_id,
            actor_person_id=actor_person_id,
            actor_label=actor_label,
            detail=detail,
        )
    )
