"""Invitation links: random tokens bound to one event (and agency), revocable, optionally limited."""

from __future__ import annotations

import secrets

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.errors import DomainError
from storage.enums import EventStatus
from storage.models import Event, SeatQuota
from storage.rsvp_models import Invitation, InvitationKind
from storage.types import utcnow

__all__ = ["new_token", "create_invitation", "agency_invitations", "open_invitation", "revoke_invitation"]

TOKEN_BYTES = 16  # 128 bits; token_urlsafe gives 22 characters of [A-Za-z0-9_-], fit for deep links


def new_token(nbytes: int = TOKEN_BYTES) -> str:
    """A fresh random token usable in a Telegram deep link and as a command-line argument."""
    while True:
        token = secrets.token_urlsafe(nbytes)
        if not token.startswith("-"):  # a leading dash reads as an option to `pii-bot invites --revoke`
            return token


async def create_invitation(
    session: AsyncSession,
    event_id: int,
    kind: InvitationKind,
    *,
    agency_id: int | None = None,
    max_uses: int | None = None,
    registration_id: int | None = None,
) -> Invitation:
    """A new link token. Flushes only."""
    if max_uses is not None and max_uses < 1:
        raise DomainError("invitation_max_uses")
    invitation = Invitation(
        token=new_token(),
        event_id=event_id,
        agency_id=agency_id,
        kind=kind,
        max_uses=max_uses,
        registration_id=registration_id,
    )
    session.add(invitation)
    await session.flush()
    return invitation


async def agency_invitations(
    session: AsyncSession, event_id: int, kind: InvitationKind = InvitationKind.DELEGATE
) -> list[tuple[SeatQuota, Invitation]]:
    """One live link per invited agency, in the plan's order; missing ones are created."""
    quotas = (
        (
            await session.execute(
                select(SeatQuota).where(SeatQuota.event_id == event_id).order_by(SeatQuota.position)
            )
        )
        .scalars()
        .all()
    )
    live = (
        (
            await session.execute(
                select(Invitation)
                .where(
                    Invitation.event_id == event_id, Invitation.kind == kind, Invitation.revoked_at.is_(None)
                )
                .order_by(Invitation.id)
            )
        )
        .scalars()
        .all()
    )
    by_agency: dict[int | None, Invitation] = {}
    for invitation in live:
        by_agency.setdefault(invitation.agency_id, invitation)
    out = []
    for quota in quotas:
        invitation = by_agency.get(quota.agency_id)
        if invitation is None:
            invitation = await create_invitation(session, event_id, kind, agency_id=quota.agency_id)
        out.append((quota, invitation))
    return out


async def open_invitation(session: AsyncSession, token: str) -> Invitation | None:
    """The invitation behind a token if it can still be used; None for unknown tokens."""
    if not token or len(token) > 64:
        return None
    invitation = (
        await session.execute(select(Invitation).where(Invitation.token == token).with_for_update())
    ).scalar_one_or_none()
    if invitation is None:
        return None
    if invitation.revoked_at is not None:
        raise DomainError("invitation_revoked")
    if invitation.max_uses is not None and invitation.uses >= invitation.max_uses:
        raise DomainError("invitation_used_up")
    event = await session.get(Event, invitation.event_id)
    if event is None or event.status != EventStatus.PUBLISHED:
        raise DomainError("invitation_event_closed")
    return invitation


async def revoke_invitation(session: AsyncSession, invitation_id: int) -> Invitation:
    """Stop a link from working. Flushes only."""
    invitation = await session.get(Invitation, invitation_id)
    if invitation is None:
        raise DomainError("invitation_not_found")
    invitation.revoked_at = invitation.revoked_at or utcnow()
    await session.flush()
    return invitation
