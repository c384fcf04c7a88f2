"""`pii-bot run` and `pii-bot serve` refuse to start without their variables, in one clear line."""

from __future__ import annotations

import pytest

from bot.cli import main

VARIABLES = ("TELEGRAM_BOT_TOKEN", "TELEGRAM_WEBHOOK_URL", "TELEGRAM_WEBHOOK_SECRET", "TELEGRAM_API_BASE_URL")


@pytest.fixture(autouse=True)
def clean_env(monkeypatch, tmp_path):  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)  # no developer .env
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)


@pytest.mark.parametrize("command", ["run", "serve"])
def test_missing_token_names_the_variable(command, capsys):
    assert main([command]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("pii-bot: TELEGRAM_BOT_TOKEN: not set")


def test_serve_needs_the_public_url_and_secret(monkeypatch, capsys):
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "1:x")
    assert main(["serve"]) == 2
    assert "TELEGRAM_WEBHOOK_URL" in capsys.readouterr().err
    monkeypatch.setenv("TELEGRAM_WEBHOOK_URL", "https://bot.example.org/telegram/webhook")
    monkeypatch.setenv("TELEGRAM_WEBHOOK_SECRET", "not allowed!")
    assert main(["serve"]) == 2
    assert "TELEGRAM_WEBHOOK_SECRET: use 1-256 characters" in capsys.readouterr().err
