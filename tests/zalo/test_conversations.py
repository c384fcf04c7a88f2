"""The Telegram conversations, run through Zalo: registration from a typed /start token, RSVP by
numbered choices, /toi, a question in plain words, the programme; buttons as Zalo renders them."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from storage.enums import Channel
from storage.models import Identity, Person
from storage.rsvp_models import Registration, RegistrationStatus
from tests.fakes.zalo_api import FakeZalo, follow_event
from tests.rsvp.test_registration_conversation import token_for
from tests.zalo.conftest import post_event, say

pytestmark = pytest.mark.db

USER = "2468013579"


async def test_registration_rsvp_status_question_and_agenda(web, zalo, fake_zalo: FakeZalo, sessions, make_event):
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
    text = await say(web, zalo, fake_zalo, USER, buttons[0]["payload"], "Nguyễn Thị Minh Anh", "Phó Giám đốc",
                     "0912 345 678")  # fmt: skip
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
        identity = (await session.execute(select(Identity).where(Identity.person_id == person.id))).scalar_one()
        assert (identity.channel, identity.external_id, person.phone) == (Channel.ZALO, USER, "+84912345678")
    me = await say(web, zalo, fake_zalo, USER, "/toi")
    assert "Tình trạng: đã xác nhận tham dự" in me and "+84912345678" in me
    where = await say(web, zalo, fake_zalo, USER, "hội thảo ở đâu")
    assert "Hội trường A" in where and "1 Lê Lợi" in where
    agenda = await say(web, zalo, fake_zalo, USER, "/chuongtrinh")
    assert "Chương trình: Hội thảo PII tỉnh Thử Nghiệm 2026" in agenda and "Khai mạc" in agenda


async def test_follow_greets_like_start(web, zalo, fake_zalo: FakeZalo, make_event):
    await make_event()
    response = await post_event(web, zalo, follow_event("777"))
    assert response.status_code == 200
    texts = fake_zalo.texts_to("777")
    assert len(texts) == 1 and "Hội thảo PII tỉnh Thử Nghiệm 2026" in texts[0]
