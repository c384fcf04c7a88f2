"""Zalo's rules on OA messages, through the real HTTP client against the fake Zalo server:
free replies carry the user's message id within the allowance (8 within 48 hours); past it the
message goes proactive, by transaction template or by ZNS when the deployment allows, else it
ends unreachable with its reason; Zalo's error code families; the quiet hours."""

from __future__ import annotations

import datetime as dt

import httpx
import pytest
from sqlalchemy import select

from bot.app import BotCore
from bot.channels.zalo import ZaloChannel
from bot.messages import Reply
from bot.outbox.delivery import enqueue
from bot.run.web import create_web_app
from storage import repositories as repo
from storage.enums import Channel, DeliveryStatus, RoleKind
from storage.models import Identity, OutboxMessage, Person, Role
from storage.zalo_models import OutboxRoute, ZaloUser
from tests.conftest import NOW
from tests.fakes.zalo_api import MESSAGE_SENDERS, FakeZalo, text_event
from tests.zalo.conftest import post_event

pytestmark = pytest.mark.db

USER = "5566778899"
NIGHT = dt.datetime(2026, 11, 20, 16, 0, tzinfo=dt.UTC)  # 23:00 in Hà Nội
MORNING = dt.datetime(2026, 11, 20, 23, 0, tzinfo=dt.UTC)  # 06:00 the next day in Hà Nội


async def _queue(  # type: ignore[no-untyped-def]
    sessions,
    text: str = "Nhắc lịch hội thảo",
    *,
    wrote_at=NOW,
    msg_id: str | None = "msg-last",
    used: int = 0,
    phone: str | None = None,
) -> int:
    """A Zalo identity whose last message (`msg_id`) came at `wrote_at`, and one pushed message due at NOW."""
    async with sessions() as session, session.begin():
        identity, _ = await repo.identity_for(session, Channel.ZALO, USER, None, "vi")
        person = await session.get(Person, identity.person_id)
        person.phone = phone  # type: ignore[union-attr]
        if wrote_at is not None:
            MESSAGE_SENDERS[msg_id or ""] = USER
            session.add(
                ZaloUser(
                    user_id=USER, choices=[], last_message_at=wrote_at, last_msg_id=msg_id, replies_used=used
                )
            )
        message = await enqueue(session, identity.id, [Reply(text=text)], kind="test", not_before=NOW)
        assert message is not None
        return message.id


async def _row(sessions, message_id: int) -> tuple[OutboxMessage, Identity]:  # type: ignore[no-untyped-def]
    async with sessions() as session:
        message = await session.get(OutboxMessage, message_id)
        identity = await session.get(Identity, message.identity_id)  # type: ignore[union-attr]
        return message, identity  # type: ignore[return-value]


async def _steps(sessions, message_id: int) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    async with sessions() as session:
        rows = await session.execute(select(OutboxRoute).where(OutboxRoute.outbox_id == message_id))
        return [(r.channel, r.reason) for r in rows.scalars()]


def _channel(core: BotCore, **settings: object) -> ZaloChannel:
    return ZaloChannel(BotCore(core.settings.model_copy(update=settings), core.engine, clock=core.clock))


# --- the allowance -----------------------------------------------------------------------------------


async def test_inside_the_allowance_a_pushed_message_is_a_free_reply(
    zalo: ZaloChannel, fake_zalo: FakeZalo, sessions
):
    message_id = await _queue(sessions, wrote_at=NOW - dt.timedelta(hours=47), used=3)
    assert (await zalo.drain_outbox()).sent == 1
    call = fake_zalo.calls_to("/message/cs")[-1]
    assert call.body["recipient"] == {"message_id": "msg-last"} and call.accepted
    async with sessions() as session:
        assert (await session.get(ZaloUser, USER)).replies_used == 4  # type: ignore[union-attr]
    assert (await _row(sessions, message_id))[0].status == DeliveryStatus.SENT


