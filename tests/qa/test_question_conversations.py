"""Questions in plain words through the real console channel, on a real database."""

from __future__ import annotations

import datetime as dt
import io

import icalendar
import pytest
from sqlalchemy import select

from bot.app import BotCore
from bot.channels.console import ConsoleChannel
from bot.domain.plan.draft import VenueDraft
from bot.messages import Inbound
from bot.outbox.delivery import body_to_replies
from storage.enums import Channel, RoleKind
from storage.models import FaqEntry, ForwardedQuestion, Identity, OutboxMessage, Role

pytestmark = pytest.mark.db


class Person:
    """One console user who keeps their numbered buttons between lines."""

    def __init__(self, core: BotCore, user_id: str) -> None:
        self.out = io.StringIO()
        self.console = ConsoleChannel(core, self.out, user_id=user_id)

    async def say(self, *lines: str) -> str:
        """Type lines and return what was printed for them."""
        start = len(self.out.getvalue())
        for line in lines:
            await self.console.feed(line)
        return self.out.getvalue()[start:]


async def _make_organiser(sessions, event_id: int, user_id: str) -> int:  # type: ignore[no-untyped-def]
    async with sessions() as session, session.begin():
        identity = (
            await session.execute(
                select(Identity).where(Identity.channel == Channel.CONSOLE, Identity.external_id == user_id)
            )
        ).scalar_one()
        session.add(Role(event_id=event_id, person_id=identity.person_id, kind=RoleKind.ORGANISER))
        return identity.id


async def _outbox(sessions, identity_id: int | None = None) -> list[OutboxMessage]:  # type: ignore[no-untyped-def]
    async with sessions() as session:
        query = select(OutboxMessage).order_by(OutboxMessage.id)
        if identity_id is not None:
            query = query.where(OutboxMessage.identity_id == identity_id)
        return list((await session.execute(query)).scalars())


def _text(message: OutboxMessage) -> str:
    return "\n".join(reply.text for reply in body_to_replies(message.body))


async def test_free_text_answers_in_vietnamese_and_english(core, make_event):
    await make_event()
    delegate = Person(core, "d1")
    text = await delegate.say("Hội thảo ở đâu vậy?")
    assert "Hội trường A, 1 Lê Lợi, phường Thử, tỉnh Thử Nghiệm" in text
    assert "📍 Vị trí: 16.810000, 107.100000" in text
    text = await delegate.say("giai lao luc may h")
    assert "10:00–10:15" in text and "Giải lao" in text
    text = await delegate.say("/lang en", "what time does it start")
    assert "26/11/2026" in text and "08:00–11:15" in text
    assert "Registration opens at 08:00." in text
    # A Vietnamese question from an English-speaking user is answered in English.
    text = await delegate.say("có chỗ gửi xe không")
    assert "Parking: Tầng hầm B1" in text


async def test_an_english_question_is_answered_in_english(core, make_event):
    await make_event()
    delegate = Person(core, "d1")
    text = await delegate.say("where is the venue?")
    assert "takes place at: Hội trường A, 1 Lê Lợi" in text
    text = await delegate.say("what is the wifi password?")
    assert "The organisers have not given this information (Wi-Fi) yet." in text
    assert "please contact the organisers directly" in text  # no organiser takes questions here


async def test_now_and_next_follow_the_clock_on_the_event_day(core, make_event):
    # The fixed clock says Friday 20/11/2026 09:00 in Hà Nội; hold the event that day.
    await make_event(date=dt.date(2026, 11, 20))
    delegate = Person(core, "d1")
    text = await delegate.say("bây giờ đang là phần gì?")
    assert "Lúc này (09:00) đang diễn ra:" in text
    assert "08:40–10:00  Tham luận về hạ tầng số" in text
    text = await delegate.say("phần tiếp theo là gì")
    assert "10:00–10:15  Giải lao" in text


