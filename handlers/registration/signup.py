"""Registration: from an invitation link (or /dangky) through consent, name, position and phone
to a confirmed summary, then the RSVP question. State lives in the database (see
docs/conversations.md for the diagram)."""

from __future__ import annotations

import enum

from bot.domain.errors import DomainError
from bot.domain.registration import registrations as regs
from bot.domain.registration.agency_search import find_agencies
from bot.domain.registration.invitations import open_invitation
from bot.domain.registration.people import clean_name, local_phone, normalise_phone
from bot.domain.textfold import fold
from bot.messages import Button, Reply
from bot.outbox.notices import notify_organisers
from handlers.context import Context
from handlers.events.text import event_when
from handlers.payload_ids import parse_id
from handlers.registration.approvals import decision_buttons
from handlers.router import parse_command
from handlers.seats.rsvp_view import rsvp_question, status_view
from storage import repositories as repo
from storage.enums import RoleKind
from storage.models import Agency, Event, Role
from storage.rsvp_models import Invitation, InvitationKind, Registration, RegistrationStatus

__all__ = [
    "FLOW",
    "RegistrationStep",
    "claim_invitation",
    "register_without_link",
    "registration_button",
    "registration_input",
]

FLOW = "register"
_YES = {"dong y", "co", "yes", "ok", "y", "đong y", "agree", "1"}
_NO = {"khong", "khong dong y", "no", "n", "2"}


class RegistrationStep(enum.StrEnum):
    """States of the registration conversation."""

    AGENCY = "agency"
    CONSENT = "consent"
    NAME = "name"
    POSITION = "position"
    PHONE = "phone"
    REVIEW = "review"


async def _ensure_role(ctx: Context, event_id: int, kind: RoleKind, agency_id: int | None) -> None:
    found = await ctx.session.execute(
        Role.__table__.select().where(
            Role.event_id == event_id, Role.person_id == ctx.person.id, Role.kind == kind
        )
    )
    if found.first() is None:
        ctx.session.add(Role(event_id=event_id, person_id=ctx.person.id, kind=kind, agency_id=agency_id))
        await ctx.session.flush()


async def claim_invitation(ctx: Context, payload: str) -> list[Reply] | None:
    """`/start <token>`: an invitation, organiser or hand-over link; None if not a token of ours."""
    invitation = await open_invitation(ctx.session, payload)
    if invitation is None:
        return None
    event = await repo.event_with_details(ctx.session, invitation.event_id)
    assert event is not None
    ctx.choose_event(event)
    if invitation.kind == InvitationKind.ORGANISER:
        await _ensure_role(ctx, event.id, RoleKind.ORGANISER, None)
        invitation.uses += 1
        await repo.record_audit(
            ctx.session, "organiser.joined", event_id=event.id, actor_person_id=ctx.person.id
        )
        return [ctx.reply("rsvp.organiser_welcome", title=event.title, buttons=ctx.main_menu())]
    if invitation.kind == InvitationKind.FOCAL_POINT:
        return None
    existing = await regs.registration_of(ctx.session, event.id, ctx.person.id)
    transfer_from = invitation.registration_id if invitation.kind == InvitationKind.TRANSFER else None
    if transfer_from is not None and existing is not None and existing.id == transfer_from:
        raise DomainError("transfer_to_self")
    if existing is not None and existing.status in regs.ACTIVE and transfer_from is None:
        return [await status_view(ctx, event, existing)]
    agency = await ctx.session.get(Agency, invitation.agency_id)
    assert agency is not None
    return await _begin(ctx, event, agency, invitation=invitation, transfer_from=transfer_from)


async def _begin(
    ctx: Context,
    event: Event,
    agency: Agency,
    *,
    invitation: Invitation | None = None,
    transfer_from: int | None = None,
) -> list[Reply]:
    place = ", ".join(p for p in (event.venue.name, event.venue.address) if p) if event.venue else "—"
    greeting = ctx.t(
        "rsvp.greeting", agency=agency.name, title=event.title, when=event_when(ctx, event), place=place
    )
    data = {
        "event_id": event.id,
        "agency_id": agency.id,
        "agency": agency.name,
        "invitation_id": invitation.id if invitation else None,
        "transfer_from": transfer_from,
        "needs_approval": invitation is None,
    }
    person = ctx.person
    if person.consent_at is not None and person.full_name and person.phone:
        # Known and consented before: go straight to the summary.
        data.update(full_name=person.full_name, position=person.position or "", phone=person.phone)
        ctx.start_flow(FLOW, RegistrationStep.REVIEW, **data)
        return [Reply(text=greeting), _review(ctx)]
    ctx.start_flow(FLOW, RegistrationStep.CONSENT, **data)
    return [Reply(text=greeting), _consent(ctx)]


