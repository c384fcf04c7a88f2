"""Focal-point roles by phone: a typed phone waits for an organiser's approval; only a contact the
messenger vouches for as the sender's own gives the role at once."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.app import BotCore
from bot.messages import Contact, Inbound
from bot.outbox.delivery import body_to_replies
from storage.enums import Channel, RoleKind
from storage.models import Identity, OutboxMessage, Role
from tests.console import talk
from tests.indicators.conftest import Campaign
from tests.rsvp.helpers import make_person

pytestmark = pytest.mark.db
PHONE = "0912 345 678"


async def press(core: BotCore, user: str, payload: str) -> str:
    """Press a button as a console user."""
    return "\n".join(
        r.text for r in await core.handle(Inbound(channel=Channel.CONSOLE, user_id=user, payload=payload))
    )


async def focal_agency(sessions, person_id: int) -> int | None:  # type: ignore[no-untyped-def]
    """The agency whose focal point the person is, if any."""
    async with sessions() as session:
        return (
            await session.execute(
                select(Role.agency_id).where(Role.person_id == person_id, Role.kind == RoleKind.FOCAL_POINT)
            )
        ).scalar_one_or_none()


async def queued_buttons(sessions, person_id: int) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """(text, payload) of every button queued for a person."""
    async with sessions() as session:
        bodies = (
            await session.execute(
                select(OutboxMessage.body).join(Identity).where(Identity.person_id == person_id)
            )
        ).scalars()
        return [
            (r.text, b.payload)
            for body in bodies
            for r in body_to_replies(body)
            for row in r.buttons
            for b in row
        ]


async def queued_texts(sessions, person_id: int) -> list[str]:  # type: ignore[no-untyped-def]
    """Texts queued for a person."""
    async with sessions() as session:
        bodies = (
            await session.execute(
                select(OutboxMessage.body).join(Identity).where(Identity.person_id == person_id)
            )
        ).scalars()
        return [r.text for body in bodies for r in body_to_replies(body)]


async def test_a_typed_phone_waits_for_an_organiser_who_approves(core, sessions, campaign: Campaign):
    await talk(core, f"/themdaumoi Sở Tài chính | {PHONE}", user="org")
    stranger = await make_person(sessions, "stranger", "Người Lạ")
    await talk(core, "/tiendo", user="stranger")
    text = await talk(core, "0912345678", user="stranger")
    assert "Ban Tổ chức sẽ xác nhận" in text
    assert await focal_agency(sessions, stranger) is None  # no role, no indicators
    assert "Các chỉ số" not in await talk(core, "/tiendo", user="stranger")
    buttons = await queued_buttons(sessions, campaign.organiser)
    approve = next(p for _, p in buttons if p.startswith("fp:approve:"))
    assert any("xin nhận vai trò cán bộ đầu mối của Sở Tài chính" in t for t, _ in buttons)
    # Somebody else cannot approve, even with the button's payload.
    assert "chỉ dành cho Ban Tổ chức" in await press(core, "stranger", approve)
    assert await focal_agency(sessions, stranger) is None
    assert "Đã đồng ý" in await press(core, "org", approve)
    assert await focal_agency(sessions, stranger) == campaign.agency_b
    assert any(
        "đã đăng ký Quý vị làm cán bộ đầu mối của Sở Tài chính" in t
        for t in await queued_texts(sessions, stranger)
    )
    assert "đã được xử lý" in await press(core, "org", approve)  # a second press changes nothing


async def test_a_refused_request_gives_nothing(core, sessions, campaign: Campaign):
    await talk(core, f"/themdaumoi Sở Tài chính | {PHONE}", user="org")
    stranger = await make_person(sessions, "stranger", "Người Lạ")
    await talk(core, "/tiendo", "0912345678", user="stranger")
    refuse = next(
        p for _, p in await queued_buttons(sessions, campaign.organiser) if p.startswith("fp:refuse:")
    )
    assert "Đã từ chối" in await press(core, "org", refuse)
    assert await focal_agency(sessions, stranger) is None
    assert any("chưa xác nhận Quý vị" in t for t in await queued_texts(sessions, stranger))


async def test_an_own_contact_gives_the_role_at_once(core, sessions, campaign: Campaign):
    await talk(core, f"/themdaumoi Sở Tài chính | {PHONE}", user="org")
    person = await make_person(sessions, "owner", "Chủ Số")
    await talk(core, "/tiendo", user="owner")
    own = Contact("+84912345678", "owner", "Chủ")
    replies = await core.handle(Inbound(channel=Channel.CONSOLE, user_id="owner", contact=own))
    assert "Các chỉ số Sở Tài chính cần cung cấp" in "\n".join(r.text for r in replies)
    assert await focal_agency(sessions, person) == campaign.agency_b


async def test_a_phone_typed_at_registration_is_not_matched_by_an_organisers_entry(
    core, sessions, campaign: Campaign
):
    person = await make_person(sessions, "typist", "Người Gõ")
    async with sessions() as session, session.begin():
        from storage.models import Person

        (await session.get(Person, person)).phone = "+84912345678"  # typed, never vouched for
    text = await talk(core, f"/themdaumoi Sở Tài chính | {PHONE}", user="org")
    assert "Đã ghi nhận số +84912345678" in text  # kept pending, not given
    assert await focal_agency(sessions, person) is None
    assert "Các chỉ số" not in await talk(core, "/tiendo", user="typist")
    assert await focal_agency(sessions, person) is None


async def test_a_forged_button_id_is_refused_politely(core, campaign: Campaign):
    for payload in ("fp:approve:" + "9" * 30, "fp:refuse:-1", "fp:approve:١٢"):
        assert "đã được xử lý" in await press(core, "org", payload)
