"""Who receives what: the people a message about an event goes to."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.enums import RoleKind
from storage.models import Identity, Role
from storage.rsvp_models import Registration, RegistrationStatus

__all__ = [
    "confirmed_delegates",
    "organisers",
    "is_organiser",
    "reachable_identity",
    "waitlisted",
    "not_answered",
    "registered",
    "reachable_identities",
    "set_channel_order",
    "channel_rank",
    "last_identities",
]


async def _people_with_role(session: AsyncSession, event_id: int, kind: RoleKind) -> list[int]:
    rows = await session.execute(
        select(Role.person_id).where(Role.event_id == event_id, Role.kind == kind).order_by(Role.person_id)
    )
    return list(dict.fromkeys(rows.scalars()))


async def confirmed_delegates(session: AsyncSession, event_id: int) -> list[int]:
    """Person ids of the delegates holding a confirmed seat (they hear about programme changes)."""
    rows = await session.execute(
        select(Registration.person_id)
        .where(Registration.event_id == event_id, Registration.status == RegistrationStatus.CONFIRMED)
        .order_by(Registration.person_id)
    )
    return list(rows.scalars())


async def _with_status(
    session: AsyncSession,
    event_id: int,
    statuses: tuple[RegistrationStatus, ...],
    agency_id: int | None = None,
) -> list[int]:
    query = select(Registration.person_id).where(
        Registration.event_id == event_id, Registration.status.in_(statuses)
    )
    if agency_id is not None:
        query = query.where(Registration.agency_id == agency_id)
    return list((await session.execute(query.order_by(Registration.person_id))).scalars())


async def waitlisted(session: AsyncSession, event_id: int) -> list[int]:
    """Person ids waiting for a seat (in the waitlist, or holding an offer not yet taken)."""
    return await _with_status(session, event_id, (RegistrationStatus.WAITLISTED, RegistrationStatus.OFFERED))


async def not_answered(session: AsyncSession, event_id: int, agency_id: int | None = None) -> list[int]:
    """Person ids invited (details given) who have not said whether they attend; of one agency if given."""
    return await _with_status(session, event_id, (RegistrationStatus.INVITED,), agency_id)


async def registered(session: AsyncSession, event_id: int) -> list[int]:
    """Person ids with a live registration: confirmed, invited, waitlisted or offered a seat."""
    live = (
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.INVITED,
        RegistrationStatus.WAITLISTED,
        RegistrationStatus.OFFERED,
    )
    return await _with_status(session, event_id, live)


async def organisers(session: AsyncSession, event_id: int) -> list[int]:
    """Person ids of the event's organisers."""
    return await _people_with_role(session, event_id, RoleKind.ORGANISER)


async def is_organiser(session: AsyncSession, event_id: int, person_id: int) -> bool:
    """Whether the person organises this event."""
    return person_id in await organisers(session, event_id)


# The deployment's channel order for notices (DELIVERY_CHANNEL_ORDER, plain channel values), set
# once at start-up; empty: the channel used last wins.
_CHANNEL_ORDER: list[str] = []


def set_channel_order(order: list[str]) -> None:
    """Set the order in which a person's reachable channels are preferred for notices."""
    _CHANNEL_ORDER[:] = list(order)


def channel_rank(identity: Identity) -> tuple[int, float, int]:
    """Sort key: the deployment's channel order first, then the account used last."""
    value = identity.channel.value
    position = _CHANNEL_ORDER.index(value) if value in _CHANNEL_ORDER else len(_CHANNEL_ORDER)
    return position, -identity.last_seen_at.timestamp(), -identity.id


async def reachable_identity(session: AsyncSession, person_id: int) -> tuple[int, str] | None:
    """(identity id, language) of the account notices should use: reachable, in the deployment's
    channel order, the one used last first."""
    found = await session.execute(
        select(Identity).where(Identity.person_id == person_id, Identity.unreachable_at.is_(None))
    )
    ranked = sorted(found.scalars(), key=channel_rank)
    return None if not ranked else (ranked[0].id, ranked[0].language)


async def reachable_identities(session: AsyncSession, person_ids: list[int]) -> dict[int, Identity]:
    """For many people at once: the identity each used last and can still be reached on."""
    found: dict[int, Identity] = {}
    for start in range(0, len(person_ids), 500):
        rows = await session.execute(
            select(Identity)
            .where(Identity.person_id.in_(person_ids[start : start + 500]), Identity.unreachable_at.is_(None))
            .order_by(Identity.last_seen_at.desc(), Identity.id.desc())
        )
        for identity in sorted(rows.scalars(), key=channel_rank):
            found.setdefault(identity.person_id, identity)
    return found


async def last_identities(session: AsyncSession, person_ids: list[int]) -> dict[int, Identity]:
    """For many people at once: the identity each used last, reachable or not (a notice to someone
    with no reachable channel is still written, so that it ends unreachable with its reason)."""
    found: dict[int, Identity] = {}
    for start in range(0, len(person_ids), 500):
        rows = await session.execute(
            select(Identity)
            .where(Identity.person_id.in_(person_ids[start : start + 500]))
            .order_by(Identity.last_seen_at.desc(), Identity.id.desc())
        )
        for identity in rows.scalars():
            found.setdefault(identity.person_id, identity)
    return found
