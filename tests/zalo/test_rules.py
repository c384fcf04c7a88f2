"""Zalo's rules on pushed messages: the window after the user's last message, the quiet hours
(a send at 23:00 waits until 06:00), Zalo's own refusals (-230, -234, -32); and replies to a
user's own message, which go out at once unless Zalo holds them back."""

from __future__ import annotations

import datetime as dt

import httpx
import pytest
from sqlalchemy import select

from bot.app import BotCore
from bot.messages import Reply
from bot.channels.zalo import ZaloChannel
from bot.outbox.delivery import enqueue
from bot.run.web import create_web_app
from storage import repositories as repo
from storage.enums import Channel, DeliveryStatus
from storage.models import Identity, OutboxMessage
from storage.zalo_models import ZaloUser
from tests.conftest import NOW
from tests.fakes.zalo_api import FakeZalo, text_event
from tests.zalo.conftest import post_event

pytestmark = pytest.mark.db

USER = "5566778899"
NIGHT = dt.datetime(2026, 11, 20, 16, 0, tzinfo=dt.UTC)  # 23:00 in Hà Nội
MORNING = dt.datetime(2026, 11, 20, 23, 0, tzinfo=dt.UTC)  # 06:00 the next day in Hà Nội


async def _queue(sessions, text: str = "Nhắc lịch hội thảo", *, last_message_at=NOW) -> int:  # type: ignore[no-untyped-def]
    """A Zalo identity that wrote at `last_message_at`, and one pushed message due at NOW."""
    async with sessions() as session, session.begin():
        identity, _ = await repo.identity_for(session, Channel.ZALO, USER, None, "vi")
        if last_message_at is not None:
            session.add(ZaloUser(user_id=USER, choices=[], last_message_at=last_message_at))
        message = await enqueue(session, identity.id, [Reply(text=text)], kind="test", not_before=NOW)
        assert message is not None
        return message.id


async def _row(sessions, message_id: int) -> tuple[OutboxMessage, Identity]:  # type: ignore[no-untyped-def]
    async with sessions() as session:
        message = await session.get(OutboxMessage, message_id)
        identity = await session.get(Identity, message.identity_id)  # type: ignore[union-attr]
        return message, identity  # type: ignore[return-value]


async def test_a_send_at_night_is_held_until_six(zalo_core: BotCore, fake_zalo: FakeZalo, sessions):
    message_id = await _queue(sessions)
    night = ZaloChannel(zalo_core, clock=lambda: NIGHT)
    counts = await night.drain_outbox()
    assert counts.retried == 1 and fake_zalo.calls_to("/message/cs") == []
    message, _ = await _row(sessions, message_id)
    assert (message.status, message.not_before) == (DeliveryStatus.PENDING, MORNING)
    await night.aclose()
    morning = ZaloChannel(zalo_core, clock=lambda: MORNING)
    assert (await morning.drain_outbox()).sent == 1
    assert fake_zalo.texts_to(USER) == ["Nhắc lịch hội thảo"]
    await morning.aclose()


async def test_zalo_night_refusal_holds_until_the_end_of_the_night(zalo: ZaloChannel, fake_zalo: FakeZalo, sessions):
    message_id = await _queue(sessions)
    fake_zalo.fail_next(-234)
    assert (await zalo.drain_outbox()).retried == 1
    message, _ = await _row(sessions, message_id)
    assert message.not_before == MORNING  # the next 06:00 after 09:00 on the 20th


async def test_outside_the_window_zalo_refusal_marks_the_user_unreachable(
    zalo: ZaloChannel, fake_zalo: FakeZalo, sessions
):
    message_id = await _queue(sessions)
    fake_zalo.fail_next(-230)
    assert (await zalo.drain_outbox()).unreachable == 1
    message, identity = await _row(sessions, message_id)
    assert message.status == DeliveryStatus.UNREACHABLE and identity.unreachable_at is not None


async def test_the_window_is_checked_before_calling_zalo(zalo: ZaloChannel, fake_zalo: FakeZalo, sessions):
    message_id = await _queue(sessions, last_message_at=NOW - dt.timedelta(days=7, minutes=1))
    assert (await zalo.drain_outbox()).unreachable == 1
    assert fake_zalo.calls_to("/message/cs") == []
    _, identity = await _row(sessions, message_id)
    assert identity.unreachable_at is not None


async def test_a_wider_configured_window_lets_the_message_go(zalo_core: BotCore, fake_zalo: FakeZalo, sessions):
    await _queue(sessions, last_message_at=NOW - dt.timedelta(days=8))
    settings = zalo_core.settings.model_copy(update={"zalo_window_days": 10})
    channel = ZaloChannel(BotCore(settings, zalo_core.engine, clock=zalo_core.clock))
    assert (await channel.drain_outbox()).sent == 1
    await channel.aclose()


async def test_rate_limit_retries_later(zalo: ZaloChannel, fake_zalo: FakeZalo, sessions):
    message_id = await _queue(sessions)
    fake_zalo.fail_next(-32)
    assert (await zalo.drain_outbox()).retried == 1
    message, _ = await _row(sessions, message_id)
    assert message.not_before == NOW + dt.timedelta(seconds=60) and message.attempts == 0


async def test_a_reply_to_a_message_at_night_goes_out_at_once(zalo_core: BotCore, fake_zalo: FakeZalo, make_event):
    await make_event()
    night = ZaloChannel(zalo_core, clock=lambda: NIGHT)
    app = create_web_app(zalo_core.engine, routes=[night.route()])
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bot.test") as client:
        await post_event(client, night, text_event(USER, "/chuongtrinh"))
        assert len(fake_zalo.texts_to(USER)) == 1
        # If Zalo refuses at night all the same, the reply waits in the outbox for the morning.
        fake_zalo.fail_next(-234)
        await post_event(client, night, text_event(USER, "/diadiem"))
    async with zalo_core.sessions() as session:
        held = (await session.execute(select(OutboxMessage))).scalar_one()
    assert (held.kind, held.not_before) == ("zalo_held", MORNING)
    await night.aclose()


async def test_writing_again_makes_an_unreachable_user_reachable(web, zalo: ZaloChannel, fake_zalo: FakeZalo, sessions):
    await _queue(sessions)
    fake_zalo.fail_next(-232)
    await zalo.drain_outbox()
    await post_event(web, zalo, text_event(USER, "/trogiup"))
    async with sessions() as session:
        identity = (await session.execute(select(Identity))).scalar_one()
        state = await session.get(ZaloUser, USER)
    assert identity.unreachable_at is None and state is not None and state.last_message_at == NOW
