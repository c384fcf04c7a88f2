"""One person on several messengers: merging two people's records into one."""

from __future__ import annotations

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

import storage.schema  # noqa: F401  (every table that refers to people, for the merge)
from bot.domain.errors import DomainError
from storage.models import Base, Identity, Person, Role
from storage.rsvp_models import OrganiserPreference, Registration

__all__ = ["merge_people"]


async def merge_people(session: AsyncSession, keep: int, drop: int) -> None:
    """Move everything of person `drop` to person `keep`, then delete `drop`. Flushes, never commits."""
    events_of = select(Registration.event_id).where(Registration.person_id == keep)
    clash = await session.execute(
        select(Registration.id)
        .where(Registration.person_id == drop, Registration.event_id.in_(events_of))
        .limit(1)
    )
    if clash.first() is not None:
        raise DomainError("link_both_registered")
    kept = await session.get(Person, keep)
    dropped = await session.get(Person, drop)
    assert kept is not None and dropped is not None
    if dropped.consent_at is not None:
        # Details given with consent fill what the kept person lacks.
        for field in ("full_name", "position", "phone", "consent_at"):
            if getattr(kept, field) is None:
                setattr(kept, field, getattr(dropped, field))
    # The accounts move through the ORM so that loaded identities (this unit of work's) follow.
    for identity in (await session.execute(select(Identity).where(Identity.person_id == drop))).scalars():
        identity.person = kept
    # Rows that would collide with the kept person's own are the same fact twice: drop them.
    kept_roles = select(Role.event_id, Role.kind).where(Role.person_id == keep)
    for event_id, kind in (await session.execute(kept_roles)).all():
        await session.execute(
            delete(Role).where(Role.person_id == drop, Role.event_id == event_id, Role.kind == kind)
        )
    kept_prefs = select(OrganiserPreference.event_id).where(OrganiserPreference.person_id == keep)
    await session.execute(
        delete(OrganiserPreference).where(
            OrganiserPreference.person_id == drop, OrganiserPreference.event_id.in_(kept_prefs)
        )
    )
    await session.flush()
    # Every other reference to a person, in every module's tables, follows the kept person.
    for table in Base.metadata.sorted_tables:
        for fk in table.foreign_keys:
            if fk.column.table.name == "people" and table.name != "identities":
                await session.execute(update(table).where(fk.parent == drop).values({fk.parent.name: keep}))
    session.expunge(dropped)
    await session.execute(delete(Person).where(Person.id == drop))
