"""Turning an organiser's plan (prose and tables, from text or Word) into an EventDraft."""

from __future__ import annotations

import re
import unicodedata

from bot.domain.plan.delegates import (
    agency_draft,
    is_delegate_table,
    read_delegate_table,
    split_agency_list,
)
from bot.domain.plan.draft import EventDraft, Finding, ImportReport, PlanImportError
from bot.domain.plan.programme import is_programme, read_programme
from bot.domain.plan.prose import province_from_title, read_prose
from bot.domain.plan.slug import event_slug
from bot.domain.plan.summary import summarise_draft
from bot.domain.plan.tables import PlanSource, split_text_plan

__all__ = ["parse_plan_text", "read_plan_source"]


def _year(draft: EventDraft) -> int | None:
    """The event's year: from its date, the organiser's date note, or "năm 2024" in the title."""
    if draft.start_date:
        return draft.start_date.year
    for text in (draft.date_note, draft.title):
        match = re.search(r"(?<!\d)(20\d{2})(?!\d)", text or "")
        if match:
            return int(match.group(1))
    return None


def read_plan_source(source: PlanSource) -> tuple[EventDraft, ImportReport]:
    """Read an EventDraft from a plan's prose lines and tables; tables are told apart by header."""
    facts = read_prose(source.lines)
    if not facts.title:
        raise PlanImportError("missing_title")
    report = ImportReport()
    draft = EventDraft(title=facts.title, host=facts.host, chair=facts.chair)
    draft.province = province_from_title(facts.title)
    draft.venue = facts.venue
    draft.total_delegates = facts.total_delegates
    if facts.date is not None:
        draft.start_date, draft.end_date = facts.date.date, facts.date.end_date
        draft.date_note = facts.date.note
    seat_table_seen = False
    programme_dates = []
    for table in source.tables:
        if is_programme(table):
            programme = read_programme(table)
            draft.agenda.extend(programme.items)
            report.problems.extend(programme.problems)
            programme_dates.extend(programme.dates)
        elif is_delegate_table(table):
            seat_table_seen = True
            invitations = read_delegate_table(table)
            draft.seats.extend(invitations.seats)
            draft.agencies.extend(invitations.agencies)
            report.problems.extend(invitations.problems)
    if draft.start_date is None and programme_dates:
        # Day headings of the programme ("Sáng ngày 12/6/2024") name the dates.
        draft.start_date, draft.date_note = programme_dates[0], None
        draft.end_date = programme_dates[-1] if len(programme_dates) > 1 else None
    if not seat_table_seen:
        draft.agencies = [agency_draft(name) for name in split_agency_list(facts.agency_chunks)]
        report.problems.append(Finding("no_seat_table"))
    starts = [item.start for item in draft.agenda if item.start]
    ends = [item.end for item in draft.agenda if item.end]
    draft.start_time = starts[0] if starts else None
    draft.end_time = ends[-1] if ends else None
    draft.slug = event_slug(draft.title, facts.event_word, draft.province, _year(draft))
    return draft, summarise_draft(draft, report)


def parse_plan_text(text: str) -> tuple[EventDraft, ImportReport]:
    """Read a plan written as text or markdown (tables as tabs, pipes or HTML)."""
    unified = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    normalised = unicodedata.normalize("NFC", unified)
    if not normalised.strip():
        raise PlanImportError("empty_file")
    return read_plan_source(split_text_plan(normalised))
