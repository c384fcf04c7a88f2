"""PII indicator assignments: who is an agency's focal point, what they owe, and the status flow
(not started → in progress → submitted → accepted or needs revision), each change kept with who,
when and a comment. Services flush, never commit."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.errors import DomainError
from storage import repositories as repo
from storage.enums import RoleKind
from storage.indicator_models import (
    OPEN_STATUSES,
    Assignment,
    Indicator,
    PendingFocalPoint,
    StatusChange,
    Submission,
    SubmissionStatus,
)
from storage.indicator_models import (
    AssignmentStatus as S,
)
from storage.models import Agency, Event, Person, Role

__all__ = [
    "AssignmentLine",
    "ALLOWED",
    "local_today",
    "focal_agency",
    "focal_people",
    "add_focal_point",
    "add_focal_by_phone",
    "claim_pending_by_phone",
    "agency_assignments",
    "assignment_lines",
    "assignment_of_focal_point",
    "change_status",
    "history",
    "start_draft",
    "submit_draft",
    "review_submission",
    "waiting_submissions",
    "latest_submission",
    "clean_value",
    "MAX_VALUE",
]

# Which status may follow which. Organisers may reopen an accepted indicator (needs revision).
ALLOWED: dict[S | None, set[S]] = {
    None: {S.NOT_STARTED},
    S.NOT_STARTED: {S.IN_PROGRESS, S.SUBMITTED},
    S.IN_PROGRESS: {S.SUBMITTED, S.NOT_STARTED},
    S.NEEDS_REVISION: {S.IN_PROGRESS, S.SUBMITTED},
    S.SUBMITTED: {S.ACCEPTED, S.NEEDS_REVISION},
    S.ACCEPTED: {S.NEEDS_REVISION},
}
MAX_VALUE = 2000
MAX_COMMENT = 1000


@dataclass(frozen=True)
class AssignmentLine:
    """One assignment as a focal point or an organiser sees it in a list."""

    assignment: Assignment
    indicator: Indicator
    agency: str
    days_left: int

    @property
    def overdue(self) -> bool:
        """Past its deadline and still owed by the agency."""
        return self.days_left < 0 and self.assignment.status in OPEN_STATUSES


def local_today(event: Event, now: dt.datetime) -> dt.date:
    """Today in the event's time zone (deadlines are local dates)."""
    return now.astimezone(zoneinfo.ZoneInfo(event.timezone)).date()


async def focal_agency(session: AsyncSession, event_id: int, person_id: int) -> int | None:
    """The agency this person is the focal point of at the event, if any."""
    found = await session.execute(
        select(Role.agency_id).where(
            Role.event_id == event_id, Role.person_id == person_id, Role.kind == RoleKind.FOCAL_POINT
        )
    )
    return found.scalar_one_or_none()


async def focal_people(session: AsyncSession, event_id: int, agency_id: int) -> list[int]:
    """Person ids of the agency's focal points at the event."""
    rows = await session.execute(
        select(Role.person_id)
        .where(Role.event_id == event_id, Role.agency_id == agency_id, Role.kind == RoleKind.FOCAL_POINT)
        .order_by(Role.person_id)
    )
    return list(rows.scalars())


async def add_focal_point(session: AsyncSession, event_id: int, person_id: int, agency_id: int) -> bool:
    """Make the person the agency's focal point; False if they already were. One agency per event."""
    current = await focal_agency(session, event_id, person_id)
    if current == agency_id:
        return False
    if current is not None:
        raise DomainError("focal_other_agency")
    session.add(Role(event_id=event_id, person_id=person_id, kind=RoleKind.FOCAL_POINT, agency_id=agency_id))
    await session.flush()
    await repo.record_audit(
        session, "focal_point.added", event_id=event_id, actor_person_id=person_id, agency=agency_id
    )
    return True


