"""Revoking leaked invitation links: one token, or every live link of an agency at an event."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.errors import DomainError
from bot.domain.registration.agency_search import rank_agencies
from bot.domain.textfold import fold
from storage import repositories as repo
from storage.models import Agency, SeatQuota
from storage.rsvp_models import Invitation

__all__ = ["RevokedLinks", "revoke_links"]


@dataclass
class RevokedLinks:
    """The invitations revoked, and the agency they were for (None for an event-wide token)."""

    invitations: list[Invitation] = field(default_factory=list)
    agency: Agency | None = None


async def _agency(session: AsyncSession, event_id: int, text: str) -> Agency:
    rows = await session.execute(
        select(Agency).join(SeatQuota, SeatQuota.agency_id == Agency.id).where(SeatQuota.event_id == event_id)
    )
    matches = rank_agencies(text, list(rows.scalars()), limit=3)
    if not matches:
        raise DomainError("agency_unknown", query=text)
    if len(matches) > 1 and fold(matches[0].name) != fold(text):
        raise DomainError("agency_ambiguous", choices="; ".join(a.name for a in matches))
    return matches[0]


async def revoke_links(
    session: AsyncSession,
    event_id: int,
    token_or_agency: str,
    *,
    actor_person_id: int | None,
    now: dt.datetime,
) -> RevokedLinks:
    """Revoke the event's invitation with this token, or else every live link of the agency named.
    A revoked link opens nothing, and a registration begun through it cannot complete. Flushes only."""
    text = token_or_agency.strip()
    live = select(Invitation).where(Invitation.event_id == event_id, Invitation.revoked_at.is_(None))
    revoked = RevokedLinks()
    by_token = (await session.execute(live.where(Invitation.token == text))).scalars().all() if text else []
    if by_token:
        revoked.invitations.extend(by_token)
        if by_token[0].agency_id is not None:
            revoked.agency = await session.get(Agency, by_token[0].agency_id)
    else:
        revoked.agency = await _agency(session, event_id, text)
        found = await session.execute(live.where(Invitation.agency_id == revoked.agency.id))
        revoked.invitations.extend(found.scalars())
    for invitation in revoked.invitations:
        invitation.revoked_at = now
    await session.flush()
    await repo.record_audit(
        session,
        "invitation.revoked",
        event_id=event_id,
        actor_person_id=actor_person_id,
        count=len(revoked.invitations),
        agency=revoked.agency.id if revoked.agency else None,
    )
    return revoked
