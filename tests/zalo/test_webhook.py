"""The webhook: Zalo's signature (wrong or missing: 403, nothing processed), each event once,
files, images, locations and unfollow as the conversations see them."""

from __future__ import annotations

import hashlib
import json

import httpx
import pytest
from sqlalchemy import func, select

from bot.app import BotCore
from bot.channels.zalo import ZaloChannel
from bot.messages import Inbound, Reply
from bot.run.web import create_web_app
from handlers import build_router
from handlers.context import Context
from storage.enums import Channel
from storage.inbound_models import InboundUpdate
from storage.models import Identity
from tests.fakes.zalo_api import (
    APP_ID,
    OA_SECRET_KEY,
    FakeZalo,
    file_event,
    image_event,
    location_event,
    signed,
    text_event,
    unfollow_event,
)
from tests.zalo.conftest import post_event

pytestmark = pytest.mark.db

USER = "1357924680"


async def _nothing_stored(sessions) -> bool:  # type: ignore[no-untyped-def]
    async with sessions() as session:
        identities = await session.scalar(select(func.count()).select_from(Identity))
        events = await session.scalar(select(func.count()).select_from(InboundUpdate))
    return identities == 0 and events == 0


@pytest.mark.parametrize("signature", [None, "", "mac=00", "mac=" + "0" * 64, "wrong-secret"])
async def test_wrong_or_missing_signature_is_refused_and_nothing_is_processed(
    web, zalo, fake_zalo: FakeZalo, sessions, make_event, signature
):
    await make_event()
    event = text_event(USER, "/chuongtrinh")
    body, headers = signed(
        event, secret="not-the-oa-secret" if signature == "wrong-secret" else OA_SECRET_KEY
    )
    if signature is None:
        del headers["X-ZEvent-Signature"]
    elif signature != "wrong-secret":
        headers["X-ZEvent-Signature"] = signature
    response = await web.post("/zalo/webhook", content=body, headers=headers)
    await zalo.wait_idle()
    assert response.status_code == 403
    assert fake_zalo.calls == [] and await _nothing_stored(sessions)


async def test_a_changed_body_breaks_the_signature(web, zalo, fake_zalo: FakeZalo, sessions):
    body, headers = signed(text_event(USER, "/help"))
    tampered = body.replace(b"/help", b"/toi!")
    assert (await web.post("/zalo/webhook", content=tampered, headers=headers)).status_code == 403
    await zalo.wait_idle()
    assert fake_zalo.calls == [] and await _nothing_stored(sessions)


async def test_right_signature_is_answered_and_accepted_without_mac_prefix_or_with_header_timestamp(
    web, zalo, fake_zalo: FakeZalo, make_event
):
    await make_event()
    body, headers = signed(text_event(USER, "/chuongtrinh"))
    headers["X-ZEvent-Signature"] = headers["X-ZEvent-Signature"].removeprefix("mac=").upper()
    assert (await web.post("/zalo/webhook", content=body, headers=headers)).status_code == 200
    # Some integrations sign with a timestamp header instead of the body's; both are accepted.
    event = text_event(USER, "/diadiem")
    event.pop("timestamp")
    body = json.dumps(event).encode()
    digest = hashlib.sha256(APP_ID.encode() + body + b"1718000000000" + OA_SECRET_KEY.encode()).hexdigest()
    headers = {"X-ZEvent-Signature": f"mac={digest}", "X-ZEvent-Timestamp": "1718000000000"}
    assert (await web.post("/zalo/webhook", content=body, headers=headers)).status_code == 200
    await zalo.wait_idle()
    texts = fake_zalo.texts_to(USER)
    assert "Chương trình: Hội thảo PII tỉnh Thử Nghiệm 2026" in texts[0]
    assert any("Hội trường A" in text for text in texts[1:])


async def test_garbage_body_is_a_bad_request(web):
    response = await web.post("/zalo/webhook", content=b"{not json", headers={"X-ZEvent-Signature": "mac=1"})
    assert response.status_code == 400


async def test_a_repeated_event_is_processed_once(web, zalo, fake_zalo: FakeZalo, sessions, make_event):
    await make_event()
    event = text_event(USER, "/chuongtrinh", msg_id="same-msg-id")
    for _ in range(3):
        assert (await post_event(web, zalo, event)).status_code == 200
    assert len(fake_zalo.texts_to(USER)) == 1
    async with sessions() as session:
        assert await session.scalar(select(func.count()).select_from(InboundUpdate)) == 1


async def test_events_the_bot_does_not_act_on_are_acknowledged(web, zalo, fake_zalo: FakeZalo, sessions):
    echo = text_event(USER, "an OA reply")
    echo["event_name"] = "oa_send_text"
    assert (await post_event(web, zalo, echo)).status_code == 200
    assert fake_zalo.calls == [] and await _nothing_stored(sessions)


@pytest.fixture
def seen() -> list[Inbound]:
    """Inbounds that reached the catch-all."""
    return []


@pytest.fixture
async def recording(zalo_settings, engine, clock, seen):  # type: ignore[no-untyped-def]
    """A channel whose core records what falls through to the catch-all."""
    router = build_router()
    fallback = router._fallback
    assert fallback is not None

    async def record(ctx: Context) -> list[Reply]:
        seen.append(ctx.inbound)
        return await fallback(ctx)

    router.fallback(record)
    channel = ZaloChannel(BotCore(zalo_settings, engine, router=router, clock=clock))
    yield channel
    await channel.aclose()


async def test_files_images_and_locations_reach_the_core(recording: ZaloChannel, fake_zalo: FakeZalo, seen):
    app = create_web_app(recording.core.engine, routes=[recording.route()])
    url = fake_zalo.store_file("bao-cao.pdf", b"%PDF-1.4 evidence")
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bot.test") as web:
        await post_event(web, recording, file_event(USER, url, "bao-cao.pdf", 17))
        await post_event(web, recording, image_event(USER, fake_zalo.store_file("anh.jpg", b"\xff\xd8jpeg")))
        await post_event(web, recording, location_event(USER, 16.8163, 107.1003))
    file, image, place = seen
    assert (file.channel, file.file.filename, file.file.mime_type, file.file.size) == (
        Channel.ZALO,
        "bao-cao.pdf",
        "application/pdf",
        17,
    )
    fetch = recording.core.file_fetchers[Channel.ZALO]
    assert await fetch(file.file.file_id) == b"%PDF-1.4 evidence"
    assert await fetch(image.file.file_id) == b"\xff\xd8jpeg" and image.file.mime_type == "image/jpeg"
    assert (place.location.latitude, place.location.longitude) == (16.8163, 107.1003)
    # Nothing asked for a file here: each of the three gets the polite catch-all.
    answers = fake_zalo.texts_to(USER)
    assert len(answers) == 3 and all("Ở bước này tôi chưa cần tệp, danh bạ hay vị trí." in a for a in answers)


async def test_unfollow_marks_unreachable_until_the_user_writes_again(
    web, zalo, fake_zalo: FakeZalo, sessions
):
    await post_event(web, zalo, text_event(USER, "/trogiup"))
    await post_event(web, zalo, unfollow_event(USER))
    async with sessions() as session:
        identity = (await session.execute(select(Identity))).scalar_one()
        assert identity.unreachable_at is not None
    await post_event(web, zalo, text_event(USER, "/trogiup"))
    async with sessions() as session:
        assert (await session.execute(select(Identity.unreachable_at))).scalar_one() is None
