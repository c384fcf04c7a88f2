"""The console's share of the outbox: messages queued for the person at the keyboard (seat offers,
notices, reminders, organiser alerts) are taken when due and printed, as a messenger would show
them. The console is one user; messages for other console users stay queued."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.domain.reminders.rules import due_at
from bot.messages import Reply
from bot.outbox.delivery import EXPIRED, QUIET_HOURS, QuietHours, body_to_replies, quiet_until
from storage.enums import Channel, DeliveryStatus, EventStatus
from storage.models import Event, Identity, OutboxMessage
from storage.reminder_models import ReminderRule
from storage.types import utcnow

__all__ = ["take_due_messages", "next_moment"]


def _for_user(user_id: str):  # type: ignore[no-untyped-def]
    return (Identity.channel == Channel.CONSOLE) & (Identity.external_id == user_id)


async def take_due_messages(
    sessions: async_sessionmaker[AsyncSession],
    user_id: str,
    now: dt.datetime,
    quiet_hours: QuietHours = QUIET_HOURS,
) -> list[Reply]:
    """The due messages for this console user, oldest first, marked sent in one transaction.
    Rows stamped with the real time count as due too when the bot's clock is behind it (tests)
    or ahead of it (the demo's fast-forward); quiet hours are judged on the bot's clock."""
    replies: list[Reply] = []
    due = max(now, utcnow())
    async with sessions() as session, session.begin():
        rows = (
            (
                await session.execute(
                    select(OutboxMessage)
                    .join(Identity, Identity.id == OutboxMessage.identity_id)
                    .where(
                        _for_user(user_id),
                        OutboxMessage.status == DeliveryStatus.PENDING,
                        OutboxMessage.not_before <= due,
                    )
                    .order_by(OutboxMessage.not_before, OutboxMessage.id)
                    .with_for_update(of=OutboxMessage, skip_locked=True)
                )
            )
            .scalars()
            .all()
        )
        for message in rows:
            if message.expires_at is not None and message.expires_at <= now:
                message.status, message.last_error = DeliveryStatus.FAILED, EXPIRED
            elif message.quiet_zone is not None and (
                morning := quiet_until(now, message.quiet_zone, quiet_hours)
            ):
                message.not_before = morning
            else:
                message.status, message.sent_at, message.attempts = (
                    DeliveryStatus.SENT,
                    now,
                    message.attempts + 1,
                )
                replies += body_to_replies(message.body)
    return replies


async def next_moment(
    sessions: async_sessionmaker[AsyncSession], user_id: str, now: dt.datetime
) -> dt.datetime | None:
    """The next moment something happens for this user: a queued message falls due, or a reminder
    rule of a published event fires; None when nothing is waiting."""
    async with sessions() as session:
        queued = (
            await session.execute(
                select(func.min(OutboxMessage.not_before))
                .join(Identity, Identity.id == OutboxMessage.identity_id)
                .where(_for_user(user_id), OutboxMessage.status == DeliveryStatus.PENDING)
            )
        ).scalar_one_or_none()
        rules = await session.execute(
            select(ReminderRule, Event)
            .join(Event, Event.id == ReminderRule.event_id)
            .where(
                ReminderRule.fired_at.is_(None),
                ReminderRule.deleted_at.is_(None),
                ReminderRule.paused.is_(False),
                Event.status == EventStatus.PUBLISHED,
            )
        )
        moments = [m for m in (due_at(rule, event) for rule, event in rules) if m is not None and m > now]
    if queued is not None:
        moments.append(queued if queued.tzinfo else queued.replace(tzinfo=dt.UTC))
    return min(moments) if moments else None
