"""Answering the invitation (rsvp:, offer: buttons), `/me`, `/forget` and `/transfer`."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import update

from bot.domain.errors import DomainError
from bot.domain.registration import registrations as regs
from bot.domain.registration.invitations import create_invitation
from bot.domain.registration.people import forget_person
from bot.messages import Reply
from bot.outbox.notices import notify_offers, notify_organisers
from handlers.context import Context
from handlers.events.text import no_event
from handlers.payload_ids import parse_id
from handlers.seats.rsvp_view import status_line, status_view
from storage import repositories as repo
from storage.models import Agency, Event
from storage.rsvp_models import Invitation, InvitationKind, Registration, RegistrationStatus

__all__ = [
    "answer_button",
    "offer_button",
    "show_me",
    "forget_me",
    "forget_button",
    "transfer_link",
    "offer_ttl",
]


def offer_ttl(event: Event) -> dt.timedelta:
    """How long a freed seat is held for the next person waiting."""
    return dt.timedelta(hours=event.offer_hours)


async def _own_registration(ctx: Context) -> tuple[Event, Registration]:
    raw = (ctx.inbound.payload or "").rsplit(":", 1)[-1]
    registration = await ctx.session.get(Registration, parse_id(raw) or 0)
    if registration is None or registration.person_id != ctx.person.id:
        raise DomainError("not_your_registration")
    event = await ctx.session.get(Event, registration.event_id)
    assert event is not None
    return event, registration


async def _report(
    ctx: Context, event: Event, registration: Registration, result: regs.RsvpResult
) -> list[Reply]:
    await notify_offers(ctx.session, event, result.offers)
    line = await status_line(ctx, event, registration)
    if not result.changed:
        return [ctx.reply("rsvp.unchanged", status=line)]
    agency = await ctx.session.get(Agency, registration.agency_id)
    await notify_organisers(
        ctx.session,
        event.id,
        "rsvp.org.answered",
        name=ctx.person.full_name or "—",
        agency=agency.name if agency else "—",
        status=lambda t: t(f"rsvp.status_short.{registration.status.value}"),
    )
    key = f"rsvp.answer.{registration.status.value}"
    return [ctx.reply(key, status=line, title=event.title)]


async def answer_button(ctx: Context) -> list[Reply]:
    """rsvp:yes:<id> / rsvp:no:<id>: attend or decline (again: nothing changes twice)."""
    event, registration = await _own_registration(ctx)
    attend = (ctx.inbound.payload or "").startswith("rsvp:yes:")
    result = await regs.respond(
        ctx.session,
        registration,
        attend,
        now=ctx.now,
        offer_ttl=offer_ttl(event),
        actor_person_id=ctx.person.id,
    )
    return await _report(ctx, event, registration, result)


async def offer_button(ctx: Context) -> list[Reply]:
    """offer:yes:<id> / offer:no:<id>: take or refuse a seat held from the waitlist."""
    event, registration = await _own_registration(ctx)
    if (ctx.inbound.payload or "").startswith("offer:yes:"):
        result = await regs.accept_offer(
            ctx.session, registration, now=ctx.now, actor_person_id=ctx.person.id
        )
    else:
        result = await regs.refuse_offer(
            ctx.session, registration, now=ctx.now, offer_ttl=offer_ttl(event), actor_person_id=ctx.person.id
        )
    return await _report(ctx, event, registration, result)


async def show_me(ctx: Context) -> list[Reply]:
    """/me (/toi): the person's own registration and details."""
    event = await ctx.event()
    if event is None:
        return no_event(ctx)
    registration = await regs.registration_of(ctx.session, event.id, ctx.person.id)
    if registration is None or registration.status == RegistrationStatus.CANCELLED:
        key = "rsvp.me_none_open" if event.self_registration else "rsvp.me_none"
        return [ctx.reply(key, title=event.title)]
    return [await status_view(ctx, event, registration)]


async def forget_me(ctx: Context) -> list[Reply]:
    """/forget (/xoadulieu): explain what will be erased and ask to confirm."""
    return [
        ctx.reply("reliability.privacy.erased_and_kept"),
        ctx.reply(
            "rsvp.forget_confirm",
            buttons=[
                [ctx.button("rsvp.button.forget", "me:forget"), ctx.button("rsvp.button.keep", "cmd:cancel")]
            ],
        ),
    ]


async def forget_button(ctx: Context) -> list[Reply]:
    """me:forget: erase the person's data; freed seats go to the waitlist."""
    person = ctx.person
    if person.full_name is None and person.phone is None and person.consent_at is None:
        return [ctx.reply("rsvp.forget_nothing")]
    event_ids = {
        r.event_id
        for r in (
            await ctx.session.execute(
                Registration.__table__.select().where(Registration.person_id == person.id)
            )
        ).all()
    }
    offers = await forget_person(ctx.session, person.id, now=ctx.now)
    for event_id in event_ids:
        event = await ctx.session.get(Event, event_id)
        if event is not None:
            await notify_offers(ctx.session, event, [o for o in offers if o.event_id == event_id])
            await notify_organisers(ctx.session, event_id, "rsvp.org.forgotten")
    ctx.end_flow()
    return [ctx.reply("rsvp.forgotten"), ctx.reply("reliability.privacy.erased_and_kept")]


async def transfer_link(ctx: Context) -> list[Reply]:
    """/transfer (/nhuongcho): a one-use link that hands the person's seat to a colleague."""
    event = await ctx.event()
    if event is None:
        return no_event(ctx)
    registration = await regs.registration_of(ctx.session, event.id, ctx.person.id)
    if registration is None or registration.status != RegistrationStatus.CONFIRMED:
        raise DomainError("transfer_no_seat")
    if not regs.rsvp_open(event, ctx.now):
        raise DomainError("rsvp_closed")
    # Only the newest hand-over link works.
    await ctx.session.execute(
        update(Invitation)
        .where(Invitation.registration_id == registration.id, Invitation.revoked_at.is_(None))
        .values(revoked_at=ctx.now)
    )
    invitation = await create_invitation(
        ctx.session,
        event.id,
        InvitationKind.TRANSFER,
        agency_id=registration.agency_id,
        max_uses=1,
        registration_id=registration.id,
    )
    await repo.record_audit(
        ctx.session,
        "transfer.link",
        event_id=event.id,
        actor_person_id=ctx.person.id,
        registration=registration.id,
    )
    return [ctx.reply("rsvp.transfer_link", link=ctx.link_for(invitation.token))]
