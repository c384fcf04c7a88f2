"""The outbox on a real database: enqueue once, deliver, retry, mark unreachable."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from bot.messages import Button, Location, Reply
from bot.outbox.delivery import (
    RetryLater,
    Unreachable,
    body_to_replies,
    deliver_due,
    enqueue,
    enqueue_for_person,
    release_stale,
    replies_to_body,
)
from storage import repositories as repo
from storage.enums import Channel, DeliveryStatus
from storage.models import Identity, OutboxMessage

pytestmark = pytest.mark.db
NOW = dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC)


class RecordingChannel:
    """A channel that records what it was asked to send, and can be told to fail."""

    channel = Channel.TELEGRAM

    def __init__(self, fail: Exception | None = None) -> None:
        self.sent: list[tuple[str, list[Reply]]] = []
        self.fail = fail

    async def send(self, user_id: str, replies: list[Reply]) -> None:
        if self.fail is not None:
            raise self.fail
        self.sent.append((user_id, replies))


async def _identity(sessions, external_id: str = "100") -> int:  # type: ignore[no-untyped-def]
    async with sessions() as session, session.begin():
        identity, _ = await repo.identity_for(session, Channel.TELEGRAM, external_id, None, "vi")
        return identity.id


def test_body_round_trip():
    replies = [
        Reply(text="Xin chào", buttons=[[Button("Có", "rsvp:yes")]], location=Location(1.0, 2.0, "A", "B"))
    ]
    assert body_to_replies(replies_to_body(replies)) == replies


async def test_enqueue_is_once_per_key_and_delivery_is_recorded(sessions):
    identity_id = await _identity(sessions)
    async with sessions() as session, session.begin():
        assert await enqueue(session, identity_id, [Reply("Một")], kind="t", dedupe_key="k1") is not None
        assert await enqueue(session, identity_id, [Reply("Hai")], kind="t", dedupe_key="k1") is None
    channel = RecordingChannel()
    counts = await deliver_due(sessions, {Channel.TELEGRAM: channel}, now=NOW + dt.timedelta(days=1000))
    assert counts.sent == 1 and [r.text for _, rs in channel.sent for r in rs] == ["Một"]
    again = await deliver_due(sessions, {Channel.TELEGRAM: channel}, now=NOW + dt.timedelta(days=1000))
    assert again.sent == 0 and len(channel.sent) == 1
    async with sessions() as session:
        row = (await session.execute(select(OutboxMessage))).scalar_one()
        assert row.status == DeliveryStatus.SENT and row.attempts == 1


async def test_unreachable_user_is_marked_and_not_retried(sessions):
    identity_id = await _identity(sessions)
    async with sessions() as session, session.begin():
        await enqueue(session, identity_id, [Reply("x")], kind="t")
    later = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=1)
    counts = await deliver_due(sessions, {Channel.TELEGRAM: RecordingChannel(Unreachable("403"))}, now=later)
    assert counts.unreachable == 1
    async with sessions() as session:
        assert (await session.get(Identity, identity_id)).unreachable_at is not None
        row = (await session.execute(select(OutboxMessage))).scalar_one()
        assert row.status == DeliveryStatus.UNREACHABLE
    # An unreachable identity is not chosen for new messages.
    async with sessions() as session, session.begin():
        person_id = (await session.get(Identity, identity_id)).person_id
        assert await enqueue_for_person(session, person_id, [Reply("y")], kind="t") is None


async def test_rate_limit_and_errors_are_retried_later(sessions):
    identity_id = await _identity(sessions)
    async with sessions() as session, session.begin():
        await enqueue(session, identity_id, [Reply("x")], kind="t")
    t0 = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=1)
    counts = await deliver_due(sessions, {Channel.TELEGRAM: RecordingChannel(RetryLater(30))}, now=t0)
    assert counts.retried == 1
    # Not due before 30 s have passed.
    ok = RecordingChannel()
    assert (await deliver_due(sessions, {Channel.TELEGRAM: ok}, now=t0 + dt.timedelta(seconds=10))).sent == 0
    for _attempt in range(1, 6):
        t0 += dt.timedelta(hours=1)
        counts = await deliver_due(sessions, {Channel.TELEGRAM: RecordingChannel(OSError("net"))}, now=t0)
    async with sessions() as session:
        row = (await session.execute(select(OutboxMessage))).scalar_one()
        assert row.status == DeliveryStatus.FAILED and row.attempts == 5


async def test_stale_claims_are_released(sessions):
    identity_id = await _identity(sessions)
    async with sessions() as session, session.begin():
        message = await enqueue(session, identity_id, [Reply("x")], kind="t")
        message.status = DeliveryStatus.SENDING
        message.not_before = dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)
    assert await release_stale(sessions) == 1
    ok = RecordingChannel()
    assert (await deliver_due(sessions, {Channel.TELEGRAM: ok})).sent == 1
