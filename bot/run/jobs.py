"""Periodic jobs. Each opens its own unit of work, commits before anything is sent, and is safe
to run twice (APScheduler only ticks; what to do is read from the database)."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections import Counter

from sqlalchemy import select

from bot.app import BotCore
from bot.domain.audiences import organisers
from bot.domain.registration.approvals import pending_by_event, pending_count
from bot.domain.registration.registrations import lapse_offers
from bot.outbox.notices import notify_offers, tell
from storage.enums import EventStatus, RoleKind
from storage.models import AuditEntry, Event, Role
from storage.rsvp_models import OrganiserPreference
from storage.types import utcnow

__all__ = ["expire_offers", "send_organiser_digests", "nudge_pending_approvals", "DIGEST_ACTIONS"]

# Audit actions an organiser's digest counts, in the order they are listed.
DIGEST_ACTIONS = (
    "registration.started",
    "registration.approved",
    "registration.refused",
    "rsvp.attend",
    "rsvp.decline",
    "offer.accepted",
    "offer.refused",
    "offer.lapsed",
    "seat.transferred",
    "delegate.added",
    "delegate.removed",
    "quota.changed",
    "seats.moved",
    "person.forgotten",
)


async def expire_offers(core: BotCore, now: dt.datetime | None = None) -> int:
    """Lapse overdue seat offers, tell those people, and offer the seats to the next in line."""
    now = now or utcnow()
    async with core.sessions() as session, session.begin():
        lapsed, offers = await lapse_offers(session, now)
        for registration in lapsed:
            event = await session.get(Event, registration.event_id)
            await tell(
                session,
                registration.person_id,
                "rsvp.offer_lapsed",
                kind="offer",
                event_id=registration.event_id,
                title=event.title if event else "—",
                dedupe_key=f"lapsed:{registration.id}:{now.isoformat()}",
            )
        for event_id in {o.event_id for o in offers}:
            event = await session.get(Event, event_id)
            if event is not None:
                await notify_offers(session, event, [o for o in offers if o.event_id == event_id])
    return len(lapsed)


async def _organiser_preferences(session, now: dt.datetime) -> list[OrganiserPreference]:  # type: ignore[no-untyped-def]
    # Every organiser of a published event gets the digest (a default); their preference row
    # keeps when the last one went out, and is made on first use.
    rows = await session.execute(
        select(Role.person_id, Role.event_id)
        .join(Event, Event.id == Role.event_id)
        .where(Role.kind == RoleKind.ORGANISER, Event.status == EventStatus.PUBLISHED)
    )
    existing = {
        (p.person_id, p.event_id): p
        for p in (await session.execute(select(OrganiserPreference).with_for_update())).scalars()
    }
    out = []
    for person_id, event_id in rows.all():
        preference = existing.get((person_id, event_id))
        if preference is None:
            preference = OrganiserPreference(person_id=person_id, event_id=event_id, digest=False)
            session.add(preference)
        out.append(preference)
    return out


async def send_organiser_digests(core: BotCore, now: dt.datetime | None = None) -> int:
    """Once a day to every organiser: counts of what changed since their previous digest."""
    now = now or utcnow()
    sent = 0
    async with core.sessions() as session, session.begin():
        for preference in await _organiser_preferences(session, now):
            since = preference.last_digest_at or now - dt.timedelta(days=1)
            if now - since < dt.timedelta(hours=23):
                continue
            actions = Counter(
                (
                    await session.execute(
                        select(AuditEntry.action).where(
                            AuditEntry.event_id == preference.event_id,
                            AuditEntry.at > since,
                            AuditEntry.at <= now,
                            AuditEntry.action.in_(DIGEST_ACTIONS),
                        )
                    )
                ).scalars()
            )
            preference.last_digest_at = now
            event = await session.get(Event, preference.event_id)
            if event is None:
                continue
            lines = [(a, actions[a]) for a in DIGEST_ACTIONS if actions[a]]
            waiting = await pending_count(session, event.id)
            sent += await tell(
                session,
                preference.person_id,
                "rsvp.org.digest",
                kind="digest",
                event_id=event.id,
                title=event.title,
                body=lambda t, lines=lines, waiting=waiting: _digest_body(t, lines, waiting),
                dedupe_key=f"digest:{preference.person_id}:{event.id}:{now.date().isoformat()}",
            )
    return sent


def _digest_body(t, lines: list[tuple[str, int]], waiting: int) -> str:  # type: ignore[no-untyped-def]
    body = [t(f"rsvp.digest.{action}", count=n) for action, n in lines] or [t("rsvp.digest.nothing")]
    if waiting:
        body.append(t("approvals.digest_pending", count=waiting))
    return "\n".join(body)


async def nudge_pending_approvals(core: BotCore, now: dt.datetime | None = None) -> int:
    """Once a day while registrations wait for approval: tell each organiser how many wait.
    Safe to run twice: one message per organiser, event and local day (the outbox dedupe key)."""
    now = now or utcnow()
    day = now.astimezone(zoneinfo.ZoneInfo(core.settings.timezone)).date().isoformat()
    sent = 0
    async with core.sessions() as session, session.begin():
        for event_id, count in (await pending_by_event(session)).items():
            event = await session.get(Event, event_id)
            for person_id in await organisers(session, event_id):
                sent += await tell(
                    session,
                    person_id,
                    "approvals.nudge",
                    kind="organiser",
                    event_id=event_id,
                    title=event.title if event else "—",
                    count=count,
                    buttons=[[("approvals.button.open", "cmd:pending")]],
                    dedupe_key=f"approvals:{person_id}:{event_id}:{day}",
                )
    return sent
