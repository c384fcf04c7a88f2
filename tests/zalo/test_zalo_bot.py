"""The Zalo Bot Platform channel against the fake platform, through the real HTTP client: long
polling (one update per poll, 408 when idle), the webhook and its secret, numbered choices, files
refused politely, and the whole registration, RSVP and question conversation."""

from __future__ import annotations

import asyncio

import httpx
import pytest
from sqlalchemy import select

from bot.channels.zalo_bot import ZaloBotChannel, parse_update
from bot.messages import Button, OutFile, Reply
from bot.outbox.delivery import deliver_due, enqueue
from bot.run.web import create_web_app
from storage import repositories as repo
from storage.enums import Channel, DeliveryStatus
from storage.models import Identity, OutboxMessage, Person
from storage.rsvp_models import Registration, RegistrationStatus
from tests.conftest import NOW
from tests.fakes.zalo_bot_api import (
    FakeZaloBot,
    image_update,
    text_update,
    unsupported_update,
)
from tests.rsvp.test_registration_conversation import token_for
from tests.zalo.conftest import bot_say

pytestmark = pytest.mark.db

CHAT = "e4ea2cd5189df1c3a88c"


async def test_registration_rsvp_status_and_a_question_by_long_polling(
    zalo_bot: ZaloBotChannel, fake_zalo_bot: FakeZaloBot, sessions, make_event
):
    event_id = await make_event(seats={"Sở Tài chính": 1})
    token = await token_for(sessions, event_id, "Sở Tài chính")
    text = await bot_say(fake_zalo_bot, zalo_bot, CHAT, f"/start {token}")
    assert "Kính mời Quý đại biểu của Sở Tài chính tham dự" in text
    # No buttons on this platform: the consent choices are numbered, and "1" answers the first.
    assert "1. " in text and "Quý vị vui lòng trả lời bằng số thứ tự" in text
    text = await bot_say(
        fake_zalo_bot, zalo_bot, CHAT, "1", "Nguyễn Thị Minh Anh", "Phó Giám đốc", "0912 345 678"
    )
    assert "• Họ và tên: Nguyễn Thị Minh Anh\n• Chức vụ: Phó Giám đốc\n• Số điện thoại: +84912345678" in text
    text = await bot_say(fake_zalo_bot, zalo_bot, CHAT, "1", "1")
    assert "Cảm ơn Quý vị đã xác nhận tham dự" in text
    async with sessions() as session:
        registration = (await session.execute(select(Registration))).scalar_one()
        person = (await session.execute(select(Person).where(Person.full_name.is_not(None)))).scalar_one()
        identity = (
            await session.execute(select(Identity).where(Identity.person_id == person.id))
        ).scalar_one()
    assert registration.status == RegistrationStatus.CONFIRMED
    assert (identity.channel, identity.external_id) == (Channel.ZALO_BOT, CHAT)
    assert "Tình trạng: đã xác nhận tham dự" in await bot_say(fake_zalo_bot, zalo_bot, CHAT, "/toi")
    where = await bot_say(fake_zalo_bot, zalo_bot, CHAT, "hội thảo ở đâu")
    assert "Hội trường A" in where and "1 Lê Lợi" in where
    # Every call named the chat by its string id; every text was within the platform's limit.
    sent = fake_zalo_bot.called("sendMessage")
    assert sent and all(c.ok and isinstance(c.params["chat_id"], str) for c in sent)


async def test_the_polling_loop_waits_through_idle_polls_and_serves_what_comes(
    zalo_bot: ZaloBotChannel, fake_zalo_bot: FakeZaloBot, make_event
):
    await make_event()
    fake_zalo_bot.webhook = {"url": "https://old.example/hook", "secret_token": "old-secret"}
    stop = asyncio.Event()
    loop = asyncio.create_task(zalo_bot.poll(stop))
    while len(fake_zalo_bot.called("getUpdates")) < 3:  # idle polls answered 408
        await asyncio.sleep(0.05)
    fake_zalo_bot.push(text_update(CHAT, "/chuongtrinh"))
    while not fake_zalo_bot.texts_to(CHAT):
        await asyncio.sleep(0.05)
    stop.set()
    await loop
    assert fake_zalo_bot.webhook is None  # polling removed the webhook first, as getUpdates needs
    assert "Chương trình: Hội thảo PII tỉnh Thử Nghiệm 2026" in fake_zalo_bot.texts_to(CHAT)[0]


