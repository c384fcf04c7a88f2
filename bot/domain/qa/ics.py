"""The event as an RFC 5545 calendar file (icalendar), for delegates' phones and computers."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import icalendar

from bot.domain.formatting import format_time_range
from bot.domain.qa.view import EventView

__all__ = ["event_calendar", "calendar_filename"]


def calendar_filename(view: EventView) -> str:
    """'<slug>.ics'."""
    return f"{view.slug}.ics"


def _programme_text(view: EventView) -> str:
    # Plain data lines (times, titles, presenters): nothing here needs translating.
    lines = []
    for item in view.items:
        when = format_time_range(item.start_time, item.end_time)
        who = f" — {item.presenter}" if item.presenter else ""
        lines.append(f"{when} {item.title}{who}".strip())
    return "\n".join(lines)


def event_calendar(view: EventView, stamp: dt.datetime) -> bytes | None:
    """One VEVENT for the event, in its own time zone; None while the date is not fixed."""
    if view.start_date is None:
        return None
    zone = zoneinfo.ZoneInfo(view.timezone)
    last = view.last_date or view.start_date
    event = icalendar.Event()
    event.add("uid", f"event-{view.id}-{view.slug}@pii-bot")
    event.add("dtstamp", (view.updated_at or stamp).astimezone(dt.UTC))
    event.add("summary", view.title)
    if view.start_time is not None:
        event.add("dtstart", dt.datetime.combine(view.start_date, view.start_time, tzinfo=zone))
        end_time = view.end_time or view.start_time
        event.add("dtend", dt.datetime.combine(last, end_time, tzinfo=zone))
    else:
        # No hours known: an all-day event, DTEND exclusive.
        event.add("dtstart", view.start_date)
        event.add("dtend", last + dt.timedelta(days=1))
    if view.venue is not None and view.venue.place:
        event.add("location", view.venue.place)
        if view.venue.has_pin:
            event.add("geo", (view.venue.latitude, view.venue.longitude))
        if view.venue.map_url:
            event.add("url", view.venue.map_url)
    programme = _programme_text(view)
    if programme:
        event.add("description", programme)
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//pii-bot//workshop assistant//VI")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    calendar.add_component(event)
    if hasattr(calendar, "add_missing_timezones"):
        calendar.add_missing_timezones()  # VTIMEZONE for the event's zone (icalendar >= 6)
    return calendar.to_ical()
