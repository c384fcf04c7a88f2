"""Models for scheduled reminders: rules per event, evaluated by the scheduler at fire time."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text, Time, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models import Base, _enum
from storage.types import utcnow

__all__ = ["ReminderAudience", "ReminderAnchor", "ReminderRule", "Announcement"]


class ReminderAudience(str, enum.Enum):
    """Who a rule (or an announcement) goes to; resolved to people when it fires."""

    CONFIRMED_DELEGATES = "confirmed"
    NOT_ANSWERED = "not_answered"  # invitees still INVITED (an RSVP nudge), optionally of one agency
    WAITLISTED = "waitlisted"
    FOCAL_POINTS_PENDING = "focal_pending"  # focal points with indicators still to supply
    ORGANISERS = "organisers"
    ALL_REGISTERED = "all_registered"  # confirmed, invited, waitlisted and offered (announcements)


class ReminderAnchor(str, enum.Enum):
    """What a rule's time is measured from."""

    EVENT_START = "event_start"
    DEADLINE = "deadline"  # the event's RSVP deadline
    ABSOLUTE = "absolute"


class ReminderRule(Base):
    """One reminder of an event. Its time is computed from the event whenever it is read, so a
    moved event carries its unsent reminders along."""

    __tablename__ = "reminder_rules"
    __table_args__ = (UniqueConstraint("event_id", "default_key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    audience: Mapped[ReminderAudience] = mapped_column(_enum(ReminderAudience))
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id", ondelete="CASCADE"))
    anchor: Mapped[ReminderAnchor] = mapped_column(_enum(ReminderAnchor))
    # Signed minutes from the anchor (negative: before). With `local_time`, only the day counts.
    offset_minutes: Mapped[int] = mapped_column(Integer, default=0)
    local_time: Mapped[dt.time | None] = mapped_column(Time)
    absolute_at: Mapped[dt.datetime | None]
    # A catalogue key under reminders.message, or the organiser's own words.
    message_key: Mapped[str | None] = mapped_column(String(80))
    text: Mapped[str | None] = mapped_column(Text)
    # Comma-separated button names: attend, decline, programme, pass.
    buttons: Mapped[str] = mapped_column(String(100), default="")
    urgent: Mapped[bool] = mapped_column(Boolean, default=False)
    # How late a missed reminder may still go out; None: any time before the event starts.
    late_grace_minutes: Mapped[int | None] = mapped_column(Integer)
    # Deliveries of this rule expire when the event starts ("starts in 2 hours").
    expires_at_start: Mapped[bool] = mapped_column(Boolean, default=False)
    paused: Mapped[bool] = mapped_column(Boolean, default=False)
    # Set for the defaults, so a re-import neither duplicates them nor revives a deleted one.
    default_key: Mapped[str | None] = mapped_column(String(40))
    deleted_at: Mapped[dt.datetime | None]
    fired_at: Mapped[dt.datetime | None]
    # "queued" (with `recipients`), or "missed" when the bot was down past the grace.
    outcome: Mapped[str | None] = mapped_column(String(20))
    recipients: Mapped[int | None] = mapped_column(Integer)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Announcement(Base):
    """A message an organiser sent once to an audience; its deliveries are outbox rows keyed by it."""

    __tablename__ = "announcements"
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    audience: Mapped[ReminderAudience] = mapped_column(_enum(ReminderAudience))
    text: Mapped[str] = mapped_column(Text)
    recipients: Mapped[int] = mapped_column(Integer, default=0)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
