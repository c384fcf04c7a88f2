"""The outbox: messages to push are written with the change behind them, then sent after commit.

A drain claims a batch (FOR UPDATE SKIP LOCKED on PostgreSQL, so several workers never take the
same row): the oldest due message of each chat whose pacing allows a send now, so one busy chat
never holds up the others. Each claim carries a lease sized to its send (stored in `not_before`
while SENDING). Every outcome is recorded in its own transaction as soon as the send returns, so
a crash leaves at most the messages in flight at that instant in SENDING; `release_stale` puts
them back once their lease is over. A send that timed out after the request left is UNCERTAIN
and not resent (the messenger may have delivered it); refusals are recorded at once.
Expired messages are dropped at claim time; quiet hours hold messages that honour them.
"""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
import logging
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.domain.audiences import reachable_identity
from bot.domain.quiet_hours import QUIET_HOURS, QuietHours, quiet_hours_from, quiet_until
from bot.messages import Button, ChannelAdapter, Location, OutFile, Reply
from bot.outbox.pacing import Pacer
from bot.outbox.routing import reroute
from storage.enums import Channel, DeliveryStatus
from storage.models import Identity, OutboxMessage
from storage.types import utcnow

__all__ = [
    "Unreachable",
    "Uncertain",
    "RetryLater",
    "DeliveryCounts",
    "replies_to_body",
    "body_to_replies",
    "enqueue",
    "enqueue_for_person",
    "OutboxItem",
    "enqueue_many",
    "deliver_due",
    "release_stale",
    "delivery_counts",
    "QuietHours",
    "QUIET_HOURS",
    "quiet_hours_from",
    "quiet_until",
    "EXPIRED",
    "MAX_ATTEMPTS",
    "LEASE_BASE",
]

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 5
# A claim's lease: the longest one send can take (connect, write, read, network retries), plus
# the upload time of its files and its wait for an overall pacing slot.
LEASE_BASE = dt.timedelta(seconds=60)
LEASE_PER_FILE = dt.timedelta(seconds=30)
# `last_error` of a message dropped because it expired before it could go out (status FAILED).
EXPIRED = "expired"


class Unreachable(Exception):
    """The messenger says this user cannot be reached (blocked the bot, left): never retry."""


class Uncertain(Exception):
    """The send may have reached the messenger (a timeout after the request left): never resend."""


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
    expired: int = 0
    held: int = 0  # put back until the end of quiet hours
    uncertain: int = 0  # may have arrived; not resent
    deferred: int = 0  # due, but their chat's pacing gap had not passed: left for the next batch


def replies_to_body(replies: list[Reply]) -> dict[str, object]:
    """Replies as JSON-able data for the outbox row."""
    return {
        "replies": [
            {
                "text": r.text,
                "buttons": [[[b.label, b.payload] for b in row] for row in r.buttons],
                "location": None
                if r.location is None
                else list((r.location.latitude, r.location.longitude, r.location.title, r.location.address)),
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
    expires_at: dt.datetime | None = None,
    quiet_zone: str | None = None,
    quiet_hours: QuietHours = QUIET_HOURS,
) -> OutboxMessage | None:
    """Add a message to the outbox in the current transaction; None if the key was already used.

    `quiet_zone` makes a non-urgent message wait for the end of quiet hours in that time zone;
    `expires_at` drops it unsent once that moment has passed."""
    if dedupe_key is not None:
        found = await session.execute(select(OutboxMessage.id).where(OutboxMessage.dedupe_key == dedupe_key))
        if found.first() is not None:
            return None
    due = not_before or utcnow()
    if quiet_zone is not None:
        due = quiet_until(due, quiet_zone, quiet_hours) or due
    message = OutboxMessage(
        identity_id=identity_id,
        event_id=event_id,
        kind=kind,
        dedupe_key=dedupe_key,
        body=replies_to_body(replies),
        not_before=due,
        expires_at=expires_at,
        quiet_zone=quiet_zone,
    )
    session.add(message)
    await session.flush()
    return message


@dataclass(frozen=True)
class OutboxItem:
    """One message of a fan-out: to whom, what, and its dedupe key."""

    identity_id: int
    replies: list[Reply]
    dedupe_key: str


async def enqueue_many(
    session: AsyncSession,
    items: list[OutboxItem],
    *,
    kind: str,
    event_id: int | None = None,
    not_before: dt.datetime | None = None,
    expires_at: dt.datetime | None = None,
    quiet_zone: str | None = None,
    quiet_hours: QuietHours = QUIET_HOURS,
) -> int:
    """Queue a fan-out in the current transaction, skipping keys already used; returns how many."""
    due = not_before or utcnow()
    if quiet_zone is not None:
        due = quiet_until(due, quiet_zone, quiet_hours) or due
    added = 0
    for start in range(0, len(items), 500):
        chunk = items[start : start + 500]
        used = set(
            (
                await session.execute(
                    select(OutboxMessage.dedupe_key).where(
                        OutboxMessage.dedupe_key.in_([i.dedupe_key for i in chunk])
                    )
                )
            ).scalars()
        )
        fresh = [i for i in dict((i.dedupe_key, i) for i in chunk).values() if i.dedupe_key not in used]
        session.add_all(
            OutboxMessage(
                identity_id=item.identity_id,
                event_id=event_id,
                kind=kind,
                dedupe_key=item.dedupe_key,
                body=replies_to_body(item.replies),
                not_before=due,
                expires_at=expires_at,
                quiet_zone=quiet_zone,
            )
            for item in fresh
        )
        added += len(fresh)
    await session.flush()
    return added


async def enqueue_for_person(
    session: AsyncSession, person_id: int, replies: list[Reply], **kwargs: object
) -> OutboxMessage | None:
    """Queue for the person on the channel they used last (and can still be reached on)."""
    found = await reachable_identity(session, person_id)
    if found is None:
        return None
    return await enqueue(session, found[0], replies, **kwargs)  # type: ignore[arg-type]


async def release_stale(
    sessions: async_sessionmaker[AsyncSession],
    older_than: dt.timedelta = dt.timedelta(0),
    now: dt.datetime | None = None,
) -> int:
    """Put back messages whose lease ended (`older_than` ago) without an outcome: a crashed sender's
    messages in flight, the only ones that may go twice."""
    cutoff = (now or utcnow()) - older_than
    async with sessions() as session, session.begin():
        result = await session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.status == DeliveryStatus.SENDING, OutboxMessage.not_before <= cutoff)
            .values(status=DeliveryStatus.PENDING)
        )
    return result.rowcount or 0


