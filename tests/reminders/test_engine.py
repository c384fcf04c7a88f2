"""The reminder engine on a real database: default rules on import, firing once at the right time,
moved events, quiet hours, missed reminders, RSVP nudges per agency, the day-before check-in code."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from bot.domain.events.records import move_event
from bot.domain.reminders.rules import DEFAULT_RULES, event_rules
from bot.messages import Reply
from bot.outbox.delivery import deliver_due
from bot.run.scheduler import Ticker
from storage.enums import Channel, DeliveryStatus
from storage.models import Identity, OutboxMessage
from storage.reminder_models import ReminderRule
from tests.conftest import event_draft
from tests.rsvp.helpers import agency_id, make_person, rsvp

pytestmark = pytest.mark.db
UTC = dt.UTC
# The test event: Thursday 26/11/2026, programme from 08:00 in Hà Nội (01:00 UTC).
START = dt.datetime(2026, 11, 26, 1, 0, tzinfo=UTC)


class Recorder:
    """A console channel that records what it was asked to send, per user."""

    channel = Channel.CONSOLE

    def __init__(self) -> None:
        self.sent: list[tuple[str, Reply]] = []

    async def send(self, user_id: str, replies: list[Reply]) -> None:
        self.sent.extend((user_id, r) for r in replies)

    def to(self, user_id: str) -> list[Reply]:
        return [r for u, r in self.sent if u == user_id]


async def _fire(core, sessions, at: dt.datetime, recorder: Recorder, deliver_at: dt.datetime | None = None):  # type: ignore[no-untyped-def]
    ticker = Ticker(core, {Channel.CONSOLE: recorder}, clock=lambda: at)
    await ticker.schedule(at)
    return await deliver_due(
        sessions, {Channel.CONSOLE: recorder}, now=deliver_at or at + dt.timedelta(seconds=1)
    )


async def _people(sessions, event_id):  # type: ignore[no-untyped-def]
    an = await make_person(sessions, "an", "Nguyễn Văn An")
    binh = await make_person(sessions, "binh", "Trần Thị Bình")
    chi = await make_person(sessions, "chi", "Lê Chí")
    await rsvp(sessions, event_id, an, "Sở Tài chính", attend=True)
    await rsvp(sessions, event_id, binh, "UBND tỉnh", attend=True)
    async with sessions() as session, session.begin():  # Chi was invited and has not answered
        from bot.domain.registration.registrations import start_registration

        await start_registration(session, event_id, chi, await agency_id(session, "Sở Khoa học và Công nghệ"))
    return an, binh, chi


async def test_import_gives_default_rules_once_and_a_deleted_default_stays_deleted(sessions, make_event):
    event_id = await make_event()
    async with sessions() as session, session.begin():
        rules = await event_rules(session, event_id)
        assert sorted(r.default_key for r in rules) == sorted(d.key for d in DEFAULT_RULES)
        rules[0].deleted_at = START
    await make_event()  # the same slug again: a re-import
    async with sessions() as session:
        assert len(await event_rules(session, event_id)) == len(DEFAULT_RULES) - 1
        total = await session.execute(select(func.count()).select_from(ReminderRule))
        assert total.scalar_one() == len(DEFAULT_RULES)


async def test_delegates_are_reminded_at_the_right_times_once_each(core, sessions, make_event):
    event_id = await make_event()
    await _people(sessions, event_id)
    recorder = Recorder()
    # 19/11 07:59 local: nothing is due yet.
    await _fire(core, sessions, dt.datetime(2026, 11, 19, 0, 59, tzinfo=UTC), recorder)
    assert recorder.sent == []
    # 19/11 08:00 local: the week-before reminder for the two confirmed delegates.
    week = dt.datetime(2026, 11, 19, 1, 0, tzinfo=UTC)
    await _fire(core, sessions, week, recorder)
    assert sorted(u for u, _ in recorder.sent) == ["an", "binh"]
    assert (
        "08:00 ngày 26/11/2026" in recorder.to("an")[0].text and "Hội trường A" in recorder.to("an")[0].text
    )
    # The next tick, and a tick in another process, change nothing.
    await _fire(core, sessions, week + dt.timedelta(minutes=1), recorder)
    await _fire(core, sessions, week + dt.timedelta(minutes=2), recorder)
    assert len(recorder.sent) == 2


async def test_invitees_who_have_not_answered_are_nudged_with_answer_buttons(core, sessions, make_event):
    event_id = await make_event()
    _, _, chi = await _people(sessions, event_id)
    recorder = Recorder()
    await _fire(core, sessions, dt.datetime(2026, 11, 21, 2, 0, tzinfo=UTC), recorder)  # 21/11 09:00 local
    assert [u for u, _ in recorder.sent] == ["chi"]
    nudge = recorder.to("chi")[0]
    assert "Sở Khoa học và Công nghệ" in nudge.text and "chưa nhận được trả lời" in nudge.text
    payloads = [b.payload for row in nudge.buttons for b in row]
    assert payloads[0].startswith("rsvp:yes:") and payloads[1].startswith("rsvp:no:")


async def test_day_before_reminder_carries_the_check_in_code_and_programme_button(core, sessions, make_event):
    event_id = await make_event()
    await _people(sessions, event_id)
    recorder = Recorder()
    await _fire(core, sessions, dt.datetime(2026, 11, 25, 9, 0, tzinfo=UTC), recorder)  # 25/11 16:00 local
    reply = recorder.to("an")[0]
    assert "Mã điểm danh của Quý vị:" in reply.text and "—" not in reply.text.split("Mã điểm danh")[1][:20]
    assert {b.payload for row in reply.buttons for b in row} == {"cmd:agenda", "cmd:checkin"}


async def test_a_moved_event_takes_its_unsent_reminders_along(core, sessions, make_event):
    event_id = await make_event()
    await _people(sessions, event_id)
    async with sessions() as session, session.begin():
        await move_event(session, event_id, dt.date(2026, 12, 3))
    recorder = Recorder()
    await _fire(core, sessions, dt.datetime(2026, 11, 25, 9, 0, tzinfo=UTC), recorder)  # the old day-before
    assert [r.text for _, r in recorder.sent if "Mã điểm danh" in r.text] == []
    await _fire(core, sessions, dt.datetime(2026, 12, 2, 9, 0, tzinfo=UTC), recorder)  # the new one
    assert sorted(u for u, r in recorder.sent if "Mã điểm danh" in r.text) == ["an", "binh"]
    assert "03/12/2026" in recorder.to("an")[-1].text


async def test_quiet_hours_hold_a_late_evening_reminder_until_seven(core, sessions, make_event):
    event_id = await make_event()
    await _people(sessions, event_id)
    async with sessions() as session, session.begin():
        rule = next(r for r in await event_rules(session, event_id) if r.default_key == "week_before")
        rule.local_time = dt.time(21, 30)  # an organiser chose the evening
    recorder = Recorder()
    evening = dt.datetime(2026, 11, 19, 14, 30, tzinfo=UTC)  # 21:30 local
    counts = await _fire(core, sessions, evening, recorder)
    assert recorder.sent == [] and counts.sent == 0
    await deliver_due(
        sessions, {Channel.CONSOLE: recorder}, now=dt.datetime(2026, 11, 19, 23, 59, tzinfo=UTC)
    )
    assert recorder.sent == []  # 06:59 local
    await deliver_due(sessions, {Channel.CONSOLE: recorder}, now=dt.datetime(2026, 11, 20, 0, 0, tzinfo=UTC))
    assert sorted(u for u, _ in recorder.sent) == ["an", "binh"]  # 07:00 local


async def test_urgent_reminder_of_an_early_event_goes_the_evening_before(core, sessions, make_event):
    # "Two hours before" a 06:00 start is 04:00, inside quiet hours, and their end (07:00) is too
    # late: it goes at 20:00 the evening before, an hour before quiet hours begin.
    event_id = await make_event(title="Hội thảo sáng sớm", agenda=[], start_time=dt.time(6, 0))
    await _people(sessions, event_id)
    recorder = Recorder()
    await _fire(core, sessions, dt.datetime(2026, 11, 25, 12, 59, tzinfo=UTC), recorder)  # 19:59 local
    assert not any("sẽ bắt đầu" in r.text for _, r in recorder.sent)
    await _fire(core, sessions, dt.datetime(2026, 11, 25, 13, 0, tzinfo=UTC), recorder)  # 20:00 on the 25th
    assert sorted(u for u, r in recorder.sent if "sẽ bắt đầu" in r.text) == ["an", "binh"]


async def test_urgent_reminder_moves_to_the_end_of_quiet_hours_when_that_leaves_an_hour(
    core, sessions, make_event
):
    # An 08:00 start: "two hours before" is 06:00, inside quiet hours; 07:00 still leaves an hour.
    event_id = await make_event(title="Hội thảo buổi sáng", agenda=[], start_time=dt.time(8, 0))
    await _people(sessions, event_id)
    recorder = Recorder()
    await _fire(core, sessions, dt.datetime(2026, 11, 25, 23, 30, tzinfo=UTC), recorder)  # 06:30 on the 26th
    assert not any("sẽ bắt đầu" in r.text for _, r in recorder.sent)
    await _fire(core, sessions, dt.datetime(2026, 11, 26, 0, 0, tzinfo=UTC), recorder)  # 07:00
    assert sorted(u for u, r in recorder.sent if "sẽ bắt đầu" in r.text) == ["an", "binh"]


async def test_missed_reminders_go_late_only_within_their_grace(core, sessions, make_event):
    event_id = await make_event()
    await _people(sessions, event_id)
    recorder = Recorder()
    # The bot was down from before the week-before reminder until two days later.
    await _fire(core, sessions, dt.datetime(2026, 11, 21, 3, 0, tzinfo=UTC), recorder)  # 21/11 10:00 local
    assert [u for u, r in recorder.sent if "nhắc lịch" in r.text] == []
    assert [u for u, r in recorder.sent if "chưa nhận được trả lời" in r.text] == ["chi"]
    async with sessions() as session:
        rules = {r.default_key: r for r in await event_rules(session, event_id)}
        assert rules["week_before"].outcome == "missed"
        assert rules["rsvp_nudge_5d"].outcome == "queued"  # due 09:00 today, within its day of grace


async def test_starts_in_two_hours_is_never_sent_after_the_start(core, sessions, make_event):
    event_id = await make_event()
    await _people(sessions, event_id)
    recorder = Recorder()
    # Down until five minutes after the start: the reminder is skipped, not sent.
    await _fire(core, sessions, START + dt.timedelta(minutes=5), recorder)
    assert [r for _, r in recorder.sent if "sẽ bắt đầu" in r.text] == []
    # Another event: queued 30 minutes before the start, but the send only happens after it.
    other = await make_event(title="Hội thảo thứ hai")
    await _people_again(sessions, other)
    await _fire(
        core, sessions, START - dt.timedelta(minutes=30), recorder, deliver_at=START + dt.timedelta(minutes=1)
    )
    assert [r for _, r in recorder.sent if "sẽ bắt đầu" in r.text] == []
    async with sessions() as session:
        expired = await session.execute(
            select(func.count()).where(
                OutboxMessage.status == DeliveryStatus.FAILED, OutboxMessage.last_error == "expired"
            )
        )
        assert expired.scalar_one() == 2


async def _people_again(sessions, event_id):  # type: ignore[no-untyped-def]
    async with sessions() as session:
        ids = dict((await session.execute(select(Identity.external_id, Identity.person_id))).all())
    await rsvp(sessions, event_id, ids["an"], "Sở Tài chính", attend=True)
    await rsvp(sessions, event_id, ids["binh"], "UBND tỉnh", attend=True)


def test_event_draft_defaults_match_the_timeline():
    # The tests above assume the factory's date and first programme line.
    draft = event_draft()
    assert draft.start_date == dt.date(2026, 11, 26) and draft.agenda[0].start == dt.time(8, 0)
