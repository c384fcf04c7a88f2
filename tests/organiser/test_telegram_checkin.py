"""End to end on Telegram: the real python-telegram-bot Application against the fake Bot API; an
organiser opens a delegate's check-in deep link (what scanning the QR does) on the event day."""

from __future__ import annotations

import asyncio
import contextlib

import pytest

from bot.app import BotCore
from bot.run.serve import run_polling
from storage import repositories as repo
from storage.enums import Channel, RoleKind
from storage.models import Role
from tests.fakes.telegram_api import BOT_USERNAME, TOKEN, FakeBotApi, message_update
from tests.organiser.helpers import ON_THE_DAY, build_data_set, registration_in

pytestmark = pytest.mark.db

ORGANISER = 7001


@pytest.fixture
async def fake_api():  # type: ignore[no-untyped-def]
    """A fake Bot API server listening on 127.0.0.1."""
    api = await FakeBotApi().start()
    yield api
    await api.stop()


async def test_organiser_scans_a_delegate_qr_on_telegram(settings, engine, sessions, make_event, fake_api):
    data = await build_data_set(sessions, make_event)
    async with sessions() as session, session.begin():
        identity, _ = await repo.identity_for(session, Channel.TELEGRAM, str(ORGANISER), None, "vi")
        session.add(Role(event_id=data.event_id, person_id=identity.person_id, kind=RoleKind.ORGANISER))
        code = (await registration_in(session, data.event_id, data.person("binh"))).check_in_code
    tg_settings = settings.model_copy(
        update={"telegram_bot_token": TOKEN, "telegram_api_base_url": fake_api.base_url}
    )
    core = BotCore(tg_settings, engine, clock=lambda: ON_THE_DAY)
    stop = asyncio.Event()
    task = asyncio.create_task(
        run_polling(tg_settings, core=core, stop=stop, poll_timeout=1, outbox_interval=0.2)
    )
    try:
        await fake_api.wait_for(lambda: fake_api.calls_to("getUpdates") or task.done(), timeout=20)
        # The QR holds https://t.me/<bot>?start=ci_<code>; Telegram turns it into this message.
        assert (
            core.link_builders[Channel.TELEGRAM](f"ci_{code}")
            == f"https://t.me/{BOT_USERNAME}?start=ci_{code}"
        )
        fake_api.push(message_update(ORGANISER, f"/start ci_{code}"))
        texts = await fake_api.wait_for(lambda: fake_api.texts_to(ORGANISER), timeout=10)
        assert "✅ Đã điểm danh: Trần Thị Bình — Sở Khoa học và Công nghệ, lúc 08:15." in texts[0]
        fake_api.push(message_update(ORGANISER, f"/start ci_{code}"))
        texts = await fake_api.wait_for(
            lambda: len(fake_api.texts_to(ORGANISER)) == 2 and fake_api.texts_to(ORGANISER), timeout=10
        )
        assert "đã điểm danh lúc 08:15" in texts[1]
    finally:
        stop.set()
        with contextlib.suppress(asyncio.CancelledError):
            await asyncio.wait_for(task, 10)
    async with sessions() as session:
        registration = await registration_in(session, data.event_id, data.person("binh"))
    assert registration.checked_in_at == ON_THE_DAY
