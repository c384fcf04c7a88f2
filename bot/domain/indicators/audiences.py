"""Who hears about indicator deadlines: focal points with work still owed, and the assignments
so long overdue that organisers should step in. For the reminder engine and the nudge job."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.indicators.assignments import local_today
from storage.enums import RoleKind
from storage.indicator_models import OPEN_STATUSES, Assignment
from storage.models import Event, Role

__all__ = ["focal_points_with_pending", "overdue_assignments"]


async def focal_points_with_pending(
    session: AsyncSession, event_id: int, due_within: dt.timedelta | None, now: dt.datetime
) -> list[tuple[int, list[int]]]:
    """(person id, [assignment ids]) for each focal point whose agency still owes indicators due
    within `due_within` from today (overdue ones included; None: every open assignment)."""
    event = await session.get(Event, event_id)
    if event is None:
        return []
    query = (
        select(Role.person_id, Assignment.id)
        .join(Assignment, (Assignment.agency_id == Role.agency_id) & (Assignment.event_id == Role.event_id))
        .where(
            Role.event_id == event_id, Role.kind == RoleKind.FOCAL_POINT, Assignment.status.in_(OPEN_STATUSES)
        )
        .order_by(Role.person_id, Assignment.deadline, Assignment.id)
    )
    if due_within is not None:
        query = query.where(
            Assignment.deadline <= local_today(event, now) + dt.timedelta(days=due_within.days)
        )
    grouped: dict[int, list[int]] = defaultdict(list)
    for person_id, assignment_id in (await session.execute(query)).all():
        grouped[person_id].append(assignment_id)
    return list(grouped.items())


async def overdue_assignments(
    session: AsyncSession, event_id: int, now: dt.datetime, older_than: dt.timedelta
) -> list[Assignment]:
    """Open assignments whose deadline passed at least `older_than` ago (whole days), oldest first."""
    event = await session.get(Event, event_id)
    if event is None:
        return []
    cutoff = local_today(event, now) - dt.timedelta(days=max(older_than.days, 1))
    rows = await session.execute(
        select(Assignment)
        .where(
            Assignment.event_id == event_id,
            Assignment.status.in_(OPEN_STATUSES),
            Assignment.deadline <= cutoff,
        )
        .order_by(Assignment.deadline, Assignment.id)
    )
    return list(rows.scalars())