async def delivery_counts(session: AsyncSession, key_prefix: str) -> dict[str, int]:
    """How many messages whose dedupe key starts with `key_prefix` are in each state
    (pending and sending count as "waiting"; an expired one as "expired")."""
    rows = await session.execute(
        select(OutboxMessage.status, OutboxMessage.last_error, func.count())
        .where(OutboxMessage.dedupe_key.startswith(key_prefix, autoescape=True))
        .group_by(OutboxMessage.status, OutboxMessage.last_error)
    )
    counts = {"sent": 0, "failed": 0, "unreachable": 0, "waiting": 0, "expired": 0, "uncertain": 0}
    for status, last_error, n in rows:
        expired = last_error == EXPIRED
        if status in (DeliveryStatus.PENDING, DeliveryStatus.SENDING):
            counts["waiting"] += n
        elif status == DeliveryStatus.FAILED and expired:
            counts["expired"] += n
        else:
            counts[status.value] += n
    return counts


@dataclass(frozen=True)
class _Claimed:
    id: int
    channel: Channel
    external_id: str
    body: dict[str, object]

    @property
    def chat(self) -> str:
        """The pacer's key for this message's chat."""
        return f"{self.channel.value}:{self.external_id}"


def _lease(base: dt.timedelta, body: Mapping[str, object], queue_wait: float) -> dt.timedelta:
    files = sum(len(r.get("files", [])) for r in body.get("replies", []))  # type: ignore[union-attr]
    return base + LEASE_PER_FILE * files + dt.timedelta(seconds=queue_wait)


def _oldest_per_chat(now: dt.datetime, channels: set[Channel]):  # type: ignore[no-untyped-def]
    # One message per chat per batch: the others of a busy chat wait for its pacing gap anyway,
    # and must not take the batch's places from chats that could be served now.
    return (
        select(func.min(OutboxMessage.id))
        .join(Identity, Identity.id == OutboxMessage.identity_id)
        .where(
            OutboxMessage.status == DeliveryStatus.PENDING,
            OutboxMessage.not_before <= now,
            Identity.channel.in_(channels),
        )
        .group_by(OutboxMessage.identity_id)
    )


async def _claim(
    sessions: async_sessionmaker[AsyncSession],
    now: dt.datetime,
    limit: int,
    channels: set[Channel],
    quiet_hours: QuietHours,
    counts: DeliveryCounts,
    pacer: Pacer | None,
    lease: dt.timedelta,
) -> list[_Claimed]:
    async with sessions() as session, session.begin():
        rows = (
            await session.execute(
                select(
                    OutboxMessage.id,
                    Identity.channel,
                    Identity.external_id,
                    OutboxMessage.body,
                    OutboxMessage.expires_at,
                    OutboxMessage.quiet_zone,
                )
                .join(Identity, Identity.id == OutboxMessage.identity_id)
                .where(
                    OutboxMessage.id.in_(_oldest_per_chat(now, channels)),
                    OutboxMessage.status == DeliveryStatus.PENDING,
                )
                .order_by(OutboxMessage.not_before, OutboxMessage.id)
                .limit(limit)
                .with_for_update(of=OutboxMessage, skip_locked=True)
            )
        ).all()
        claimed, expired, held = [], [], {}
        for row in rows:
            if row.expires_at is not None and row.expires_at <= now:
                expired.append(row.id)
            elif row.quiet_zone is not None and (morning := quiet_until(now, row.quiet_zone, quiet_hours)):
                held[row.id] = morning  # a retry (or a late tick) that fell into the night
            elif pacer is not None and pacer.wait_for_chat(f"{row.channel.value}:{row.external_id}") > 0:
                counts.deferred += 1  # this chat's gap has not passed: leave it to a later batch
            else:
                claimed.append(_Claimed(row.id, row.channel, row.external_id, row.body))
        if expired:
            await session.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id.in_(expired))
                .values(status=DeliveryStatus.FAILED, last_error=EXPIRED)
            )
        for message_id, morning in held.items():
            await session.execute(
                update(OutboxMessage).where(OutboxMessage.id == message_id).values(not_before=morning)
            )
        gap = pacer.slot_gap if pacer is not None else 0.0
        if claimed:
            # While SENDING, `not_before` is the end of the claim's lease (release_stale reads it);
            # one executemany by primary key for the batch.
            await session.execute(
                update(OutboxMessage),
                [
                    {
                        "id": message.id,
                        "status": DeliveryStatus.SENDING,
                        "not_before": now + _lease(lease, message.body, position * gap),
                    }
                    for position, message in enumerate(claimed)
                ],
            )
    counts.expired += len(expired)
    counts.held += len(held)
    return claimed


