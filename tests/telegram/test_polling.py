"""`pii-bot run` (long polling) against the fake Bot API: commands, deep links, buttons, files."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.messages import Inbound
from storage.models import Identity
from tests.fakes.telegram_api import FakeBotApi, callback_update, message_update

pytestmark = pytest.mark.db

USER = 501


async def test_start_with_deep_link_payload_reaches_the_conversation(polling: FakeBotApi, make_event):
    await make_event()
    polling.push(message_update(USER, "/start abcdef"))
    texts = await polling.wait_for(lambda: polling.texts_to(USER))
    assert "Đường liên kết này không đúng hoặc đã hết hiệu lực" in texts[0]
    call = polling.calls_to("sendMessage", chat_id=USER)[0]
    assert call.params["parse_mode"] == "HTML"
    payloads = [b["callback_data"] for row in call.params["reply_markup"]["inline_keyboard"] for b in row]
    assert payloads == ["cmd:agenda", "cmd:venue", "cmd:lang", "cmd:help"]


async def test_agenda_and_its_alias_are_escaped_html(polling: FakeBotApi, make_event):
    await make_event(title="Hội thảo <b>& PII")
    polling.push(message_update(USER, "/agenda"))
    polling.push(message_update(USER, "/chuongtrinh"))
    texts = await polling.wait_for(lambda: len(polling.texts_to(USER)) == 2 and polling.texts_to(USER))
    assert "📋 Chương trình: Hội thảo &lt;b&gt;&amp; PII" in texts[0]
    assert "<b>" not in texts[0]
    assert texts[0] == texts[1]
    assert "08:00–08:30  Đón tiếp đại biểu — BTC" in texts[0]


async def test_button_press_is_answered_and_switches_language(polling: FakeBotApi, make_event):
    await make_event()
    polling.push(callback_update(USER, "lang:en"))
    texts = await polling.wait_for(lambda: polling.texts_to(USER))
    assert texts == ["Switched to English."]
    answered = polling.calls_to("answerCallbackQuery")
    assert len(answered) == 1 and answered[0].params["callback_query_id"]


async def test_shared_contact_becomes_an_inbound_with_the_phone(
    polling: FakeBotApi, seen: list[Inbound], make_event
):
    await make_event()
    polling.push(message_update(USER, "/testphone"))
    await polling.wait_for(lambda: polling.texts_to(USER))
    keyboard = polling.calls_to("sendMessage", chat_id=USER)[0].params["reply_markup"]
    assert keyboard["keyboard"][0][0] == {"text": "📱 Gửi số điện thoại của tôi", "request_contact": True}
    assert keyboard["one_time_keyboard"] is True
    contact = {"phone_number": "+84901234567", "first_name": "An", "user_id": USER}
    polling.push(message_update(USER, contact=contact))
    await polling.wait_for(lambda: seen)
    assert seen[0].contact is not None and seen[0].contact.phone == "+84901234567"
    assert seen[0].contact.user_id == str(USER) and seen[0].user_id == str(USER)


async def test_document_upload_reaches_the_core_and_can_be_fetched(
    polling: FakeBotApi, seen: list[Inbound], tg_core, make_event
):
    from bot.channels.telegram import TelegramChannel

    await make_event()
    polling.store_file("DOC1", b"%PDF-1.7 minh chung", "documents/minh-chung.pdf")
    document = {
        "file_id": "DOC1",
        "file_unique_id": "U1",
        "file_name": "minh-chung.pdf",
        "mime_type": "application/pdf",
        "file_size": 19,
    }
    polling.push(message_update(USER, document=document))
    texts = await polling.wait_for(lambda: polling.texts_to(USER))
    assert "tôi chưa cần tệp" in texts[0]
    file = seen[0].file
    assert file is not None and (file.file_id, file.filename, file.mime_type, file.size) == (
        "DOC1",
        "minh-chung.pdf",
        "application/pdf",
        19,
    )
    channel = TelegramChannel.create(tg_core)
    async with channel.application:
        assert await channel.fetch_file("DOC1") == b"%PDF-1.7 minh chung"
    assert polling.calls_to("getFile")[0].params["file_id"] == "DOC1"


async def test_photo_arrives_as_its_largest_size(polling: FakeBotApi, seen: list[Inbound], make_event):
    await make_event()
    photo = [
        {"file_id": "small", "file_unique_id": "s", "width": 90, "height": 90, "file_size": 100},
        {"file_id": "large", "file_unique_id": "l", "width": 1280, "height": 960, "file_size": 9000},
    ]
    polling.push(message_update(USER, photo=photo))
    await polling.wait_for(lambda: seen)
    assert seen[0].file is not None and seen[0].file.file_id == "large"


async def test_location_becomes_an_inbound_location(polling: FakeBotApi, seen: list[Inbound], make_event):
    await make_event()
    polling.push(message_update(USER, location={"latitude": 16.81, "longitude": 107.1}))
    await polling.wait_for(lambda: seen)
    assert seen[0].location is not None
    assert (seen[0].location.latitude, seen[0].location.longitude) == (16.81, 107.1)


async def test_venue_sends_a_venue_pin(polling: FakeBotApi, make_event):
    await make_event()
    polling.push(message_update(USER, "/diadiem"))
    venue = await polling.wait_for(lambda: polling.calls_to("sendVenue", chat_id=USER))
    assert venue[0].params["title"] == "Hội trường A"
    assert venue[0].params["address"] == "1 Lê Lợi, phường Thử, tỉnh Thử Nghiệm"
    assert float(venue[0].params["latitude"]) == 16.81


async def test_long_text_is_split_under_the_limit_with_buttons_on_the_last_part(
    polling: FakeBotApi, make_event
):
    await make_event()
    polling.push(message_update(USER, "/testlong"))
    await polling.wait_for(
        lambda: (
            polling.calls_to("sendMessage", chat_id=USER)
            and "reply_markup" in polling.calls_to("sendMessage", chat_id=USER)[-1].params
        )
    )
    calls = polling.calls_to("sendMessage", chat_id=USER)
    assert len(calls) >= 4
    assert all(len(c.params["text"]) <= 4096 for c in calls)
    assert [("reply_markup" in c.params) for c in calls] == [False] * (len(calls) - 1) + [True]
    joined = "\n".join(c.params["text"] for c in calls)
    assert joined.count("Dòng ") == 100 and "Dòng 99: chữ" in calls[-1].params["text"]


async def test_user_who_blocked_the_bot_is_marked_unreachable(polling: FakeBotApi, make_event, sessions):
    await make_event()
    polling.block(USER)
    polling.push(message_update(USER, "/agenda"))

    async def marked() -> bool:
        async with sessions() as session:
            identity = (await session.execute(select(Identity))).scalar_one_or_none()
            return identity is not None and identity.unreachable_at is not None

    import asyncio

    for _ in range(300):
        if await marked():
            break
        await asyncio.sleep(0.02)
    assert await marked()
    assert len(polling.calls_to("sendMessage", chat_id=USER)) == 1  # refused once, not retried


async def test_command_menu_is_set_in_vietnamese_and_english(polling: FakeBotApi):
    calls = polling.calls_to("setMyCommands")
    by_language = {
        (c.params.get("language_code"), bool(c.params.get("scope"))): c.params["commands"] for c in calls
    }
    vi = [c["command"] for c in by_language[("vi", False)]]
    en = [c["command"] for c in by_language[("en", False)]]
    assert vi == [
        "start",
        "chuongtrinh",
        "diadiem",
        "toi",
        "lich",
        "diemdanh",
        "tiendo",
        "sukien",
        "ngonngu",
        "trogiup",
        "huy",
    ]
    assert en == [
        "start",
        "agenda",
        "venue",
        "me",
        "ics",
        "checkin",
        "status",
        "event",
        "lang",
        "help",
        "cancel",
    ]
    assert by_language[("vi", False)][1]["description"] == "Chương trình hội thảo"
    assert by_language[(None, False)] == by_language[("vi", False)]  # the default is Vietnamese
    assert [c["command"] for c in by_language[("en", True)]] == ["agenda", "venue", "event", "help"]
