"""`pii-bot serve`: the webhook checks Telegram's secret token; /healthz answers after SELECT 1."""

from __future__ import annotations

import asyncio
import contextlib
import json

import httpx
import pytest

from bot.channels.telegram import TelegramChannel
from bot.run.serve import serve_webhook
from bot.run.web import SECRET_HEADER, create_web_app
from tests.fakes.telegram_api import FakeBotApi, free_port, message_update
from tests.telegram.conftest import SECRET

pytestmark = pytest.mark.db

USER = 801


@pytest.fixture
async def web(tg_core, fake_api: FakeBotApi):  # type: ignore[no-untyped-def]
    """The web app in front of a started Application (no updater), spoken to over ASGI."""
    channel = TelegramChannel.create(tg_core, with_updater=False)
    app = create_web_app(tg_core.engine, telegram=channel.application, telegram_secret=SECRET)
    async with channel.application:
        await channel.application.start()
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://bot.test") as client:
            yield client
        await channel.application.stop()


def _update(text: str, update_id: int = 1) -> dict[str, object]:
    return {"update_id": update_id, **message_update(USER, text)}


@pytest.mark.parametrize(
    "headers", [{}, {SECRET_HEADER: "wrong"}, {SECRET_HEADER: SECRET + "x"}, {SECRET_HEADER: ""}]
)
async def test_wrong_or_missing_secret_is_refused_and_nothing_is_processed(
    web, fake_api, make_event, headers
):
    await make_event()
    response = await web.post("/telegram/webhook", json=_update("/agenda"), headers=headers)
    assert response.status_code == 403
    await asyncio.sleep(0.3)
    assert fake_api.calls_to("sendMessage") == []


async def test_right_secret_is_processed(web, fake_api: FakeBotApi, make_event):
    await make_event()
    response = await web.post(
        "/telegram/webhook", json=_update("/chuongtrinh"), headers={SECRET_HEADER: SECRET}
    )
    assert response.status_code == 200
    texts = await fake_api.wait_for(lambda: fake_api.texts_to(USER))
    assert "Chương trình: Hội thảo PII tỉnh Thử Nghiệm 2026" in texts[0]


async def test_garbage_body_is_a_bad_request(web):
    response = await web.post("/telegram/webhook", content=b"{not json", headers={SECRET_HEADER: SECRET})
    assert response.status_code == 400


async def test_healthz(web):
    response = await web.get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


async def test_serve_registers_the_webhook_and_answers_over_http(
    tg_settings, tg_core, fake_api: FakeBotApi, make_event
):
    await make_event()
    port = free_port()
    settings = tg_settings.model_copy(update={"web_port": port})
    stop = asyncio.Event()
    task = asyncio.create_task(serve_webhook(settings, core=tg_core, stop=stop, outbox_interval=0.2))
    try:
        await fake_api.wait_for(lambda: fake_api.webhook or task.done())
        assert fake_api.webhook["url"] == "https://bot.example.test/telegram/webhook"
        assert fake_api.webhook["secret_token"] == SECRET
        assert fake_api.webhook["allowed_updates"] == ["message", "callback_query", "my_chat_member"]
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:
            assert (await client.get("/healthz")).json() == {"status": "ok"}
            refused = await client.post("/telegram/webhook", content=json.dumps(_update("/help")))
            assert refused.status_code == 403
            accepted = await client.post(
                "/telegram/webhook", json=_update("/venue", 2), headers={SECRET_HEADER: SECRET}
            )
            assert accepted.status_code == 200
        await fake_api.wait_for(lambda: fake_api.calls_to("sendVenue", chat_id=USER))
        assert len(fake_api.texts_to(USER)) == 1
        assert {c.params.get("language_code") for c in fake_api.calls_to("setMyCommands")} == {
            None,
            "vi",
            "en",
        }
    finally:
        stop.set()
        with contextlib.suppress(asyncio.CancelledError):
            await asyncio.wait_for(task, 10)
