"""How a registration is shown to its owner: status, waitlist position, the RSVP buttons."""

from __future__ import annotations

from bot.domain.registration.registrations import rsvp_open
from bot.domain.seats.allocation import waitlist_position
from bot.messages import Reply
from bot.outbox.notices import local_datetime
from handlers.context import Context
from storage.models import Agency, Event
from storage.rsvp_models import Registration, RegistrationStatus

__all__ = ["rsvp_question", "status_line", "status_view"]

# Registrations an organiser has not let go on: no answer buttons for them.
_UNDECIDED = (RegistrationStatus.PENDING_APPROVAL, RegistrationStatus.REFUSED)


def rsvp_question(ctx: Context, event: Event, registration: Registration) -> Reply:
    """Will you attend? with the two answer buttons."""
    key = "rsvp.question_deadline" if event.rsvp_deadline else "rsvp.question"
    params = {"title": event.title}
    if event.rsvp_deadline:
        params["deadline"] = local_datetime(ctx.t, event, event.rsvp_deadline)
    return ctx.reply(key, buttons=_answer_buttons(ctx, registration), **params)


def _answer_buttons(ctx: Context, registration: Registration):  # type: ignore[no-untyped-def]
    return [
        [
            ctx.button("rsvp.button.attend", f"rsvp:yes:{registration.id}"),
            ctx.button("rsvp.button.decline", f"rsvp:no:{registration.id}"),
        ]
    ]


async def status_line(ctx: Context, event: Event, registration: Registration) -> str:
    """One sentence saying where the registration stands."""
    status = registration.status
    if status == RegistrationStatus.WAITLISTED:
        position = await waitlist_position(ctx.session, registration)
        return ctx.t("rsvp.status.waitlisted", position=position or "?")
    if status == RegistrationStatus.OFFERED and registration.offer_expires_at is not None:
        return ctx.t("rsvp.status.offered", until=local_datetime(ctx.t, event, registration.offer_expires_at))
    return ctx.t(f"rsvp.status.{status.value}")


async def status_view(ctx: Context, event: Event, registration: Registration) -> Reply:
    """The person's own registration: their details (shown only to them) and its status."""
    person = ctx.person
    agency = await ctx.session.get(Agency, registration.agency_id)
    text = ctx.t(
        "rsvp.me",
        title=event.title,
        name=person.full_name or "—",
        position=person.position or "—",
        phone=person.phone or "—",
        agency=agency.name if agency else "—",
        status=await status_line(ctx, event, registration),
    )
    buttons = []
    if registration.status == RegistrationStatus.OFFERED:
        buttons = [
            [
                ctx.button("rsvp.button.accept_offer", f"offer:yes:{registration.id}"),
                ctx.button("rsvp.button.refuse_offer", f"offer:no:{registration.id}"),
            ]
        ]
    elif registration.status not in _UNDECIDED and rsvp_open(event, ctx.now):
        buttons = _answer_buttons(ctx, registration)
    if registration.status == RegistrationStatus.CONFIRMED:
        buttons.append([ctx.button("rsvp.button.transfer", "cmd:transfer")])
    return Reply(text=text, buttons=buttons)
