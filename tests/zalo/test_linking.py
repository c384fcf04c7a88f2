"""One person, two channels: /lienket on Telegram gives a code, /lienket <code> on Zalo joins the
accounts; notices then go to the channel the person used last."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import func, select

from bot.app import BotCore
from bot.messages import Inbound, Reply
from bot.outbox.delivery import enqueue_for_person
from storage.enums import Channel
from storage.models import Identity, OutboxMessage, Person
from storage.rsvp_models import Registration
from tests.conftest import NOW
from tests.fakes.zalo_api import FakeZalo
from tests.rsvp.helpers import rsvp
from tests.zalo.conftest import say

pytestmark = pytest.mark.db

TG_USER, ZALO_USER = "424242", "8642097531"


async def _code_on_telegram(core: BotCore, text: str = "/lienket") -> str:
    replies = await core.handle(Inbound(channel=Channel.TELEGRAM, user_id=TG_USER, text=text))
    found = re.search(r"Mã liên kết của Quý vị: ([A-Z0-9]{8})", replies[0].text)
    assert found is not None, replies[0].text
    return found.group(1)


async def _people(sessions) -> dict[Channel, int]:  # type: ignore[no-untyped-def]
    async with sessions() as session:
        return dict((await session.execute(select(Identity.channel, Identity.person_id))).all())


async def _notice_goes_to(sessions, person_id: int) -> Channel:  # type: ignore[no-untyped-def]
    async with sessions() as session, session.begin():
        message = await enqueue_for_person(session, person_id, [Reply(text="Thông báo")], kind="test")
        assert message is not None
        identity = await session.get(Identity, message.identity_id)
        return identity.channel  # type: ignore[union-attr]


async def test_linking_joins_the_accounts_and_notices_follow_the_last_used_channel(
    web, zalo, zalo_core: BotCore, fake_zalo: FakeZalo, sessions
):
    code = await _code_on_telegram(zalo_core)
    text = await say(web, zalo, fake_zalo, ZALO_USER, f"/lienket {code.lower()}")
    assert "Đã liên kết tài khoản Telegram và Zalo của Quý vị." in text
    people = await _people(sessions)
    assert people[Channel.TELEGRAM] == people[Channel.ZALO]
    async with sessions() as session:
        assert await session.scalar(select(func.count()).select_from(Person)) == 1
    person_id = people[Channel.ZALO]
    assert await _notice_goes_to(sessions, person_id) == Channel.ZALO  # Zalo was used last
    async with sessions() as session, session.begin():
        # Some minutes pass (last use is kept to the minute), then the person writes on Telegram.
        for identity in (await session.execute(select(Identity))).scalars():
            identity.last_seen_at -= dt.timedelta(minutes=5)
    await zalo_core.handle(Inbound(channel=Channel.TELEGRAM, user_id=TG_USER, text="/trogiup"))
    assert await _notice_goes_to(sessions, person_id) == Channel.TELEGRAM
    # The code worked once.
    again = await say(web, zalo, fake_zalo, "1010101010", f"/lienket {code}")
    assert "Mã liên kết không đúng hoặc đã hết hạn." in again


async def test_the_registered_person_is_kept(
    web, zalo, zalo_core: BotCore, fake_zalo: FakeZalo, sessions, make_event
):
    event_id = await make_event()
    await say(web, zalo, fake_zalo, ZALO_USER, "/trogiup")
    zalo_person = (await _people(sessions))[Channel.ZALO]
    async with sessions() as session, session.begin():
        person = await session.get(Person, zalo_person)
        person.full_name, person.phone, person.consent_at = "Lê Văn C", "+84912000333", NOW  # type: ignore[union-attr]
    await rsvp(sessions, event_id, zalo_person, "UBND tỉnh")
    code = await _code_on_telegram(zalo_core)
    await say(web, zalo, fake_zalo, ZALO_USER, f"/lienket {code}")
    people = await _people(sessions)
    assert people == {Channel.TELEGRAM: zalo_person, Channel.ZALO: zalo_person}
    async with sessions() as session:
        assert (await session.execute(select(Registration.person_id))).scalar_one() == zalo_person
    me = await zalo_core.handle(Inbound(channel=Channel.TELEGRAM, user_id=TG_USER, text="/toi"))
    assert "Lê Văn C" in me[0].text


async def test_both_registered_for_one_event_is_refused(
    web, zalo, zalo_core: BotCore, fake_zalo, sessions, make_event
):
    event_id = await make_event()
    await say(web, zalo, fake_zalo, ZALO_USER, "/trogiup")
    await zalo_core.handle(Inbound(channel=Channel.TELEGRAM, user_id=TG_USER, text="/trogiup"))
    people = await _people(sessions)
    for person_id in people.values():
        await rsvp(sessions, event_id, person_id, "Sở Khoa học và Công nghệ")
    code = await _code_on_telegram(zalo_core)
    text = await say(web, zalo, fake_zalo, ZALO_USER, f"/lienket {code}")
    assert "Cả hai tài khoản đều đã đăng ký cùng một sự kiện" in text
    assert await _people(sessions) == people


async def test_wrong_channel_expired_and_unknown_codes_are_refused(
    zalo_settings, engine, zalo_core: BotCore, sessions
):
    code = await _code_on_telegram(zalo_core)
    same = await zalo_core.handle(Inbound(channel=Channel.TELEGRAM, user_id="other", text=f"/lienket {code}"))
    assert "cần được gửi trên kênh còn lại" in same[0].text
    later = BotCore(zalo_settings, engine, clock=lambda: NOW + dt.timedelta(minutes=11))
    expired = await later.handle(Inbound(channel=Channel.ZALO, user_id=ZALO_USER, text=f"/lienket {code}"))
    assert "đã hết hạn" in expired[0].text
    unknown = await zalo_core.handle(
        Inbound(channel=Channel.ZALO, user_id=ZALO_USER, text="/lienket ABCDEFGH")
    )
    assert "Mã liên kết không đúng" in unknown[0].text
    async with sessions() as session:
        assert await session.scalar(select(func.count()).select_from(OutboxMessage)) == 0
        # Nothing was joined: every account still has a person of its own.
        rows = (await session.execute(select(Identity.person_id))).scalars().all()
        assert len(rows) == len(set(rows)) == await session.scalar(select(func.count()).select_from(Person))