async def add_focal_by_phone(
    session: AsyncSession,
    event_id: int,
    agency_id: int,
    phone: str,
    *,
    added_by: int | None,
    now: dt.datetime,
) -> int | None:
    """An organiser names a focal point by phone: the person at once if known, else kept pending.
    Returns the person id when the role was given now."""
    # Only a person whose phone the messenger vouched for: anyone may type any phone.
    person_id = (
        await session.execute(
            select(Person.id)
            .where(Person.phone == phone, Person.phone_verified_at.is_not(None))
            .order_by(Person.id)
            .limit(1)
        )
    ).scalar_one_or_none()
    pending = (
        await session.execute(
            select(PendingFocalPoint).where(
                PendingFocalPoint.event_id == event_id, PendingFocalPoint.phone == phone
            )
        )
    ).scalar_one_or_none()
    if pending is None:
        pending = PendingFocalPoint(event_id=event_id, agency_id=agency_id, phone=phone, added_by=added_by)
        session.add(pending)
    pending.agency_id, pending.added_by = agency_id, added_by
    if person_id is not None:
        await add_focal_point(session, event_id, person_id, agency_id)
        pending.claimed_by, pending.claimed_at = person_id, now
    await session.flush()
    return person_id


async def unclaimed_by_phone(session: AsyncSession, event_id: int, phone: str) -> PendingFocalPoint | None:
    """The organisers' focal-point entry for this phone that nobody has claimed yet, if any."""
    found = await session.execute(
        select(PendingFocalPoint).where(
            PendingFocalPoint.event_id == event_id,
            PendingFocalPoint.phone == phone,
            PendingFocalPoint.claimed_by.is_(None),
        )
    )
    return found.scalar_one_or_none()


async def claim_pending_by_phone(
    session: AsyncSession, event_id: int, person_id: int, phone: str | None, now: dt.datetime
) -> int | None:
    """Give a person the focal-point role an organiser set up for their phone; the agency id or None."""
    if not phone:
        return None
    pending = await unclaimed_by_phone(session, event_id, phone)
    if pending is None:
        return None
    await add_focal_point(session, event_id, person_id, pending.agency_id)
    pending.claimed_by, pending.claimed_at = person_id, now
    await session.flush()
    return pending.agency_id


async def assignment_lines(
    session: AsyncSession, event: Event, now: dt.datetime, agency_id: int | None = None
) -> list[AssignmentLine]:
    """The event's assignments (one agency's, if given): overdue first, then by deadline and code."""
    query = (
        select(Assignment, Indicator, Agency.name)
        .join(Indicator, Indicator.id == Assignment.indicator_id)
        .join(Agency, Agency.id == Assignment.agency_id)
        .where(Assignment.event_id == event.id)
    )
    if agency_id is not None:
        query = query.where(Assignment.agency_id == agency_id)
    today = local_today(event, now)
    lines = [
        AssignmentLine(a, i, name, (a.deadline - today).days)
        for a, i, name in (await session.execute(query)).all()
    ]
    return sorted(
        lines, key=lambda x: (not x.overdue, x.assignment.deadline, x.indicator.position, x.indicator.code)
    )


async def agency_assignments(
    session: AsyncSession, event: Event, agency_id: int, now: dt.datetime
) -> list[AssignmentLine]:
    """What one agency owes for the event, overdue first."""
    return await assignment_lines(session, event, now, agency_id)


async def assignment_of_focal_point(
    session: AsyncSession, assignment_id: int, person_id: int
) -> tuple[Assignment, Indicator]:
    """An assignment the person may see and submit for (their agency's); otherwise refused."""
    assignment = await session.get(Assignment, assignment_id)
    if assignment is None:
        raise DomainError("indicator_assignment_not_found")
    if await focal_agency(session, assignment.event_id, person_id) != assignment.agency_id:
        raise DomainError("indicator_not_yours")
    indicator = await session.get(Indicator, assignment.indicator_id)
    assert indicator is not None
    return assignment, indicator


async def change_status(
    session: AsyncSession,
    assignment: Assignment,
    to: S,
    *,
    now: dt.datetime,
    by_person_id: int | None = None,
    by_label: str | None = None,
    comment: str | None = None,
) -> StatusChange:
    """Move an assignment to another status (if the flow allows it) and keep the change."""
    if to not in ALLOWED[assignment.status]:
        raise DomainError("indicator_status_not_allowed")
    change = StatusChange(
        assignment_id=assignment.id,
        from_status=assignment.status,
        to_status=to,
        by_person_id=by_person_id,
        by_label=by_label,
        at=now,
        comment=comment,
    )
    assignment.status = to
    assignment.updated_at = now
    session.add(change)
    await session.flush()
    return change


async def history(session: AsyncSession, assignment_id: int) -> list[StatusChange]:
    """Every status change of an assignment, oldest first."""
    rows = await session.execute(
        select(StatusChange)
        .where(StatusChange.assignment_id == assignment_id)
        .order_by(StatusChange.at, StatusChange.id)
    )
    return list(rows.scalars())


