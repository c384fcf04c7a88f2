"""Check-in on the day: personal codes, check-in by an organiser or by the delegate at the venue.

Rules: only a CONFIRMED registration can be checked in; checking in twice changes nothing (the
first time is kept); an organiser checks people in on the event's days; a delegate checks in
through the venue's link only within the event hours on each day (start − 60 min to end + 30 min,
in the event's time zone).
"""

from __future__ import annotations

import datetime as dt
import secrets
import zoneinfo
from dataclasses import dataclass

from sqlalchemy import event as orm_event
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.errors import DomainError
from bot.domain.formatting import format_date, format_time
from bot.domain.registration.invitations import new_token
from storage import repositories as repo
from storage.checkin_models import VenueCheckInLink
from storage.models import Event
from storage.rsvp_models import Registration, RegistrationStatus

__all__ = [
    "CODE_ALPHABET",
    "CODE_LENGTH",
    "OPENS_BEFORE",
    "CLOSES_AFTER",
    "CheckIn",
    "new_check_in_code",
    "normalise_code",
    "display_code",
    "ensure_check_in_code",
    "registration_by_code",
    "check_in",
    "check_in_by_organiser",
    "self_check_in",
    "check_in_windows",
    "is_event_day",
    "venue_link",
    "open_venue_link",
]

# No 0/O or 1/I: codes are read aloud and typed at the door.
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8
# Self check-in opens this long before the event starts and closes this long after it ends.
OPENS_BEFORE = dt.timedelta(minutes=60)
CLOSES_AFTER = dt.timedelta(minutes=30)
VENUE_TOKEN_BYTES = 16


@dataclass(frozen=True)
class CheckIn:
    """What a check-in did: the registration and whether it had been checked in already."""

    registration: Registration
    already: bool


def new_check_in_code() -> str:
    """A random code of CODE_LENGTH characters from the unambiguous alphabet."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(text: str) -> str | None:
    """'abcd-2345 ' -> 'ABCD2345'; None when it cannot be a check-in code."""
    code = "".join(ch for ch in text.upper() if ch.isalnum())
    if len(code) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in code):
        return None
    return code


def display_code(code: str) -> str:
    """'ABCD2345' -> 'ABCD-2345', easier to read aloud."""
    half = len(code) // 2
    return f"{code[:half]}-{code[half:]}"


@orm_event.listens_for(Registration.status, "set")
def _code_when_confirmed(target: Registration, value, _old, _initiator) -> None:  # type: ignore[no-untyped-def]
    # Every way a registration becomes CONFIRMED (answer, offer accepted, hand-over, organiser)
    # sets this attribute, so the code exists before the day-before reminder needs it.
    if value == RegistrationStatus.CONFIRMED and target.check_in_code is None:
        target.check_in_code = new_check_in_code()


async def ensure_check_in_code(session: AsyncSession, registration: Registration) -> str:
    """The registration's code, created on first request. Flushes only."""
    while registration.check_in_code is None:
        code = new_check_in_code()
        taken = await session.execute(select(Registration.id).where(Registration.check_in_code == code))
        if taken.first() is None:
            registration.check_in_code = code
            await session.flush()
    return registration.check_in_code


async def registration_by_code(session: AsyncSession, text: str) -> Registration | None:
    """The registration behind a typed or scanned code, if it is one."""
    code = normalise_code(text)
    if code is None:
        return None
    found = await session.execute(select(Registration).where(Registration.check_in_code == code))
    return found.scalar_one_or_none()


def _zone(event: Event) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(event.timezone)


def _event_days(event: Event) -> list[dt.date]:
    if event.start_date is None:
        return []
    last = max(event.end_date or event.start_date, event.start_date)
    return [event.start_date + dt.timedelta(days=n) for n in range((last - event.start_date).days + 1)]


def check_in_windows(event: Event) -> list[tuple[dt.datetime, dt.datetime]]:
    """When self check-in is open, one window per event day (aware datetimes)."""
    zone = _zone(event)
    start, end = event.start_time or dt.time(0, 0), event.end_time or dt.time(23, 59)
    return [
        (
            dt.datetime.combine(day, start, zone) - OPENS_BEFORE,
            dt.datetime.combine(day, end, zone) + CLOSES_AFTER,
        )
        for day in _event_days(event)
    ]


