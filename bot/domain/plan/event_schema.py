"""The event file schema (docs/event-file.md) as pydantic models, and its error translation."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError
from pydantic_core import PydanticCustomError

from bot.domain.plan.codes import ERROR_CODES
from bot.domain.plan.draft import PlanImportError
from bot.domain.plan.times import parse_clock, parse_date_value
from storage.enums import AgendaKind

__all__ = ["EventModel", "translate_validation_error", "field_path", "DEFAULT_TIMEZONE"]

DEFAULT_TIMEZONE = "Asia/Ho_Chi_Minh"
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def _error(code: str, value: Any) -> PydanticCustomError:
    """A validation error whose type is one of our error codes."""
    return PydanticCustomError(code, "{code}: {value}", {"code": code, "value": str(value)[:80]})


def _optional_text(value: Any) -> Any:
    """Treat an empty string as "not given"."""
    if isinstance(value, str) and not value.strip():
        return None
    return value


def _clock(value: Any) -> dt.time | None:
    """Read "HH:MM"."""
    if value is None:
        return None
    if isinstance(value, str):
        try:
            return parse_clock(value)
        except ValueError:
            pass
    raise _error("invalid_time", value)


# A date written in the expected form, whether or not such a day exists.
_DATE_SHAPE = re.compile(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{4}|\d{4}-\d{1,2}-\d{1,2}")


def _date(value: Any) -> dt.date | None:
    """Read dd/mm/yyyy or ISO yyyy-mm-dd (YAML may already have made it a date)."""
    if value is None:
        return None
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        try:
            return parse_date_value(value)
        except ValueError:
            if _DATE_SHAPE.fullmatch(value.strip()):
                raise _error("impossible_date", value) from None  # 31/02/2026: right form, no such day
    raise _error("invalid_date", value)


def _datetime(value: Any) -> dt.datetime | None:
    """Read "dd/mm/yyyy HH:MM" or ISO 8601; an offset is kept and resolved later."""
    if value is None or isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        match = re.fullmatch(r"\s*(\S+)\s+(\d{1,2}:\d{2})\s*", value)
        try:
            if match and "/" in match.group(1):
                day = parse_date_value(match.group(1))
                return dt.datetime.combine(day, parse_clock(match.group(2)))
            return dt.datetime.fromisoformat(value.strip())
        except ValueError:
            if match and _DATE_SHAPE.fullmatch(match.group(1)):
                try:
                    parse_date_value(match.group(1))
                except ValueError:
                    raise _error("impossible_date", match.group(1)) from None
    raise _error("invalid_datetime", value)


def _timezone(value: Any) -> str:
    """An IANA time zone name that zoneinfo knows."""
    if isinstance(value, str):
        try:
            ZoneInfo(value)
            return value
        except (ZoneInfoNotFoundError, ValueError):
            pass
    raise _error("invalid_timezone", value)


def _seats(value: Any) -> int | None:
    """A seat count: a whole number >= 0 ("02" is accepted, as plans write it)."""
    if value is None:
        return None
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    raise _error("invalid_seats", value)


def _kind(value: Any) -> Any:
    """Accept agenda kinds in any case."""
    if isinstance(value, str):
        try:
            return AgendaKind(value.strip().lower())
        except ValueError:
            pass
    raise _error("invalid_kind", value)


def _slug(value: Any) -> Any:
    """A slug: lowercase ASCII words and hyphens, at most 60 characters."""
    if value is None:
        return None
    if isinstance(value, str) and len(value) <= 60 and _SLUG.fullmatch(value):
        return value
    raise _error("invalid_slug", value)


Text = Annotated[str, Field(min_length=1)]
OptText = Annotated[str | None, BeforeValidator(_optional_text)]
Clock = Annotated[dt.time | None, BeforeValidator(_clock)]
Day = Annotated[dt.date | None, BeforeValidator(_date)]
Count = Annotated[int | None, BeforeValidator(_seats)]
WholeNumber = Annotated[int, Field(strict=True, ge=0)]


class _Model(BaseModel):
    """Strict base: unknown fields are errors, text is stripped."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class VenueModel(_Model):
    """Where the event happens, with practical notes."""

    name: OptText = None
    address: OptText = None
    latitude: Annotated[float, Field(ge=-90, le=90)] | None = None
    longitude: Annotated[float, Field(ge=-180, le=180)] | None = None
    map_url: OptText = None
    notes: dict[str, Text] = Field(default_factory=dict)


