"""Focal-point requests made by typing a phone: organisers approve or refuse them with buttons
(fp:approve:<id>, fp:refuse:<id>); the person is told the outcome."""

from __future__ import annotations

from bot.domain.audiences import is_organiser
from bot.domain.errors import DomainError
from bot.domain.indicators.focal_claims import FocalRequest, decide_focal_request
from bot.messages import Reply
from bot.outbox.notices import notify_organisers, tell
from handlers.context import Context
from handlers.payload_ids import payload_id
from storage import repositories as repo
from storage.indicator_models import PendingFocalPoint
from storage.models import Agency, Event

__all__ = ["announce_request", "decide_button"]


async def announce_request(ctx: Context, request: FocalRequest, phone: str) -> None:
    """Ask the event's organisers to approve a request (urgent: it waits for them)."""
    agency = await ctx.session.get(Agency, request.agency_id)
    name = ctx.person.full_name or ctx.identity.display_name or "—"
    await notify_organisers(
        ctx.session,
        request.event_id,
        "reliability.focal.request",
        urgent=True,
        name=name,
        phone=phone,
        agency=agency.name if agency else "—",
        buttons=[
            [
                ("reliability.focal.button.approve", f"fp:approve:{request.pending_id}"),
                ("reliability.focal.button.refuse", f"fp:refuse:{request.pending_id}"),
            ]
        ],
    )


async def decide_button(ctx: Context) -> list[Reply]:
    """fp:approve:<id> / fp:refuse:<id>, for organisers of the request's event only."""
    pending_id = payload_id(ctx.inbound.payload)
    pending = await ctx.session.get(PendingFocalPoint, pending_id) if pending_id is not None else None
    if pending is None:
        raise DomainError("reliability_request_gone")
    if not await is_organiser(ctx.session, pending.event_id, ctx.person.id):
        raise DomainError("organisers_only")
    approve = (ctx.inbound.payload or "").startswith("fp:approve:")
    request = await decide_focal_request(
        ctx.session, pending.id, approve=approve, organiser_id=ctx.person.id, now=ctx.now
    )
    event = await repo.event_with_details(ctx.session, request.event_id) or await ctx.session.get(
        Event, request.event_id
    )
    agency = await ctx.session.get(Agency, request.agency_id)
    names = {"agency": agency.name if agency else "—", "title": event.title if event else "—"}
    if approve:
        await tell(
            ctx.session,
            request.person_id,
            "indicators.join.added",
            kind="indicator",
            event_id=request.event_id,
            buttons=[[("indicators.button.status", "cmd:tiendo")]],
            **names,
        )
        return [ctx.reply("reliability.focal.approved", **names)]
    await tell(
        ctx.session,
        request.person_id,
        "reliability.focal.refused_notice",
        kind="indicator",
        event_id=request.event_id,
        **names,
    )
    return [ctx.reply("reliability.focal.refused", **names)]
