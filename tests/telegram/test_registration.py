"""The whole registration, from the invitation deep link to a confirmed seat, on Telegram."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.domain.registration.invitations import agency_invitations
from storage.enums import RoleKind
from storage.models import Person, Role
from storage.rsvp_models import Registration, RegistrationStatus
from tests.fakes.telegram_api import BOT_USERNAME, FakeBotApi, callback_update, message_update

pytestmark = pytest.mark.db

DELEGATE, COLLEAGUE, ORGANISER = 601, 602, 603


def _payloads(api: FakeBotApi, chat_id: int) -> list[str]:
    """Callback data of every inline button the bot sent to a chat, newest last."""
    out = []
    for call in api.calls_to("sendMessage", chat_id=chat_id):
        markup = call.params.get("reply_markup") or {}
        out += [b.get("callback_data") for row in markup.get("inline_keyboard", []) for b in row]
    return [p for p in out if p]


async def _count(api: FakeBotApi, chat_id: int, n: int) -> list[str]:
    return await api.wait_for(lambda: len(api.texts_to(chat_id)) >= n and api.texts_to(chat_id))


async def test_deep_link_to_confirmed_seat_then_hand_over(polling: FakeBotApi, sessions, make_event):
    event_id = await make_event(seats={"Sở Tài chính": 1})
    async with sessions() as session, session.begin():
        token = next(
            i.token for q, i in await agency_invitations(session, event_id) if q.agency.name == "Sở Tài chính"
        )
        organiser = Person(full_name="BTC")
        session.add(organiser)
        await session.flush()
        session.add(Role(event_id=event_id, person_id=organiser.id, kind=RoleKind.ORGANISER))

    polling.push(message_update(DELEGATE, f"/start {token}"))
    texts = await _count(polling, DELEGATE, 2)
    assert "Kính mời Quý đại biểu của Sở Tài chính" in texts[0] and "Nghị định 13/2023" in texts[1]
    polling.push(callback_update(DELEGATE, "reg:consent:yes"))
    await _count(polling, DELEGATE, 3)
    polling.push(message_update(DELEGATE, "Nguyễn Thị Lan"))
    await _count(polling, DELEGATE, 4)
    polling.push(message_update(DELEGATE, "Phó Giám đốc"))
    texts = await _count(polling, DELEGATE, 5)
    # The phone is asked with Telegram's own contact button.
    keyboard = polling.calls_to("sendMessage", chat_id=DELEGATE)[-1].params["reply_markup"]
    assert keyboard["keyboard"][0][0]["request_contact"] is True
    polling.push(
        message_update(
            DELEGATE, contact={"phone_number": "84912345678", "first_name": "Lan", "user_id": DELEGATE}
        )
    )
    texts = await _count(polling, DELEGATE, 6)
    assert "• Số điện thoại: +84912345678" in texts[-1]
    polling.push(callback_update(DELEGATE, "reg:confirm"))
    await _count(polling, DELEGATE, 8)
    attend = next(p for p in _payloads(polling, DELEGATE) if p.startswith("rsvp:yes:"))
    polling.push(callback_update(DELEGATE, attend))
    polling.push(callback_update(DELEGATE, attend))  # a double tap changes nothing twice
    texts = await _count(polling, DELEGATE, 10)
    assert "Cảm ơn Quý vị đã xác nhận tham dự" in texts[8]
    assert "Câu trả lời của Quý vị không thay đổi" in texts[9]
    async with sessions() as session:
        registration = (await session.execute(select(Registration))).scalar_one()
        assert registration.status == RegistrationStatus.CONFIRMED

    # The hand-over link is a Telegram deep link.
    polling.push(message_update(DELEGATE, "/nhuongcho"))
    texts = await _count(polling, DELEGATE, 11)
    link = texts[-1].rsplit("\n", 1)[-1]
    assert link.startswith(f"https://t.me/{BOT_USERNAME}?start=")
    polling.push(message_update(COLLEAGUE, f"/start {link.split('start=', 1)[1]}"))
    await _count(polling, COLLEAGUE, 2)
    for update in (
        callback_update(COLLEAGUE, "reg:consent:yes"),
        message_update(COLLEAGUE, "Trần Văn Nam"),
        message_update(COLLEAGUE, "Chuyên viên"),
        message_update(COLLEAGUE, "0987 654 321"),
    ):
        count = len(polling.texts_to(COLLEAGUE))
        polling.push(update)
        await _count(polling, COLLEAGUE, count + 1)
    polling.push(callback_update(COLLEAGUE, "reg:confirm"))
    texts = await _count(polling, COLLEAGUE, 7)
    assert any("Quý vị đã nhận chỗ tham dự" in t for t in texts)
    # The first delegate is told through the outbox, which the running bot drains.
    texts = await _count(polling, DELEGATE, 12)
    assert "đã được chuyển cho Trần Văn Nam" in texts[-1]
    async with sessions() as session:
        statuses = sorted(s.value for s in (await session.execute(select(Registration.status))).scalars())
    assert statuses == ["cancelled", "confirmed"]
