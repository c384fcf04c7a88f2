"""Where the indicators stand: completion per agency and per pillar, and the overdue list."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.indicators.assignments import AssignmentLine, assignment_lines
from bot.domain.indicators.evidence import submission_files
from storage.indicator_models import (
    Assignment,
    AssignmentStatus,
    Indicator,
    Pillar,
    Submission,
    SubmissionStatus,
)
from storage.models import Event

__all__ = [
    "Completion",
    "IndicatorProgress",
    "indicator_progress",
    "is_sample_event",
    "latest_submissions",
]


@dataclass
class Completion:
    """Counts for one agency or pillar."""

    name: str
    total: int = 0
    accepted: int = 0
    submitted: int = 0
    overdue: int = 0

    @property
    def percent(self) -> int:
        """Accepted as a whole percentage of the total."""
        return round(100 * self.accepted / self.total) if self.total else 0


@dataclass
class IndicatorProgress:
    """The organisers' view of an event's indicators."""

    agencies: list[Completion]
    pillars: list[Completion]
    overdue: list[AssignmentLine]
    total: Completion
    is_sample: bool


async def is_sample_event(session: AsyncSession, event_id: int) -> bool:
    """Whether the event's assignments use the bundled sample catalogue."""
    found = await session.execute(
        select(Indicator.id)
        .join(Assignment, Assignment.indicator_id == Indicator.id)
        .where(Assignment.event_id == event_id, Indicator.is_sample.is_(True))
        .limit(1)
    )
    return found.first() is not None


async def indicator_progress(session: AsyncSession, event: Event, now: dt.datetime) -> IndicatorProgress:
    """Completion per agency and per pillar (in the catalogue's order) and the overdue assignments."""
    lines = await assignment_lines(session, event, now)
    pillar_names = dict(
        (await session.execute(select(Pillar.id, Pillar.name_vi).order_by(Pillar.position))).all()
    )
    agencies: dict[str, Completion] = {}
    pillars: dict[int, Completion] = {}
    total = Completion("")
    for line in lines:
        pillar_id = line.indicator.pillar_id
        targets = (
            agencies.setdefault(line.agency, Completion(line.agency)),
            pillars.setdefault(pillar_id, Completion(pillar_names.get(pillar_id, "—"))),
            total,
        )
        for target in targets:
            target.total += 1
            target.accepted += line.assignment.status == AssignmentStatus.ACCEPTED
            target.submitted += line.assignment.status == AssignmentStatus.SUBMITTED
            target.overdue += line.overdue
    ordered_pillars = [pillars[p] for p in pillar_names if p in pillars]
    return IndicatorProgress(
        sorted(agencies.values(), key=lambda c: (c.percent, c.name)),
        ordered_pillars,
        [line for line in lines if line.overdue],
        total,
        await is_sample_event(session, event.id),
    )


async def latest_submissions(session: AsyncSession, event_id: int) -> dict[int, tuple[Submission, int]]:
    """Per assignment of the event: its latest sent submission and how many files it has."""
    rows = await session.execute(
        select(Submission)
        .join(Assignment, Assignment.id == Submission.assignment_id)
        .where(Assignment.event_id == event_id, Submission.status != SubmissionStatus.DRAFT)
        .order_by(Submission.id)
    )
    latest: dict[int, Submission] = {}
    for submission in rows.scalars():
        latest[submission.assignment_id] = submission
    return {a: (s, len(await submission_files(session, s.id))) for a, s in latest.items()}