async def test_the_ninth_reply_is_not_free_and_without_a_route_ends_unreachable_with_its_reason(
    zalo: ZaloChannel, fake_zalo: FakeZalo, sessions
):
    message_id = await _queue(sessions, used=8)
    assert (await zalo.drain_outbox()).unreachable == 1
    assert fake_zalo.calls_to("/message/cs") == []  # nothing Zalo would bill or refuse
    message, identity = await _row(sessions, message_id)
    assert message.status == DeliveryStatus.UNREACHABLE and "zalo.window" in (message.last_error or "")
    assert await _steps(sessions, message_id) == [("zalo", "zalo.window")]
    assert identity.unreachable_at is None  # a shut window is not a block: the next notice tries again


async def test_after_48_hours_a_verified_oa_writes_first(zalo_core: BotCore, fake_zalo: FakeZalo, sessions):
    await _queue(sessions, wrote_at=NOW - dt.timedelta(hours=49))
    channel = _channel(zalo_core, zalo_proactive=True)
    assert (await channel.drain_outbox()).sent == 1
    assert fake_zalo.calls_to("/message/cs")[-1].body["recipient"] == {"user_id": USER}
    await channel.aclose()


async def test_the_limits_are_settings(zalo_core: BotCore, fake_zalo: FakeZalo, sessions):
    await _queue(sessions, wrote_at=NOW - dt.timedelta(hours=60), used=9)
    channel = _channel(zalo_core, zalo_reply_hours=72, zalo_reply_limit=10)
    assert (await channel.drain_outbox()).sent == 1
    assert fake_zalo.calls_to("/message/cs")[-1].reply_to == "msg-last"
    await channel.aclose()


async def test_a_user_silent_ten_days_gets_the_notice_as_a_transaction_message(
    zalo_core: BotCore, fake_zalo: FakeZalo, sessions
):
    message_id = await _queue(
        sessions, "Hội thảo bắt đầu lúc 08:00 ngày 21/11/2026", wrote_at=NOW - dt.timedelta(days=10)
    )
    channel = _channel(zalo_core, zalo_proactive=True, zalo_transaction_template="transaction_event")
    assert (await channel.drain_outbox()).sent == 1
    assert fake_zalo.calls_to("/message/cs") == []  # past 7 days Zalo refuses consultation messages
    call = fake_zalo.calls_to("/message/transaction")[-1]
    payload = call.message["attachment"]["payload"]
    assert call.accepted and call.user_id == USER and payload["template_type"] == "transaction_event"
    assert payload["elements"][1]["content"] == "Hội thảo bắt đầu lúc 08:00 ngày 21/11/2026"
    assert (await _row(sessions, message_id))[0].status == DeliveryStatus.SENT
    await channel.aclose()


async def test_zalo_s_window_refusal_falls_through_to_the_next_route(
    zalo_core: BotCore, fake_zalo: FakeZalo, sessions
):
    await _queue(sessions, wrote_at=NOW - dt.timedelta(days=3))
    fake_zalo.silent.add(USER)  # Zalo counts the interaction window its own way
    channel = _channel(zalo_core, zalo_proactive=True, zalo_transaction_template="transaction_event")
    assert (await channel.drain_outbox()).sent == 1
    assert [c.accepted for c in fake_zalo.calls_to("/message/cs")] == [False]
    assert fake_zalo.calls_to("/message/transaction")[-1].accepted
    await channel.aclose()


async def test_a_zns_template_reaches_the_person_by_phone(zalo_core: BotCore, fake_zalo: FakeZalo, sessions):
    await _queue(sessions, "Nhắc lịch", wrote_at=NOW - dt.timedelta(days=10), phone="+84912345678")
    channel = _channel(zalo_core, zalo_zns_template_id="248079", zalo_zns_base_url=fake_zalo.base_url)
    assert (await channel.drain_outbox()).sent == 1
    call = fake_zalo.calls_to("/message/template")[-1]
    assert call.body["phone"] == "84912345678" and call.body["template_id"] == "248079"
    assert call.body["template_data"] == {"content": "Nhắc lịch"} and call.accepted
    await channel.aclose()


