"""Seat rules on a real database: quotas, waitlist order, offers, hand-overs, deadlines."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from bot.domain.errors import DomainError
from bot.domain.registration import registrations as regs
from bot.domain.registration.people import forget_person
from bot.domain.seats import admin as seat_admin
from bot.domain.seats.allocation import waitlist_position
from storage.models import AuditEntry, Person
from storage.rsvp_models import Registration
from storage.rsvp_models import RegistrationStatus as S
from tests.rsvp.helpers import NOW, TTL, agency_id, make_person, registration, rsvp

pytestmark = pytest.mark.db


async def _statuses(sessions, event_id):  # type: ignore[no-untyped-def]
    async with sessions() as session:
        rows = await session.execute(
            select(Registration.person_id, Registration.status).where(Registration.event_id == event_id)
        )
        return dict(rows.all())


async def test_seats_fill_then_waitlist_with_positions(sessions, make_event):
    event_id = await make_event(seats={"Sở Tài chính": 2})
    people = [await make_person(sessions, f"p{i}") for i in range(4)]
    results = [await rsvp(sessions, event_id, p, "Sở Tài chính") for p in people]
    assert [r.outcome.status for r in results] == [S.CONFIRMED, S.CONFIRMED, S.WAITLISTED, S.WAITLISTED]
    assert [r.outcome.waitlist_position for r in results[2:]] == [1, 2]


async def test_double_tap_changes_nothing_twice(sessions, make_event):
    event_id = await make_event(seats={"Sở Tài chính": 1})
    person = await make_person(sessions, "p")
    await rsvp(sessions, event_id, person, "Sở Tài chính")
    again = await rsvp(sessions, event_id, person, "Sở Tài chính")
    assert again.changed is False and again.outcome.status == S.CONFIRMED
    async with sessions() as session:
        attends = await session.execute(select(func.count()).where(AuditEntry.action == "rsvp.attend"))
        assert attends.scalar_one() == 1


async def test_decline_offers_the_seat_to_the_first_waiting(sessions, make_event):
    event_id = await make_event(seats={"Sở Tài chính": 1})
    a, b, c = [await make_person(sessions, n) for n in "abc"]
    for p in (a, b, c):
        await rsvp(sessions, event_id, p, "Sở Tài chính")
    result = await rsvp(sessions, event_id, a, "Sở Tài chính", attend=False)
    assert [o.person_id for o in result.offers] == [b]
    assert (await _statuses(sessions, event_id)) == {a: S.DECLINED, b: S.OFFERED, c: S.WAITLISTED}
    # c is now first in line.
    async with sessions() as session:
        reg_c = (await session.execute(select(Registration).where(Registration.person_id == c))).scalar_one()
        assert await waitlist_position(session, reg_c) == 1


async def test_offer_accepted_in_time(sessions, make_event):
    event_id = await make_event(seats={"Sở Tài chính": 1})
    a, b = await make_person(sessions, "a"), await make_person(sessions, "b")
    await rsvp(sessions, event_id, a, "Sở Tài chính")
    await rsvp(sessions, event_id, b, "Sở Tài chính")
    await rsvp(sessions, event_id, a, "Sở Tài chính", attend=False)
    async with sessions() as session, session.begin():
        reg_b = await session.get(Registration, (await registration(sessions, event_id, b)).id)
        result = await regs.accept_offer(session, reg_b, now=NOW + dt.timedelta(hours=1), actor_person_id=b)
    assert result.outcome.status == S.CONFIRMED


async def test_lapsed_offer_goes_to_the_next(sessions, make_event):
    event_id = await make_event(seats={"Sở Tài chính": 1})
    a, b, c = [await make_person(sessions, n) for n in "abc"]
    for p in (a, b, c):
        await rsvp(sessions, event_id, p, "Sở Tài chính")
    await rsvp(sessions, event_id, a, "Sở Tài chính", attend=False)
    late = NOW + TTL + dt.timedelta(minutes=1)
    async with sessions() as session, session.begin():
        lapsed, offers = await regs.lapse_offers(session, late)
    assert [r.person_id for r in lapsed] == [b] and [o.person_id for o in offers] == [c]
    # Running the job again changes nothing (safe to run twice).
    async with sessions() as session, session.begin():
        assert await regs.lapse_offers(session, late) == ([], [])
    async with sessions() as session, session.begin():
        reg_b = await session.get(Registration, (await registration(sessions, event_id, b)).id)
        with pytest.raises(DomainError) as err:
            await regs.accept_offer(session, reg_b, now=late, actor_person_id=b)
        assert err.value.code == "no_offer"


async def test_refused_offer_goes_to_the_next(sessions, make_event):
    event_id = await make_event(seats={"Sở Tài chính": 1})
    a, b, c = [await make_person(sessions, n) for n in "abc"]
    for p in (a, b, c):
        await rsvp(sessions, event_id, p, "Sở Tài chính")
    await rsvp(sessions, event_id, a, "Sở Tài chính", attend=False)
    async with sessions() as session, session.begin():
        reg_b = await session.get(Registration, (await registration(sessions, event_id, b)).id)
        result = await regs.refuse_offer(session, reg_b, now=NOW, offer_ttl=TTL, actor_person_id=b)
    assert [o.person_id for o in result.offers] == [c]


async def test_deadline_stops_delegates_not_organisers(sessions, make_event):
    deadline = dt.datetime(2026, 11, 24, 17, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    event_id = await make_event(seats={"Sở Tài chính": 1}, rsvp_deadline=deadline)
    a = await make_person(sessions, "a")
    await rsvp(sessions, event_id, a, "Sở Tài chính")
    late = deadline + dt.timedelta(minutes=1)
    with pytest.raises(DomainError) as err:
        await rsvp(sessions, event_id, a, "Sở Tài chính", attend=False, now=late)
    assert err.value.code == "rsvp_closed"
    assert (await _statuses(sessions, event_id))[a] == S.CONFIRMED
    async with sessions() as session, session.begin():
        reg = await session.get(Registration, (await registration(sessions, event_id, a)).id)
        await regs.respond(
            session,
            reg,
            False,
            now=late,
            offer_ttl=TTL,
            actor_person_id=None,
            by_organiser=True,
            reason="gọi điện báo bận",
        )
    assert (await _statuses(sessions, event_id))[a] == S.DECLINED


async def test_hand_over_keeps_the_seat_count(sessions, make_event):
    event_id = await make_event(seats={"Sở Tài chính": 1, "Sở Y tế": 1})
    a, b, c = [await make_person(sessions, n) for n in "abc"]
    await rsvp(sessions, event_id, a, "Sở Tài chính")
    source_id = (await registration(sessions, event_id, a)).id
    async with sessions() as session, session.begin():
        target = await regs.start_registration(session, event_id, b, await agency_id(session, "Sở Tài chính"))
        source = await session.get(Registration, source_id)
        await regs.hand_over_seat(session, source, target, now=NOW)
    assert await _statuses(sessions, event_id) == {a: S.CANCELLED, b: S.CONFIRMED}
    # Another agency's delegate cannot take it.
    source_id = (await registration(sessions, event_id, b)).id
    async with sessions() as session, session.begin():
        other = await regs.start_registration(session, event_id, c, await agency_id(session, "Sở Y tế"))
        source = await session.get(Registration, source_id)
        with pytest.raises(DomainError) as err:
            await regs.hand_over_seat(session, source, other, now=NOW)
        assert err.value.code == "transfer_other_agency"


async def test_lowering_below_confirmed_is_refused_unless_insisted(sessions, make_event):
    event_id = await make_event(seats={"Sở Tài chính": 3})
    people = [await make_person(sessions, f"p{i}") for i in range(4)]
    for p in people:
        await rsvp(sessions, event_id, p, "Sở Tài chính")
    async with sessions() as session, session.begin():
        agency = await agency_id(session, "Sở Tài chính")
    with pytest.raises(DomainError) as err:
        async with sessions() as session, session.begin():
            await seat_admin.change_quota(
                session,
                event_id,
                agency,
                1,
                reason="hội trường nhỏ",
                organiser_id=None,
                now=NOW,
                offer_ttl=TTL,
            )
    assert err.value.code == "quota_below_confirmed" and err.value.params == {"confirmed": 3, "seats": 1}
    async with sessions() as session, session.begin():
        change = await seat_admin.change_quota(
            session,
            event_id,
            agency,
            1,
            reason="hội trường nhỏ",
            organiser_id=None,
            now=NOW,
            offer_ttl=TTL,
            insist=True,
        )
    assert [r.person_id for r in change.moved_to_waitlist] == [people[2], people[1]]
    statuses = await _statuses(sessions, event_id)
    assert statuses[people[0]] == S.CONFIRMED
    # The two moved back are ahead of the one who was already waiting, earliest first.
    async with sessions() as session:
        order = (
            (
                await session.execute(
                    select(Registration.person_id)
                    .where(Registration.status == S.WAITLISTED)
                    .order_by(Registration.waitlist_seq)
                )
            )
            .scalars()
            .all()
        )
    assert order == [people[1], people[2], people[3]]


async def test_raising_a_quota_offers_seats_and_reason_is_audited(sessions, make_event):
    event_id = await make_event(seats={"Sở Tài chính": 1})
    a, b = await make_person(sessions, "a"), await make_person(sessions, "b")
    await rsvp(sessions, event_id, a, "Sở Tài chính")
    await rsvp(sessions, event_id, b, "Sở Tài chính")
    async with sessions() as session, session.begin():
        agency = await agency_id(session, "Sở Tài chính")
        with pytest.raises(DomainError):
            await seat_admin.change_quota(
                session, event_id, agency, 2, reason=" ", organiser_id=None, now=NOW, offer_ttl=TTL
            )
    async with sessions() as session, session.begin():
        change = await seat_admin.change_quota(
            session, event_id, agency, 2, reason="thêm ghế", organiser_id=None, now=NOW, offer_ttl=TTL
        )
    assert [o.person_id for o in change.offers] == [b]
    async with sessions() as session:
        entry = (
            await session.execute(select(AuditEntry).where(AuditEntry.action == "quota.changed"))
        ).scalar_one()
        assert entry.detail["reason"] == "thêm ghế" and (entry.detail["before"], entry.detail["after"]) == (
            1,
            2,
        )


async def test_move_seats_only_free_ones(sessions, make_event):
    event_id = await make_event(seats={"Sở Tài chính": 2, "Sở Y tế": 1})
    a, b = await make_person(sessions, "a"), await make_person(sessions, "b")
    await rsvp(sessions, event_id, a, "Sở Tài chính")
    await rsvp(sessions, event_id, b, "Sở Y tế")
    await rsvp(sessions, event_id, await make_person(sessions, "c"), "Sở Y tế")
    async with sessions() as session, session.begin():
        fin, health = await agency_id(session, "Sở Tài chính"), await agency_id(session, "Sở Y tế")
    with pytest.raises(DomainError) as err:
        async with sessions() as session, session.begin():
            await seat_admin.move_seats(
                session, event_id, fin, health, 2, reason="x", organiser_id=None, now=NOW, offer_ttl=TTL
            )
    assert err.value.params == {"free": 1}
    async with sessions() as session, session.begin():
        change = await seat_admin.move_seats(
            session, event_id, fin, health, 1, reason="điều chỉnh", organiser_id=None, now=NOW, offer_ttl=TTL
        )
    assert len(change.offers) == 1


async def test_forget_erases_personal_data_keeps_anonymous_rows(sessions, make_event):
    event_id = await make_event(seats={"Sở Tài chính": 1})
    a = await make_person(sessions, "a", name="Nguyễn Văn A")
    b = await make_person(sessions, "b")
    await rsvp(sessions, event_id, a, "Sở Tài chính")
    await rsvp(sessions, event_id, b, "Sở Tài chính")
    async with sessions() as session, session.begin():
        person = await session.get(Person, a)
        person.phone, person.position = "+84912345678", "Chuyên viên"
    async with sessions() as session, session.begin():
        offers = await forget_person(session, a, now=NOW)
    assert [o.person_id for o in offers] == [b]
    async with sessions() as session:
        person = await session.get(Person, a)
        assert (person.full_name, person.position, person.phone, person.consent_at) == (
            None,
            None,
            None,
            None,
        )
    assert (await _statuses(sessions, event_id))[a] == S.CANCELLED
