"""Delivery: 429 waits for retry_after, 403 marks the user unreachable, network errors are retried."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from sqlalchemy import select
from telegram.ext import AIORateLimiter

from bot.channels.telegram import TelegramChannel
from bot.messages import Reply
from bot.outbox.delivery import deliver_due, enqueue
from storage import repositories as repo
from storage.enums import Channel, DeliveryStatus
from storage.models import Identity, OutboxMessage
from tests.fakes.telegram_api import FakeBotApi, message_update

pytestmark = pytest.mark.db

USER = 701


async def _queue(sessions, text: str = "Nhắc lịch hội thảo") -> int:  # type: ignore[no-untyped-def]
    async with sessions() as session, session.begin():
        identity, _ = await repo.identity_for(session, Channel.TELEGRAM, str(USER), "An", "vi")
        await enqueue(session, identity.id, [Reply(text)], kind="test")
        return identity.id


def _later() -> dt.datetime:
    return dt.datetime.now(dt.UTC) + dt.timedelta(seconds=1)


async def test_429_waits_for_retry_after_then_succeeds(polling: FakeBotApi, make_event):
    await make_event()
    polling.fail_next("sendMessage", 429, retry_after=1, chat_id=USER)
    started = time.monotonic()
    polling.push(message_update(USER, "/help"))
    await polling.wait_for(lambda: len(polling.calls_to("sendMessage", chat_id=USER)) == 2)
    assert time.monotonic() - started >= 1.0
    texts = [c.params["text"] for c in polling.calls_to("sendMessage", chat_id=USER)]
    assert texts[0] == texts[1] and "Các lệnh Quý vị có thể dùng" in texts[1]


async def test_network_error_is_retried_with_backoff(polling: FakeBotApi, make_event):
    await make_event()
    polling.fail_next("sendMessage", 502, chat_id=USER, description="Bad Gateway")
    polling.push(message_update(USER, "/help"))
    await polling.wait_for(lambda: len(polling.calls_to("sendMessage", chat_id=USER)) == 2)


async def test_refused_message_gets_a_polite_apology_and_the_bot_goes_on(polling: FakeBotApi, make_event):
    await make_event()
    polling.fail_next("sendMessage", 400, chat_id=USER, description="Bad Request: can't parse entities")
    polling.push(message_update(USER, "/help"))
    polling.push(message_update(USER, "/agenda"))
    await polling.wait_for(lambda: len(polling.texts_to(USER)) == 3)
    texts = polling.texts_to(USER)
    assert texts[1].startswith("Xin lỗi, hệ thống vừa gặp sự cố")
    assert "Chương trình" in texts[2]


async def test_outbox_message_to_a_user_who_blocked_the_bot_is_not_retried(
    channel: TelegramChannel, fake_api: FakeBotApi, sessions
):
    identity_id = await _queue(sessions)
    fake_api.block(USER)
    counts = await deliver_due(sessions, {Channel.TELEGRAM: channel}, now=_later())
    assert counts.unreachable == 1
    again = await deliver_due(sessions, {Channel.TELEGRAM: channel}, now=_later() + dt.timedelta(hours=1))
    assert again.sent == again.retried == again.unreachable == 0
    assert len(fake_api.calls_to("sendMessage", chat_id=USER)) == 1
    async with sessions() as session:
        row = (await session.execute(select(OutboxMessage))).scalar_one()
        assert row.status == DeliveryStatus.UNREACHABLE and "blocked" in (row.last_error or "")
        assert (await session.get(Identity, identity_id)).unreachable_at is not None


async def test_outbox_message_is_delivered_with_html_escaping(
    channel: TelegramChannel, fake_api: FakeBotApi, sessions
):
    await _queue(sessions, "Giờ <mới> & địa điểm")
    counts = await deliver_due(sessions, {Channel.TELEGRAM: channel}, now=_later())
    assert counts.sent == 1
    assert fake_api.texts_to(USER) == ["Giờ &lt;mới&gt; &amp; địa điểm"]


async def test_outbox_429_beyond_the_limiter_retries_is_put_back_for_later(
    tg_core, fake_api: FakeBotApi, sessions
):
    await _queue(sessions)
    fake_api.fail_next("sendMessage", 429, retry_after=30, chat_id=USER)
    quick = TelegramChannel.create(tg_core, rate_limiter=AIORateLimiter(max_retries=0))
    async with quick.application:
        now = _later()
        counts = await deliver_due(sessions, {Channel.TELEGRAM: quick}, now=now)
    assert counts.retried == 1
    async with sessions() as session:
        row = (await session.execute(select(OutboxMessage))).scalar_one()
        assert row.status == DeliveryStatus.PENDING and row.attempts == 0
        assert row.not_before.replace(tzinfo=dt.UTC) >= now.replace(tzinfo=dt.UTC) + dt.timedelta(seconds=29)
