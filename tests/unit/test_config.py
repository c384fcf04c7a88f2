"""Settings: defaults, conversions, and one clear line naming a bad variable."""

from __future__ import annotations

import pytest

from bot.config import ConfigError, load_settings
from storage.db import create_engine


def test_defaults_use_a_sqlite_file_in_the_data_dir(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "d"))
    settings = load_settings()
    expected = f"sqlite+aiosqlite:///{tmp_path / 'd' / 'pii-bot.sqlite3'}"
    assert settings.resolved_database_url == expected
    assert settings.timezone == "Asia/Ho_Chi_Minh" and settings.is_embedded_database


def test_plain_postgres_url_gets_the_async_driver(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", "postgresql://u@db/pii")
    assert load_settings().resolved_database_url == "postgresql+asyncpg://u@db/pii"


@pytest.mark.parametrize("given", ["sqlite:////srv/pii.db", "sqlite+aiosqlite:////srv/pii.db"])
def test_a_sqlite_url_gets_the_async_driver(monkeypatch, tmp_path, given):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", given)
    settings = load_settings()
    assert settings.resolved_database_url == "sqlite+aiosqlite:////srv/pii.db"
    assert create_engine(f"sqlite+aiosqlite:///{tmp_path / 'x.db'}").dialect.driver == "aiosqlite"


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("TIMEZONE", "Mars/Olympus"),
        ("DATABASE_URL", "mysql://x"),
        ("DEFAULT_LANGUAGE", "fr"),
        ("TELEGRAM_API_BASE_URL", "ftp://x"),
    ],
)
def test_bad_value_names_the_variable(monkeypatch, tmp_path, variable, value):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(variable, value)
    with pytest.raises(ConfigError) as err:
        load_settings()
    assert str(err.value).startswith(f"{variable}: ")
    assert "\n" not in str(err.value)


def test_dotenv_file_is_read(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TIMEZONE", raising=False)
    (tmp_path / ".env").write_text("TIMEZONE=Asia/Bangkok\n", encoding="utf-8")
    assert load_settings().timezone == "Asia/Bangkok"


def test_quiet_hours_and_pacing_are_configuration(monkeypatch, tmp_path):
    import datetime as dt

    from bot.outbox.delivery import quiet_hours_from
    from bot.outbox.pacing import pacing_from

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("QUIET_HOURS", "22:30-06:15")
    monkeypatch.setenv("TELEGRAM_MAX_PER_SECOND", "20")
    settings = load_settings()
    assert quiet_hours_from(settings).start == dt.time(22, 30) and quiet_hours_from(settings).end == dt.time(
        6, 15
    )
    assert pacing_from(settings).overall_rate == 20 and pacing_from(settings).per_chat_interval == 1.0
    monkeypatch.setenv("QUIET_HOURS", "late evening")
    with pytest.raises(ConfigError) as err:
        load_settings()
    assert str(err.value).startswith("QUIET_HOURS: ")