async def test_unsure_question_is_forwarded_and_the_organiser_reply_comes_back(core, make_event, sessions):
    event_id = await make_event()
    organiser, delegate = Person(core, "org"), Person(core, "d1")
    await organiser.say("/start")
    await _make_organiser(sessions, event_id, "org")
    text = await delegate.say("Ban tổ chức có hỗ trợ chi phí đi lại không?")
    # The event's data does not hold it: the bot says it does not know rather than guessing.
    assert "Tôi không biết" in text
    assert "Tôi đã chuyển câu hỏi tới Ban Tổ chức" in text
    assert "📋 Chương trình" in text  # the menu is offered
    async with sessions() as session:
        org_identity = (
            await session.execute(select(Identity).where(Identity.external_id == "org"))
        ).scalar_one()
        asker = (await session.execute(select(Identity).where(Identity.external_id == "d1"))).scalar_one()
        forwarded = (await session.execute(select(ForwardedQuestion))).scalar_one()
    [to_organiser] = await _outbox(sessions, org_identity.id)
    assert "hỗ trợ chi phí đi lại" in _text(to_organiser)
    buttons = body_to_replies(to_organiser.body)[0].buttons
    assert buttons[0][0].payload == f"qa:reply:{forwarded.id}"
    assert len(buttons[0][0].payload.encode()) < 64

    # The organiser presses "Trả lời" on the delivered message and types the answer.
    replies = await core.handle(_press("org", buttons[0][0].payload))
    assert "Xin gõ câu trả lời" in replies[0].text
    text = await organiser.say("Ban Tổ chức hỗ trợ tiền xe theo quy định, xin gửi vé cho Văn phòng Sở.")
    assert "Đã gửi câu trả lời tới đại biểu." in text
    [to_asker] = await _outbox(sessions, asker.id)
    assert "hỗ trợ tiền xe theo quy định" in _text(to_asker)
    assert "hỗ trợ chi phí đi lại" in _text(to_asker)

    # "Lưu thành câu hỏi thường gặp": the same question is now answered from the FAQ.
    text = await organiser.say("1")
    assert "Đã lưu thành câu hỏi thường gặp" in text
    async with sessions() as session:
        assert len((await session.execute(select(FaqEntry))).scalars().all()) == 1
    text = await delegate.say("ban to chuc co ho tro chi phi di lai khong")
    assert "hỗ trợ tiền xe theo quy định" in text
    assert "Xin lỗi" not in text


async def test_only_organisers_may_reply_or_save(core, make_event, sessions):
    event_id = await make_event()
    organiser, delegate = Person(core, "org"), Person(core, "d1")
    await organiser.say("/start")
    await _make_organiser(sessions, event_id, "org")
    await delegate.say("Có phát quà lưu niệm cho đại biểu không?")
    async with sessions() as session:
        forwarded = (await session.execute(select(ForwardedQuestion))).scalar_one()
    before = len(await _outbox(sessions))
    for payload in (f"qa:reply:{forwarded.id}", f"qa:faq:{forwarded.id}"):
        replies = await core.handle(_press("d2", payload))
        assert "chỉ cán bộ Ban Tổ chức" in replies[0].text
    async with sessions() as session:
        statuses = list((await session.execute(select(ForwardedQuestion.status))).scalars())
        assert statuses == ["open"]
        assert (await session.execute(select(FaqEntry))).first() is None
    assert len(await _outbox(sessions)) == before


def _press(user_id: str, payload: str) -> Inbound:
    """A pressed button, as a channel delivers it."""
    return Inbound(channel=Channel.CONSOLE, user_id=user_id, payload=payload)


async def test_ics_is_a_parseable_calendar(core, make_event, settings):
    await make_event()
    replies = await core.handle(_press("d1", "cmd:ics"))
    [file] = replies[0].files
    assert file.filename.endswith(".ics") and file.mime_type == "text/calendar"
    calendar = icalendar.Calendar.from_ical(file.data)
    [event] = calendar.walk("VEVENT")
    start = event.decoded("dtstart")
    assert start.replace(tzinfo=None) == dt.datetime(2026, 11, 26, 8, 0)
    assert start.utcoffset() == dt.timedelta(hours=7)
    assert str(event["summary"]) == "Hội thảo PII tỉnh Thử Nghiệm 2026"
    assert "Hội trường A" in str(event["location"])
    assert "Giải lao" in str(event["description"])
    # The same file from the Vietnamese command, and a stable UID.
    again = await core.handle(ConsoleChannel(core, io.StringIO(), user_id="d1").inbound_for("/lich"))
    assert icalendar.Calendar.from_ical(again[0].files[0].data).walk("VEVENT")[0]["uid"] == event["uid"]


async def test_ics_without_a_date_says_so(core, make_event):
    await make_event(date=None, date_note="...../6/2024")
    replies = await core.handle(_press("d1", "cmd:ics"))
    assert not replies[0].files
    assert "chưa ấn định ngày (...../6/2024)" in replies[0].text


async def test_agenda_offers_the_calendar_button(core, make_event):
    await make_event()
    out = io.StringIO()
    await ConsoleChannel(core, out, user_id="d1").feed("/agenda")
    assert "📅 Lịch (.ics)" in out.getvalue()


async def test_where_without_coordinates_sends_no_pin(core, make_event):
    await make_event(venue=VenueDraft(name="Hội trường B", address="2 Trần Hưng Đạo"))
    replies = await core.handle(
        ConsoleChannel(core, io.StringIO(), user_id="d1").inbound_for("where is the venue")
    )
    assert "Hội trường B, 2 Trần Hưng Đạo" in replies[0].text
    assert replies[0].location is None


async def test_an_agencys_seats_are_answered_from_the_stored_quotas(core, make_event):
    await make_event(seats={"Sở Tài chính": 3, "Sở Khoa học và Công nghệ": 5})
    delegate = Person(core, "d7")
    text = await delegate.say("Sở Tài chính được mấy chỗ ạ")
    assert "Sở Tài chính: 3" in text
    # an agency the event does not invite has no seats to tell
    text = await delegate.say("Sở Y tế được mấy chỗ ạ")
    assert "🪑" not in text and "Sở Y tế:" not in text
