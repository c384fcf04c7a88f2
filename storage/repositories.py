"""Queries and writes the services share. Repositories select, add and flush; never commit."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from sqlalchemy import bindparam, case, select, true, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased, selectinload

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
    "upcoming_event_version",
    "event_version",
    "touch_event",
    "agency_by_name",
    "identity_for",
    "identity_and_state",
    "Arrival",
    "EventVersions",
    "events_touched",
    "conversation_state",
    "record_audit",
]


LAST_SEEN_PRECISION = dt.timedelta(minutes=1)

# The statements every message runs, built once: SQLAlchemy then reuses their compiled form
# without rebuilding them or their cache keys (a noticeable share of a short unit of work).

# The published event a newcomer most likely asks about: the next one to start (earliest start,
# then lowest id), else the latest one (highest id). One ordered query does both.
_IS_AHEAD = Event.start_date >= bindparam("today")
_UPCOMING = (
    select(Event.id, Event.updated_at)
    .where(Event.status == EventStatus.PUBLISHED)
    .order_by(
        case((_IS_AHEAD, 0), else_=1),
        case((_IS_AHEAD, Event.start_date)),
        case((_IS_AHEAD, Event.id), else_=-Event.id),
    )
    .limit(1)
)
_upcoming = _UPCOMING.subquery("upcoming")
_chosen = aliased(Event, name="chosen")
# Who wrote, where their conversation stands, and the versions of the events they may ask about,
# so that checking the process's cached copy of an event needs no further query.
_ARRIVAL = (
    select(Identity, ConversationState, _chosen.updated_at, _upcoming.c.id, _upcoming.c.updated_at)
    .outerjoin(ConversationState, ConversationState.identity_id == Identity.id)
    .outerjoin(_chosen, _chosen.id == ConversationState.event_id)
    .outerjoin(_upcoming, true())
    .where(Identity.channel == bindparam("channel"), Identity.external_id == bindparam("external_id"))
)
# A session that changed an event says so here (see touch_event), so that versions read at the
# start of its unit of work are no longer trusted.
_EVENTS_TOUCHED = "pii_events_touched"
_EVENT_VERSION = select(Event.updated_at).where(Event.id == bindparam("event_id"))


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


async def upcoming_event_version(session: AsyncSession, today: dt.date) -> tuple[int, dt.datetime] | None:
    """(id, updated_at) of the published event a newcomer most likely asks about: the next one,
    else the latest one."""
    row = (await session.execute(_UPCOMING, {"today": today})).first()
    return None if row is None else (row[0], row[1])


async def event_version(session: AsyncSession, event_id: int) -> dt.datetime | None:
    """When the event (or anything shown with it) last changed; None if it does not exist."""
    found = await session.execute(_EVENT_VERSION, {"event_id": event_id})
    return found.scalar_one_or_none()


async def touch_event(session: AsyncSession, event_id: int) -> None:
    """Mark the event as changed, so cached copies of it are reloaded."""
    session.info[_EVENTS_TOUCHED] = True
    await session.execute(update(Event).where(Event.id == event_id).values(updated_at=utcnow()))


def events_touched(session: AsyncSession) -> bool:
    """Whether this session changed an event (through touch_event)."""
    return bool(session.info.get(_EVENTS_TOUCHED))


async def agency_by_name(session: AsyncSession, name: str) -> Agency | None:
    """The agency with exactly this name."""
    return (await session.execute(select(Agency).where(Agency.name == name))).scalar_one_or_none()


async def identity_for(
    session: AsyncSession, channel: Channel, external_id: str, display_name: str | None, language: str
) -> tuple[Identity, bool]:
    """The identity for a messenger account, created (with an empty person) on first contact."""
    arrival = await identity_and_state(session, channel, external_id, display_name, language, utcnow().date())
    return arrival.identity, arrival.created


class EventVersions(NamedTuple):
    """Event versions read together with an identity, as of the start of the unit of work."""

    chosen_id: int | None  # the event the conversation state pointed at
    chosen: dt.datetime | None  # its updated_at (None: no event chosen, or it is gone)
    upcoming: tuple[int, dt.datetime] | None  # see upcoming_event_version

    def version_of(self, event_id: int) -> dt.datetime | None:
        """The known version of this event, if it is the chosen one."""
        return self.chosen if event_id == self.chosen_id else None


class Arrival(NamedTuple):
    """Who wrote and where their conversation stands."""

    identity: Identity
    state: ConversationState
    created: bool
    events: EventVersions | None  # None for a first contact


async def identity_and_state(
    session: AsyncSession,
    channel: Channel,
    external_id: str,
    display_name: str | None,
    language: str,
    today: dt.date,
) -> Arrival:
    """The identity, its person, its conversation state and the event versions in one query;
    the identity and state are created on first contact."""
    params = {"channel": channel, "external_id": external_id, "today": today}
    found = (await session.execute(_ARRIVAL, params)).first()
    if found is not None:
        identity, state, chosen, upcoming_id, upcoming_version = found
        now = utcnow()
        # "Last used" picks the channel for notices; minute precision is plenty, and skipping
        # the write keeps a read-only question a read-only unit of work.
        if now - identity.last_seen_at > LAST_SEEN_PRECISION:
            identity.last_seen_at = now
        if identity.unreachable_at is not None:
            identity.unreachable_at = None  # they wrote to us: reachable again
        versions = EventVersions(
            None if state is None else state.event_id,
            chosen,
            None if upcoming_id is None else (upcoming_id, upcoming_version),
        )
        if state is None:
            state = await conversation_state(session, identity.id)
        elif session.bind.dialect.name == "postgresql":
            state = await locked_state(session, identity.id)
        return Arrival(identity, state, False, versions)
    identity = Identity(
        person=Person(),
        channel=channel,
        external_id=external_id,
        display_name=display_name,
        language=language,
    )
    session.add(identity)
    await session.flush()
    return Arrival(identity, await conversation_state(session, identity.id), True, None)


async def locked_state(session: AsyncSession, identity_id: int) -> ConversationState:
    """The conversation state read again under a row lock (PostgreSQL): a second worker serving
    the same person waits here until this unit commits, then sees its changes."""
    statement = (
        select(ConversationState)
        .where(ConversationState.identity_id == identity_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return (await session.execute(statement)).scalar_one()


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