class AgendaModel(_Model):
    """One programme line."""

    start: Clock = None
    end: Clock = None
    title: Text
    presenter: OptText = None
    kind: Annotated[AgendaKind, BeforeValidator(_kind)] = AgendaKind.OTHER
    day: WholeNumber = 0


class SeatModel(_Model):
    """Seats for one agency, with its other names."""

    agency: Text
    seats: Count = None
    note: OptText = None
    short_name: OptText = None
    aliases: list[Text] = Field(default_factory=list)


class AgencyModel(_Model):
    """An invited agency without a seat count."""

    name: Text
    short_name: OptText = None
    aliases: list[Text] = Field(default_factory=list)


class FaqModel(_Model):
    """A question answered in advance."""

    q: Text
    a: Text


class EventModel(_Model):
    """A whole event file."""

    slug: Annotated[str | None, BeforeValidator(_slug)] = None
    title: Text
    host: OptText = None
    province: OptText = None
    date: Day = None
    end_date: Day = None
    date_note: OptText = None
    start_time: Clock = None
    end_time: Clock = None
    timezone: Annotated[str, BeforeValidator(_timezone)] = DEFAULT_TIMEZONE
    rsvp_deadline: Annotated[dt.datetime | None, BeforeValidator(_datetime)] = None
    chair: OptText = None
    description: OptText = None
    total_delegates: WholeNumber | None = None
    demo: Annotated[bool, Field(strict=True)] = False
    venue: VenueModel | None = None
    agenda: list[AgendaModel] = Field(default_factory=list)
    seats: list[SeatModel] = Field(default_factory=list)
    agencies: list[AgencyModel] = Field(default_factory=list)
    faq: list[FaqModel] = Field(default_factory=list)


def field_path(loc: tuple[int | str, ...]) -> str:
    """Write a pydantic location as "agenda[3].start" (list positions counted from 1)."""
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part + 1}]"
        else:
            path += f".{part}" if path else str(part)
    return path


_BY_TYPE = {
    "extra_forbidden": "unknown_field",
    "missing": "missing_field",
    "enum": "invalid_kind",
    "string_type": "invalid_text",
    "string_too_short": "invalid_text",
    "bool_type": "invalid_bool",
    "bool_parsing": "invalid_bool",
    "list_type": "invalid_list",
    "dict_type": "invalid_mapping",
    "model_type": "invalid_mapping",
    "model_attributes_type": "invalid_mapping",
}
_NUMBER_TYPES = ("int_", "float_", "greater_than", "less_than", "finite_number", "decimal")


def translate_validation_error(exc: ValidationError) -> PlanImportError:
    """Turn the first pydantic error into a PlanImportError with a code and a field location."""
    error = exc.errors(include_url=False)[0]
    kind = error["type"]
    path = field_path(tuple(error["loc"]))
    if kind in ERROR_CODES:
        code = kind
    elif kind.startswith(_NUMBER_TYPES):
        code = "invalid_number"
    else:
        code = _BY_TYPE.get(kind, "invalid_value")
    if path == "title" and code in ("missing_field", "invalid_text"):
        code = "missing_title"
    raw = error.get("input")
    value = "" if isinstance(raw, (dict, list)) or raw is None else str(raw)[:80]
    return PlanImportError(code, f"field:{path}", field=path, value=value, detail=error["msg"])
