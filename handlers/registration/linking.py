"""`/lienket` (`/link`): one person on several messengers.

`/lienket` alone gives a one-time code (8 characters, 10 minutes). `/lienket <code>` typed on the
other messenger joins the two accounts into one person: notices then reach the account the person
used last (bot/domain/audiences.reachable_identity). See docs/zalo.md, "One person, two channels".
"""

from __future__ import annotations

import datetime as dt
import secrets

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.errors import DomainError
from bot.domain.registration.merge import merge_people
from bot.messages import Reply
from handlers.context import Context
from handlers.router import parse_command
from storage import repositories as repo
from storage.models import Identity, Person
from storage.rsvp_models import Registration
from storage.zalo_models import LinkCode

__all__ = ["CODE_LENGTH", "CODE_TTL", "link_identity"]

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I: codes are read and retyped
CODE_LENGTH = 8
CODE_TTL = dt.timedelta(minutes=10)


async def link_identity(ctx: Context) -> list[Reply]:
    """`/lienket` gives a code; `/lienket <code>` on the other messenger joins the accounts."""
    command = parse_command(ctx.inbound.text)
    code = "".join((command[1] if command else "").split()).upper()
    if not code:
        return await _issue_code(ctx)
    return await _use_code(ctx, code)


async def _issue_code(ctx: Context) -> list[Reply]:
    # A new code replaces this account's earlier ones: only the last one shown works.
    await ctx.session.execute(delete(LinkCode).where(LinkCode.identity_id == ctx.identity.id))
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    ctx.session.add(
        LinkCode(
            code=code, person_id=ctx.person.id, identity_id=ctx.identity.id, expires_at=ctx.now + CODE_TTL
        )
    )
    await ctx.session.flush()
    minutes = int(CODE_TTL.total_seconds() // 60)
    return [ctx.reply("zalo.link.code", code=code, minutes=minutes)]


async def _use_code(ctx: Context, code: str) -> list[Reply]:
    found = await ctx.session.execute(
        select(LinkCode).where(LinkCode.code == code, LinkCode.expires_at > ctx.now)
    )
    link = found.scalar_one_or_none()
    if link is None:
        raise DomainError("link_code_invalid")
    issuer = await ctx.session.get(Identity, link.identity_id)
    if issuer is None:
        raise DomainError("link_code_invalid")
    if issuer.person_id == ctx.person.id:
        await ctx.session.delete(link)
        return [ctx.reply("zalo.link.already")]
    if issuer.channel == ctx.identity.channel:
        raise DomainError("link_same_channel")
    first, second = issuer.person_id, ctx.person.id
    keep, drop = await _survivor(ctx.session, first, second)
    await ctx.session.delete(link)
    await merge_people(ctx.session, keep, drop)
    await repo.record_audit(
        ctx.session,
        "person.linked",
        actor_person_id=keep,
        kept=keep,
        merged=drop,
        channels=[issuer.channel.value, ctx.identity.channel.value],
    )
    return [ctx.reply("zalo.link.done", first=_channel_name(issuer), second=_channel_name(ctx.identity))]


def _channel_name(identity: Identity) -> str:
    return identity.channel.value.capitalize()


async def _survivor(session: AsyncSession, first: int, second: int) -> tuple[int, int]:
    """(kept, merged): the person with registrations, else with consent, else the code's issuer."""
    ranks = {}
    for person_id in (first, second):
        person = await session.get(Person, person_id)
        registrations = await session.scalar(
            select(func.count()).select_from(Registration).where(Registration.person_id == person_id)
        )
        ranks[person_id] = (bool(registrations), person is not None and person.consent_at is not None)
    return (second, first) if ranks[second] > ranks[first] else (first, second)
