"""Turning an organiser's plan (prose and tables, from text or Word) into an EventDraft."""

from __future__ import annotations

import re
import unicodedata

from bot.domain.plan.delegates import agency_draft, is_delegate_table, read_delegate_table
from bot.domain.plan.document import block_before
from bot.domain.plan.draft import EventDraft, Finding, ImportReport, PlanImportError, SeatDraft
from bot.domain.plan.invitee_prose import read_invitee_prose
from bot.domain.plan.letterhead import document_year
from bot.domain.plan.programme import is_programme, read_programme
from bot.domain.plan.programme_lines import programme_from_lines
from bot.domain.plan.prose import read_prose
from bot.domain.plan.slug import event_slug
from bot.domain.plan.summary import summarise_draft
from bot.domain.plan.tables import PlanSource, Table, split_text_plan
from bot.domain.plan.times import format_clock, format_date

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


def _read_tables(
    source: PlanSource, draft: EventDraft, report: ImportReport, year: int | None
) -> tuple[bool, list]:
    """Read programme and delegate tables; list the tables that were not used."""
    seat_table_seen = False
    programme_dates = []
    for table in source.tables:
        if is_programme(table):
            programme = read_programme(table, year)
            draft.agenda.extend(programme.items)
            report.problems.extend(programme.problems)
            programme_dates.extend(programme.dates)
            _source_table(report, "agenda_items", table)
            _source_table(report, "times", table)
        elif is_delegate_table(table):
            seat_table_seen = True
            invitations = read_delegate_table(table)
            draft.seats.extend(invitations.seats)
            draft.agencies.extend(invitations.agencies)
            report.problems.extend(invitations.problems)
            _source_table(report, "invitees", table)
        elif any(any(cell for cell in row) for row in table.rows):
            first = next(" | ".join(c for c in dict.fromkeys(row) if c) for row in table.rows if any(row))
            above = block_before(source.blocks, table)
            params = {
                "table": table.number,
                "rows": len(table.rows),
                "raw": first[:80],
                "after": above.text[:80] if above is not None else "—",
            }
            report.problems.append(Finding("table_unused", params))
    return seat_table_seen, programme_dates


def _source_table(report: ImportReport, name: str, table: Table) -> None:
    """Note that a fact was read from a table (its first row stands for it); a table wins."""
    first = next((row for row in table.rows if any(row)), [])
    quote = " | ".join(cell for cell in dict.fromkeys(first) if cell)
    line = next((n for n in table.lines if n), None)
    where = f"line:{line}" if line else f"table:{table.number}:row:1"
    # The table is where a programme or a seat table was read; it replaces a prose mention.
    if name not in report.sources or name == "invitees":
        report.sources[name] = (where, quote[:100])


def _prose_programme(source: PlanSource, draft: EventDraft, report: ImportReport, year: int | None):
    """A programme written as timed lines in the prose, when no table held one."""
    found = programme_from_lines(source.lines)
    if found is None:
        return []
    table, used = found
    programme = read_programme(table, year)
    draft.agenda.extend(programme.items)
    report.problems.extend(programme.problems)
    text = dict(source.lines)
    report.sources.setdefault("agenda_items", (f"line:{used[0]}", text.get(used[0], "")))
    report.sources.setdefault("times", (f"line:{used[0]}", text.get(used[0], "")))
    return programme.dates


def _prose_invitees(facts, draft: EventDraft, report: ImportReport) -> None:
    """Bodies named in the prose, with seats where the prose gives counts."""
    read = read_invitee_prose(facts.agency_chunks)
    for invitee in read.invitees:
        draft.agencies.append(agency_draft(invitee.name))
        if invitee.seats is not None:
            draft.seats.append(SeatDraft(invitee.name, invitee.seats))
    for piece in read.dropped:
        report.problems.append(Finding("invitee_unused", {"raw": piece}))
    if not draft.seats:
        report.problems.append(Finding("no_seat_table"))


def _check_times(facts, draft: EventDraft, report: ImportReport, dates: list) -> None:
    """Compare the start and end times and the date the prose gives with the programme's."""
    starts = [item.start for item in draft.agenda if item.start]
    ends = [item.end for item in draft.agenda if item.end]
    pairs = (
        (facts.start_time, starts[0] if starts else None),
        (facts.end_time, ends[-1] if ends else None),
    )
    for prose, programme in pairs:
        if prose and programme and prose != programme:
            params = {"prose": format_clock(prose), "programme": format_clock(programme)}
            report.problems.append(Finding("time_mismatch", params))
    if facts.date and facts.date.date and dates and dates[0] != facts.date.date:
        params = {"prose": format_date(facts.date.date), "programme": format_date(dates[0])}
        report.problems.append(Finding("date_mismatch", params))


def read_plan_source(source: PlanSource) -> tuple[EventDraft, ImportReport]:
    """Read an EventDraft from a plan's prose lines and tables; tables are told apart by header."""
    facts = read_prose(source.lines)
    report = ImportReport()
    year = document_year([text for _, text in source.lines])
    draft = EventDraft(title=facts.title or "", host=facts.host, chair=facts.chair)
    draft.province = facts.province
    draft.venue = facts.venue
    draft.total_delegates = facts.total_delegates
    for name, (number, quote) in facts.sources.items():
        report.sources[name] = (f"line:{number}", quote)
    report.guesses.update(facts.guesses)
    if facts.date is not None:
        draft.start_date, draft.end_date = facts.date.date, facts.date.end_date
        draft.date_note = facts.date.note
    seat_table_seen, programme_dates = _read_tables(source, draft, report, year)
    if not draft.agenda:
        programme_dates = _prose_programme(source, draft, report, year)
    if draft.start_date is None and programme_dates:
        # Day headings of the programme ("Sáng ngày 12/6/2024") name the dates.
        draft.start_date, draft.date_note = programme_dates[0], None
        draft.end_date = programme_dates[-1] if len(programme_dates) > 1 else None
        report.guesses["date"] = "date_from_programme"
    elif draft.start_date and len(programme_dates) > 1 and draft.end_date is None:
        draft.end_date = programme_dates[-1] if programme_dates[-1] > draft.start_date else None
    if not seat_table_seen:
        _prose_invitees(facts, draft, report)
    starts = [item.start for item in draft.agenda if item.start]
    ends = [item.end for item in draft.agenda if item.end]
    draft.start_time = starts[0] if starts else facts.start_time
    draft.end_time = ends[-1] if ends else None
    if not starts and facts.start_time:
        report.sources["times"] = report.sources.get("start_time", ("", ""))
    _check_times(facts, draft, report, programme_dates)
    if not draft.title and not _usable(draft):
        raise PlanImportError("nothing_usable")
    draft.slug = event_slug(draft.title or "su-kien", facts.event_word, draft.province, _year(draft))
    report = summarise_draft(draft, report)
    if not draft.title:
        report.problems.insert(0, Finding("missing_title"))
    return draft, report


def _usable(draft: EventDraft) -> bool:
    """Whether a draft holds anything an organiser could start from."""
    return bool(draft.start_date or draft.date_note or draft.venue or draft.agenda or draft.agencies)


def parse_plan_text(text: str) -> tuple[EventDraft, ImportReport]:
    """Read a plan written as text or markdown (tables as tabs, pipes or HTML)."""
    unified = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    normalised = unicodedata.normalize("NFC", unified)
    if not normalised.strip():
        raise PlanImportError("empty_file")
    return read_plan_source(split_text_plan(normalised))
