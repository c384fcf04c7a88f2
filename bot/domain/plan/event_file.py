"""Loading and writing event files (YAML, schema in docs/event-file.md)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any
from zoneinfo import ZoneInfo

import yaml
from pydantic import ValidationError

from bot.domain.plan.agency_names import agency_aliases, name_key
from bot.domain.plan.draft import (
    AgencyDraft,
    AgendaDraft,
    EventDraft,
    FaqDraft,
    ImportReport,
    PlanImportError,
    SeatDraft,
    VenueDraft,
)
from bot.domain.plan.event_schema import EventModel, translate_validation_error
from bot.domain.plan.summary import summarise_draft
from bot.domain.plan.times import format_clock, format_date
from storage.enums import AgendaKind

__all__ = ["load_event_yaml", "dump_event_yaml"]

_BOOL, _INT, _FLOAT = (f"tag:yaml.org,2002:{t}" for t in ("bool", "int", "float"))


class _EventLoader(yaml.SafeLoader):
    """Safe YAML without YAML 1.1 surprises: "7:30" stays text, "no" is not False."""


_EventLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in (_BOOL, _INT, _FLOAT)]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_EventLoader.add_implicit_resolver(_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
_EventLoader.add_implicit_resolver(_INT, re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), list("-+0123456789"))
_EventLoader.add_implicit_resolver(
    _FLOAT,
    re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$"),
    list("-+0123456789."),
)


class _Quoted(str):
    """Text always written in double quotes (times, so "07:30" reads as a time everywhere)."""


class _EventDumper(yaml.SafeDumper):
    """Writes readable UTF-8 YAML: multi-line text as blocks, times quoted."""


def _represent_text(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    """Multi-line text as a literal block, the rest as PyYAML decides."""
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_EventDumper.add_representer(str, _represent_text)
_EventDumper.add_representer(
    _Quoted,
    lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:str", str(value), style='"'),
)


def _parse_yaml(text: str) -> dict[str, Any]:
    """Parse YAML text into a mapping, or raise PlanImportError with the line."""
    try:
        data = yaml.load(text, Loader=_EventLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        line = f"line:{exc.problem_mark.line + 1}" if exc.problem_mark else None
        raise PlanImportError("yaml_syntax", line, detail=str(exc.problem or "")) from exc
    except yaml.YAMLError as exc:
        raise PlanImportError("yaml_syntax", None, detail=type(exc).__name__) from exc
    if data is None:
        raise PlanImportError("empty_file")
    if not isinstance(data, dict):
        raise PlanImportError("yaml_not_mapping", "line:1")
    return data


def _check_order(model: EventModel) -> None:
    """Reject an end before its start, and the same agency listed twice."""
    pairs: list[tuple[str, Any, Any, Any]] = [
        ("end_time", model.start_time, model.end_time, format_clock),
        ("end_date", model.date, model.end_date, format_date),
    ]
    pairs += [
        (f"agenda[{i}].end", item.start, item.end, format_clock)
        for i, item in enumerate(model.agenda, start=1)
    ]
    for path, start, end, write in pairs:
        if start is not None and end is not None and end < start:
            raise PlanImportError("end_before_start", f"field:{path}", start=write(start), end=write(end))
    seen: set[str] = set()
    names = [(f"seats[{i}].agency", s.agency) for i, s in enumerate(model.seats, start=1)]
    names += [(f"agencies[{i}].name", a.name) for i, a in enumerate(model.agencies, start=1)]
    for path, name in names:
        if name_key(name) in seen:
            raise PlanImportError("duplicate_agency", f"field:{path}", agency=name)
        seen.add(name_key(name))


def _agency(name: str, given: Any) -> AgencyDraft:
    """An agency from a seat or agency entry; absent short_name/aliases come from the table."""
    short_name, aliases = agency_aliases(name)
    if "short_name" in given.model_fields_set:
        short_name = given.short_name
    if "aliases" in given.model_fields_set:
        aliases = list(given.aliases)
    return AgencyDraft(name, short_name, aliases)


def _to_draft(model: EventModel) -> EventDraft:
    """Convert a validated event file into an EventDraft."""
    deadline = model.rsvp_deadline
    if deadline is not None and deadline.tzinfo is not None:
        deadline = deadline.astimezone(ZoneInfo(model.timezone)).replace(tzinfo=None)
    venue = None
    if model.venue is not None:
        v = model.venue
        venue = VenueDraft(v.name, v.address, v.latitude, v.longitude, v.map_url, dict(v.notes))
    return EventDraft(
        title=model.title,
        slug=model.slug,
        host=model.host,
        province=model.province,
        start_date=model.date,
        end_date=model.end_date,
        date_note=model.date_note,
        start_time=model.start_time,
        end_time=model.end_time,
        timezone=model.timezone,
        rsvp_deadline=deadline,
        chair=model.chair,
        description=model.description,
        venue=venue,
        agenda=[AgendaDraft(a.title, a.start, a.end, a.presenter, a.kind, a.day) for a in model.agenda],
        seats=[SeatDraft(s.agency, s.seats, s.note) for s in model.seats],
        agencies=[_agency(s.agency, s) for s in model.seats] + [_agency(a.name, a) for a in model.agencies],
        total_delegates=model.total_delegates,
        faq=[FaqDraft(f.q, f.a) for f in model.faq],
        is_demo=model.demo,
    )


def load_event_yaml(text: str) -> tuple[EventDraft, ImportReport]:
    """Read an event file; raise PlanImportError with a "line:N" or "field:path" location."""
    text = unicodedata.normalize("NFC", text.lstrip("\ufeff"))
    if not text.strip():
        raise PlanImportError("empty_file")
    data = _parse_yaml(text)
    try:
        model = EventModel.model_validate(data)
    except ValidationError as exc:
        raise translate_validation_error(exc) from exc
    _check_order(model)
    draft = _to_draft(model)
    return draft, summarise_draft(draft, ImportReport())


def _compact(mapping: dict[str, Any], keep: tuple[str, ...] = ()) -> dict[str, Any]:
    """Drop keys whose value is None or empty (except those in `keep`), keeping the order."""
    return {k: v for k, v in mapping.items() if k in keep or v not in (None, [], {}, "")}


def _clock(value: dt.time | None) -> _Quoted | None:
    """A time as quoted "HH:MM"."""
    return _Quoted(format_clock(value)) if value else None


def _agency_fields(agency: AgencyDraft | None, name: str) -> dict[str, Any]:
    """short_name/aliases of an agency, written only where they differ from the table's."""
    if agency is None:
        return {"short_name": None, "aliases": []}
    computed_short, computed_aliases = agency_aliases(name)
    fields: dict[str, Any] = {}
    if agency.short_name is not None or computed_short is not None:
        fields["short_name"] = agency.short_name
    if agency.aliases or computed_aliases:
        fields["aliases"] = list(agency.aliases)
    return fields


