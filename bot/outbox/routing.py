"""One person, several channels: a notice a channel cannot deliver moves to the person's next one.

The outbox row stays one row: when a channel answers Unreachable (blocked, outside Zalo's window
with no route, unknown user), the step is written to outbox_routes with its reason and the row
is pointed at the person's next identity, in the order the deployment sets
(DELIVERY_CHANNEL_ORDER, then the channel used last), skipping identities already tried or known
unreachable. With none left the row ends UNREACHABLE and its reasons stay. The delivery report
reads the same rows: per person, the channel used and the final state.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.audiences import channel_rank, set_channel_order
from storage.enums import DeliveryStatus
from storage.models import Identity, OutboxMessage, Person
from storage.zalo_models import OutboxRoute

if TYPE_CHECKING:
    from bot.outbox.delivery import QuietHours

__all__ = ["PersonDelivery", "configure_order", "delivery_report", "final_state", "reroute"]

# Reasons that describe the moment, not the account (Zalo's reply window): the identity stays usable.
TRANSIENT_REASONS = ("zalo.window",)


def configure_order(order: Sequence[str]) -> None:
    """Set the deployment's channel order (DELIVERY_CHANNEL_ORDER); called when the core starts."""
    set_channel_order(list(order))


async def reroute(
    session: AsyncSession, message: OutboxMessage, identity: Identity | None, reason: str, now: dt.datetime
) -> bool:
    """Record why `identity` could not take `message`; move it to the next channel if there is
    one (True), else leave it unreachable with its reasons (False)."""
    session.add(
        OutboxRoute(
            outbox_id=message.id,
            identity_id=identity.id if identity else None,
            channel=identity.channel.value if identity else "?",
            reason=reason[:200],
            at=now,
        )
    )
    if identity is None:
        return False
    if reason.startswith(TRANSIENT_REASONS) and identity.unreachable_at == now:
        identity.unreachable_at = None  # outside a window is not a block: the next notice tries again
    tried = set(
        (
            await session.execute(select(OutboxRoute.identity_id).where(OutboxRoute.outbox_id == message.id))
        ).scalars()
    ) | {identity.id}
    others = (
        await session.execute(
            select(Identity).where(
                Identity.person_id == identity.person_id,
                Identity.unreachable_at.is_(None),
                Identity.id.not_in(tried),
            )
        )
    ).scalars()
    ranked = sorted(others, key=channel_rank)
    if not ranked:
        message.last_error = f"Unreachable: {reason}"[:500]
        return False
    message.identity_id = ranked[0].id
    message.status = DeliveryStatus.PENDING
    message.not_before = now
    message.attempts = 0
    message.last_error = f"moved from {identity.channel.value}: {reason}"[:500]
    return True


@dataclasses.dataclass(frozen=True)
class PersonDelivery:
    """Where one person's copy of a notice stands."""

    person_id: int
    name: str | None
    channel: str
    state: str  # delivered, waiting, waiting_morning, unreachable, failed, expired
    reason: str | None
    tried: tuple[str, ...]  # channels that could not take it, in order


def final_state(message: OutboxMessage, now: dt.datetime, quiet_hours: QuietHours | None = None) -> str:
    """The report's word for a row's state; a row held until the end of the night waits for the morning."""
    from bot.outbox.delivery import QUIET_HOURS, quiet_until

    if message.status == DeliveryStatus.SENT:
        return "delivered"
    if message.status in (DeliveryStatus.PENDING, DeliveryStatus.SENDING):
        zone = message.quiet_zone or "Asia/Ho_Chi_Minh"
        a_minute_before = message.not_before - dt.timedelta(minutes=1)
        night = quiet_until(a_minute_before, zone, quiet_hours or QUIET_HOURS) is not None
        return "waiting_morning" if message.not_before > now and night else "waiting"
    if message.status == DeliveryStatus.UNREACHABLE:
        return "unreachable"
    return "expired" if message.last_error == "expired" else "failed"


async def delivery_report(
    session: AsyncSession, key_prefix: str, now: dt.datetime, quiet_hours: QuietHours | None = None
) -> list[PersonDelivery]:
    """Per person, the channel each notice keyed `key_prefix…` used and its final state."""
    rows = (
        await session.execute(
            select(OutboxMessage, Identity, Person)
            .join(Identity, Identity.id == OutboxMessage.identity_id)
            .join(Person, Person.id == Identity.person_id)
            .where(OutboxMessage.dedupe_key.startswith(key_prefix, autoescape=True))
            .order_by(Person.full_name, Person.id, OutboxMessage.id)
        )
    ).all()
    steps: dict[int, list[OutboxRoute]] = {}
    ids = [message.id for message, _, _ in rows]
    for start in range(0, len(ids), 500):
        found = await session.execute(
            select(OutboxRoute)
            .where(OutboxRoute.outbox_id.in_(ids[start : start + 500]))
            .order_by(OutboxRoute.id)
        )
        for step in found.scalars():
            steps.setdefault(step.outbox_id, []).append(step)
    out = []
    for message, identity, person in rows:
        state = final_state(message, now, quiet_hours)
        tried = steps.get(message.id, [])
        reason = None
        if state in ("unreachable", "failed"):
            reason = tried[-1].reason if tried else (message.last_error or "")
        out.append(
            PersonDelivery(
                person.id,
                person.full_name,
                identity.channel.value,
                state,
                reason,
                tuple(s.channel for s in tried),
            )
        )
    return out