async def test_the_webhook_checks_its_secret_and_takes_a_retried_update_once(
    zalo_bot: ZaloBotChannel, fake_zalo_bot: FakeZaloBot, make_event
):
    await make_event()
    await zalo_bot.register_webhook()
    assert fake_zalo_bot.webhook == {
        "url": "https://bot.example.gov.vn/zalo-bot/webhook",
        "secret_token": "bot-webhook-secret-1",
    }
    app = create_web_app(zalo_bot.core.engine, routes=[zalo_bot.route()])
    update = {"ok": True, "result": text_update(CHAT, "/diadiem")}
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bot.test") as web:
        wrong = await web.post("/zalo-bot/webhook", json=update, headers={"X-Bot-Api-Secret-Token": "guess"})
        missing = await web.post("/zalo-bot/webhook", json=update)
        assert (wrong.status_code, missing.status_code) == (403, 403)
        await zalo_bot.wait_idle()
        assert fake_zalo_bot.texts_to(CHAT) == []
        for _ in range(2):  # Zalo retries
            ok = await web.post(
                "/zalo-bot/webhook", json=update, headers={"X-Bot-Api-Secret-Token": "bot-webhook-secret-1"}
            )
            assert ok.status_code == 200
            await zalo_bot.wait_idle()
        garbage = await web.post(
            "/zalo-bot/webhook", content=b"\xff{", headers={"X-Bot-Api-Secret-Token": "bot-webhook-secret-1"}
        )
        assert garbage.status_code == 400
    texts = fake_zalo_bot.texts_to(CHAT)  # one answer (the venue, then its map link), not two
    assert len(texts) == 2 and "Hội trường A" in texts[0] and texts[1].startswith("📍")


async def test_files_are_refused_politely_with_a_pointer(
    zalo_bot: ZaloBotChannel, fake_zalo_bot: FakeZaloBot
):
    fake_zalo_bot.push(unsupported_update(CHAT))
    await zalo_bot.poll_once()
    assert "Zalo OA hoặc Telegram" in fake_zalo_bot.texts_to(CHAT)[-1]
    ics = OutFile("hoi-thao.ics", b"BEGIN:VCALENDAR", "text/calendar", caption="Lịch hội thảo")
    await zalo_bot.send(CHAT, [Reply(text="Tệp của Quý vị", files=[ics])])
    assert fake_zalo_bot.texts_to(CHAT)[-3:] == [
        "Tệp của Quý vị",
        "Lịch hội thảo",
        (
            "Kênh Zalo Bot chưa gửi được tệp «hoi-thao.ics». Quý vị vui lòng nhận tệp qua Zalo OA hoặc Telegram, "
            "hoặc liên hệ Ban Tổ chức."
        ),
    ]


async def test_choices_are_numbered_and_a_number_presses_the_choice(
    zalo_bot: ZaloBotChannel, fake_zalo_bot: FakeZaloBot, sessions
):
    await zalo_bot.send(
        CHAT, [Reply(text="Chọn:", buttons=[[Button("Tham dự", "x:yes"), Button("Vắng", "x:no")]])]
    )
    assert fake_zalo_bot.texts_to(CHAT)[-1].startswith("Chọn:\n\n1. Tham dự\n2. Vắng\n\n")
    inbound = await zalo_bot._inbound(parse_update(text_update(CHAT, "2")))  # type: ignore[arg-type]
    assert (inbound.text, inbound.payload) == (None, "x:no")


def test_a_picture_arrives_as_a_file_and_groups_are_not_served():
    parts = parse_update({"ok": True, "result": image_update(CHAT, "https://f.zdn.vn/anh.jpg", "Minh chứng")})
    assert parts is not None and parts.photo == "https://f.zdn.vn/anh.jpg" and parts.text == "Minh chứng"
    group = text_update(CHAT, "xin chào")
    group["message"]["chat"]["chat_type"] = "GROUP"
    assert parse_update(group) is None and parse_update({"ok": True, "result": {}}) is None


async def test_a_person_who_blocked_the_bot_gets_the_notice_on_their_next_channel(
    zalo_bot: ZaloBotChannel, fake_zalo_bot: FakeZaloBot, sessions
):
    async with sessions() as session, session.begin():
        bot_identity, _ = await repo.identity_for(session, Channel.ZALO_BOT, CHAT, None, "vi")
        session.add(
            Identity(person_id=bot_identity.person_id, channel=Channel.CONSOLE, external_id="console-1")
        )
        message = await enqueue(
            session, bot_identity.id, [Reply(text="Nhắc lịch")], kind="test", not_before=NOW
        )
    fake_zalo_bot.blocked.add(CHAT)
    counts = await deliver_due(sessions, {Channel.ZALO_BOT: zalo_bot}, now=NOW)
    assert counts.retried == 1
    async with sessions() as session:
        row = await session.get(OutboxMessage, message.id)  # type: ignore[union-attr]
        moved_to = await session.get(Identity, row.identity_id)  # type: ignore[union-attr]
    assert (moved_to.channel, row.status) == (Channel.CONSOLE, DeliveryStatus.PENDING)  # type: ignore[union-attr]
    assert row.last_error == "moved from zalo_bot: zalo_bot.blocked:403"  # type: ignore[union-attr]
