"""The OA's token pair kept alive between workshops (a scheduled rotation, an alert before it
would lapse) and `pii-bot zalo authorize` (OAuth v4 with PKCE), against the fake Zalo server."""

from __future__ import annotations

import asyncio
import datetime as dt
import urllib.parse

import pytest
from sqlalchemy import select, update

from bot.channels.zalo import ZaloChannel
from bot.channels.zalo_api import ZaloApi, ZaloApiError
from bot.channels.zalo_authorize import authorize, code_from, new_grant
from bot.channels.zalo_keepalive import keep_token_alive
from bot.channels.zalo_tokens import TokenStore
from bot.cli.zalo import authorize_oa
from bot.i18n import translator
from bot.messages import Reply
from storage import repositories as repo
from storage.enums import Channel, RoleKind
from storage.models import OutboxMessage, Role
from storage.zalo_models import ZaloToken
from tests.conftest import NOW
from tests.fakes.zalo_api import APP_ID, FakeZalo, pkce_challenge

pytestmark = pytest.mark.db

REDIRECT = "https://bot.example.gov.vn/zalo/callback"


@pytest.fixture
def zalo_settings(zalo_settings):  # type: ignore[no-untyped-def]
    """A verified OA with its callback address registered."""
    return zalo_settings.model_copy(
        update={
            "zalo_proactive": True,
            "zalo_redirect_uri": REDIRECT,
            "zalo_permission_url": "https://oauth.zaloapp.com/v4/oa/permission",
        }
    )


def _store(zalo_settings, sessions, now: dt.datetime) -> TokenStore:  # type: ignore[no-untyped-def]
    return TokenStore(sessions, zalo_settings, ZaloApi(zalo_settings), lambda: now)


async def _row(sessions) -> ZaloToken:  # type: ignore[no-untyped-def]
    async with sessions() as session:
        return (await session.execute(select(ZaloToken))).scalar_one()


async def _alerts(sessions) -> list[str]:  # type: ignore[no-untyped-def]
    async with sessions() as session:
        rows = await session.execute(select(OutboxMessage).where(OutboxMessage.kind == "zalo_alert"))
        return [m.body["replies"][0]["text"] for m in rows.scalars()]


async def _organiser(sessions, make_event) -> None:  # type: ignore[no-untyped-def]
    event_id = await make_event()
    async with sessions() as session, session.begin():
        identity, _ = await repo.identity_for(session, Channel.TELEGRAM, "9001", "Ban Tổ chức", "vi")
        session.add(Role(event_id=event_id, person_id=identity.person_id, kind=RoleKind.ORGANISER))


async def test_an_idle_oa_rotates_its_pair_on_schedule(zalo_settings, fake_zalo: FakeZalo, sessions):
    store = _store(zalo_settings, sessions, NOW)
    await store.current()  # seeded and rotated once: refresh-1
    assert (await keep_token_alive(store, NOW + dt.timedelta(days=29))).rotated is False
    later = NOW + dt.timedelta(days=31)
    idle = _store(zalo_settings, sessions, later)
    result = await keep_token_alive(idle, later)
    row = await _row(sessions)
    assert result.rotated and (row.refresh_token, row.refreshed_at, row.version) == ("refresh-2", later, 2)
    assert fake_zalo.valid_refresh_tokens == {"refresh-2"}  # the old one is dead, the new one stored
    assert result.lapses_at == later + dt.timedelta(days=90)
    assert (await keep_token_alive(idle, later + dt.timedelta(hours=1))).rotated is False
    for s in (store, idle):
        await s.api.aclose()


async def test_two_workers_keeping_alive_at_once_rotate_once(zalo_settings, fake_zalo: FakeZalo, sessions):
    first = _store(zalo_settings, sessions, NOW)
    await first.current()
    fake_zalo.token_delay = 0.3
    later = NOW + dt.timedelta(days=40)
    a, b = _store(zalo_settings, sessions, later), _store(zalo_settings, sessions, later)
    await asyncio.gather(keep_token_alive(a, later), keep_token_alive(b, later))
    assert [c.accepted for c in fake_zalo.calls_to("/access_token")] == [True, True]
    assert (await _row(sessions)).version == 2
    for s in (first, a, b):
        await s.api.aclose()


async def test_a_failed_rotation_alerts_the_organisers_once(
    zalo_settings, fake_zalo: FakeZalo, sessions, make_event
):
    await _organiser(sessions, make_event)
    store = _store(zalo_settings, sessions, NOW)
    await store.current()
    fake_zalo.valid_refresh_tokens.clear()  # revoked in the Zalo console, say
    later = NOW + dt.timedelta(days=31)
    idle = _store(zalo_settings, sessions, later)
    assert (await keep_token_alive(idle, later)).alerted
    await keep_token_alive(idle, later + dt.timedelta(hours=1))
    alerts = await _alerts(sessions)
    assert len(alerts) == 1 and "pii-bot zalo authorize" in alerts[0] and "-14014" in alerts[0]
    for s in (store, idle):
        await s.api.aclose()


