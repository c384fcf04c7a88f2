"""Programme and venue changes: described as old → new, and one notice per delegate per re-import."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import select

from bot.domain.events.changes import describe_changes
from bot.domain.plan.draft import VenueDraft
from bot.outbox.delivery import body_to_replies
from bot.outbox.notices import save_event_and_notify as save_event_draft
from storage import repositories as repo
from storage.enums import AgendaKind as K
from storage.enums import Channel, RoleKind
from storage.models import Agency, OutboxMessage, Role
from storage.rsvp_models import Registration, RegistrationStatus
from tests.conftest import event_draft

AGENDA = [
    ("08:00", "08:30", "Đón tiếp đại biểu", "BTC", K.REGISTRATION),
    ("08:30", "10:15", "Tham luận về hạ tầng số", "Sở Khoa học và Công nghệ", K.TALK),
    ("10:15", "10:30", "Giải lao", None, K.BREAK),
    ("10:30", "11:15", "Thảo luận", "Chủ trì và đại biểu", K.DISCUSSION),
]
MOVED_BREAK = [*AGENDA[:2], ("10:30", "10:45", "Giải lao", None, K.BREAK), AGENDA[3]]


def _with_venue(draft, name: str):  # type: ignore[no-untyped-def]
    assert draft.venue is not None
    return dataclasses.replace(draft, venue=dataclasses.replace(draft.venue, name=name))


def test_describe_changes_lists_old_and_new():
    old = event_draft(agenda=AGENDA)
    new = _with_venue(event_draft(agenda=MOVED_BREAK), "Hội trường B")
    changes = describe_changes(old, new)
    assert [(c.field, c.old, c.new) for c in changes] == [
        ("venue_name", "Hội trường A", "Hội trường B"),
        ("item_time", "10:15–10:30", "10:30–10:45"),
    ]


def test_describe_changes_titles_presenters_added_removed():
    old = event_draft(agenda=AGENDA, date=dt.date(2026, 11, 26))
    rows = [
        AGENDA[0],
        ("08:30", "10:15", "Tham luận về dữ liệu mở", "Sở Tài chính", K.TALK),
        AGENDA[2],
        ("11:15", "11:30", "Bế mạc", "Lãnh đạo Sở", K.CLOSING),
    ]
    new = event_draft(agenda=rows, date=dt.date(2026, 11, 27))
    fields = [(c.field, c.item) for c in describe_changes(old, new)]
    assert ("date", None) in fields
    assert ("times", None) in fields  # 08:00–11:15 became 08:00–11:30
    assert ("item_title", "Tham luận về dữ liệu mở") in fields
    assert ("item_presenter", "Tham luận về dữ liệu mở") in fields
    assert ("item_removed", "Thảo luận") in fields and ("item_added", "Bế mạc") in fields


def test_nothing_changed_means_no_changes():
    assert describe_changes(event_draft(agenda=AGENDA), event_draft(agenda=AGENDA)) == []


async def _register(session, event_id: int, person_id: int, status: RegistrationStatus) -> None:  # type: ignore[no-untyped-def]
    agency = (await session.execute(select(Agency.id).where(Agency.name == "UBND tỉnh"))).scalar_one()
    session.add(
        Registration(
            event_id=event_id,
            person_id=person_id,
            agency_id=agency,
            status=status,
            waitlist_seq=1 if status == RegistrationStatus.WAITLISTED else None,
        )
    )
    session.add(Role(event_id=event_id, person_id=person_id, kind=RoleKind.DELEGATE))


async def _delegates(sessions, event_id: int, languages: list[str]) -> list[int]:  # type: ignore[no-untyped-def]
    ids = []
    async with sessions() as session, session.begin():
        for n, language in enumerate(languages):
            identity, _ = await repo.identity_for(session, Channel.TELEGRAM, f"{700 + n}", None, language)
            await _register(session, event_id, identity.person_id, RegistrationStatus.CONFIRMED)
            ids.append(identity.id)
        # Someone on the waitlist has no seat yet and hears nothing.
        waiting, _ = await repo.identity_for(session, Channel.TELEGRAM, "800", None, "vi")
        await _register(session, event_id, waiting.person_id, RegistrationStatus.WAITLISTED)
        # An organiser is not a delegate and hears nothing.
        organiser, _ = await repo.identity_for(session, Channel.TELEGRAM, "999", None, "vi")
        session.add(Role(event_id=event_id, person_id=organiser.person_id, kind=RoleKind.ORGANISER))
    return ids


async def _outbox_texts(sessions) -> dict[int, list[str]]:  # type: ignore[no-untyped-def]
    out: dict[int, list[str]] = {}
    async with sessions() as session:
        for message in (await session.execute(select(OutboxMessage).order_by(OutboxMessage.id))).scalars():
            out.setdefault(message.identity_id, []).append(body_to_replies(message.body)[0].text)
    return out


@pytest.mark.db
async def test_reimport_with_changes_notifies_each_delegate_once(sessions, make_event):
    event_id = await make_event(agenda=AGENDA)
    vi_delegate, en_delegate = await _delegates(sessions, event_id, ["vi", "en"])
    changed = _with_venue(event_draft(agenda=MOVED_BREAK), "Hội trường B")
    async with sessions() as session, session.begin():
        outcome = await save_event_draft(session, changed, actor_label="test")
    assert outcome.notices == 2
    texts = await _outbox_texts(sessions)
    assert sorted(texts) == [vi_delegate, en_delegate]
    [vi_text], [en_text] = texts[vi_delegate], texts[en_delegate]
    assert "• Giải lao: 10:15–10:30 → 10:30–10:45" in vi_text
    assert "• Địa điểm: Hội trường A → Hội trường B" in vi_text
    assert "Ban Tổ chức vừa thay đổi" in vi_text
    assert "• Venue: Hội trường A → Hội trường B" in en_text
    assert "10:15–10:30 → 10:30–10:45" in en_text

    # Importing the same file again changes nothing and queues nothing.
    async with sessions() as session, session.begin():
        again = await save_event_draft(session, changed, actor_label="test")
    assert again.notices == 0
    assert sum(len(v) for v in (await _outbox_texts(sessions)).values()) == 2


@pytest.mark.db
async def test_unchanged_reimport_queues_nothing(sessions, make_event):
    event_id = await make_event(agenda=AGENDA)
    await _delegates(sessions, event_id, ["vi"])
    async with sessions() as session, session.begin():
        outcome = await save_event_draft(session, event_draft(agenda=AGENDA), actor_label="test")
    assert outcome.notices == 0
    assert await _outbox_texts(sessions) == {}


@pytest.mark.db
async def test_a_later_change_back_is_announced_too(sessions, make_event):
    event_id = await make_event(agenda=AGENDA)
    [delegate] = await _delegates(sessions, event_id, ["vi"])
    for rows in (MOVED_BREAK, AGENDA, MOVED_BREAK):
        async with sessions() as session, session.begin():
            await save_event_draft(session, event_draft(agenda=rows), actor_label="test")
    assert len((await _outbox_texts(sessions))[delegate]) == 3


def test_new_venue_from_nothing():
    old = event_draft(agenda=AGENDA)
    old = dataclasses.replace(old, venue=None)
    new = event_draft(agenda=AGENDA, venue=VenueDraft(name="Hội trường C", address="3 Lê Duẩn"))
    changes = describe_changes(old, new)
    assert ("venue_name", None, "Hội trường C") in [(c.field, c.old, c.new) for c in changes]