def is_event_day(event: Event, now: dt.datetime) -> bool:
    """Whether `now` falls on one of the event's days in its time zone."""
    return now.astimezone(_zone(event)).date() in _event_days(event)


def _outside_hours(event: Event) -> DomainError:
    windows = check_in_windows(event)
    if not windows:
        return DomainError("checkin_no_date")
    opens, closes = windows[0]
    return DomainError(
        "checkin_outside_hours",
        opens=format_time(opens.time()),
        closes=format_time(closes.time()),
        date=format_date(opens.date()),
    )


async def check_in(
    session: AsyncSession,
    registration: Registration,
    *,
    now: dt.datetime,
    by_person_id: int | None,
    how: str,
) -> CheckIn:
    """Record the arrival once; the second time says when the first one was. Flushes only."""
    if registration.checked_in_at is not None:
        return CheckIn(registration, already=True)
    if registration.status != RegistrationStatus.CONFIRMED:
        raise DomainError("checkin_not_confirmed")
    registration.checked_in_at, registration.checked_in_by = now, by_person_id
    await session.flush()
    await repo.record_audit(
        session,
        "checkin.recorded",
        event_id=registration.event_id,
        actor_person_id=by_person_id,
        registration=registration.id,
        how=how,
    )
    return CheckIn(registration, already=False)


async def check_in_by_organiser(
    session: AsyncSession, event: Event, text: str, *, organiser_id: int, now: dt.datetime
) -> CheckIn:
    """An organiser scans or types a delegate's code on one of the event's days."""
    registration = await registration_by_code(session, text)
    if registration is None or registration.event_id != event.id:
        raise DomainError("checkin_code_unknown", value=text.strip()[:20])
    if not is_event_day(event, now):
        raise DomainError(
            "checkin_not_event_day", date=format_date(event.start_date) if event.start_date else "—"
        )
    return await check_in(session, registration, now=now, by_person_id=organiser_id, how="organiser")


async def self_check_in(session: AsyncSession, event: Event, person_id: int, *, now: dt.datetime) -> CheckIn:
    """A delegate opens the venue's link: accepted within the event hours, for a confirmed seat."""
    found = await session.execute(
        select(Registration).where(Registration.event_id == event.id, Registration.person_id == person_id)
    )
    registration = found.scalar_one_or_none()
    if registration is None or registration.status == RegistrationStatus.CANCELLED:
        raise DomainError("checkin_not_registered")
    if registration.checked_in_at is not None:
        return CheckIn(registration, already=True)
    if registration.status != RegistrationStatus.CONFIRMED:
        raise DomainError("checkin_not_confirmed")
    if not any(opens <= now <= closes for opens, closes in check_in_windows(event)):
        raise _outside_hours(event)
    return await check_in(session, registration, now=now, by_person_id=person_id, how="venue")


async def venue_link(
    session: AsyncSession, event_id: int, *, renew: bool, now: dt.datetime, by_person_id: int | None
) -> VenueCheckInLink:
    """The event's live venue link (revoking it and making a new one when `renew`). Flushes only."""
    live = (
        (
            await session.execute(
                select(VenueCheckInLink)
                .where(VenueCheckInLink.event_id == event_id, VenueCheckInLink.revoked_at.is_(None))
                .order_by(VenueCheckInLink.id.desc())
            )
        )
        .scalars()
        .all()
    )
    if live and not renew:
        return live[0]
    for link in live:
        link.revoked_at = now
    link = VenueCheckInLink(event_id=event_id, token=new_token(VENUE_TOKEN_BYTES), created_at=now)
    session.add(link)
    await session.flush()
    await repo.record_audit(
        session,
        "checkin.venue_link",
        event_id=event_id,
        actor_person_id=by_person_id,
        link=link.id,
        replaced=[old.id for old in live],
    )
    return link


async def open_venue_link(session: AsyncSession, token: str) -> VenueCheckInLink | None:
    """The venue link behind a token; None if unknown, refused if it was replaced."""
    found = await session.execute(select(VenueCheckInLink).where(VenueCheckInLink.token == token))
    link = found.scalar_one_or_none()
    if link is not None and link.revoked_at is not None:
        raise DomainError("venue_link_revoked")
    return link
