"""Attendance figures per agency: seats, answers, waitlist and check-ins, counted by the database.

Definitions (the organisers' summary, the workbook and the live view all use them):

- confirmed: registrations CONFIRMED; declined: DECLINED; not answered: INVITED (details given,
  no RSVP yet); waitlisted: WAITLISTED plus OFFERED (a freed seat is held for them);
- checked in: registrations with a check-in time, whatever their status since;
- pending: PENDING_APPROVAL (registered without a link, waiting for an organiser);
- an agency "has not answered" when it is invited (its quota is not 0 seats) and has no
  registration CONFIRMED, DECLINED, WAITLISTED or OFFERED.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, case, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Agency, SeatQuota
from storage.rsvp_models import Registration, RegistrationStatus

__all__ = ["AgencyLine", "AttendanceSummary", "attendance_summary", "ANSWERED"]

Status = RegistrationStatus
# A registration in one of these means its agency has answered the invitation.
ANSWERED = (Status.CONFIRMED, Status.DECLINED, Status.WAITLISTED, Status.OFFERED)


@dataclass(frozen=True)
class AgencyLine:
    """One agency's figures; `seats` is None when the plan gives no number."""

    agency: str
    seats: int | None
    confirmed: int
    declined: int
    not_answered: int
    waitlisted: int
    checked_in: int
    pending: int = 0  # registrations without a link waiting for an organiser's approval

    @property
    def answered(self) -> bool:
        """Whether anyone of the agency has answered (confirmed, declined or waits)."""
        return self.confirmed + self.declined + self.waitlisted > 0


@dataclass(frozen=True)
class AttendanceSummary:
    """Every invited agency in the plan's order, the totals, and who has not answered."""

    lines: list[AgencyLine]
    total: AgencyLine
    not_answered_agencies: list[str]


def _count(condition):  # type: ignore[no-untyped-def]
    # SUM(CASE ...) rather than COUNT(*) FILTER: the same SQL on SQLite and PostgreSQL.
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


async def attendance_summary(session: AsyncSession, event_id: int) -> AttendanceSummary:
    """The figures of one event in one grouped query over quotas and registrations."""
    status = Registration.status
    query = (
        select(
            Agency.name,
            SeatQuota.seats,
            _count(status == Status.CONFIRMED),
            _count(status == Status.DECLINED),
            _count(status == Status.INVITED),
            _count(status.in_((Status.WAITLISTED, Status.OFFERED))),
            _count(Registration.checked_in_at.is_not(None)),
            _count(status == Status.PENDING_APPROVAL),
        )
        .select_from(SeatQuota)
        .join(Agency, Agency.id == SeatQuota.agency_id)
        .outerjoin(
            Registration,
            and_(Registration.event_id == SeatQuota.event_id, Registration.agency_id == SeatQuota.agency_id),
        )
        .where(SeatQuota.event_id == event_id)
        .group_by(SeatQuota.id, SeatQuota.position, Agency.name, SeatQuota.seats)
        .order_by(SeatQuota.position, SeatQuota.id)
    )
    lines = [
        AgencyLine(name, seats, *map(int, counts)) for name, seats, *counts in await session.execute(query)
    ]
    known_seats = [line.seats for line in lines if line.seats is not None]
    total = AgencyLine(
        agency="",
        seats=sum(known_seats) if known_seats else None,
        confirmed=sum(line.confirmed for line in lines),
        declined=sum(line.declined for line in lines),
        not_answered=sum(line.not_answered for line in lines),
        waitlisted=sum(line.waitlisted for line in lines),
        checked_in=sum(line.checked_in for line in lines),
        pending=sum(line.pending for line in lines),
    )
    silent = [line.agency for line in lines if not line.answered and line.seats != 0]
    return AttendanceSummary(lines, total, silent)
