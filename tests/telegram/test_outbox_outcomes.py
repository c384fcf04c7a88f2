"""The outbox against the fake Bot API: no blind resend after an ambiguous timeout, permanent
refusals and migrated chats handled at once, blocks recorded from my_chat_member, and one busy
chat never holding up the others."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from sqlalchemy import select
from telegram.ext import AIORateLimiter, Application
from telegram.request import HTTPXRequest

from bot.channels.telegram import TelegramChannel
from bot.messages import Reply
from bot.outbox.delivery import deliver_due, enqueue
from bot.outbox.pacing import PacingPolicy
from bot.run.scheduler import Ticker
from storage import repositories as repo
from storage.enums import Channel, DeliveryStatus
from storage.models import Identity, OutboxMessage
from tests.fakes.telegram_api import TOKEN, FakeBotApi

pytestmark = pytest.mark.db

USER = 702


async def _queue(sessions, chat: int = USER, texts: tuple[str, ...] = ("Thông báo",)) -> int:  # type: ignore[no-untyped-def]
    async with sessions() as session, session.begin():
        identity, _ = await repo.identity_for(session, Channel.TELEGRAM, str(chat), "An", "vi")
        for text in texts:
            await enqueue(session, identity.id, [Reply(text)], kind="test")
        return identity.id


def _later(hours: float = 0) -> dt.datetime:
    return dt.datetime.now(dt.UTC) + dt.timedelta(seconds=1, hours=hours)


async def _statuses(sessions) -> list[DeliveryStatus]:  # type: ignore[no-untyped-def]
    async with sessions() as session:
        return list(
            (await session.execute(select(OutboxMessage.status).order_by(OutboxMessage.id))).scalars()
        )


async def test_a_timeout_after_the_message_left_is_uncertain_and_never_resent(
    tg_core, fake_api: FakeBotApi, sessions
):
    await _queue(sessions)
    fake_api.answer_late(USER, 2.0)
    base = fake_api.base_url
    application = (
        Application.builder()
        .token(TOKEN)
        .base_url(f"{base}/bot")
        .base_file_url(f"{base}/file/bot")
        .request(HTTPXRequest(read_timeout=0.3))
        .rate_limiter(AIORateLimiter(max_retries=0))
        .updater(None)
        .build()
    )
    quick = TelegramChannel(tg_core, application)
    async with application:
        counts = await deliver_due(sessions, {Channel.TELEGRAM: quick}, now=_later())
        again = await deliver_due(sessions, {Channel.TELEGRAM: quick}, now=_later(hours=1))
    assert counts.uncertain == 1 and again.sent == again.retried == 0
    assert len(fake_api.received_by(USER)) == 1  # it did arrive, and only once
    assert await _statuses(sessions) == [DeliveryStatus.UNCERTAIN]


async def test_chat_not_found_is_recorded_at_once(channel: TelegramChannel, fake_api: FakeBotApi, sessions):
    identity_id = await _queue(sessions)
    fake_api.fail_next("sendMessage", 400, chat_id=USER, times=10, description="Bad Request: chat not found")
    counts = await deliver_due(sessions, {Channel.TELEGRAM: channel}, now=_later())
    again = await deliver_due(sessions, {Channel.TELEGRAM: channel}, now=_later(hours=1))
    assert counts.unreachable == 1 and again.retried == again.unreachable == 0
    assert len(fake_api.calls_to("sendMessage", chat_id=USER)) == 1
    assert await _statuses(sessions) == [DeliveryStatus.UNREACHABLE]
    async with sessions() as session:
        assert (await session.get(Identity, identity_id)).unreachable_at is not None


async def test_a_migrated_chat_is_followed(channel: TelegramChannel, fake_api: FakeBotApi, sessions):
    identity_id = await _queue(sessions, chat=-4001, texts=("Một", "Hai"))
    fake_api.migrate(-4001, -1004001)
    first = await deliver_due(sessions, {Channel.TELEGRAM: channel}, now=_later())
    second = await deliver_due(sessions, {Channel.TELEGRAM: channel}, now=_later())
    assert first.sent == second.sent == 1
    assert fake_api.received_by(-1004001) == ["Một", "Hai"]
    async with sessions() as session:
        assert (await session.get(Identity, identity_id)).external_id == "-1004001"


async def test_a_block_is_recorded_from_my_chat_member(polling: FakeBotApi, sessions):
    identity_id = await _queue(sessions)
    chat = {"id": USER, "type": "private", "first_name": "An"}
    user = {"id": USER, "is_bot": False, "first_name": "An"}
    bot = {"id": 123456, "is_bot": True, "first_name": "PII Test"}

    def change(old: str, new: str) -> dict[str, object]:
        return {
            "my_chat_member": {
                "chat": chat,
                "from": user,
                "date": int(time.time()),
                "old_chat_member": {"status": old, "user": bot, "until_date": 0},
                "new_chat_member": {"status": new, "user": bot, "until_date": 0},
            }
        }

    async def unreachable() -> bool:
        async with sessions() as session:
            return (await session.get(Identity, identity_id)).unreachable_at is not None

    polling.push(change("member", "kicked"))
    deadline = time.monotonic() + 10
    while not await unreachable():
        assert time.monotonic() < deadline, "the block was not recorded"
        await polling.wait_for(lambda: True)
    polling.push(change("kicked", "member"))
    deadline = time.monotonic() + 10
    while await unreachable():
        assert time.monotonic() < deadline, "the unblock was not recorded"
        await polling.wait_for(lambda: True)


async def test_one_busy_chat_does_not_hold_up_the_others(
    tg_core, channel: TelegramChannel, fake_api: FakeBotApi, sessions
):
    busy, others = 8_001, [8_100 + n for n in range(20)]
    await _queue(sessions, chat=busy, texts=tuple(f"Ghi chú {n}" for n in range(12)))  # queued first
    for chat in others:
        await _queue(sessions, chat=chat, texts=("Thông báo hội thảo",))
    ticker = Ticker(
        tg_core,
        {Channel.TELEGRAM: channel},
        batch=5,
        pacing=PacingPolicy(overall_rate=200.0, per_chat_interval=0.3),
    )
    counts = await ticker.drain()
    assert counts.sent == 32
    order = [c.chat_id for c in fake_api.accepted if c.method == "sendMessage"]
    last_other = max(order.index(str(chat)) for chat in others)
    # Every other chat was served while the busy chat still had most of its notes waiting.
    assert order[: last_other + 1].count(str(busy)) <= 4
    await ticker.lock.release()
