"""The Telegram fixtures (fake Bot API server, real PTB Application) for the reminder tests."""

from tests.telegram.conftest import channel, fake_api, seen, tg_core, tg_settings  # noqa: F401
