"""The approval queue for organisers: `/pending` (`/choduyet`) lists registrations made without a
link, each with approve and refuse buttons; refusing asks for a reason the delegate reads."""

from __future__ import annotations

from bot.domain.errors import DomainError
from bot.domain.registration.approvals import pending_approvals, pending_count, refuse_registration
from bot.domain.registration.people import local_phone
from bot.domain.registration.registrations import approve_registration
from bot.messages import Reply
from bot.outbox.notices import local_datetime, tell
from handlers.context import Context
from handlers.payload_ids import parse_id
from handlers.roles import require_organiser
from storage.models import Event
from storage.rsvp_models import Registration, RegistrationStatus

__all__ = [
    "REFUSE_FLOW",
    "LIST_LIMIT",
    "decision_buttons",
    "pending_list",
    "approve_button",
    "refuse_button",
    "refuse_input",
]

REFUSE_FLOW = "org_refuse"
# Registrations shown with buttons in one message; the rest are counted (approve those first).
LIST_LIMIT = 10


def decision_buttons(registration_id: int) -> list[list[tuple[str, str]]]:
    """Approve and refuse, as catalogue keys with payloads (for alerts sent through the outbox)."""
    return [
        [
            ("rsvp.button.approve", f"org:approve:{registration_id}"),
            ("approvals.button.refuse", f"org:refuse:{registration_id}"),
        ]
    ]


async def _registration(ctx: Context) -> tuple[Event, Registration]:
    raw = (ctx.inbound.payload or "").rsplit(":", 1)[-1]
    registration_id = parse_id(raw)
    registration = await ctx.session.get(Registration, registration_id) if registration_id else None
    if registration is None:
        raise DomainError("registration_not_found")
    ctx.choose_event(await ctx.session.get(Event, registration.event_id))  # type: ignore[arg-type]
    return await require_organiser(ctx), registration


async def pending_list(ctx: Context) -> list[Reply]:
    """/pending (/choduyet): registrations waiting for approval, oldest first, with buttons."""
    event = await require_organiser(ctx)
    rows = await pending_approvals(ctx.session, event.id, limit=LIST_LIMIT)
    if not rows:
        return [ctx.reply("approvals.none", title=event.title)]
    total = await pending_count(ctx.session, event.id)
    lines = [ctx.t("approvals.header", title=event.title, count=total)]
    buttons = []
    for n, row in enumerate(rows, start=1):
        lines.append(
            ctx.t(
                "approvals.line",
                n=n,
                name=row.full_name or "—",
                position=row.position or "—",
                agency=row.agency,
                phone=local_phone(row.phone) or "—",
                since=local_datetime(ctx.t, event, row.since),
            )
        )
        buttons.append(
            [
                ctx.button("approvals.button.approve_n", f"org:approve:{row.registration_id}", n=n),
                ctx.button("approvals.button.refuse_n", f"org:refuse:{row.registration_id}", n=n),
            ]
        )
    if total > len(rows):
        lines.append(ctx.t("approvals.more", count=total - len(rows)))
    return [Reply(text="\n\n".join(lines), buttons=buttons)]


async def approve_button(ctx: Context) -> list[Reply]:
    """org:approve:<registration>: one tap lets a registration made without a link go on."""
    event, registration = await _registration(ctx)
    if not await approve_registration(ctx.session, registration, ctx.person.id):
        return [ctx.reply("rsvp.org.already_approved")]
    await tell(
        ctx.session,
        registration.person_id,
        "rsvp.approved",
        kind="seat",
        event_id=event.id,
        title=event.title,
        buttons=[
            [
                ("rsvp.button.attend", f"rsvp:yes:{registration.id}"),
                ("rsvp.button.decline", f"rsvp:no:{registration.id}"),
            ]
        ],
    )
    return [ctx.reply("rsvp.org.approved")]


async def refuse_button(ctx: Context) -> list[Reply]:
    """org:refuse:<registration>: ask the organiser for the reason the delegate will read."""
    _event, registration = await _registration(ctx)
    if registration.status != RegistrationStatus.PENDING_APPROVAL:
        return [ctx.reply("rsvp.org.already_approved")]
    ctx.start_flow(REFUSE_FLOW, "reason", registration_id=registration.id)
    return [ctx.reply("approvals.ask_reason")]


async def refuse_input(ctx: Context) -> list[Reply] | None:
    """The typed reason: refuse the registration and tell the delegate why."""
    text = (ctx.inbound.text or "").strip()
    if not text:
        return [ctx.reply("approvals.ask_reason")]
    registration = await ctx.session.get(Registration, ctx.state.data.get("registration_id", 0))
    if registration is None:
        ctx.end_flow()
        raise DomainError("registration_not_found")
    ctx.choose_event(await ctx.session.get(Event, registration.event_id))  # type: ignore[arg-type]
    event = await require_organiser(ctx)
    reason = await refuse_registration(ctx.session, registration, ctx.person.id, text)
    ctx.end_flow()
    if reason is None:
        return [ctx.reply("rsvp.org.already_approved")]
    await tell(
        ctx.session,
        registration.person_id,
        "approvals.refused_delegate",
        kind="seat",
        event_id=event.id,
        title=event.title,
        reason=reason,
    )
    return [ctx.reply("approvals.refused", left=await pending_count(ctx.session, event.id))]
