"""The bot's Bot API transport: JSON for calls without files, multipart for uploads, PTB's errors."""

from __future__ import annotations

import socket

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, InputFile
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, TimedOut

from bot.channels.telegram_transport import JsonBotRequest
from tests.fakes.telegram_api import TOKEN, FakeBotApi

TEXT = "📋 Chương trình: Hội thảo «Đổi mới sáng tạo» & PII — Quảng Trị\n07:30–08:00  Đón tiếp đại biểu"


def bot_for(base_url: str, **timeouts: float) -> Bot:
    return Bot(TOKEN, base_url=f"{base_url}/bot", request=JsonBotRequest(**timeouts))


async def test_a_message_travels_as_json_and_arrives_intact(fake_api: FakeBotApi):
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("📍 Địa điểm", callback_data="cmd:venue")]])
    async with bot_for(fake_api.base_url) as bot:
        sent = await bot.send_message(42, TEXT, parse_mode=ParseMode.HTML, reply_markup=markup)
    assert sent.chat.id == 42 and sent.message_id > 0  # PTB read the answer back
    call = fake_api.calls_to("sendMessage")[0]
    assert call.content_type.startswith("application/json")
    assert call.params["text"] == TEXT and call.params["parse_mode"] == "HTML"
    assert call.params["reply_markup"] == {"inline_keyboard": [[{"text": "📍 Địa điểm", "callback_data": "cmd:venue"}]]}


async def test_an_upload_travels_as_multipart(fake_api: FakeBotApi):
    async with bot_for(fake_api.base_url) as bot:
        await bot.send_document(42, InputFile(b"a,b\n1,2\n", filename="bao-cao.csv"), caption="Báo cáo")
    call = fake_api.calls_to("sendDocument")[0]
    assert call.content_type.startswith("multipart/form-data")
    assert call.files["document"] == ("bao-cao.csv", b"a,b\n1,2\n")
    assert call.params["caption"] == "Báo cáo"


async def test_refusals_are_ptbs_own_errors(fake_api: FakeBotApi):
    fake_api.block(7)
    fake_api.fail_next("sendMessage", 400, retry_after=None, chat_id=8, description="Bad Request: chat not found")
    async with bot_for(fake_api.base_url) as bot:
        with pytest.raises(Forbidden):
            await bot.send_message(7, "xin chào")
        with pytest.raises(BadRequest, match="Chat not found"):
            await bot.send_message(8, "xin chào")


async def test_an_unreachable_server_is_a_network_error():
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    request = JsonBotRequest()
    await request.initialize()
    try:
        with pytest.raises(NetworkError) as err:
            await request.post(f"http://127.0.0.1:{port}/bot{TOKEN}/sendMessage", None)
    finally:
        await request.shutdown()
    assert not isinstance(err.value, (BadRequest, TimedOut))  # retried with backoff, not refused


async def test_a_silent_server_is_a_timeout():
    with socket.socket() as server:  # accepts connections, never answers
        server.bind(("127.0.0.1", 0))
        server.listen()
        port = server.getsockname()[1]
        request = JsonBotRequest(read_timeout=0.3, connect_timeout=0.3)
        await request.initialize()
        try:
            with pytest.raises(TimedOut):
                await request.post(f"http://127.0.0.1:{port}/bot{TOKEN}/getMe")
        finally:
            await request.shutdown()
