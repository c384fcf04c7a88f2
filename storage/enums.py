"""Enumerations shared by the storage models and the domain."""

from __future__ import annotations

import enum

__all__ = ["AgendaKind", "EventStatus", "RoleKind", "Channel", "DeliveryStatus"]


class AgendaKind(str, enum.Enum):
    """What an agenda item is; drives icons and question answering."""

    REGISTRATION = "registration"
    OPENING = "opening"
    TALK = "talk"
    BREAK = "break"
    DISCUSSION = "discussion"
    CLOSING = "closing"
    OTHER = "other"


class EventStatus(str, enum.Enum):
    """Lifecycle of an event."""

    DRAFT = "draft"
    PUBLISHED = "published"
    CLOSED = "closed"
    CANCELLED = "cancelled"


class RoleKind(str, enum.Enum):
    """The role a person holds in one event."""

    ORGANISER = "organiser"
    FOCAL_POINT = "focal_point"
    DELEGATE = "delegate"


class Channel(str, enum.Enum):
    """Messengers a person can be reached on."""

    CONSOLE = "console"
    TELEGRAM = "telegram"
    ZALO = "zalo"
    ZALO_BOT = "zalo_bot"  # the Zalo Bot Platform (a bot made in the Zalo app), beside the OA


class DeliveryStatus(str, enum.Enum):
    """Where an outbox message is on its way to the user."""

    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    UNREACHABLE = "unreachable"
    # The send timed out after the request left: the messenger may have it; never resent blindly.
    UNCERTAIN = "uncertain"
