"""The organisers' short grammar for a reminder: "2 ngày trước 16:00 | đại biểu xác nhận | nội dung"
(or "3 hours before | confirmed | text"). Matching ignores case and diacritics."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from bot.domain.errors import DomainError
from bot.domain.textfold import fold
from storage.reminder_models import ReminderAudience

__all__ = ["ReminderRequest", "parse_timing", "parse_audience", "parse_reminder", "AUDIENCE_WORDS"]

_UNITS = {
    "ngay": 24 * 60,
    "day": 24 * 60,
    "days": 24 * 60,
    "gio": 60,
    "tieng": 60,
    "h": 60,
    "hour": 60,
    "hours": 60,
    "phut": 1,
    "minute": 1,
    "minutes": 1,
    "min": 1,
}
_TIMING = re.compile(
    r"^(\d{1,3})\s*(ngay|days?|gio|tieng|h|hours?|phut|minutes?|min)\s+(truoc|before|sau|after)"
    r"(?:\s+(?:luc|at))?(?:\s+(\d{1,2})(?:[:h](\d{2})?)?)?$"
)
# Folded words an organiser may type for each audience (Vietnamese and English).
AUDIENCE_WORDS = {
    ReminderAudience.CONFIRMED_DELEGATES: ("dai bieu xac nhan", "da xac nhan", "xac nhan", "confirmed"),
    ReminderAudience.NOT_ANSWERED: ("chua tra loi", "not answered", "no answer", "unanswered"),
    ReminderAudience.WAITLISTED: ("danh sach cho", "dang cho", "waitlist", "waitlisted"),
    ReminderAudience.FOCAL_POINTS_PENDING: ("dau moi", "can bo dau moi", "focal points", "focal"),
    ReminderAudience.ORGANISERS: ("ban to chuc", "to chuc", "organisers", "organizers"),
}


@dataclass(frozen=True)
class ReminderRequest:
    """A parsed reminder: minutes from the event start (negative: before), an optional local time."""

    offset_minutes: int
    local_time: dt.time | None
    audience: ReminderAudience
    text: str


def parse_timing(text: str) -> tuple[int, dt.time | None]:
    """'2 ngày trước 16:00' -> (-2880, 16:00); '3 hours before' -> (-180, None)."""
    found = _TIMING.match(" ".join(fold(text).split()))
    if found is None:
        raise DomainError("reminder_bad_time", value=text.strip()[:40])
    amount, unit, direction, hour, minute = found.groups()
    offset = int(amount) * _UNITS[unit] * (-1 if direction in ("truoc", "before") else 1)
    if hour is None:
        return offset, None
    if int(hour) > 23 or int(minute or 0) > 59 or _UNITS[unit] != 24 * 60:
        raise DomainError("reminder_bad_time", value=text.strip()[:40])  # a clock time needs whole days
    return offset, dt.time(int(hour), int(minute or 0))


def parse_audience(text: str) -> ReminderAudience:
    """The audience an organiser named, in Vietnamese or English."""
    folded = " ".join(fold(text).split())
    for audience, words in AUDIENCE_WORDS.items():
        if folded in words or folded == audience.value:
            return audience
    raise DomainError("reminder_bad_audience")


def parse_reminder(arguments: str) -> ReminderRequest:
    """'timing | audience | text' as a ReminderRequest; a polite refusal for anything else."""
    parts = [p.strip() for p in arguments.split("|", 2)]
    if len(parts) != 3 or not all(parts):
        raise DomainError("usage_addreminder")
    offset, local_time = parse_timing(parts[0])
    return ReminderRequest(offset, local_time, parse_audience(parts[1]), parts[2])
