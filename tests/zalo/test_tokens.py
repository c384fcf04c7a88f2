"""The OA token: refreshed before it expires, the rotated pair stored (a restart and a second worker
use it), two concurrent refreshes rotate once, a refused token is refreshed and the call tried once more."""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest
from sqlalchemy import select

from bot.app import BotCore
from bot.channels.zalo import ZaloChannel
from bot.channels.zalo_api import ZaloApi, ZaloApiError
from bot.channels.zalo_tokens import TokenStore
from bot.messages import Reply
from storage.zalo_models import ZaloToken
from tests.conftest import NOW
from tests.fakes.zalo_api import APP_ID, FakeZalo

pytestmark = pytest.mark.db


@pytest.fixture
def zalo_settings(zalo_settings):  # type: ignore[no-untyped-def]
    """A verified OA that may write first: these tests push to users who have not written."""
    return zalo_settings.model_copy(update={"zalo_proactive": True})


USER = "9081726354"


class Clock:
    """A clock the test moves forward."""

    def __init__(self, now: dt.datetime = NOW) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


async def _stored(sessions) -> ZaloToken:  # type: ignore[no-untyped-def]
    async with sessions() as session:
        return (await session.execute(select(ZaloToken).where(ZaloToken.app_id == APP_ID))).scalar_one()


def _store(zalo_settings, sessions, clock=None) -> TokenStore:  # type: ignore[no-untyped-def]
    """A token store as another worker process would have it (its own HTTP client)."""
    return TokenStore(sessions, zalo_settings, ZaloApi(zalo_settings), clock or (lambda: NOW))


async def test_first_send_refreshes_with_the_configured_token_and_stores_the_new_pair(
    zalo: ZaloChannel, fake_zalo: FakeZalo, sessions
):
    await zalo.send(USER, [Reply(text="Xin chào")])
    await zalo.send(USER, [Reply(text="Lần hai")])
    assert len(fake_zalo.calls_to("/access_token")) == 1
    assert fake_zalo.texts_to(USER) == ["Xin chào", "Lần hai"]
    row = await _stored(sessions)
    assert (row.access_token, row.refresh_token, row.version) == ("access-1", "refresh-1", 1)
    assert row.expires_at == NOW + dt.timedelta(seconds=90000)
    # The message calls carried the access token in their header.
    assert {c.headers["access_token"] for c in fake_zalo.calls_to("/message/cs")} == {"access-1"}


async def test_refresh_before_expiry_and_a_restart_uses_the_stored_pair(
    zalo_core: BotCore, fake_zalo: FakeZalo, sessions
):
    clock = Clock()
    first = ZaloChannel(zalo_core, clock=clock)
    await first.send(USER, [Reply(text="1")])
    await first.aclose()
    # A restart (a new channel, nothing in memory) uses the stored token without asking Zalo.
    clock.now = NOW + dt.timedelta(hours=10)
    second = ZaloChannel(zalo_core, clock=clock)
    await second.send(USER, [Reply(text="2")])
    assert len(fake_zalo.calls_to("/access_token")) == 1
    # Within the margin (300 s) of expiry, the stored refresh token (not the configured, used one) renews it.
    clock.now = NOW + dt.timedelta(seconds=90000 - 200)
    await second.send(USER, [Reply(text="3")])
    await second.aclose()
    tokens = fake_zalo.calls_to("/access_token")
    assert [c.body["refresh_token"] for c in tokens] == ["refresh-0", "refresh-1"]
    assert all(c.accepted for c in tokens)
    row = await _stored(sessions)
    assert (row.refresh_token, row.version) == ("refresh-2", 2)
    assert fake_zalo.texts_to(USER) == ["1", "2", "3"]


async def test_two_workers_refreshing_at_once_rotate_once(zalo_settings, fake_zalo: FakeZalo, sessions):
    fake_zalo.token_delay = 0.3
    a, b = _store(zalo_settings, sessions), _store(zalo_settings, sessions)
    first, second = await asyncio.gather(a.current(), b.current())
    assert first.value == second.value == "access-1"
    assert len(fake_zalo.calls_to("/access_token")) == 1
    # Later, both find the token expiring at the same moment: still one rotation.
    late = NOW + dt.timedelta(seconds=90000 - 10)
    c, d = _store(zalo_settings, sessions, lambda: late), _store(zalo_settings, sessions, lambda: late)
    third, fourth = await asyncio.gather(c.current(), d.current())
    assert third.value == fourth.value == "access-2"
    assert [t.body["refresh_token"] for t in fake_zalo.calls_to("/access_token")] == [
        "refresh-0",
        "refresh-1",
    ]
    assert (await _stored(sessions)).version == 2
    for store in (a, b, c, d):
        await store.api.aclose()


async def test_a_refused_access_token_is_refreshed_and_the_call_tried_once_more(
    zalo: ZaloChannel, fake_zalo: FakeZalo, sessions
):
    await zalo.send(USER, [Reply(text="trước")])
    fake_zalo.fail_next(-216)
    await zalo.send(USER, [Reply(text="sau khi làm mới")])
    assert fake_zalo.texts_to(USER) == ["trước", "sau khi làm mới"]
    assert len(fake_zalo.calls_to("/access_token")) == 2
    assert (await _stored(sessions)).version == 2
    # Refused twice in a row: one refresh, one retry, then the error is the outbox's to retry later.
    fake_zalo.fail_next(-220, times=2)
    with pytest.raises(ZaloApiError) as refused:
        await zalo.send(USER, [Reply(text="không gửi được")])
    assert refused.value.code == -220
    assert len(fake_zalo.calls_to("/access_token")) == 3


async def test_a_refused_refresh_token_changes_nothing(zalo_settings, fake_zalo: FakeZalo, sessions):
    fake_zalo.valid_refresh_tokens.clear()
    store = _store(zalo_settings, sessions)
    with pytest.raises(ZaloApiError) as refused:
        await store.current()
    assert refused.value.code == -14014
    row = await _stored(sessions)
    assert (row.access_token, row.refresh_token, row.version) == (None, "refresh-0", 0)
    await store.api.aclose()


async def test_a_new_refresh_token_in_the_environment_replaces_the_stored_pair(
    zalo_settings, fake_zalo: FakeZalo, sessions
):
    store = _store(zalo_settings, sessions)
    await store.current()
    await store.api.aclose()
    # The operator re-authorised the app and put the new refresh token in the environment.
    fake_zalo.valid_refresh_tokens.add("operator-new")
    renewed = _store(zalo_settings.model_copy(update={"zalo_refresh_token": "operator-new"}), sessions)
    token = await renewed.current()
    assert token.value == "access-2"
    assert fake_zalo.calls_to("/access_token")[-1].body["refresh_token"] == "operator-new"
    # The same value again is not a new grant: the stored pair wins.
    again = _store(zalo_settings.model_copy(update={"zalo_refresh_token": "operator-new"}), sessions)
    assert (await again.current()).value == "access-2"
    assert len(fake_zalo.calls_to("/access_token")) == 2
    for s in (renewed, again):
        await s.api.aclose()
