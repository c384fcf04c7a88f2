"""What an import tells the organiser: the facts found and what is still missing."""

from __future__ import annotations

import re

from bot.domain.plan.draft import EventDraft, Finding, ImportReport
from bot.domain.plan.times import format_clock, format_date

__all__ = ["date_hint", "summarise_draft"]


def date_hint(note: str) -> str:
    """The organiser's words for an unfixed date, with runs of dots shown as one ellipsis."""
    return re.sub(r"(?:\.{2,}|…+|_{2,})", "…", note)


def summarise_draft(draft: EventDraft, report: ImportReport) -> ImportReport:
    """Add the found facts of a draft to a report, and put its missing essentials first."""
    found: list[Finding] = []
    problems: list[Finding] = []
    if draft.title:
        found.append(Finding("title", {"title": draft.title}))
    if draft.host:
        found.append(Finding("host", {"host": draft.host}))
    if draft.province:
        found.append(Finding("province", {"province": draft.province}))
    if draft.start_date:
        found.append(Finding("date", {"date": format_date(draft.start_date)}))
        if draft.end_date:
            found.append(Finding("end_date", {"date": format_date(draft.end_date)}))
    elif draft.date_note:
        problems.append(
            _sourced(report, Finding("date_not_fixed", {"hint": date_hint(draft.date_note)}), "date")
        )
    else:
        problems.append(Finding("missing_date"))
    if draft.start_time and draft.end_time:
        times = {"start": format_clock(draft.start_time), "end": format_clock(draft.end_time)}
        found.append(Finding("times", times))
    if draft.venue and (draft.venue.name or draft.venue.address):
        found.append(Finding("venue", {"name": draft.venue.name or draft.venue.address or ""}))
        if not draft.venue.address:
            problems.append(Finding("missing_address"))
    else:
        problems.append(Finding("missing_venue"))
    if draft.chair:
        found.append(Finding("chair", {"chair": draft.chair}))
    if draft.agenda:
        found.append(Finding("agenda_items", {"count": len(draft.agenda)}))
    else:
        problems.append(Finding("missing_programme"))
    if draft.agencies:
        found.append(Finding("agencies", {"count": len(draft.agencies)}))
    if draft.seats:
        total = sum(seat.seats or 0 for seat in draft.seats)
        found.append(Finding("seats", {"total": total}))
    if draft.total_delegates is not None:
        found.append(Finding("total_delegates", {"count": draft.total_delegates}))
    report.found[:0] = [_sourced(report, finding) for finding in found]
    report.problems[:0] = problems
    return report


# Which draft field each found code reports, to attach where it was read.
_FIELD_OF = {"end_date": "date", "times": "times", "agencies": "invitees", "seats": "invitees"}


def _sourced(report: ImportReport, finding: Finding, name: str | None = None) -> Finding:
    """The finding with the line it was read from, or the reason it was guessed."""
    name = name or _FIELD_OF.get(finding.code, finding.code)
    source = report.sources.get(name)
    guess = report.guesses.get(name)
    if source is None and guess is None:
        return finding
    location, quote = source if source else (None, None)
    return Finding(finding.code, finding.params, location, quote, guess)
