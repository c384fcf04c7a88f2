"""Operator errors are one clear line: a database never migrated (a new SQLite file migrates
itself), PostgreSQL out of reach, a token Telegram refuses (never echoed), an http:// webhook
URL, `event import` on a database that is not ready; quiet back-off while the database is away."""

from __future__ import annotations

import asyncio
import logging
import os
import sqlite3
import sys
from pathlib import Path

from bot.app import BotCore
from bot.config import Settings
from bot.run.scheduler import Ticker
from storage.db import create_engine
from tests.cli.test_cli import run
from tests.fakes.telegram_api import FakeBotApi

ROOT = Path(__file__).resolve().parents[2]
AWAY = "postgresql://postgres@127.0.0.1:1/pii"  # nothing listens on port 1
EXAMPLE = next((ROOT / "examples").glob("*.yaml"))


def one_line(stderr: str) -> str:
    """The error output, which must be one line without a traceback."""
    assert "Traceback" not in stderr, stderr
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    return lines[0]


def test_a_database_never_migrated_says_to_upgrade(tmp_path):
    path = tmp_path / "shared.sqlite3"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE something_else (id INTEGER)")
    result = run("event", "list", env={"DATABASE_URL": f"sqlite:///{path}"}, cwd=tmp_path)
    assert result.returncode == 1
    assert "run `pii-bot db upgrade`" in one_line(result.stderr)


def test_a_new_sqlite_file_migrates_itself(tmp_path):
    result = run("event", "list", env={"DATABASE_URL": f"sqlite:///{tmp_path / 'new.sqlite3'}"}, cwd=tmp_path)
    assert result.returncode == 0, result.stderr


def test_event_import_on_a_database_away_prints_no_report_and_one_line(tmp_path):
    result = run("event", "import", str(EXAMPLE), env={"DATABASE_URL": AWAY}, cwd=tmp_path)
    assert result.returncode == 1 and "✓" not in result.stdout and result.stdout == ""
    assert "cannot reach PostgreSQL at 127.0.0.1:1/pii" in one_line(result.stderr)


def test_an_http_webhook_url_is_refused(tmp_path):
    env = {
        "TELEGRAM_BOT_TOKEN": "1:x",
        "TELEGRAM_WEBHOOK_URL": "http://bot.example.test/telegram/webhook",
        "TELEGRAM_WEBHOOK_SECRET": "abc",
        "DATA_DIR": str(tmp_path),
    }
    result = run("serve", env=env, cwd=tmp_path)
    assert result.returncode == 2 and "must start with https://" in one_line(result.stderr)


async def test_a_wrong_token_is_one_line_and_never_echoed(tmp_path):
    fake = await FakeBotApi().start()
    token = "987654:wrong-TOKEN-never-to-be-printed"
    try:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot.cli",
            "run",
            cwd=tmp_path,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env={
                **os.environ,
                "PYTHONPATH": str(ROOT),
                "LOG_LEVEL": "WARNING",
                "TELEGRAM_BOT_TOKEN": token,
                "TELEGRAM_API_BASE_URL": fake.base_url,
                "DATA_DIR": str(tmp_path),
            },
        )
        out, err = await asyncio.wait_for(process.communicate(), 60)
    finally:
        await fake.stop()
    assert process.returncode == 1 and "Traceback" not in err.decode()
    errors = [line for line in err.decode().splitlines() if line.startswith("pii-bot:")]
    assert errors == [
        "pii-bot: TELEGRAM_BOT_TOKEN: Telegram refused this token (copy it again from @BotFather)"
    ]
    assert "wrong-TOKEN" not in err.decode() + out.decode()


async def test_the_worker_backs_off_quietly_while_the_database_is_away(tmp_path, caplog):
    settings = Settings(_env_file=None, data_dir=tmp_path, database_url=AWAY)  # type: ignore[call-arg]
    core = BotCore(settings, create_engine(AWAY.replace("postgresql://", "postgresql+asyncpg://")))
    ticker = Ticker(core, {})
    caplog.set_level(logging.INFO)
    try:
        for _ in range(3):
            await ticker.tick()
            await ticker.tick()  # inside the pause: not even tried
            await asyncio.sleep(1.1)
    finally:
        await ticker.close()
        await core.close()
    records = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert [r.getMessage() for r in records] == [
        "database unreachable (ConnectionRefusedError); retrying quietly"
    ]
    assert not any(r.exc_info for r in caplog.records)
