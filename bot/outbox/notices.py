"""Messages to other people than the one who acted (offers, organiser alerts), rendered in each
recipient's language and written to the outbox in the same transaction as the change."""

from __future__ import annotations

import dataclasses
import zoneinfo
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.audiences import (
    confirmed_delegates,
    organisers,
    reachable_identities,
    reachable_identity,
)
from bot.domain.events.changes import change_key, change_messages
from bot.domain.events.records import ImportOutcome, save_event_draft
from bot.domain.formatting import format_date, format_time
from bot.domain.plan.draft import EventDraft
from bot.domain.qa.messages import render_messages
from bot.domain.seats.allocation import Offer
from bot.i18n import Translator, translator
from bot.messages import Button, Reply
from bot.outbox.delivery import enqueue
from bot.outbox.fanout import queue_for_each
from storage.models import Event, Identity
from storage.rsvp_models import OrganiserPreference, Registration

__all__ = [
    "local_datetime",
    "notify_event_change",
    "notify_moved_to_waitlist",
    "notify_offers",
    "notify_organisers",
    "recipient",
    "save_event_and_notify",
    "tell",
]


async def recipient(session: AsyncSession, person_id: int) -> Identity | None:
    """The identity the person used last and can still be reached on."""
    found = await reachable_identity(session, person_id)
    return None if found is None else await session.get(Identity, found[0])


def local_datetime(t: Translator, event: Event, moment) -> str:  # type: ignore[no-untyped-def]
    """An aware datetime as 'HH:MM dd/mm/yyyy' in the event's time zone."""
    local = moment.astimezone(zoneinfo.ZoneInfo(event.timezone))
    return t("common.at", time=format_time(local.time()), date=format_date(local.date()))


async def tell(
    session: AsyncSession,
    person_id: int,
    key: str,
    *,
    kind: str,
    event_id: int | None = None,
    buttons: list[list[tuple[str, str]]] | None = None,
    dedupe_key: str | None = None,
    **params: Any,
) -> bool:
    """Queue catalogue message `key` for a person; button labels are catalogue keys too."""
    identity = await recipient(session, person_id)
    if identity is None:
        return False
    t = translator(identity.language)
    rendered = {k: (v(t) if callable(v) else v) for k, v in params.items()}
    rows = [[Button(t(label), payload) for label, payload in row] for row in buttons or []]
    reply = Reply(text=t(key, **rendered), buttons=rows)
    message = await enqueue(
        session, identity.id, [reply], kind=kind, event_id=event_id, dedupe_key=dedupe_key
    )
    return message is not None


async def notify_offers(session: AsyncSession, event: Event, offers: list[Offer]) -> None:
    """Tell each person offered a freed seat, with accept and refuse buttons."""
    for offer in offers:
        await tell(
            session,
            offer.person_id,
            "rsvp.offer",
            kind="offer",
            event_id=event.id,
            title=event.title,
            until=lambda t, o=offer: local_datetime(t, event, o.expires_at),
            buttons=[
                [
                    ("rsvp.button.accept_offer", f"offer:yes:{offer.registration_id}"),
                    ("rsvp.button.refuse_offer", f"offer:no:{offer.registration_id}"),
                ]
            ],
            dedupe_key=f"offer:{offer.registration_id}:{offer.expires_at.isoformat()}",
        )


async def notify_moved_to_waitlist(session: AsyncSession, event: Event, moved: list[Registration]) -> None:
    """Tell people whose confirmation an organiser had to undo."""
    for registration in moved:
        await tell(
            session,
            registration.person_id,
            "rsvp.moved_to_waitlist",
            kind="seat",
            event_id=event.id,
            title=event.title,
        )


async def notify_organisers(
    session: AsyncSession,
    event_id: int,
    key: str,
    *,
    buttons: list[list[tuple[str, str]]] | None = None,
    urgent: bool = False,
    **params: Any,
) -> int:
    """Tell organisers at once, except those who chose the daily digest (unless `urgent`,
    e.g. an approval that waits for them). Returns how many were queued."""
    digest = set(
        (
            await session.execute(
                select(OrganiserPreference.person_id).where(
                    OrganiserPreference.event_id == event_id, OrganiserPreference.digest.is_(True)
                )
            )
        ).scalars()
    )
    sent = 0
    for person_id in await organisers(session, event_id):
        if person_id in digest and not urgent:
            continue
        sent += await tell(
            session, person_id, key, kind="organiser", event_id=event_id, buttons=buttons, **params
        )
    return sent


@dataclass(frozen=True)
class _Delegate:
    person_id: int
    identity_id: int
    language: str


async def notify_event_change(session: AsyncSession, outcome: ImportOutcome) -> int:
    """Queue one notice of an import's changes per confirmed delegate, in their language."""
    if not outcome.changes:
        return 0
    messages = change_messages(outcome.title, list(outcome.changes))
    people = await confirmed_delegates(session, outcome.event_id)
    found = await reachable_identities(session, people)
    delegates = [_Delegate(p, found[p].id, found[p].language) for p in people if p in found]

    async def render(t: Translator, _delegate: _Delegate) -> Reply:
        return Reply(text=render_messages(t, messages))

    key = change_key(list(outcome.changes))
    return await queue_for_each(
        session,
        delegates,
        render,
        key_prefix=f"change:{outcome.event_id}:{outcome.occasion}:{key}:",
        kind="event_change",
        event_id=outcome.event_id,
    )


async def save_event_and_notify(
    session: AsyncSession, draft: EventDraft, *, actor_label: str | None = None
) -> ImportOutcome:
    """Write an event draft and queue the change notices for its confirmed delegates. Flushes only."""
    outcome = await save_event_draft(session, draft, actor_label=actor_label)
    return dataclasses.replace(outcome, notices=await notify_event_change(session, outcome))