async def test_zns_needs_a_phone(zalo_core: BotCore, fake_zalo: FakeZalo, sessions):
    message_id = await _queue(sessions, wrote_at=NOW - dt.timedelta(days=10))
    channel = _channel(zalo_core, zalo_zns_template_id="248079", zalo_zns_base_url=fake_zalo.base_url)
    assert (await channel.drain_outbox()).unreachable == 1
    assert fake_zalo.calls_to("/message/template") == []
    assert await _steps(sessions, message_id) == [("zalo", "zalo.window")]
    await channel.aclose()


# --- error code families -----------------------------------------------------------------------------


@pytest.mark.parametrize("code", [-213, -217, -218, -227, -244])
async def test_an_unreachable_code_marks_the_identity_and_moves_the_message_to_the_next_channel(
    zalo: ZaloChannel, fake_zalo: FakeZalo, sessions, code: int
):
    message_id = await _queue(sessions)
    async with sessions() as session, session.begin():
        zalo_identity = (await session.execute(select(Identity))).scalar_one()
        session.add(
            Identity(
                person_id=zalo_identity.person_id,
                channel=Channel.TELEGRAM,
                external_id="4242",
                last_seen_at=NOW - dt.timedelta(days=30),
            )
        )
    fake_zalo.fail_next(code)
    counts = await zalo.drain_outbox()
    assert counts.sent == 0 and counts.unreachable == 0 and counts.retried == 1
    message, identity = await _row(sessions, message_id)
    assert (identity.channel, message.status, message.attempts) == (
        Channel.TELEGRAM,
        DeliveryStatus.PENDING,
        0,
    )
    assert await _steps(sessions, message_id) == [("zalo", f"zalo.blocked:{code}")]
    async with sessions() as session:
        assert (await session.get(Identity, zalo_identity.id)).unreachable_at is not None  # type: ignore[union-attr]


@pytest.mark.parametrize("code", [-211, -221, -224, -320, -321])
async def test_an_oa_level_code_holds_the_queue_and_alerts_the_organisers_once(
    zalo: ZaloChannel, fake_zalo: FakeZalo, sessions, make_event, code: int
):
    event_id = await make_event()
    async with sessions() as session, session.begin():
        organiser, _ = await repo.identity_for(session, Channel.TELEGRAM, "9001", "Ban Tổ chức", "vi")
        session.add(Role(event_id=event_id, person_id=organiser.person_id, kind=RoleKind.ORGANISER))
    first = await _queue(sessions, "một")
    async with sessions() as session, session.begin():
        identity = (await session.execute(select(Identity).where(Identity.external_id == USER))).scalar_one()
        second = (await enqueue(session, identity.id, [Reply(text="hai")], kind="test", not_before=NOW)).id  # type: ignore[union-attr]
    fake_zalo.fail_next(code, times=5)
    # One message per chat per batch: the first is tried and refused, which holds the OA's queue.
    counts = await zalo.drain_outbox()
    assert counts.retried == 1 and counts.unreachable == 0 and counts.failed == 0
    # The next batch finds the queue held: the second message is put back without being tried.
    counts = await zalo.drain_outbox()
    assert counts.unreachable == 0 and counts.failed == 0 and counts.sent == 0
    assert len(fake_zalo.calls_to("/message/cs")) == 1
    for message_id in (first, second):
        message, _ = await _row(sessions, message_id)
        assert message.status == DeliveryStatus.PENDING and message.not_before == NOW + dt.timedelta(hours=1)
    await zalo.drain_outbox()  # nothing due yet: no new alert either
    async with sessions() as session:
        alerts = (
            (await session.execute(select(OutboxMessage).where(OutboxMessage.kind == "zalo_alert")))
            .scalars()
            .all()
        )
    assert len(alerts) == 1 and alerts[0].identity_id == organiser.id
    assert f"mã lỗi {code}" in alerts[0].body["replies"][0]["text"]


@pytest.mark.parametrize("code", [-216, -220, -124])
async def test_a_token_code_refreshes_once_and_tries_again(
    zalo: ZaloChannel, fake_zalo: FakeZalo, sessions, code: int
):
    await _queue(sessions)
    await zalo.tokens.current()
    fake_zalo.fail_next(code)
    assert (await zalo.drain_outbox()).sent == 1
    assert len([c for c in fake_zalo.calls_to("/access_token") if c.accepted]) == 2
    assert [c.accepted for c in fake_zalo.calls_to("/message/cs")] == [False, True]


