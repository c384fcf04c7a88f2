"""The indicator deadline job: nudges focal points 7, 3 and 1 days before a deadline and daily when
overdue, and tells organisers once about assignments overdue for `escalate_after_days`. Its own
unit of work; safe to run twice (outbox dedupe keys per person and day, escalated_at per assignment)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from bot.app import BotCore
from bot.domain.audiences import organisers
from bot.domain.formatting import format_date
from bot.domain.indicators.assignments import local_today
from bot.domain.indicators.audiences import focal_points_with_pending, overdue_assignments
from bot.outbox.notices import tell
from storage.enums import EventStatus
from storage.indicator_models import Assignment, Indicator
from storage.models import Agency, Event
from storage.types import utcnow

__all__ = ["nudge_focal_points", "NUDGE_DAYS", "ESCALATE_AFTER_DAYS"]

NUDGE_DAYS = (7, 3, 1)
ESCALATE_AFTER_DAYS = 3


def _due_line(t, indicator: Indicator, assignment: Assignment, today: dt.date) -> str:  # type: ignore[no-untyped-def]
    days = (assignment.deadline - today).days
    key = "indicators.nudge.line_overdue" if days < 0 else "indicators.nudge.line_due"
    return t.plural(
        key,
        abs(days),
        code=indicator.code,
        name=indicator.name_vi,
        deadline=format_date(assignment.deadline),
        days=abs(days),
    )


async def _events_with_assignments(session) -> list[Event]:  # type: ignore[no-untyped-def]
    rows = await session.execute(
        select(Event)
        .where(Event.status == EventStatus.PUBLISHED, Event.id.in_(select(Assignment.event_id).distinct()))
        .order_by(Event.id)
    )
    return list(rows.scalars())


async def nudge_focal_points(
    core: BotCore,
    now: dt.datetime | None = None,
    *,
    nudge_days: tuple[int, ...] = NUDGE_DAYS,
    escalate_after_days: int = ESCALATE_AFTER_DAYS,
) -> int:
    """Queue today's deadline nudges and escalations; returns how many messages were queued."""
    now = now or utcnow()
    queued = 0
    async with core.sessions() as session, session.begin():
        for event in await _events_with_assignments(session):
            today = local_today(event, now)
            horizon = dt.timedelta(days=max(nudge_days, default=0))
            for person_id, ids in await focal_points_with_pending(session, event.id, horizon, now):
                rows = (
                    await session.execute(
                        select(Assignment, Indicator)
                        .join(Indicator, Indicator.id == Assignment.indicator_id)
                        .where(Assignment.id.in_(ids))
                        .order_by(Assignment.deadline, Indicator.position)
                    )
                ).all()
                # Before the deadline only on the chosen days; once overdue, every day.
                due = [
                    (a, i) for a, i in rows if (a.deadline - today).days in nudge_days or a.deadline < today
                ]
                if not due:
                    continue
                queued += await tell(
                    session,
                    person_id,
                    "indicators.nudge.focal",
                    kind="indicator_nudge",
                    event_id=event.id,
                    title=event.title,
                    lines=lambda t, due=due, today=today: "\n".join(
                        _due_line(t, i, a, today) for a, i in due
                    ),
                    buttons=[
                        [("indicators.button.status", "cmd:tiendo"), ("indicators.button.submit", "cmd:nop")]
                    ],
                    dedupe_key=f"ind:nudge:{event.id}:{person_id}:{today.isoformat()}",
                )
            late = [
                a
                for a in await overdue_assignments(
                    session, event.id, now, dt.timedelta(days=escalate_after_days)
                )
                if a.escalated_at is None
            ]
            if not late:
                continue
            details = (
                await session.execute(
                    select(Assignment.id, Indicator.code, Agency.name, Assignment.deadline)
                    .join(Indicator, Indicator.id == Assignment.indicator_id)
                    .join(Agency, Agency.id == Assignment.agency_id)
                    .where(Assignment.id.in_([a.id for a in late]))
                    .order_by(Assignment.deadline, Agency.name)
                )
            ).all()
            for assignment in late:
                assignment.escalated_at = now
            for person_id in await organisers(session, event.id):
                queued += await tell(
                    session,
                    person_id,
                    "indicators.nudge.escalation",
                    kind="indicator_escalation",
                    event_id=event.id,
                    title=event.title,
                    days=escalate_after_days,
                    lines=lambda t, details=details, today=today: "\n".join(
                        t(
                            "indicators.nudge.escalation_line",
                            code=code,
                            agency=agency,
                            deadline=format_date(deadline),
                            days=(today - deadline).days,
                        )
                        for _id, code, agency, deadline in details
                    ),
                    buttons=[[("indicators.button.progress", "cmd:tiendochiso")]],
                    dedupe_key=f"ind:escalate:{event.id}:{person_id}:{now.isoformat()}",
                )
    return queued
