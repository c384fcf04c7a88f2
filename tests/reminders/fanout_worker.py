"""A worker process for the crash and scale-out tests: the real `run_worker` engine (AsyncIOScheduler,
Ticker, outbox, Telegram channel) against a given database and Bot API server.

    python -m tests.reminders.fanout_worker DATABASE_URL API_BASE_URL RATE LEASE_SECONDS DATA_DIR
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import sys
from pathlib import Path

from bot.config import Settings
from bot.outbox.pacing import PacingPolicy
from bot.run.scheduler import run_worker
from tests.fakes.telegram_api import TOKEN


def main() -> None:
    """Run until SIGTERM (or SIGKILL, which is the point of the crash test)."""
    url, api, rate, lease, data_dir = sys.argv[1:6]
    logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(name)s: %(message)s")
    settings = Settings(
        _env_file=None,
        database_url=url,
        data_dir=Path(data_dir),
        telegram_bot_token=TOKEN,  # type: ignore[call-arg]
        telegram_api_base_url=api,
    )
    pacing = PacingPolicy(overall_rate=float(rate), per_chat_interval=1.0)
    asyncio.run(run_worker(settings, interval=0.2, pacing=pacing, lease=dt.timedelta(seconds=float(lease))))


if __name__ == "__main__":
    main()
