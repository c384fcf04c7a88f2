"""When the OA itself cannot send: hold Zalo's queue and tell the organisers, once.

An OA-level refusal (quota -211, not verified -221, tier -224, billing -320/-321) is the same for
every message, so the first one holds the queue for ZALO_HOLD_SECONDS (a row in zalo_oa_state
shared by every worker) and queues one alert per organiser; the messages behind it wait instead
of failing one by one. The token keep-alive uses the same alert for a refresh token near lapse.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.i18n import translator
from bot.messages import Reply
from bot.outbox.delivery import enqueue
from storage.enums import Channel, EventStatus, RoleKind
from storage.models import Event, Identity, Role
from storage.zalo_models import ZaloOaState

__all__ = ["alert_organisers", "held_until", "hold_queue"]

log = logging.getLogger(__name__)


async def held_until(
    sessions: async_sessionmaker[AsyncSession], app_id: str, now: dt.datetime
) -> dt.datetime | None:
    """The end of the hold on the OA's queue, or None when it may send."""
    async with sessions() as session:
        state = await session.get(ZaloOaState, app_id)
    if state is None or state.held_until is None or state.held_until <= now:
        return None
    return state.held_until


async def hold_queue(
    session: AsyncSession,
    app_id: str,
    code: int,
    now: dt.datetime,
    seconds: int,
    alert: str = "zalo_oa.alert.cannot_send",
) -> dt.datetime:
    """Hold the queue after an OA-level refusal; the organisers hear of it (`alert`) once per episode."""
    state = await session.get(ZaloOaState, app_id, with_for_update=True)
    if state is None:
        state = ZaloOaState(app_id=app_id)
        session.add(state)
    # A new episode: nothing held now, or a different refusal than the one the alert named.
    new_episode = state.held_until is None or state.held_until <= now or state.held_code != code
    state.held_until = now + dt.timedelta(seconds=seconds)
    if new_episode:
        state.held_code = code
        state.held_since = now
        log.critical("zalo: the OA cannot send (Zalo error %s); queue held, organisers alerted", code)
        await alert_organisers(
            session,
            alert,
            f"zalo-oa:{code}:{now.isoformat()}",
            code=str(code),
            reason=lambda t: t(_reason_key(t, code)),
        )
    await session.flush()
    return state.held_until


def _reason_key(t: Any, code: int) -> str:
    key = f"zalo_oa.code.{-code}"
    return key if t.has(key) else "zalo_oa.code.other"


async def alert_organisers(session: AsyncSession, key: str, dedupe_prefix: str, **params: Any) -> int:
    """Queue catalogue message `key` once for every organiser of a published event, on a channel
    other than the OA when they have one; returns how many were queued."""
    people = (
        await session.execute(
            select(Role.person_id)
            .join(Event, Event.id == Role.event_id)
            .where(Role.kind == RoleKind.ORGANISER, Event.status == EventStatus.PUBLISHED)
            .distinct()
        )
    ).scalars()
    queued = 0
    for person_id in sorted(set(people)):
        identities = (
            await session.execute(
                select(Identity)
                .where(Identity.person_id == person_id, Identity.unreachable_at.is_(None))
                .order_by(Identity.last_seen_at.desc(), Identity.id.desc())
            )
        ).scalars()
        ranked = sorted(identities, key=lambda i: i.channel == Channel.ZALO)  # the OA last
        if not ranked:
            continue
        identity = ranked[0]
        t = translator(identity.language)
        text = t(key, **{k: (v(t) if callable(v) else v) for k, v in params.items()})
        added = await enqueue(
            session,
            identity.id,
            [Reply(text=text)],
            kind="zalo_alert",
            dedupe_key=f"{dedupe_prefix}:{person_id}"[:200],
        )
        queued += added is not None
    return queued
