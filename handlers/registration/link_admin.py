"""/thuhoilienket (/revokelink) `<agency or token>`: an organiser stops a leaked invitation link;
the agency gets a fresh delegate link at once."""

from __future__ import annotations

from bot.domain.errors import DomainError
from bot.domain.registration.invitations import create_invitation
from bot.domain.registration.link_revocation import revoke_links
from bot.messages import Reply
from handlers.context import Context
from handlers.roles import require_organiser
from handlers.router import parse_command
from storage.rsvp_models import InvitationKind

__all__ = ["revoke_link"]


async def revoke_link(ctx: Context) -> list[Reply]:
    """Revoke the named link (or the agency's links) and hand out the agency's new delegate link."""
    event = await require_organiser(ctx)
    command = parse_command(ctx.inbound.text)
    argument = (command[1] if command else "").strip()
    if not argument:
        raise DomainError("reliability_usage_revoke")
    revoked = await revoke_links(ctx.session, event.id, argument, actor_person_id=ctx.person.id, now=ctx.now)
    if revoked.agency is None:
        return [ctx.reply("reliability.revoke.done_token", count=len(revoked.invitations))]
    fresh = await create_invitation(
        ctx.session, event.id, InvitationKind.DELEGATE, agency_id=revoked.agency.id
    )
    return [
        ctx.reply(
            "reliability.revoke.done",
            count=len(revoked.invitations),
            agency=revoked.agency.name,
            link=ctx.link_for(fresh.token),
        )
    ]
