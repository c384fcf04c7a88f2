"""SQLAlchemy 2 typed models: events, venues, programme, agencies, seats, people, roles, audit."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    Enum,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    Time,
    UniqueConstraint,
    true,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from storage.enums import AgendaKind, Channel, DeliveryStatus, EventStatus, RoleKind
from storage.types import UtcDateTime, utcnow

__all__ = [
    "Base",
    "Agency",
    "Event",
    "Venue",
    "AgendaItem",
    "SeatQuota",
    "FaqEntry",
    "Person",
    "Identity",
    "Role",
    "ConversationState",
    "AuditEntry",
    "OutboxMessage",
    "ForwardedQuestion",
]

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def _enum(kind: type) -> Enum:
    # Store the value ("talk"), not the member name, as a portable VARCHAR with a CHECK.
    return Enum(kind, values_callable=lambda e: [m.value for m in e], native_enum=False, length=20)


class Base(DeclarativeBase):
    """Declarative base with stable constraint names (Alembic needs them on SQLite)."""

    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {dict[str, Any]: JSON, list[str]: JSON, dt.datetime: UtcDateTime}


class Agency(Base):
    """A provincial agency; `aliases` holds other names (abbreviations, pre-2025 names)."""

    __tablename__ = "agencies"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300), unique=True)
    short_name: Mapped[str | None] = mapped_column(String(100))
    aliases: Mapped[list[str]] = mapped_column(default=list)


class Event(Base):
    """A workshop or conference. Date may be unknown while the plan is a draft."""

    __tablename__ = "events"
    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    title: Mapped[str] = mapped_column(String(500))
    host: Mapped[str | None] = mapped_column(String(300))
    province: Mapped[str | None] = mapped_column(String(100))
    chair: Mapped[str | None] = mapped_column(String(300))
    description: Mapped[str | None] = mapped_column(Text)
    start_date: Mapped[dt.date | None] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date)
    date_note: Mapped[str | None] = mapped_column(String(100))
    start_time: Mapped[dt.time | None] = mapped_column(Time)
    end_time: Mapped[dt.time | None] = mapped_column(Time)
    timezone: Mapped[str] = mapped_column(String(64), default="Asia/Ho_Chi_Minh")
    rsvp_deadline: Mapped[dt.datetime | None]
    total_delegates: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[EventStatus] = mapped_column(_enum(EventStatus), default=EventStatus.PUBLISHED)
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    # Registration without an invitation link (an organiser approves each one).
    self_registration: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    # How long a freed seat is held for the next person in the waitlist.
    offer_hours: Mapped[int] = mapped_column(Integer, default=24, server_default="24")
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    venue: Mapped[Venue | None] = relationship(
        back_populates="event", cascade="all, delete-orphan", uselist=False, lazy="raise"
    )
    agenda: Mapped[list[AgendaItem]] = relationship(
        back_populates="event",
        cascade="all, delete-orphan",
        order_by="(AgendaItem.day, AgendaItem.position)",
        lazy="raise",
    )
    quotas: Mapped[list[SeatQuota]] = relationship(
        back_populates="event", cascade="all, delete-orphan", lazy="raise"
    )
    faq: Mapped[list[FaqEntry]] = relationship(
        back_populates="event", cascade="all, delete-orphan", lazy="raise"
    )


class Venue(Base):
    """Where an event takes place, with practical notes (parking, dress code, hotline...)."""

    __tablename__ = "venues"
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), unique=True)
    name: Mapped[str | None] = mapped_column(String(300))
    address: Mapped[str | None] = mapped_column(String(500))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    map_url: Mapped[str | None] = mapped_column(String(1000))
    notes: Mapped[dict[str, Any]] = mapped_column(default=dict)
    event: Mapped[Event] = relationship(back_populates="venue")


class AgendaItem(Base):
    """One line of the programme; talks sharing a slot have the same start and end."""

    __tablename__ = "agenda_items"
    __table_args__ = (UniqueConstraint("event_id", "day", "position"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    day: Mapped[int] = mapped_column(Integer, default=0)
    position: Mapped[int] = mapped_column(Integer)
    start_time: Mapped[dt.time | None] = mapped_column(Time)
    end_time: Mapped[dt.time | None] = mapped_column(Time)
    title: Mapped[str] = mapped_column(Text)
    presenter: Mapped[str | None] = mapped_column(String(500))
    kind: Mapped[AgendaKind] = mapped_column(_enum(AgendaKind), default=AgendaKind.OTHER)
    event: Mapped[Event] = relationship(back_populates="agenda")


class SeatQuota(Base):
    """How many seats one agency has at one event. Row-locked when seats are taken."""

    __tablename__ = "seat_quotas"
    __table_args__ = (
        UniqueConstraint("event_id", "agency_id"),
        CheckConstraint("seats >= 0", name="seats_not_negative"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id", ondelete="RESTRICT"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    seats: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(String(500))
    event: Mapped[Event] = relationship(back_populates="quotas")
    agency: Mapped[Agency] = relationship(lazy="joined")


class FaqEntry(Base):
    """A question and answer the organisers wrote for an event."""

    __tablename__ = "faq_entries"
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    question: Mapped[str] = mapped_column(Text)
    answer: Mapped[str] = mapped_column(Text)
    event: Mapped[Event] = relationship(back_populates="faq")


class Person(Base):
    """A human. Name, position and phone are stored only after consent and can be erased."""

    __tablename__ = "people"
    id: Mapped[int] = mapped_column(primary_key=True)
    full_name: Mapped[str | None] = mapped_column(String(200))
    position: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(20))
    # When the messenger vouched for the phone as this person's own (a shared Telegram contact of
    # their own account); a typed phone stays unverified and gives no role by itself.
    phone_verified_at: Mapped[dt.datetime | None]
    consent_at: Mapped[dt.datetime | None]
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    identities: Mapped[list[Identity]] = relationship(back_populates="person", lazy="raise")


class Identity(Base):
    """A person's account on one messenger; one person may have several."""

    __tablename__ = "identities"
    __table_args__ = (UniqueConstraint("channel", "external_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    channel: Mapped[Channel] = mapped_column(_enum(Channel))
    external_id: Mapped[str] = mapped_column(String(100))
    display_name: Mapped[str | None] = mapped_column(String(200))
    language: Mapped[str] = mapped_column(String(5), default="vi")
    unreachable_at: Mapped[dt.datetime | None]
    last_seen_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    person: Mapped[Person] = relationship(back_populates="identities", lazy="joined")


class Role(Base):
    """What a person is at one event: organiser, focal point of an agency, or delegate."""

    __tablename__ = "roles"
    __table_args__ = (UniqueConstraint("event_id", "person_id", "kind"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    kind: Mapped[RoleKind] = mapped_column(_enum(RoleKind))
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class ConversationState(Base):
    """Where one identity is in a conversation; survives restarts and is shared by workers."""

    __tablename__ = "conversation_states"
    identity_id: Mapped[int] = mapped_column(
        ForeignKey("identities.id", ondelete="CASCADE"), primary_key=True
    )
    event_id: Mapped[int | None] = mapped_column(ForeignKey("events.id", ondelete="SET NULL"))
    flow: Mapped[str | None] = mapped_column(String(40))
    step: Mapped[str | None] = mapped_column(String(40))
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    # Bumped on every change: a worker that read an older version cannot overwrite a newer one.
    version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class AuditEntry(Base):
    """Who did what, when, and why: every organiser action and data change."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_event_at", "event_id", "at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    actor_person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    actor_label: Mapped[str | None] = mapped_column(String(100))
    event_id: Mapped[int | None] = mapped_column(ForeignKey("events.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(60))
    detail: Mapped[dict[str, Any]] = mapped_column(default=dict)


class OutboxMessage(Base):
    """A message to push to someone, written in the same transaction as the change behind it."""

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_due", "status", "not_before"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    identity_id: Mapped[int] = mapped_column(ForeignKey("identities.id", ondelete="CASCADE"))
    event_id: Mapped[int | None] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(40))
    # At most one message per key (e.g. "rule:7:person:12"): enqueueing twice is harmless.
    dedupe_key: Mapped[str | None] = mapped_column(String(200), unique=True)
    body: Mapped[dict[str, Any]] = mapped_column(default=dict)
    status: Mapped[DeliveryStatus] = mapped_column(_enum(DeliveryStatus), default=DeliveryStatus.PENDING)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    not_before: Mapped[dt.datetime] = mapped_column(default=utcnow)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[dt.datetime | None]
    last_error: Mapped[str | None] = mapped_column(String(500))
    # Past this moment the message is pointless ("starts in 2 hours"): it is dropped, not sent.
    expires_at: Mapped[dt.datetime | None]
    # Quiet hours apply in this time zone (None: the message may go out at any hour).
    quiet_zone: Mapped[str | None] = mapped_column(String(64))


class ForwardedQuestion(Base):
    """A delegate's question the bot could not answer, sent on to the event's organisers."""

    __tablename__ = "forwarded_questions"
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    asker_identity_id: Mapped[int] = mapped_column(ForeignKey("identities.id", ondelete="CASCADE"))
    text: Mapped[str] = mapped_column(Text)
    # "open" until an organiser answers, then "answered", then "saved_as_faq".
    status: Mapped[str] = mapped_column(String(20), default="open")
    answer: Mapped[str | None] = mapped_column(Text)
    answered_by_person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    answered_at: Mapped[dt.datetime | None]