def _consent(ctx: Context) -> Reply:
    return ctx.reply(
        "rsvp.consent",
        buttons=[
            [
                ctx.button("rsvp.button.agree", "reg:consent:yes"),
                ctx.button("rsvp.button.disagree", "reg:consent:no"),
            ]
        ],
    )


def _review(ctx: Context) -> Reply:
    d = ctx.state.data
    return ctx.reply(
        "rsvp.review",
        name=d["full_name"],
        position=d.get("position") or "—",
        phone=d["phone"],
        agency=d["agency"],
        buttons=[
            [ctx.button("rsvp.button.confirm", "reg:confirm")],
            [
                ctx.button("rsvp.button.edit_name", "reg:edit:name"),
                ctx.button("rsvp.button.edit_position", "reg:edit:position"),
                ctx.button("rsvp.button.edit_phone", "reg:edit:phone"),
            ],
        ],
    )


def _go(ctx: Context, step: RegistrationStep, **changes: object) -> None:
    data = {**ctx.state.data, **changes}
    ctx.state.step, ctx.state.data = step, data


def _ask(ctx: Context, step: RegistrationStep) -> Reply:
    if step == RegistrationStep.REVIEW:
        return _review(ctx)
    if step == RegistrationStep.PHONE:
        reply = ctx.reply("rsvp.ask_phone")
        reply.request_phone = True
        return reply
    return ctx.reply(f"rsvp.ask_{step.value}")


def _after_field(ctx: Context, next_step: RegistrationStep) -> Reply:
    if ctx.state.data.get("editing"):
        _go(ctx, RegistrationStep.REVIEW, editing=False)
        return _review(ctx)
    _go(ctx, next_step)
    return _ask(ctx, next_step)


async def register_without_link(ctx: Context) -> list[Reply]:
    """`/dangky`: pick the agency by name or alias; an organiser approves the registration."""
    event = await ctx.event()
    if event is None:
        return [ctx.reply("event.none")]
    if not event.self_registration:
        return [ctx.reply("rsvp.self_registration_closed")]
    existing = await regs.registration_of(ctx.session, event.id, ctx.person.id)
    if existing is not None and existing.status in regs.ACTIVE:
        return [await status_view(ctx, event, existing)]
    command = parse_command(ctx.inbound.text)
    ctx.start_flow(FLOW, RegistrationStep.AGENCY, event_id=event.id)
    if command and command[1]:
        return await _agency_choices(ctx, command[1])
    return [ctx.reply("rsvp.ask_agency")]


async def _agency_choices(ctx: Context, text: str) -> list[Reply]:
    matches = await find_agencies(ctx.session, ctx.state.data["event_id"], text)
    if not matches:
        return [ctx.reply("rsvp.agency_not_found")]
    rows = [[Button(agency.name[:60], f"reg:agency:{agency.id}")] for agency in matches]
    return [ctx.reply("rsvp.agency_pick", buttons=rows)]


async def registration_button(ctx: Context) -> list[Reply]:
    """Buttons of the registration conversation (reg:...)."""
    if ctx.state.flow != FLOW:
        return [ctx.reply("rsvp.flow_expired", buttons=ctx.main_menu())]
    action = (ctx.inbound.payload or "").split(":")[1:]
    step = ctx.state.step
    if action[:1] == ["agency"] and step == RegistrationStep.AGENCY and action[1:2] and parse_id(action[1]):
        event = await repo.event_with_details(ctx.session, ctx.state.data["event_id"])
        agency = await ctx.session.get(Agency, parse_id(action[1]))
        if event is None or agency is None or agency.id not in {q.agency_id for q in event.quotas}:
            return [ctx.reply("rsvp.agency_not_found")]
        return await _begin(ctx, event, agency)
    if action[:1] == ["consent"] and step == RegistrationStep.CONSENT:
        return _consent_answer(ctx, action[1:2] == ["yes"])
    if action[:1] == ["edit"] and step == RegistrationStep.REVIEW and action[1:2]:
        target = {
            "name": RegistrationStep.NAME,
            "position": RegistrationStep.POSITION,
            "phone": RegistrationStep.PHONE,
        }.get(action[1])
        if target is not None:
            _go(ctx, target, editing=True)
            return [_ask(ctx, target)]
    if action == ["confirm"] and step == RegistrationStep.REVIEW:
        return await _confirm(ctx)
    return [ctx.reply("rsvp.flow_expired", buttons=ctx.main_menu())]