async def test_organisers_hear_before_the_refresh_token_would_lapse(
    zalo_settings, fake_zalo: FakeZalo, sessions, make_event
):
    await _organiser(sessions, make_event)
    settings = zalo_settings.model_copy(update={"zalo_keepalive_days": 365})  # rotation off, say
    store = _store(settings, sessions, NOW)
    await store.current()
    assert (await keep_token_alive(store, NOW + dt.timedelta(days=75))).alerted is False
    result = await keep_token_alive(store, NOW + dt.timedelta(days=77))
    assert result.alerted and result.lapses_at == NOW + dt.timedelta(days=90)
    await keep_token_alive(store, NOW + dt.timedelta(days=78))
    alerts = await _alerts(sessions)
    assert alerts == [translator("vi")("zalo_oa.alert.token_lapse", date="18/02/2027")]
    await store.api.aclose()


def test_the_permission_url_carries_an_s256_challenge(zalo_settings):
    grant = new_grant(zalo_settings)
    url = urllib.parse.urlsplit(grant.url)
    query = dict(urllib.parse.parse_qsl(url.query))
    assert f"{url.scheme}://{url.netloc}{url.path}" == "https://oauth.zaloapp.com/v4/oa/permission"
    assert query == {
        "app_id": APP_ID,
        "redirect_uri": REDIRECT,
        "code_challenge": pkce_challenge(grant.verifier),
        "state": grant.state,
    }
    assert 43 <= len(grant.verifier) <= 128 and new_grant(zalo_settings).verifier != grant.verifier


def test_the_code_is_taken_from_the_pasted_callback_or_alone():
    assert code_from("  abc123  ") == "abc123"
    assert code_from(f"{REDIRECT}?oa_id=1&code=xyz&state=s1", "s1") == "xyz"
    for bad in ("", f"{REDIRECT}?state=s1", "two words"):
        with pytest.raises(ValueError):
            code_from(bad, "s1")
    with pytest.raises(ValueError):
        code_from(f"{REDIRECT}?code=xyz&state=other", "s1")


async def test_authorize_stores_the_pair_and_the_channel_uses_it(zalo, fake_zalo: FakeZalo, sessions):
    grant = new_grant(zalo.settings)
    fake_zalo.auth_codes["code-ok"] = grant.challenge
    fake_zalo.valid_refresh_tokens.clear()  # the configured seed token is long dead
    version = await authorize(
        zalo.settings, sessions, zalo.api, grant, f"{REDIRECT}?code=code-ok&state={grant.state}", NOW
    )
    row = await _row(sessions)
    assert (version, row.access_token, row.refresh_token, row.refreshed_at) == (
        1,
        "access-1",
        "refresh-1",
        NOW,
    )
    # The old ZALO_REFRESH_TOKEN still in the environment does not replace the new pair.
    await zalo.send("3131", [Reply(text="Đã cấp quyền")])
    assert fake_zalo.texts_to("3131") == ["Đã cấp quyền"]
    assert [c.body["grant_type"] for c in fake_zalo.calls_to("/access_token")] == ["authorization_code"]


async def test_a_code_with_the_wrong_verifier_is_refused_and_nothing_is_stored(
    zalo, fake_zalo: FakeZalo, sessions
):
    grant, other = new_grant(zalo.settings), new_grant(zalo.settings)
    fake_zalo.auth_codes["code-x"] = other.challenge
    with pytest.raises(ZaloApiError):
        await authorize(zalo.settings, sessions, zalo.api, grant, "code-x", NOW)
    async with sessions() as session:
        assert (await session.execute(select(ZaloToken))).first() is None


async def test_the_authorize_command_prints_the_url_and_stores_what_comes_back(
    zalo_core, fake_zalo: FakeZalo, sessions, capsys
):
    def paste(prompt: str) -> str:
        printed = capsys.readouterr().out
        query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(printed.split("\n")[1]).query))
        fake_zalo.auth_codes["code-cli"] = query["code_challenge"]
        return f"{REDIRECT}?code=code-cli&state={query['state']}"

    assert await authorize_oa(zalo_core.settings, translator("vi"), paste, core=zalo_core) == 0
    assert "Đã lưu cặp mã truy cập mới" in capsys.readouterr().out
    assert (await _row(sessions)).refresh_token == "refresh-1"
    assert await authorize_oa(zalo_core.settings, translator("vi"), lambda _p: "sai mã", core=zalo_core) == 1
    assert "Không tìm thấy mã hợp lệ" in capsys.readouterr().err
    assert (
        await authorize_oa(zalo_core.settings, translator("vi"), lambda _p: "code-unknown", core=zalo_core)
        == 1
    )
    assert "Zalo từ chối mã này (-14019)" in capsys.readouterr().err
    assert (await _row(sessions)).version == 1  # nothing stored by the refused attempts


async def test_the_keep_alive_runs_from_the_channel_s_outbox_loop(zalo_core, fake_zalo: FakeZalo, sessions):
    first = ZaloChannel(zalo_core)
    await first.tokens.current()
    await first.aclose()
    async with sessions() as session, session.begin():
        await session.execute(update(ZaloToken).values(refreshed_at=NOW - dt.timedelta(days=45)))
    channel = ZaloChannel(zalo_core)
    stop = asyncio.Event()
    loop = asyncio.create_task(channel.run_outbox(stop, 0.05))
    while (await _row(sessions)).version < 2:
        await asyncio.sleep(0.02)
    stop.set()
    await loop
    await channel.aclose()
    assert (await _row(sessions)).refresh_token == "refresh-2"
