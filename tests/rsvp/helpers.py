"""Factories for registration tests: people with identities, registrations, organisers."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from bot.domain.registration.registrations import respond, start_registration
from storage import repositories as repo
from storage.enums import Channel, RoleKind
from storage.models import Agency, Role
from storage.rsvp_models import Registration

NOW = dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC)
TTL = dt.timedelta(hours=24)


async def agency_id(session, name: str) -> int:  # type: ignore[no-untyped-def]
    """The id of an agency by name."""
    return (await session.execute(select(Agency.id).where(Agency.name == name))).scalar_one()


async def make_person(sessions, external_id: str, name: str | None = None) -> int:  # type: ignore[no-untyped-def]
    """A console identity (and its person) with an optional consented name."""
    async with sessions() as session, session.begin():
        identity, _ = await repo.identity_for(session, Channel.CONSOLE, external_id, None, "vi")
        if name:
            identity.person.full_name, identity.person.consent_at = name, NOW
        return identity.person_id


async def make_organiser(sessions, event_id: int, external_id: str = "org") -> int:  # type: ignore[no-untyped-def]
    """A person holding the organiser role of the event."""
    person_id = await make_person(sessions, external_id, "Ban Tổ chức")
    async with sessions() as session, session.begin():
        session.add(Role(event_id=event_id, person_id=person_id, kind=RoleKind.ORGANISER))
    return person_id


async def rsvp(sessions, event_id: int, person_id: int, agency: str, attend: bool = True, now=NOW):  # type: ignore[no-untyped-def]
    """Register the person for the agency and answer; returns the result."""
    async with sessions() as session, session.begin():
        registration = await start_registration(
            session, event_id, person_id, await agency_id(session, agency)
        )
        return await respond(session, registration, attend, now=now, offer_ttl=TTL, actor_person_id=person_id)


async def registration(sessions, event_id: int, person_id: int) -> Registration:  # type: ignore[no-untyped-def]
    """The stored registration of a person."""
    async with sessions() as session:
        return (
            await session.execute(
                select(Registration).where(
                    Registration.event_id == event_id, Registration.person_id == person_id
                )
            )
        ).scalar_one()
