"""Telegram command menus per role: organisers' private chats get the organisers' menu (at start,
and as soon as someone becomes an organiser); everyone else keeps the delegates' menu."""

from __future__ import annotations

import pytest

from bot.domain.registration.invitations import create_invitation
from storage import repositories as repo
from storage.enums import Channel, RoleKind
from storage.models import Role
from storage.rsvp_models import InvitationKind
from tests.fakes.telegram_api import FakeBotApi, message_update

pytestmark = pytest.mark.db
ORGANISER, DELEGATE, NEWCOMER = 601, 602, 603


def _chat_menus(api: FakeBotApi) -> dict[str, list[str]]:
    menus = {}
    for call in api.calls_to("setMyCommands"):
        scope = call.params.get("scope") or {}
        if isinstance(scope, dict) and scope.get("type") == "chat":
            menus[str(scope["chat_id"])] = [c["command"] for c in call.params["commands"]]
    return menus


async def test_organisers_get_their_menu_when_the_bot_starts(channel, fake_api, sessions, make_event):
    event_id = await make_event()
    async with sessions() as session, session.begin():
        for user, kind in ((ORGANISER, RoleKind.ORGANISER), (DELEGATE, RoleKind.DELEGATE)):
            identity, _ = await repo.identity_for(session, Channel.TELEGRAM, str(user), None, "vi")
            session.add(Role(event_id=event_id, person_id=identity.person_id, kind=kind))
    await channel.set_commands()
    menus = _chat_menus(fake_api)
    assert list(menus) == [str(ORGANISER)]  # the delegate keeps the public menu
    menu = menus[str(ORGANISER)]
    assert menu[:4] == ["tochuc", "chuongtrinh", "trogiup", "huy"]
    for command in (
        "loimoi",
        "choduyet",
        "tonghop",
        "diemdanh",
        "xuatbaocao",
        "kynhan",
        "thongbao",
        "duyet",
    ):
        assert command in menu
    assert len(menu) == len(set(menu)) <= 100
    public = next(
        c
        for c in fake_api.calls_to("setMyCommands")
        if c.params.get("language_code") == "vi" and not c.params.get("scope")
    )
    assert "tochuc" not in [c["command"] for c in public.params["commands"]]


async def test_a_new_organiser_gets_the_menu_after_opening_the_link(polling, sessions, make_event):
    event_id = await make_event()
    async with sessions() as session, session.begin():
        token = (await create_invitation(session, event_id, InvitationKind.ORGANISER, max_uses=1)).token
    polling.push(message_update(NEWCOMER, "/agenda"))
    await polling.wait_for(lambda: polling.texts_to(NEWCOMER))
    assert str(NEWCOMER) not in _chat_menus(polling)
    polling.push(message_update(NEWCOMER, f"/start {token}"))
    await polling.wait_for(lambda: str(NEWCOMER) in _chat_menus(polling))
    menu = _chat_menus(polling)[str(NEWCOMER)]
    assert "choduyet" in menu and "tonghop" in menu