async def latest_submission(
    session: AsyncSession, assignment_id: int, *, sent_only: bool = True
) -> Submission | None:
    """The newest submission of an assignment (drafts excluded unless asked)."""
    query = select(Submission).where(Submission.assignment_id == assignment_id)
    if sent_only:
        query = query.where(Submission.status != SubmissionStatus.DRAFT)
    found = await session.execute(query.order_by(Submission.id.desc()).limit(1))
    return found.scalar_one_or_none()


async def start_draft(
    session: AsyncSession, assignment: Assignment, person_id: int, now: dt.datetime
) -> Submission:
    """The focal point's draft for this assignment (an unfinished one is continued)."""
    if assignment.status == S.ACCEPTED:
        raise DomainError("indicator_already_accepted")
    if assignment.status == S.SUBMITTED:
        raise DomainError("indicator_waiting_review")
    found = await session.execute(
        select(Submission).where(
            Submission.assignment_id == assignment.id, Submission.status == SubmissionStatus.DRAFT
        )
    )
    draft = found.scalars().first()
    if draft is None:
        draft = Submission(assignment_id=assignment.id, by_person_id=person_id, created_at=now)
        session.add(draft)
        await session.flush()
    draft.by_person_id = person_id
    if assignment.status == S.NOT_STARTED:
        await change_status(session, assignment, S.IN_PROGRESS, now=now, by_person_id=person_id)
    return draft


def clean_value(text: str | None) -> str:
    """The indicator value as typed: non-empty, not a command, at most MAX_VALUE characters."""
    value = (text or "").strip()
    if not value or value.startswith("/") or len(value) > MAX_VALUE:
        raise DomainError("indicator_value_invalid", limit=MAX_VALUE)
    return value


async def submit_draft(
    session: AsyncSession, draft: Submission, person_id: int, now: dt.datetime
) -> Assignment:
    """Send the draft for review: the assignment becomes submitted."""
    assignment = await session.get(Assignment, draft.assignment_id, with_for_update=True)
    assert assignment is not None
    if draft.status != SubmissionStatus.DRAFT:
        raise DomainError("indicator_draft_gone")
    if not draft.value:
        raise DomainError("indicator_value_invalid", limit=MAX_VALUE)
    await change_status(session, assignment, S.SUBMITTED, now=now, by_person_id=person_id)
    draft.status, draft.submitted_at, draft.by_person_id = SubmissionStatus.SUBMITTED, now, person_id
    await session.flush()
    return assignment


async def review_submission(
    session: AsyncSession,
    submission: Submission,
    *,
    accept: bool,
    reviewer_id: int,
    now: dt.datetime,
    comment: str | None = None,
) -> Assignment:
    """Accept a submission, or ask for a revision (a comment is then required)."""
    if submission.status != SubmissionStatus.SUBMITTED:
        raise DomainError("indicator_not_waiting")
    comment = (comment or "").strip() or None
    if not accept and comment is None:
        raise DomainError("indicator_comment_required")
    if comment is not None and len(comment) > MAX_COMMENT:
        raise DomainError("indicator_comment_too_long", limit=MAX_COMMENT)
    assignment = await session.get(Assignment, submission.assignment_id, with_for_update=True)
    assert assignment is not None
    to = S.ACCEPTED if accept else S.NEEDS_REVISION
    await change_status(session, assignment, to, now=now, by_person_id=reviewer_id, comment=comment)
    submission.status = SubmissionStatus.ACCEPTED if accept else SubmissionStatus.NEEDS_REVISION
    submission.reviewed_by, submission.reviewed_at, submission.review_comment = reviewer_id, now, comment
    await session.flush()
    return assignment


async def waiting_submissions(
    session: AsyncSession, event_id: int
) -> list[tuple[Submission, Assignment, Indicator, str]]:
    """Submissions waiting for an organiser's review, oldest first."""
    rows = await session.execute(
        select(Submission, Assignment, Indicator, Agency.name)
        .join(Assignment, Assignment.id == Submission.assignment_id)
        .join(Indicator, Indicator.id == Assignment.indicator_id)
        .join(Agency, Agency.id == Assignment.agency_id)
        .where(Assignment.event_id == event_id, Submission.status == SubmissionStatus.SUBMITTED)
        .order_by(Submission.submitted_at, Submission.id)
    )
    return [tuple(row) for row in rows.all()]  # type: ignore[misc]
