"""Models for the Zalo channel (OA token pair, seen events, users' choices) and identity linking."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from storage.models import Base
from storage.types import utcnow

__all__ = ["ZaloToken", "ZaloEvent", "ZaloUser", "LinkCode", "ZaloOaState", "OutboxRoute"]


class ZaloToken(Base):
    """The OA's access/refresh token pair. The refresh token works once: this row is its only copy."""

    __tablename__ = "zalo_tokens"
    app_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    access_token: Mapped[str | None] = mapped_column(Text)
    refresh_token: Mapped[str] = mapped_column(Text)
    expires_at: Mapped[dt.datetime | None]
    # Bumped on every rotation: a worker that read version n and finds n+1 under the lock knows
    # another worker already refreshed.
    version: Mapped[int] = mapped_column(Integer, default=0)
    # sha256 of the ZALO_REFRESH_TOKEN that seeded the row: a different value in the environment
    # is an operator's new authorisation and replaces the stored pair.
    seed_hash: Mapped[str | None] = mapped_column(String(64))
    # When Zalo last gave a new pair (the refresh token's ~3 months count from here).
    refreshed_at: Mapped[dt.datetime | None]
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class ZaloEvent(Base):
    """A webhook event already taken in (by msg_id, or a digest): Zalo's retries are processed once."""

    __tablename__ = "zalo_events"
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    event_name: Mapped[str] = mapped_column(String(60))
    received_at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)


class ZaloUser(Base):
    """What the channel keeps per Zalo user: the buttons shown last (answered by number) and when
    the user last wrote (Zalo allows consultation messages only for a while after that)."""

    __tablename__ = "zalo_users"
    user_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    choices: Mapped[list[str]] = mapped_column(JSON, default=list)
    last_message_at: Mapped[dt.datetime | None]
    # Zalo counts a reply as free only when it carries the user's last message id, and allows
    # a few of them (ZALO_REPLY_LIMIT) within ZALO_REPLY_HOURS of that message.
    last_msg_id: Mapped[str | None] = mapped_column(String(100))
    replies_used: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # The display name is asked of Zalo once per follower.
    profile_fetched_at: Mapped[dt.datetime | None]
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class LinkCode(Base):
    """A one-time code that joins the messenger account typing it to the person who asked for it."""

    __tablename__ = "link_codes"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    identity_id: Mapped[int] = mapped_column(ForeignKey("identities.id", ondelete="CASCADE"), index=True)
    expires_at: Mapped[dt.datetime]
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class ZaloOaState(Base):
    """What the OA as a whole may do now: a queue held after an OA-level refusal (quota,
    verification, billing), and which alerts the organisers already had."""

    __tablename__ = "zalo_oa_state"
    app_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    held_until: Mapped[dt.datetime | None]
    held_code: Mapped[int | None] = mapped_column(Integer)
    held_since: Mapped[dt.datetime | None]
    # The refresh token whose coming lapse the organisers were told about (its rotation time).
    lapse_alert_for: Mapped[dt.datetime | None]


class OutboxRoute(Base):
    """One step of a pushed message's way: a channel that could not take it, and why."""

    __tablename__ = "outbox_routes"
    id: Mapped[int] = mapped_column(primary_key=True)
    outbox_id: Mapped[int] = mapped_column(ForeignKey("outbox.id", ondelete="CASCADE"), index=True)
    identity_id: Mapped[int | None] = mapped_column(ForeignKey("identities.id", ondelete="SET NULL"))
    channel: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(String(200))
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
