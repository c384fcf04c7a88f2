"""Reminders through the real Telegram channel against the fake Bot API server: pacing under its
rate limits, 429 answers waited out without loss, 403 marking a user unreachable for good."""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest
from sqlalchemy import select
from telegram.ext import AIORateLimiter

from bot.channels.telegram import TelegramChannel
from bot.messages import Reply
from bot.outbox.delivery import enqueue
from bot.outbox.pacing import NO_PACING, TELEGRAM_PACING
from bot.run.scheduler import Ticker
from storage import repositories as repo
from storage.enums import Channel, DeliveryStatus
from storage.models import Identity, OutboxMessage
from tests.fakes.telegram_api import FakeBotApi

pytestmark = pytest.mark.db
USERS = [5000 + i for i in range(20)]


async def _queue(sessions, users, per_user: int = 1) -> None:  # type: ignore[no-untyped-def]
    async with sessions() as session, session.begin():
        for user in users:
            identity, _ = await repo.identity_for(session, Channel.TELEGRAM, str(user), "An", "vi")
            for n in range(per_user):
                await enqueue(
                    session,
                    identity.id,
                    [Reply(f"Nhắc lịch {n}")],
                    kind="reminder",
                    dedupe_key=f"t:{user}:{n}",
                )


async def _statuses(sessions) -> list[DeliveryStatus]:  # type: ignore[no-untyped-def]
    async with sessions() as session:
        return list((await session.execute(select(OutboxMessage.status))).scalars())


def _each_once(fake: FakeBotApi, users, per_user: int = 1) -> None:  # type: ignore[no-untyped-def]
    for user in users:
        assert sorted(fake.received_by(user)) == [f"Nhắc lịch {n}" for n in range(per_user)]


async def test_paced_fanout_meets_telegrams_limits_with_no_429(
    tg_core, channel, fake_api: FakeBotApi, sessions
):
    fake_api.limit_rate(per_second=30, per_chat_interval=1.0)
    await _queue(sessions, USERS, per_user=2)  # two messages to each chat: the per-chat gap matters too
    ticker = Ticker(tg_core, {Channel.TELEGRAM: channel}, pacing=TELEGRAM_PACING)
    counts = await ticker.drain()
    assert counts.sent == 40 and fake_api.rate_limited == 0
    _each_once(fake_api, USERS, per_user=2)


async def test_unpaced_fanout_gets_429_and_still_delivers_each_message_once(tg_core, fake_api, sessions):
    fake_api.limit_rate(per_second=30, per_chat_interval=1.0)
    await _queue(sessions, USERS[:10], per_user=2)
    # Neither the outbox nor the channel paces (PTB's AIORateLimiter as it comes), so 429s come.
    unpaced = TelegramChannel.create(tg_core, rate_limiter=AIORateLimiter(max_retries=3))
    async with unpaced.application:
        ticker = Ticker(tg_core, {Channel.TELEGRAM: unpaced}, pacing=NO_PACING)
        for _ in range(40):
            await ticker.drain()
            if all(s == DeliveryStatus.SENT for s in await _statuses(sessions)):
                break
            await asyncio.sleep(0.5)
    assert fake_api.rate_limited > 0  # the fake did refuse: retry_after was honoured, nothing was lost
    _each_once(fake_api, USERS[:10], per_user=2)


async def test_429_beyond_the_library_retries_waits_retry_after_then_sends_once(tg_core, fake_api, sessions):
    await _queue(sessions, USERS[:3])
    fake_api.timeline = True  # when each send arrived and whether it was refused
    fake_api.fail_next("sendMessage", 429, retry_after=1, chat_id=USERS[0])
    quick = TelegramChannel.create(tg_core, rate_limiter=AIORateLimiter(max_retries=0))
    async with quick.application:
        ticker = Ticker(tg_core, {Channel.TELEGRAM: quick})
        drains = [await ticker.drain()]
        # The refused message goes again once retry_after has passed: in the same drain if the
        # others took that long (a slow machine), else in the next tick's drain.
        for _ in range(5):
            if fake_api.received_by(USERS[0]):
                break
            await asyncio.sleep(0.5)
            drains.append(await ticker.drain())
    assert sum(d.retried for d in drains) == 1 and sum(d.sent for d in drains) == 3
    _each_once(fake_api, USERS[:3])
    first_user = [(when, accepted) for chat, when, accepted in fake_api.sends if chat == str(USERS[0])]
    assert [accepted for _, accepted in first_user] == [False, True]
    assert first_user[1][0] - first_user[0][0] >= 1.0  # retry_after was waited out
    assert sorted(s.value for s in await _statuses(sessions)) == ["sent"] * 3


async def test_403_marks_the_user_unreachable_and_is_never_retried(tg_core, channel, fake_api, sessions):
    await _queue(sessions, USERS[:2])
    fake_api.block(USERS[1])
    ticker = Ticker(tg_core, {Channel.TELEGRAM: channel})
    counts = await ticker.drain()
    assert counts.sent == 1 and counts.unreachable == 1
    await asyncio.sleep(0.1)
    again = await ticker.drain()
    assert again.sent == again.unreachable == again.retried == 0
    assert len(fake_api.calls_to("sendMessage", chat_id=USERS[1])) == 1
    async with sessions() as session:
        blocked = (
            await session.execute(select(Identity).where(Identity.external_id == str(USERS[1])))
        ).scalar_one()
        assert blocked.unreachable_at is not None
    assert sorted(s.value for s in await _statuses(sessions)) == ["sent", "unreachable"]


def test_pacing_defaults_are_telegrams():
    assert TELEGRAM_PACING.overall_rate == 30 and TELEGRAM_PACING.per_chat_interval == 1.0
    assert dt.timedelta(seconds=1 / TELEGRAM_PACING.overall_rate) < dt.timedelta(seconds=0.034)