def _apply_failure(
    message: OutboxMessage, identity: Identity | None, outcome: Exception, now: dt.datetime
) -> str:
    message.attempts += 1
    message.last_error = f"{type(outcome).__name__}: {outcome}"[:500]
    if isinstance(outcome, Unreachable):
        message.status = DeliveryStatus.UNREACHABLE
        if identity is not None and identity.unreachable_at is None:
            identity.unreachable_at = now
        return "unreachable"
    if isinstance(outcome, Uncertain):
        message.status = DeliveryStatus.UNCERTAIN
        return "uncertain"
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


async def _record_one(
    sessions: async_sessionmaker[AsyncSession],
    message_id: int,
    outcome: Exception | None,
    now: dt.datetime,
    counts: DeliveryCounts,
) -> None:
    """The outcome of one send, committed at once: a crash later cannot make it go again."""
    async with sessions() as session, session.begin():
        if outcome is None:
            await session.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id == message_id)
                .values(status=DeliveryStatus.SENT, sent_at=now, attempts=OutboxMessage.attempts + 1)
            )
            counts.sent += 1
            return
        message = await session.get(OutboxMessage, message_id)
        assert message is not None
        identity = await session.get(Identity, message.identity_id)
        result = _apply_failure(message, identity, outcome, now)
        # Unreachable here: the person's next channel takes it, if any (bot/outbox/routing.py).
        if result == "unreachable" and await reroute(session, message, identity, str(outcome), now):
            result = "retried"
    setattr(counts, result, getattr(counts, result) + 1)


async def _put_back(sessions: async_sessionmaker[AsyncSession], message_ids: list[int]) -> None:
    async with sessions() as session, session.begin():
        await session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id.in_(message_ids), OutboxMessage.status == DeliveryStatus.SENDING)
            .values(status=DeliveryStatus.PENDING)
        )


async def deliver_due(
    sessions: async_sessionmaker[AsyncSession],
    adapters: Mapping[Channel, ChannelAdapter],
    *,
    limit: int = 100,
    now: dt.datetime | None = None,
    pacer: Pacer | None = None,
    concurrency: int = 8,
    quiet_hours: QuietHours = QUIET_HOURS,
    lease: dt.timedelta = LEASE_BASE,
) -> DeliveryCounts:
    """Send one batch of due outbox messages (one per chat) and record each outcome as it comes;
    `lease` is how long one send may take before another worker may try it again."""
    now = now or utcnow()
    counts = DeliveryCounts()
    claimed = await _claim(sessions, now, limit, set(adapters), quiet_hours, counts, pacer, lease)
    if not claimed:
        return counts
    gate = asyncio.Semaphore(max(1, concurrency))
    started: set[int] = set()

    async def send(message: _Claimed) -> None:
        async with gate:
            started.add(message.id)
            outcome = await _send_one(adapters[message.channel], message, pacer)
            # Shielded: once the messenger has answered, the answer is written even on shutdown.
            await asyncio.shield(_record_one(sessions, message.id, outcome, now, counts))

    try:
        await asyncio.gather(*(send(m) for m in claimed))
    finally:
        # On shutdown (cancellation) what never started goes back at once; a send cut off midway
        # stays SENDING until its lease ends, as after a crash.
        waiting = [m.id for m in claimed if m.id not in started]
        if waiting:
            await asyncio.shield(_put_back(sessions, waiting))
    return counts


async def _send_one(adapter: ChannelAdapter, message: _Claimed, pacer: Pacer | None) -> Exception | None:
    if pacer is not None:
        await pacer.wait_turn(message.chat)
    try:
        await adapter.send(message.external_id, body_to_replies(message.body))
    except Exception as exc:  # every failure is recorded on the row, none stops the drain
        if isinstance(exc, RetryLater) and pacer is not None:
            pacer.pause(exc.seconds)  # the messenger is flooded: everyone waits, not just this chat
        elif not isinstance(exc, Unreachable | RetryLater):
            log.warning("delivery %s to %s failed: %s", message.id, message.channel.value, exc)
        return exc
    return None
