"""Personal data: phone numbers in Vietnamese formats, consent, and erasure on request."""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.errors import DomainError
from bot.domain.registration.erasure import erase_traces, personal_needles
from bot.domain.seats import allocation as seats
from storage import repositories as repo
from storage.enums import RoleKind
from storage.models import Event, Identity, Person, Role
from storage.rsvp_models import Registration, RegistrationStatus

__all__ = ["normalise_phone", "local_phone", "forget_person", "MAX_NAME", "clean_name"]

MAX_NAME = 120
_SEPARATORS = re.compile(r"[\s.\-()/]")
# After the country code: mobiles are 9 digits starting 3, 5, 7, 8 or 9; landlines 10 digits starting 2.
_NATIONAL = re.compile(r"(?:[35789]\d{8}|2\d{9})")


def normalise_phone(text: str) -> str:
    """'0912 345 678', '+84 912.345.678', '84912345678' -> '+84912345678'; else DomainError."""
    raw = _SEPARATORS.sub("", text or "")
    if raw.startswith("+84"):
        national = raw[3:]
    elif raw.startswith("0084"):
        national = raw[4:]
    elif raw.startswith("84") and len(raw) in (11, 12):
        national = raw[2:]
    elif raw.startswith("0"):
        national = raw[1:]
    else:
        raise DomainError("phone_invalid")
    if not _NATIONAL.fullmatch(national):
        raise DomainError("phone_invalid")
    return "+84" + national


def local_phone(phone: str | None) -> str | None:
    """A stored '+84912345678' as written at home, '0912345678'; anything else unchanged."""
    if phone and phone.startswith("+84") and phone[3:].isdigit():
        return "0" + phone[3:]
    return phone


def clean_name(text: str | None, code: str = "name_invalid") -> str:
    """A person's name or position as typed, trimmed; refused when empty, too long or not text."""
    value = " ".join((text or "").split())
    if not value or len(value) > MAX_NAME or value.startswith("/") or not any(c.isalpha() for c in value):
        raise DomainError(code)
    return value


async def forget_person(session: AsyncSession, person_id: int, *, now: dt.datetime) -> list[seats.Offer]:
    """Erase the person's name, position, phone and consent; cancel their registrations (anonymous
    rows stay for the counts) and hand freed seats to the waitlist."""
    person = await session.get(Person, person_id)
    if person is None:
        raise DomainError("person_not_found")
    needles = await personal_needles(session, person_id)
    await erase_traces(session, person_id, needles)
    person.full_name = person.position = person.phone = None
    person.consent_at = person.phone_verified_at = None
    identities = (await session.execute(select(Identity).where(Identity.person_id == person_id))).scalars()
    for identity in identities:
        identity.display_name = None
    await session.execute(delete(Role).where(Role.person_id == person_id, Role.kind == RoleKind.DELEGATE))
    offers: list[seats.Offer] = []
    registrations = (
        (await session.execute(select(Registration).where(Registration.person_id == person_id)))
        .scalars()
        .all()
    )
    for registration in registrations:
        if registration.status == RegistrationStatus.CANCELLED:
            continue
        if await seats.release_seat(session, registration, RegistrationStatus.CANCELLED):
            event = await session.get(Event, registration.event_id)
            ttl = dt.timedelta(hours=event.offer_hours if event else 24)
            offers += await seats.offer_freed_seats(
                session, registration.event_id, registration.agency_id, now, ttl
            )
    await repo.record_audit(session, "person.forgotten", actor_person_id=person_id)
    await session.flush()
    return offers
