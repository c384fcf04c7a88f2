"""The outbox: messages to push are written with the change behind them, then sent after commit."""

from __future__ import annotations

import base64
import datetime as dt
import logging
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.channels.base import Button, ChannelAdapter, Location, OutFile, Reply
from storage.enums import Channel, DeliveryStatus
from storage.models import Identity, OutboxMessage
from storage.types import utcnow

__all__ = [
    "Unreachable",
    "RetryLater",
    "DeliveryCounts",
    "replies_to_body",
    "body_to_replies",
    "enqueue",
    "enqueue_for_person",
    "deliver_due",
    "release_stale",
    "MAX_ATTEMPTS",
]

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 5


class Unreachable(Exception):
    """The messenger says this user cannot be reached (blocked the bot, left): never retry."""


class RetryLater(Exception):
    """The messenger asks us to wait (rate limit, night hours) before trying again."""

    def __init__(self, seconds: float) -> None:
        super().__init__(seconds)
        self.seconds = seconds


@dataclass
class DeliveryCounts:
    """What one drain of the outbox did."""

    sent: int = 0
    retried: int = 0
    failed: int = 0
    unreachable: int = 0


def replies_to_body(replies: list[Reply]) -> dict[str, object]:
    """Replies as JSON-able data for the outbox row."""
    return {
        "replies": [
            {
                "text": r.text,
                "buttons": [[[b.label, b.payload] for b in row] for row in r.buttons],
                "location": None if r.location is None else list(
                    (r.location.latitude, r.location.longitude, r.location.title, r.location.address)
                ),
                "files": [
                    [f.filename, base64.b64encode(f.data).decode(), f.mime_type, f.caption, f.is_photo]
                    for f in r.files
                ],
                "request_phone": r.request_phone,
            }
            for r in replies
        ]
    }


def body_to_replies(body: Mapping[str, object]) -> list[Reply]:
    """The replies stored in an outbox row."""
    out = []
    for item in body.get("replies", []):  # type: ignore[union-attr]
        location = item.get("location")
        out.append(
            Reply(
                text=item["text"],
                buttons=[[Button(label, payload) for label, payload in row] for row in item["buttons"]],
                location=None if location is None else Location(*location),
                files=[
                    OutFile(name, base64.b64decode(data), mime, caption, is_photo)
                    for name, data, mime, caption, is_photo in item.get("files", [])
                ],
                request_phone=bool(item.get("request_phone")),
            )
        )
    return out


async def enqueue(
    session: AsyncSession,
    identity_id: int,
    replies: list[Reply],
    *,
    kind: str,
    event_id: int | None = None,
    dedupe_key: str | None = None,
    not_before: dt.datetime | None = None,
) -> OutboxMessage | None:
    """Add a message to the outbox in the current transaction; None if the key was already used."""
    if dedupe_key is not None:
        found = await session.execute(select(OutboxMessage.id).where(OutboxMessage.dedupe_key == dedupe_key))
        if found.first() is not None:
            return None
    message = OutboxMessage(
        identity_id=identity_id,
        event_id=event_id,
        kind=kind,
        dedupe_key=dedupe_key,
        body=replies_to_body(replies),
        not_before=not_before or utcnow(),
    )
    session.add(message)
    await session.flush()
    return message


async def enqueue_for_person(
    session: AsyncSession, person_id: int, replies: list[Reply], **kwargs: object
) -> OutboxMessage | None:
    """Queue for the person on the channel they used last (and can still be reached on)."""
    from bot.domain.audiences import reachable_identity  # the domain imports this module

    found = await reachable_identity(session, person_id)
    if found is None:
        return None
    return await enqueue(session, found[0], replies, **kwargs)  # type: ignore[arg-type]


async def release_stale(
    sessions: async_sessionmaker[AsyncSession], older_than: dt.timedelta = dt.timedelta(minutes=5)
) -> int:
    """Put back messages a crashed sender had claimed but not finished (at most those in flight)."""
    cutoff = utcnow() - older_than
    async with sessions() as session, session.begin():
        result = await session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.status == DeliveryStatus.SENDING, OutboxMessage.not_before <= cutoff)
            .values(status=DeliveryStatus.PENDING)
        )
    return result.rowcount or 0


async def _claim(
    sessions: async_sessionmaker[AsyncSession], now: dt.datetime, limit: int, channels: set[Channel]
) -> list[tuple[int, Channel, str, dict[str, object]]]:
    async with sessions() as session, session.begin():
        rows = (
            await session.execute(
                select(OutboxMessage.id, Identity.channel, Identity.external_id, OutboxMessage.body)
                .join(Identity, Identity.id == OutboxMessage.identity_id)
                .where(
                    OutboxMessage.status == DeliveryStatus.PENDING,
                    OutboxMessage.not_before <= now,
                    Identity.channel.in_(channels),
                )
                .order_by(OutboxMessage.not_before, OutboxMessage.id)
                .limit(limit)
                .with_for_update(of=OutboxMessage, skip_locked=True)
            )
        ).all()
        if rows:
            # `not_before` doubles as the claim time, so release_stale can find abandoned claims.
            await session.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id.in_([r[0] for r in rows]))
                .values(status=DeliveryStatus.SENDING, not_before=now)
            )
    return [(r[0], r[1], r[2], r[3]) for r in rows]


async def _finish(
    sessions: async_sessionmaker[AsyncSession], message_id: int, outcome: Exception | None, now: dt.datetime
) -> str:
    async with sessions() as session, session.begin():
        message = await session.get(OutboxMessage, message_id)
        assert message is not None
        message.attempts += 1
        if outcome is None:
            message.status, message.sent_at = DeliveryStatus.SENT, now
            return "sent"
        message.last_error = f"{type(outcome).__name__}: {outcome}"[:500]
        if isinstance(outcome, Unreachable):
            message.status = DeliveryStatus.UNREACHABLE
            identity = await session.get(Identity, message.identity_id)
            if identity is not None and identity.unreachable_at is None:
                identity.unreachable_at = now
            return "unreachable"
        if isinstance(outcome, RetryLater):
            message.attempts -= 1  # waiting when asked to is not a failed attempt
            message.status = DeliveryStatus.PENDING
            message.not_before = now + dt.timedelta(seconds=outcome.seconds)
            return "retried"
        if message.attempts >= MAX_ATTEMPTS:
            message.status = DeliveryStatus.FAILED
            return "failed"
        message.status = DeliveryStatus.PENDING
        message.not_before = now + dt.timedelta(seconds=2**message.attempts)
        return "retried"


async def deliver_due(
    sessions: async_sessionmaker[AsyncSession],
    adapters: Mapping[Channel, ChannelAdapter],
    *,
    limit: int = 100,
    now: dt.datetime | None = None,
) -> DeliveryCounts:
    """Send due outbox messages through their channels and record each outcome."""
    now = now or utcnow()
    counts = DeliveryCounts()
    for message_id, channel, external_id, body in await _claim(sessions, now, limit, set(adapters)):
        outcome: Exception | None = None
        try:
            await adapters[channel].send(external_id, body_to_replies(body))
        except Exception as exc:  # every failure is recorded on the row, none stops the drain
            if not isinstance(exc, Unreachable | RetryLater):
                log.warning("delivery %s to %s failed: %s", message_id, channel.value, exc)
            outcome = exc
        result = await _finish(sessions, message_id, outcome, now)
        setattr(counts, result, getattr(counts, result) + 1)
    return counts