async def test_a_dead_refresh_token_holds_the_queue_and_tells_the_organisers_once(
    zalo: ZaloChannel, fake_zalo: FakeZalo, sessions, make_event
):
    event_id = await make_event()
    async with sessions() as session, session.begin():
        organiser, _ = await repo.identity_for(session, Channel.CONSOLE, "org", "Ban Tổ chức", "vi")
        session.add(Role(event_id=event_id, person_id=organiser.person_id, kind=RoleKind.ORGANISER))
    first = await _queue(sessions, "một")
    fake_zalo.valid_refresh_tokens.clear()  # revoked, or lapsed while the OA was idle
    assert (await zalo.drain_outbox()).retried == 1
    await zalo.drain_outbox()
    message, _ = await _row(sessions, first)
    assert message.status == DeliveryStatus.PENDING and message.not_before == NOW + dt.timedelta(hours=1)
    async with sessions() as session:
        alerts = (
            await session.execute(select(OutboxMessage).where(OutboxMessage.kind == "zalo_alert"))
        ).scalars()
        texts = [a.body["replies"][0]["text"] for a in alerts]
    assert len(texts) == 1 and "pii-bot zalo authorize" in texts[0] and "-14014" in texts[0]


async def test_rate_limit_backs_off(zalo: ZaloChannel, fake_zalo: FakeZalo, sessions):
    message_id = await _queue(sessions)
    fake_zalo.fail_next(-32)
    assert (await zalo.drain_outbox()).retried == 1
    message, _ = await _row(sessions, message_id)
    assert message.not_before == NOW + dt.timedelta(seconds=60) and message.attempts == 0


# --- the night ---------------------------------------------------------------------------------------


async def test_a_send_at_night_is_held_until_six(zalo_core: BotCore, fake_zalo: FakeZalo, sessions):
    message_id = await _queue(sessions, wrote_at=NIGHT - dt.timedelta(hours=1))
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


async def test_zalo_night_refusal_holds_until_the_end_of_the_night(
    zalo: ZaloChannel, fake_zalo: FakeZalo, sessions
):
    message_id = await _queue(sessions)
    fake_zalo.fail_next(-234)
    assert (await zalo.drain_outbox()).retried == 1
    message, _ = await _row(sessions, message_id)
    assert message.not_before == MORNING  # the next 06:00 after 09:00 on the 20th


async def test_a_reply_to_a_message_at_night_goes_out_at_once(
    zalo_core: BotCore, fake_zalo: FakeZalo, make_event
):
    await make_event()
    night = ZaloChannel(zalo_core, clock=lambda: NIGHT)
    app = create_web_app(zalo_core.engine, routes=[night.route()])
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://bot.test"
    ) as client:
        await post_event(client, night, text_event(USER, "/chuongtrinh"))
        assert len(fake_zalo.texts_to(USER)) == 1
        # If Zalo refuses at night all the same, the reply waits in the outbox for the morning.
        fake_zalo.fail_next(-234)
        await post_event(client, night, text_event(USER, "/diadiem"))
    async with zalo_core.sessions() as session:
        held = (await session.execute(select(OutboxMessage))).scalar_one()
    assert (held.kind, held.not_before) == ("zalo_held", MORNING)
    await night.aclose()


async def test_writing_again_restarts_the_allowance_and_makes_the_user_reachable(
    web, zalo: ZaloChannel, fake_zalo: FakeZalo, sessions
):
    await _queue(sessions, used=8)
    await zalo.drain_outbox()
    await post_event(web, zalo, text_event(USER, "/trogiup", msg_id="msg-new"))
    async with sessions() as session:
        identity = (await session.execute(select(Identity))).scalar_one()
        state = await session.get(ZaloUser, USER)
    assert identity.unreachable_at is None and state is not None and state.last_message_at == NOW
    assert (state.last_msg_id, state.replies_used) == ("msg-new", 1)  # the /trogiup answer used one
    assert fake_zalo.calls_to("/message/cs")[-1].reply_to == "msg-new"
