"""Group chats: the bot speaks only when addressed, and never about anyone personally."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import func, select

from storage.models import Identity
from tests.fakes.telegram_api import BOT_USERNAME, FakeBotApi, callback_update, message_update

pytestmark = pytest.mark.db

USER = 601
GROUP = -100123


async def _settle(api: FakeBotApi, count: int) -> None:
    # Wait until the poller has fetched past the last pushed update, plus a moment for handlers.
    await api.wait_for(
        lambda: any(int(c.params.get("offset") or 0) > count for c in api.calls_to("getUpdates"))
    )
    await asyncio.sleep(0.2)


async def test_plain_text_and_other_bots_commands_are_ignored(polling: FakeBotApi, make_event, sessions):
    await make_event()
    polling.push(message_update(USER, "Chào cả nhóm", chat_id=GROUP, chat_type="supergroup"))
    polling.push(message_update(USER, "/agenda@other_bot", chat_id=GROUP, chat_type="supergroup"))
    polling.push(
        message_update(
            USER, contact={"phone_number": "+8490", "first_name": "An"}, chat_id=GROUP, chat_type="supergroup"
        )
    )
    await _settle(polling, 3)
    assert polling.calls_to("sendMessage") == []
    async with sessions() as session:
        assert (await session.execute(select(func.count()).select_from(Identity))).scalar_one() == 0


async def test_addressed_public_command_is_answered_in_the_group(polling: FakeBotApi, make_event):
    await make_event()
    polling.push(message_update(USER, f"/agenda@{BOT_USERNAME}", chat_id=GROUP, chat_type="supergroup"))
    texts = await polling.wait_for(lambda: polling.texts_to(GROUP))
    assert "Chương trình: Hội thảo PII tỉnh Thử Nghiệm 2026" in texts[0]
    assert polling.texts_to(USER) == []


async def test_start_in_a_group_points_to_the_private_chat(polling: FakeBotApi, make_event, sessions):
    await make_event()
    polling.push(
        message_update(
            USER,
            f"/start@{BOT_USERNAME} inv_42",
            chat_id=GROUP,
            chat_type="group",
            first_name="Nguyễn Văn An",
        )
    )
    await polling.wait_for(lambda: polling.texts_to(GROUP))
    call = polling.calls_to("sendMessage", chat_id=GROUP)[0]
    assert "chỉ thực hiện trong tin nhắn riêng" in call.params["text"]
    assert "Nguyễn" not in call.params["text"]
    button = call.params["reply_markup"]["inline_keyboard"][0][0]
    assert button["url"] == f"https://t.me/{BOT_USERNAME}?start=inv_42"
    async with sessions() as session:  # the core never saw it: nothing personal was even looked up
        assert (await session.execute(select(func.count()).select_from(Identity))).scalar_one() == 0


async def test_personal_button_in_a_group_points_to_the_private_chat(polling: FakeBotApi, make_event):
    await make_event()
    polling.push(callback_update(USER, "rsvp:yes:1", chat_id=GROUP, chat_type="supergroup"))
    await polling.wait_for(lambda: polling.texts_to(GROUP))
    button = polling.calls_to("sendMessage", chat_id=GROUP)[0].params["reply_markup"]["inline_keyboard"][0][0]
    assert button["url"] == f"https://t.me/{BOT_USERNAME}"
    assert len(polling.calls_to("answerCallbackQuery")) == 1
