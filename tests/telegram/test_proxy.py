"""TELEGRAM_PROXY_URL and TELEGRAM_API_BASE_URL: every Bot API call goes the configured way."""

from __future__ import annotations

import asyncio
import contextlib
from collections import Counter
from collections.abc import AsyncIterator

import pytest
from telegram.request import HTTPXRequest

from bot.app import BotCore
from bot.channels.telegram import build_application, telegram_request
from bot.config import ConfigError, Settings, load_settings
from bot.run.serve import run_polling
from tests.fakes.proxies import HttpForwardProxy, Socks5Proxy
from tests.fakes.telegram_api import TOKEN, FakeBotApi, message_update

USER = 601
# A reserved name that never resolves: a call that bypassed the proxy could not reach the fake.
HIDDEN_HOST = "telegram-api.test"


@pytest.fixture(params=["http", "socks5"])
async def proxy(request, fake_api: FakeBotApi) -> AsyncIterator[HttpForwardProxy | Socks5Proxy]:
    """A local HTTP forward proxy or SOCKS5 proxy leading to the fake Bot API."""
    local = HttpForwardProxy(fake_api.base_url) if request.param == "http" else Socks5Proxy(fake_api.port)
    await local.start()
    yield local
    await local.stop()


@pytest.fixture
def tg_settings(
    tg_settings: Settings, proxy: HttpForwardProxy | Socks5Proxy, fake_api: FakeBotApi
) -> Settings:
    """The bot sees the Bot API only under a name the proxy alone can reach."""
    return tg_settings.model_copy(
        update={
            "telegram_api_base_url": f"http://{HIDDEN_HOST}:{fake_api.port}",
            "telegram_proxy_url": proxy.url,
        }
    )


@contextlib.asynccontextmanager
async def polling_bot(settings: Settings, core: BotCore, api: FakeBotApi) -> AsyncIterator[None]:
    """`run_polling` until the block ends, then wait for it to stop completely."""
    stop = asyncio.Event()
    task = asyncio.create_task(
        run_polling(settings, core=core, stop=stop, poll_timeout=1, outbox_interval=0.2)
    )
    try:
        await api.wait_for(lambda: api.calls_to("getUpdates") or task.done(), timeout=20)
        if task.done():
            task.result()
        yield
    finally:
        stop.set()
        with contextlib.suppress(asyncio.CancelledError):
            await asyncio.wait_for(task, 10)


@pytest.mark.db
async def test_a_conversation_goes_through_the_proxy(tg_settings, tg_core, fake_api, proxy, make_event):
    await make_event()
    async with polling_bot(tg_settings, tg_core, fake_api):
        fake_api.push(message_update(USER, "/agenda"))
        await fake_api.wait_for(lambda: fake_api.texts_to(USER), timeout=20)
        fake_api.push(message_update(USER, "Hội thảo tổ chức ở đâu?"))
        texts = await fake_api.wait_for(
            lambda: len(fake_api.texts_to(USER)) == 2 and fake_api.texts_to(USER), timeout=20
        )
    assert "📋 Chương trình:" in texts[0]
    assert texts[1]
    methods = Counter(call.method for call in fake_api.calls)
    assert methods["getUpdates"] >= 2 and methods["sendMessage"] == 2
    if isinstance(proxy, HttpForwardProxy):
        # Each call the fake answered passed the proxy, addressed to the name only it can reach.
        assert Counter(r.api_method for r in proxy.forwarded) == methods
        assert {r.url.split("/bot", 1)[0] for r in proxy.forwarded} == {
            f"http://{HIDDEN_HOST}:{fake_api.port}"
        }
    else:
        # SOCKS carries connections, not requests: every tunnel was asked for the hidden name.
        assert proxy.tunnels and set(proxy.tunnels) == {(HIDDEN_HOST, fake_api.port)}


def test_a_socks5_proxy_url_builds_the_bots_requests(tmp_path):
    settings = load_settings(
        _env_file=None,
        data_dir=tmp_path,
        telegram_bot_token=TOKEN,
        telegram_proxy_url="socks5://user:secret@203.0.113.7:1080",
    )
    assert settings.telegram_proxy_url == "socks5://user:secret@203.0.113.7:1080"
    assert isinstance(telegram_request(settings), HTTPXRequest)
    application = build_application(settings)
    assert isinstance(application.bot.request, HTTPXRequest)


@pytest.mark.parametrize(
    "value", ["garbage", "socks4://user:secret@127.0.0.1:1080", "http://", "127.0.0.1:3128"]
)
def test_a_garbage_proxy_url_is_refused_naming_the_variable(tmp_path, value):
    with pytest.raises(ConfigError) as err:
        load_settings(_env_file=None, data_dir=tmp_path, telegram_proxy_url=value)
    assert str(err.value).startswith("TELEGRAM_PROXY_URL: expected an http://, https:// or socks5:// URL")
    assert "secret" not in str(err.value)


@pytest.mark.parametrize("suffix", ["", "/", "/bot", "/bot/"])
async def test_the_base_url_works_with_or_without_a_trailing_bot(tmp_path, fake_api: FakeBotApi, suffix):
    settings = load_settings(
        _env_file=None,
        data_dir=tmp_path,
        telegram_bot_token=TOKEN,
        telegram_api_base_url=fake_api.base_url + suffix,
    )
    assert settings.telegram_api_base_url == fake_api.base_url
    application = build_application(settings, with_updater=False)
    async with application:
        await application.bot.send_message(USER, "Xin chào")
    assert [c.method for c in fake_api.calls] == ["getMe", "sendMessage"]
    assert fake_api.texts_to(USER) == ["Xin chào"]


@pytest.mark.parametrize("value", ["ftp://10.0.0.5", "http://", "10.0.0.5:8081", "not a url"])
def test_a_bad_base_url_is_refused_naming_the_variable(tmp_path, value):
    with pytest.raises(ConfigError) as err:
        load_settings(_env_file=None, data_dir=tmp_path, telegram_api_base_url=value)
    assert str(err.value).startswith("TELEGRAM_API_BASE_URL: expected an http:// or https:// URL")
