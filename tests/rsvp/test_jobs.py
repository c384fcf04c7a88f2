"""The offer-expiry and organiser-digest jobs: right messages, once, safe to run twice."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from bot.outbox.delivery import body_to_replies
from bot.run.jobs import expire_offers, send_organiser_digests
from storage.models import Identity, OutboxMessage
from storage.rsvp_models import OrganiserPreference
from tests.rsvp.helpers import NOW, TTL, make_organiser, make_person, rsvp

pytestmark = pytest.mark.db


async def _texts(sessions, person_id: int) -> list[str]:  # type: ignore[no-untyped-def]
    async with sessions() as session:
        rows = await session.execute(
            select(OutboxMessage.body)
            .join(Identity, Identity.id == OutboxMessage.identity_id)
            .where(Identity.person_id == person_id)
            .order_by(OutboxMessage.id)
        )
        return [r.text for body in rows.scalars() for r in body_to_replies(body)]


async def test_expired_offer_is_told_and_passed_on(core, sessions, make_event):
    event_id = await make_event(seats={"Sở Tài chính": 1})
    a, b, c = [await make_person(sessions, n) for n in "abc"]
    for p in (a, b, c):
        await rsvp(sessions, event_id, p, "Sở Tài chính")
    await rsvp(sessions, event_id, a, "Sở Tài chính", attend=False)
    late = NOW + TTL + dt.timedelta(minutes=5)
    assert await expire_offers(core, late) == 1
    assert await expire_offers(core, late) == 0
    assert any("Thời hạn nhận chỗ" in t for t in await _texts(sessions, b))
    assert any("Đã có một chỗ trống cho Quý vị" in t for t in await _texts(sessions, c))


async def test_digest_counts_changes_once_a_day(core, sessions, make_event):
    event_id = await make_event(seats={"Sở Tài chính": 1})
    organiser = await make_organiser(sessions, event_id)
    async with sessions() as session, session.begin():
        session.add(
            OrganiserPreference(
                person_id=organiser,
                event_id=event_id,
                digest=True,
                last_digest_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=1),
            )
        )
    for n in "ab":
        await rsvp(sessions, event_id, await make_person(sessions, n), "Sở Tài chính")
    now = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=1)
    assert await send_organiser_digests(core, now) == 1
    assert await send_organiser_digests(core, now) == 0
    texts = await _texts(sessions, organiser)
    assert len(texts) == 1
    assert "Trả lời tham dự: 2" in texts[0] and "Đăng ký mới: 2" in texts[0]


async def test_every_organiser_gets_the_digest_by_default(core, sessions, make_event):
    event_id = await make_event(seats={"Sở Tài chính": 2})
    organiser = await make_organiser(sessions, event_id)  # no preference chosen
    await rsvp(sessions, event_id, await make_person(sessions, "a"), "Sở Tài chính")
    now = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=1)
    assert await send_organiser_digests(core, now) == 1
    assert await send_organiser_digests(core, now + dt.timedelta(hours=2)) == 0
    texts = await _texts(sessions, organiser)
    digest = [t for t in texts if t.startswith("Tổng hợp thay đổi trong ngày")]
    assert len(digest) == 1 and "Trả lời tham dự: 1" in digest[0]
    # The next day brings the next one.
    assert await send_organiser_digests(core, now + dt.timedelta(days=1)) == 1
