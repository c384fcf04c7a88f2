"""The Telegram conversations, run through Zalo: registration from a typed /start token, RSVP by
numbered choices, /toi, a question in plain words, the programme; buttons as Zalo renders them."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy import select

from bot.app import BotCore
from bot.channels.zalo import ZaloChannel
from bot.run.web import create_web_app
from storage.enums import Channel, DeliveryStatus
from storage.models import Identity, OutboxMessage, Person
from storage.rsvp_models import Registration, RegistrationStatus
from storage.zalo_models import OutboxRoute
from tests.fakes.zalo_api import MESSAGE_SENDERS, FakeZalo, follow_event, submit_info_event
from tests.rsvp.test_registration_conversation import token_for
from tests.zalo.conftest import post_event, say

pytestmark = pytest.mark.db

USER = "2468013579"


async def test_registration_rsvp_status_question_and_agenda(
    web, zalo, fake_zalo: FakeZalo, sessions, make_event
):
    event_id = await make_event(seats={"Sở Tài chính": 1})
    token = await token_for(sessions, event_id, "Sở Tài chính")
    text = await say(web, zalo, fake_zalo, USER, f"/start {token}")
    assert "Kính mời Quý đại biểu của Sở Tài chính tham dự" in text
    assert "Nghị định 13/2023/NĐ-CP" in text
    # The consent question carries Zalo's button template; its buttons send a marked payload back.
    consent = fake_zalo.messages_to(USER)[-1]
    buttons = consent["attachment"]["payload"]["buttons"]
    assert [b["type"] for b in buttons] == ["oa.query.hide", "oa.query.hide"]
    assert buttons[0]["payload"] == "#pii:reg:consent:yes"
    text = await say(
        web,
        zalo,
        fake_zalo,
        USER,
        buttons[0]["payload"],
        "Nguyễn Thị Minh Anh",
        "Phó Giám đốc",
        "0912 345 678",
    )
    assert "Quý vị vui lòng gõ số điện thoại" in text  # no share-contact button on Zalo
    assert "• Họ và tên: Nguyễn Thị Minh Anh\n• Chức vụ: Phó Giám đốc\n• Số điện thoại: +84912345678" in text
    # Numbered choices: 1 confirms the summary, then 1 answers "attend".
    text = await say(web, zalo, fake_zalo, USER, "1", "1")
    assert "Quý vị có tham dự «Hội thảo PII tỉnh Thử Nghiệm 2026» không?" in text
    assert "Cảm ơn Quý vị đã xác nhận tham dự" in text
    async with sessions() as session:
        registration = (await session.execute(select(Registration))).scalar_one()
        assert registration.status == RegistrationStatus.CONFIRMED
        person = (await session.execute(select(Person).where(Person.full_name.is_not(None)))).scalar_one()
        identity = (
            await session.execute(select(Identity).where(Identity.person_id == person.id))
        ).scalar_one()
        assert (identity.channel, identity.external_id, person.phone) == (Channel.ZALO, USER, "+84912345678")
    me = await say(web, zalo, fake_zalo, USER, "/toi")
    assert "Tình trạng: đã xác nhận tham dự" in me and "+84912345678" in me
    where = await say(web, zalo, fake_zalo, USER, "hội thảo ở đâu")
    assert "Hội trường A" in where and "1 Lê Lợi" in where
    agenda = await say(web, zalo, fake_zalo, USER, "/chuongtrinh")
    assert "Chương trình: Hội thảo PII tỉnh Thử Nghiệm 2026" in agenda and "Khai mạc" in agenda
    # Every answer went out as a free reply: it carried the id of the message it answers.
    calls = [c for c in fake_zalo.calls_to("/message/cs") if c.user_id == USER]
    assert calls and all(c.reply_to is not None and MESSAGE_SENDERS[c.reply_to] == USER for c in calls)


async def test_the_phone_is_asked_with_zalos_card_where_the_oa_allows_it(
    zalo_core, fake_zalo: FakeZalo, sessions, make_event
):
    settings = zalo_core.settings.model_copy(update={"zalo_request_user_info": True})
    channel = ZaloChannel(BotCore(settings, zalo_core.engine, clock=zalo_core.clock))
    app = create_web_app(zalo_core.engine, routes=[channel.route()])
    event_id = await make_event(seats={"Sở Tài chính": 1})
    token = await token_for(sessions, event_id, "Sở Tài chính")
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bot.test") as web:
        await say(
            web,
            channel,
            fake_zalo,
            USER,
            f"/start {token}",
            "#pii:reg:consent:yes",
            "Trần Văn Bình",
            "Chuyên viên",
        )
        card = fake_zalo.messages_to(USER)[-1]["attachment"]["payload"]
        assert card["template_type"] == "request_user_info" and card["elements"][0]["title"]
        await post_event(web, channel, submit_info_event(USER, "84987654321", "Trần Văn Bình"))
    summary = fake_zalo.texts_to(USER)[-1]
    assert "• Số điện thoại: +84987654321" in summary
    await channel.aclose()


async def test_a_new_follower_s_display_name_is_asked_of_zalo_once(
    web, zalo, fake_zalo: FakeZalo, sessions, make_event
):
    await make_event()
    fake_zalo.profiles["888"] = {"display_name": "Lê Thu Hà", "user_gender": 2}
    await say(web, zalo, fake_zalo, "888", "/trogiup", "/chuongtrinh")
    assert len(fake_zalo.calls_to("/user/detail")) == 1
    async with sessions() as session:
        identity = (await session.execute(select(Identity).where(Identity.external_id == "888"))).scalar_one()
    assert identity.display_name == "Lê Thu Hà"


async def test_follow_greets_like_start_when_the_oa_may_write_first(
    zalo_core, fake_zalo: FakeZalo, make_event
):
    await make_event()
    settings = zalo_core.settings.model_copy(update={"zalo_proactive": True})
    channel = ZaloChannel(BotCore(settings, zalo_core.engine, clock=zalo_core.clock))
    app = create_web_app(zalo_core.engine, routes=[channel.route()])
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bot.test") as web:
        response = await post_event(web, channel, follow_event("777"))
    assert response.status_code == 200
    texts = fake_zalo.texts_to("777")
    assert len(texts) == 1 and "Hội thảo PII tỉnh Thử Nghiệm 2026" in texts[0]
    assert fake_zalo.calls_to("/message/cs")[-1].reply_to is None  # a follow has no message to answer
    await channel.aclose()


async def test_a_follow_greeting_with_no_route_is_recorded_not_lost(
    web, zalo, fake_zalo: FakeZalo, make_event
):
    await make_event()
    await post_event(web, zalo, follow_event("778"))
    assert fake_zalo.texts_to("778") == []
    await zalo.drain_outbox()
    async with zalo.core.sessions() as session:
        held = (await session.execute(select(OutboxMessage))).scalar_one()
        steps = (await session.execute(select(OutboxRoute))).scalars().all()
    assert held.status == DeliveryStatus.UNREACHABLE
    assert [(s.channel, s.reason) for s in steps] == [("zalo", "zalo.window")]
