"""Events written by the import service, read back from a real database."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from bot.domain.errors import DomainError
from bot.domain.events.records import event_to_draft, move_event, save_event_draft
from bot.domain.plan.draft import SeatDraft
from storage import repositories as repo
from storage.enums import AgendaKind, Channel
from storage.models import Agency, AgendaItem, AuditEntry, Event, Identity, Person, SeatQuota
from tests.conftest import event_draft

pytestmark = pytest.mark.db


async def _count(session, model) -> int:  # type: ignore[no-untyped-def]
    return (await session.execute(select(func.count()).select_from(model))).scalar_one()


async def test_saved_event_reads_back_whole(sessions):
    async with sessions() as session, session.begin():
        outcome = await save_event_draft(session, event_draft(faq=[("Có gửi xe không?", "Có.")]))
    async with sessions() as session:
        event = await repo.event_with_details(session, outcome.event_id)
        assert event is not None
        assert event.slug == "hoi-thao-pii-tinh-thu-nghiem-2026"
        assert (event.start_time, event.end_time) == (dt.time(8, 0), dt.time(11, 15))
        assert [a.kind for a in event.agenda][:3] == [
            AgendaKind.REGISTRATION,
            AgendaKind.OPENING,
            AgendaKind.TALK,
        ]
        assert {q.agency.name: q.seats for q in event.quotas} == {
            "UBND tỉnh": 2,
            "Sở Tài chính": 1,
            "Sở Khoa học và Công nghệ": 5,
        }
        assert event.venue is not None and event.venue.notes == {"parking": "Tầng hầm B1"}
        assert [(f.question, f.answer) for f in event.faq] == [("Có gửi xe không?", "Có.")]
        assert await _count(session, AuditEntry) == 1
        # The draft round-trips.
        again = event_to_draft(event)
        assert [s.seats for s in again.seats] == [2, 1, 5]
        assert again.agenda[3].title == "Tham luận về thu hút đầu tư"


async def test_reimport_replaces_programme_and_quotas_in_place(sessions):
    async with sessions() as session, session.begin():
        first = await save_event_draft(session, event_draft())
    changed = event_draft(seats={"UBND tỉnh": 3, "Sở Y tế": 1})
    changed.agenda = changed.agenda[:2]
    async with sessions() as session, session.begin():
        second = await save_event_draft(session, changed)
    assert (second.event_id, second.created) == (first.event_id, False)
    async with sessions() as session:
        event = await repo.event_with_details(session, first.event_id)
        assert {q.agency.name: q.seats for q in event.quotas} == {"UBND tỉnh": 3, "Sở Y tế": 1}
        assert len(event.agenda) == 2
        assert await _count(session, Event) == 1
        assert await _count(session, AgendaItem) == 2
        # Agencies are kept (other events may use them); quotas are not.
        assert await _count(session, Agency) == 4
        assert await _count(session, SeatQuota) == 2


async def test_failed_import_writes_nothing(sessions):
    draft = event_draft()
    draft.seats.append(SeatDraft(agency="UBND tỉnh", seats=1))
    with pytest.raises(DomainError) as err:
        async with sessions() as session, session.begin():
            await save_event_draft(session, draft)
    assert err.value.code == "duplicate_agency"
    async with sessions() as session:
        for model in (Event, Agency, SeatQuota, AgendaItem, AuditEntry):
            assert await _count(session, model) == 0


async def test_negative_seats_are_refused_by_the_database(sessions):
    draft = event_draft(seats={"UBND tỉnh": -1})
    with pytest.raises(IntegrityError):
        async with sessions() as session, session.begin():
            await save_event_draft(session, draft)


async def test_identity_is_unique_per_channel_account(sessions):
    async with sessions() as session, session.begin():
        first, created = await repo.identity_for(session, Channel.TELEGRAM, "42", "An", "vi")
        again, created_again = await repo.identity_for(session, Channel.TELEGRAM, "42", "An", "vi")
        assert created and not created_again and first.id == again.id
    with pytest.raises(IntegrityError):
        async with sessions() as session, session.begin():
            session.add(Identity(person=Person(), channel=Channel.TELEGRAM, external_id="42"))


async def test_moving_an_event_keeps_times_and_length(sessions):
    draft = event_draft(end_date=dt.date(2026, 11, 27))
    async with sessions() as session, session.begin():
        outcome = await save_event_draft(session, draft)
    async with sessions() as session, session.begin():
        await move_event(session, outcome.event_id, dt.date(2026, 12, 3))
    async with sessions() as session:
        event = await repo.event_with_details(session, outcome.event_id)
        assert (event.start_date, event.end_date) == (dt.date(2026, 12, 3), dt.date(2026, 12, 4))
        assert event.start_time == dt.time(8, 0)


async def test_utc_datetimes_come_back_aware(sessions):
    deadline = dt.datetime(2026, 11, 24, 17, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    async with sessions() as session, session.begin():
        outcome = await save_event_draft(session, event_draft(rsvp_deadline=deadline))
    async with sessions() as session:
        event = await session.get(Event, outcome.event_id)
        assert event.rsvp_deadline == deadline
        assert event.rsvp_deadline.tzinfo is not None