def _consent_answer(ctx: Context, agreed: bool) -> list[Reply]:
    if not agreed:
        ctx.end_flow()
        return [ctx.reply("rsvp.consent_refused", buttons=ctx.main_menu())]
    ctx.person.consent_at = ctx.now
    _go(ctx, RegistrationStep.NAME)
    return [_ask(ctx, RegistrationStep.NAME)]


async def registration_input(ctx: Context) -> list[Reply] | None:
    """Typed answers (and a shared contact) while registering."""
    inbound, step = ctx.inbound, ctx.state.step
    text = (inbound.text or "").strip()
    if step == RegistrationStep.AGENCY:
        return await _agency_choices(ctx, text) if text else [ctx.reply("rsvp.ask_agency")]
    if step == RegistrationStep.CONSENT:
        folded = fold(text)
        if folded in _YES or folded in _NO:
            return _consent_answer(ctx, folded in _YES)
        return [_consent(ctx)]
    if step == RegistrationStep.NAME:
        _go(ctx, step, full_name=clean_name(text))
        return [_after_field(ctx, RegistrationStep.POSITION)]
    if step == RegistrationStep.POSITION:
        _go(ctx, step, position=clean_name(text, "position_invalid"))
        return [_after_field(ctx, RegistrationStep.PHONE)]
    if step == RegistrationStep.PHONE:
        if inbound.contact is not None:
            if inbound.contact.user_id not in (None, inbound.user_id):
                raise DomainError("phone_not_own")
            phone = normalise_phone(inbound.contact.phone)
        else:
            phone = normalise_phone(text)
        # Vouched for only when the messenger says the contact is the sender's own account's.
        vouched = inbound.contact is not None and inbound.contact.user_id == inbound.user_id
        _go(ctx, step, phone=phone, phone_vouched=vouched)
        return [_after_field(ctx, RegistrationStep.REVIEW)]
    if step == RegistrationStep.REVIEW:
        return [_review(ctx)]
    return None


async def _confirm(ctx: Context) -> list[Reply]:
    data = dict(ctx.state.data)
    person = ctx.person
    if data.get("phone_vouched"):
        person.phone_verified_at = ctx.now
    elif data["phone"] != person.phone:
        person.phone_verified_at = None  # a typed new phone: nobody vouched for it
    person.full_name, person.position, person.phone = data["full_name"], data.get("position"), data["phone"]
    if person.consent_at is None:
        person.consent_at = ctx.now
    event = await repo.event_with_details(ctx.session, data["event_id"])
    if event is None:
        raise DomainError("event_not_found", event=data["event_id"])
    invitation = (
        await ctx.session.get(Invitation, data["invitation_id"]) if data.get("invitation_id") else None
    )
    if invitation is not None and invitation.revoked_at is not None:
        # Revoked while the person was typing their details: the link no longer admits anyone.
        raise DomainError("invitation_revoked")
    registration = await regs.start_registration(
        ctx.session,
        event.id,
        person.id,
        data["agency_id"],
        invitation=invitation,
        needs_approval=bool(data.get("needs_approval")),
    )
    await _ensure_role(ctx, event.id, RoleKind.DELEGATE, data["agency_id"])
    ctx.end_flow()
    if data.get("transfer_from"):
        return await _complete_transfer(ctx, event, registration, data["transfer_from"])
    if registration.status == RegistrationStatus.PENDING_APPROVAL:
        await notify_organisers(
            ctx.session,
            event.id,
            "rsvp.org.approval_needed",
            urgent=True,
            name=person.full_name,
            position=person.position or "—",
            agency=data["agency"],
            phone=local_phone(person.phone),
            buttons=decision_buttons(registration.id),
        )
        return [ctx.reply("rsvp.awaiting_approval", agency=data["agency"])]
    return [ctx.reply("rsvp.registered"), rsvp_question(ctx, event, registration)]


async def _complete_transfer(ctx: Context, event: Event, target: Registration, source_id: int) -> list[Reply]:
    from bot.outbox.notices import tell

    source = await ctx.session.get(Registration, source_id)
    if source is None:
        raise DomainError("transfer_no_seat")
    await regs.hand_over_seat(ctx.session, source, target, now=ctx.now)
    name = ctx.person.full_name or "—"
    await tell(
        ctx.session,
        source.person_id,
        "rsvp.transfer_given",
        kind="seat",
        event_id=event.id,
        name=name,
        title=event.title,
    )
    agency = await ctx.session.get(Agency, target.agency_id)
    await notify_organisers(
        ctx.session, event.id, "rsvp.org.transferred", name=name, agency=agency.name if agency else "—"
    )
    return [ctx.reply("rsvp.transfer_received", title=event.title, when=event_when(ctx, event))]
