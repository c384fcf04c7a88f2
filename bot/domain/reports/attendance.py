"""The data behind the organisers' attendance reports: the summary, the confirmed delegates in
the plan's agency order, and the waitlist, read with a few set-based queries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.checkin.attendance import AttendanceSummary, attendance_summary
from bot.domain.formatting import format_time_range
from storage.models import Agency, Event, Person, SeatQuota
from storage.rsvp_models import Registration, RegistrationStatus

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["DelegateRow", "IndicatorProvider", "ReportData", "WaitlistRow", "collect_report"]

# Indicator status plugs in here: a table already labelled for the sheet.
IndicatorProvider = Callable[[AsyncSession, int], Awaitable["pd.DataFrame | None"]]


@dataclass(frozen=True)
class DelegateRow:
    """A confirmed delegate on the sign-in sheet."""

    agency: str
    full_name: str | None
    position: str | None
    phone: str | None
    checked_in_at: dt.datetime | None


@dataclass(frozen=True)
class WaitlistRow:
    """A person waiting for a seat of their agency (or holding an offer)."""

    agency: str
    full_name: str | None
    position: str | None
    phone: str | None
    offered: bool


@dataclass(frozen=True)
class ReportData:
    """Everything the workbook shows, read in one unit of work."""

    title: str
    summary: AttendanceSummary
    delegates: list[DelegateRow]
    waitlist: list[WaitlistRow]
    indicators: Any = None  # a pandas DataFrame, or None when there is no indicator table
    date: dt.date | None = None  # the event's first day (None: not fixed yet)
    date_note: str | None = None  # what the plan says when the date is not fixed
    times: str = ""  # '07:30–11:30', or '' when unknown
    venue: str = ""  # name and address of the venue, or ''


def _people(event_id: int, statuses: tuple[RegistrationStatus, ...]):  # type: ignore[no-untyped-def]
    return (
        # Columns, not entities: 20,000 ORM objects would cost more than the query itself.
        select(
            Agency.name,
            Person.full_name,
            Person.position,
            Person.phone,
            Registration.checked_in_at,
            Registration.status,
        )
        .select_from(Registration)
        .join(Person, Person.id == Registration.person_id)
        .join(Agency, Agency.id == Registration.agency_id)
        .join(
            SeatQuota,
            (SeatQuota.event_id == Registration.event_id) & (SeatQuota.agency_id == Registration.agency_id),
        )
        .where(Registration.event_id == event_id, Registration.status.in_(statuses))
    )


async def collect_report(
    session: AsyncSession, event: Event, indicators: IndicatorProvider | None = None
) -> ReportData:
    """Read the summary, the confirmed delegates and the waitlist in the plan's agency order."""
    summary = await attendance_summary(session, event.id)
    confirmed = await session.execute(
        _people(event.id, (RegistrationStatus.CONFIRMED,)).order_by(
            SeatQuota.position, SeatQuota.id, Registration.id
        )
    )
    delegates = [
        DelegateRow(agency, name, position, phone, checked_in_at)
        for agency, name, position, phone, checked_in_at, _ in confirmed
    ]
    waiting = await session.execute(
        _people(event.id, (RegistrationStatus.WAITLISTED, RegistrationStatus.OFFERED)).order_by(
            SeatQuota.position, SeatQuota.id, Registration.waitlist_seq, Registration.id
        )
    )
    waitlist = [
        WaitlistRow(agency, name, position, phone, status == RegistrationStatus.OFFERED)
        for agency, name, position, phone, _, status in waiting
    ]
    table = await indicators(session, event.id) if indicators is not None else None
    venue = event.venue
    place = ", ".join(p for p in (venue.name, venue.address) if p) if venue is not None else ""
    return ReportData(
        event.title,
        summary,
        delegates,
        waitlist,
        table,
        date=event.start_date,
        date_note=event.date_note,
        times=format_time_range(event.start_time, event.end_time),
        venue=place,
    )
