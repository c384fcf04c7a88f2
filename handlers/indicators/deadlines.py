"""Organisers move an assignment's deadline from the bot (`/giahan`); the change is audited and
the agency's focal points are told at once."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from bot.domain.errors import DomainError
from bot.domain.formatting import format_date
from bot.domain.indicators.assignments import focal_people
from bot.domain.registration.agency_search import find_agencies
from bot.messages import Reply
from bot.outbox.notices import tell
from handlers.context import Context
from handlers.roles import require_organiser
from handlers.router import parse_command
from storage import repositories as repo
from storage.indicator_models import Assignment, Indicator

__all__ = ["move_deadline"]


def _date(text: str) -> dt.date:
    try:
        return dt.datetime.strptime(text.strip(), "%d/%m/%Y").date()
    except ValueError:
        raise DomainError("edit_deadline_date", value=text) from None


async def move_deadline(ctx: Context) -> list[Reply]:
    """/giahan (/deadline) indicator code | agency | dd/mm/yyyy | reason."""
    event = await require_organiser(ctx)
    command = parse_command(ctx.inbound.text)
    parts = [p.strip() for p in (command[1] if command else "").split("|")]
    if len(parts) != 4 or not all(parts):
        raise DomainError("usage_giahan")
    code, agency_text, date_text, reason = parts
    deadline = _date(date_text)
    agencies = await find_agencies(ctx.session, event.id, agency_text, limit=1)
    if not agencies:
        raise DomainError("agency_unknown", query=agency_text)
    agency = agencies[0]
    found = await ctx.session.execute(
        select(Assignment, Indicator)
        .join(Indicator, Indicator.id == Assignment.indicator_id)
        .where(Assignment.event_id == event.id, Assignment.agency_id == agency.id, Indicator.code == code)
    )
    row = found.first()
    if row is None:
        raise DomainError("edit_assignment_not_found", indicator=code, agency=agency.name)
    assignment, indicator = row
    before = assignment.deadline
    assignment.deadline, assignment.updated_at = deadline, ctx.now
    await repo.record_audit(
        ctx.session,
        "assignment.deadline",
        event_id=event.id,
        actor_person_id=ctx.person.id,
        assignment=assignment.id,
        before=before.isoformat(),
        after=deadline.isoformat(),
        reason=reason,
    )
    told = 0
    for person_id in await focal_people(ctx.session, event.id, agency.id):
        told += await tell(
            ctx.session,
            person_id,
            "edit.deadline_notice",
            kind="indicator",
            event_id=event.id,
            code=code,
            name=indicator.name_vi,
            before=format_date(before),
            after=format_date(deadline),
            reason=reason,
        )
    return [
        ctx.reply(
            "edit.deadline_moved",
            code=code,
            agency=agency.name,
            before=format_date(before),
            after=format_date(deadline),
            told=told,
        )
    ]
