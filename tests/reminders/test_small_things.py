"""Small things in reminders and announcements: past reminders are not "scheduled", a text typed
with /thongbao is kept, the worker says nothing while idle and lets a tick in progress end before
it stops."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging

import pytest
from sqlalchemy import func, select

from bot.run import scheduler
from bot.run.scheduler import Ticker, run_worker
from storage.models import Event
from tests.console import talk
from tests.rsvp.helpers import make_organiser, make_person, rsvp

pytestmark = pytest.mark.db


async def test_past_reminders_are_not_listed_as_scheduled(core, sessions, make_event):
    # "Now" is Friday 20/11/2026; the event is on Monday 23/11: a week before (16/11) is over.
    event_id = await make_event(date=dt.date(2026, 11, 23))
    await make_organiser(sessions, event_id)
    listing = await talk(core, "/nhacnho", user="org")
    entries = listing.split("\n#")
    week = next(entry for entry in entries if "16/11/2026" in entry)
    assert "đã qua thời điểm gửi, sẽ không gửi" in week and "đã lên lịch" not in week
    day_before = next(entry for entry in entries if "22/11/2026" in entry)
    assert "đã lên lịch" in day_before
    nudge = next(entry for entry in entries if "18/11/2026" in entry)  # five days before, a day's grace
    assert "đã qua thời điểm gửi" in nudge
    # Only reminders that can still go out have pause buttons: three of the five.
    assert listing.count("Tạm dừng") == 3 and "Tạm dừng #1 " not in listing


async def test_announce_with_its_text_keeps_the_text(core, sessions, make_event):
    event_id = await make_event()
    await make_organiser(sessions, event_id)
    await rsvp(sessions, event_id, await make_person(sessions, "an", "An"), "Sở Tài chính")
    out = await talk(core, "/thongbao Hội trường đổi sang phòng 201.", "1", "1", user="org")
    assert "«Hội trường đổi sang phòng 201.»" in out and "Quý vị muốn gửi cho ai?" in out
    assert "Xem trước — gửi cho: Đại biểu đã xác nhận (1 người)" in out
    assert "gõ nội dung thông báo" not in out  # not asked again
    assert "Đã đưa thông báo vào hàng gửi cho 1 người" in out


async def test_worker_is_quiet_when_idle(core, caplog):
    stop = asyncio.Event()
    caplog.set_level(logging.INFO)
    ticks: list[dt.datetime] = []
    original = core.clock
    core.clock = lambda: ticks.append(original()) or original()  # counts the ticks that ran
    task = asyncio.create_task(run_worker(core.settings, core=core, stop=stop, interval=0.2))
    for _ in range(100):  # until several ticks have run with nothing to do
        await asyncio.sleep(0.1)
        if len(ticks) >= 3:
            break
    stop.set()
    await asyncio.wait_for(task, 10)
    info = [r.getMessage() for r in caplog.records if r.levelno == logging.INFO]
    assert not any("Running job" in m or "executed successfully" in m for m in info)
    assert len(info) == len(set(info))  # start and stop lines, each once: never a line per tick


async def test_stopping_lets_a_tick_in_progress_finish_its_database_work(core, sessions, make_event):
    await make_event()
    ticker = Ticker(core, {})
    seen: list[int] = []

    async def slow_schedule(now: dt.datetime) -> int:  # a tick whose work is still under way
        await asyncio.sleep(0.3)
        async with sessions() as session:
            seen.append((await session.execute(select(func.count(Event.id)))).scalar_one())
        return 0

    ticker.schedule = slow_schedule  # type: ignore[method-assign]
    tick = asyncio.create_task(ticker.tick())
    await asyncio.sleep(0.05)
    await ticker.close()
    assert tick.done() and not tick.cancelled() and seen == [1]  # its query ran, before close returned


async def test_a_tick_that_outlasts_the_grace_is_cancelled_at_stop(core, monkeypatch):
    monkeypatch.setattr(scheduler, "TICK_GRACE", 0.1)
    ticker = Ticker(core, {})
    reached_end: list[bool] = []

    async def stuck_schedule(now: dt.datetime) -> int:
        await asyncio.sleep(60)
        reached_end.append(True)
        return 0

    ticker.schedule = stuck_schedule  # type: ignore[method-assign]
    tick = asyncio.create_task(ticker.tick())
    await asyncio.sleep(0.05)
    await asyncio.wait_for(ticker.close(), 5)
    assert tick.cancelled() and not reached_end
