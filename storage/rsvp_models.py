"""Models for invitations and registrations: who was invited, who answered, who holds a seat."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models import Base, _enum
from storage.types import utcnow

__all__ = ["InvitationKind", "RegistrationStatus", "Invitation", "Registration", "OrganiserPreference"]


class InvitationKind(str, enum.Enum):
    """What opening an invitation link lets a person do."""

    DELEGATE = "delegate"  # register as a delegate of the link's agency
    FOCAL_POINT = "focal_point"  # join as the agency's focal point
    ORGANISER = "organiser"  # become an organiser of the event
    TRANSFER = "transfer"  # take over one delegate's seat


class RegistrationStatus(str, enum.Enum):
    """Where a person's registration for one event stands."""

    PENDING_APPROVAL = "pending_approval"  # registered without a link; an organiser approves
    INVITED = "invited"  # details given, no RSVP yet
    CONFIRMED = "confirmed"  # holds a seat
    WAITLISTED = "waitlisted"  # waits for a seat of the agency
    OFFERED = "offered"  # a freed seat is held for them until offer_expires_at
    DECLINED = "declined"
    CANCELLED = "cancelled"  # removed by an organiser, handed over, or erased on request
    REFUSED = "refused"  # registered without a link; an organiser did not approve (reason audited)


# Statuses that occupy one of the agency's seats.
SEAT_HOLDING = (RegistrationStatus.CONFIRMED, RegistrationStatus.OFFERED)


class Invitation(Base):
    """A link token bound to one event (and agency); random, revocable, optionally limited."""

    __tablename__ = "invitations"
    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id", ondelete="CASCADE"))
    kind: Mapped[InvitationKind] = mapped_column(_enum(InvitationKind))
    max_uses: Mapped[int | None] = mapped_column(Integer)
    uses: Mapped[int] = mapped_column(Integer, default=0)
    # For a transfer link: the registration whose seat is handed over. No foreign key: it would
    # make a cycle with registrations.invitation_id; registrations are never deleted, only cancelled.
    registration_id: Mapped[int | None] = mapped_column(Integer, index=True)
    revoked_at: Mapped[dt.datetime | None]
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Registration(Base):
    """One person's registration for one event, as a delegate of one agency."""

    __tablename__ = "registrations"
    __table_args__ = (
        UniqueConstraint("event_id", "person_id"),
        Index("ix_registrations_quota", "event_id", "agency_id", "status"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id", ondelete="RESTRICT"))
    status: Mapped[RegistrationStatus] = mapped_column(_enum(RegistrationStatus))
    # Order in the agency's waitlist: the largest so far plus one, under the quota's row lock.
    waitlist_seq: Mapped[int | None] = mapped_column(Integer)
    offer_expires_at: Mapped[dt.datetime | None]
    invitation_id: Mapped[int | None] = mapped_column(ForeignKey("invitations.id", ondelete="SET NULL"))
    responded_at: Mapped[dt.datetime | None]
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    # Check-in on the day (bot/domain/checkin.py): the delegate's personal code, shown as a QR.
    check_in_code: Mapped[str | None] = mapped_column(String(12), unique=True)
    checked_in_at: Mapped[dt.datetime | None]
    checked_in_by: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))


class OrganiserPreference(Base):
    """How an organiser wants to hear about changes: at once, or in a daily digest."""

    __tablename__ = "organiser_preferences"
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), primary_key=True)
    digest: Mapped[bool] = mapped_column(Boolean, default=False)
    last_digest_at: Mapped[dt.datetime | None]