def _dump_agencies(draft: EventDraft) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Seat entries (with their agency's names) and the agencies that have no seat row."""
    by_name = {a.name: a for a in draft.agencies}
    seat_names = {s.agency for s in draft.seats}
    seats = [
        _compact({"agency": s.agency, "seats": s.seats, "note": s.note})
        | _agency_fields(by_name.get(s.agency), s.agency)
        for s in draft.seats
    ]
    others = [
        {"name": a.name} | _agency_fields(a, a.name) for a in draft.agencies if a.name not in seat_names
    ]
    return seats, others


# Stands for the empty `date:` line of an event whose date is not fixed (replaced after dumping).
_FILL_IN_DATE = "__date_to_fill_in__"


def dump_event_yaml(draft: EventDraft) -> str:
    """Write an EventDraft as an event file that load_event_yaml reads back to the same draft."""
    venue = None
    if draft.venue is not None:
        v = draft.venue
        venue = _compact(
            {
                "name": v.name,
                "address": v.address,
                "latitude": v.latitude,
                "longitude": v.longitude,
                "map_url": v.map_url,
                "notes": dict(v.notes),
            }
        )
    agenda = [
        _compact(
            {
                "start": _clock(a.start),
                "end": _clock(a.end),
                "title": a.title,
                "presenter": a.presenter,
                "kind": a.kind.value if a.kind is not AgendaKind.OTHER else None,
                "day": a.day or None,
            }
        )
        for a in draft.agenda
    ]
    seats, agencies = _dump_agencies(draft)
    deadline = draft.rsvp_deadline
    document = _compact(
        {
            "slug": draft.slug,
            "title": draft.title,
            "host": draft.host,
            "province": draft.province,
            "date": format_date(draft.start_date) if draft.start_date else _FILL_IN_DATE,
            "end_date": format_date(draft.end_date) if draft.end_date else None,
            "date_note": draft.date_note,
            "start_time": _clock(draft.start_time),
            "end_time": _clock(draft.end_time),
            "timezone": draft.timezone,
            "rsvp_deadline": deadline.strftime("%d/%m/%Y %H:%M") if deadline else None,
            "chair": draft.chair,
            "description": draft.description,
            "total_delegates": draft.total_delegates,
            "demo": True if draft.is_demo else None,
            "venue": venue,
            "agenda": agenda,
            "seats": seats,
            "agencies": agencies,
            "faq": [{"q": f.question, "a": f.answer} for f in draft.faq],
        },
        keep=("venue",) if venue is not None else (),
    )
    text = yaml.dump(document, Dumper=_EventDumper, allow_unicode=True, sort_keys=False, width=4096)
    # A date not fixed yet still gets its line, empty, with the form to write it in.
    return text.replace(f"date: {_FILL_IN_DATE}\n", "date:  # dd/mm/yyyy\n", 1)
