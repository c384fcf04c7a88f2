"""Webhook updates kept until handled: a 200 is given only once an update is stored here, and the
mark that it was handled is written in the same transaction as its effects."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from storage.enums import Channel
from storage.models import Base, _enum
from storage.types import utcnow

__all__ = ["InboundUpdate"]


class InboundUpdate(Base):
    """One update a messenger posted to a webhook (Telegram's update_id, Zalo's event key)."""

    __tablename__ = "inbound_updates"
    channel: Mapped[Channel] = mapped_column(_enum(Channel), primary_key=True)
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    # The sender on that channel, while unhandled: their updates are served in order.
    user_key: Mapped[str | None] = mapped_column(String(100))
    # The update as posted, while unhandled (it is replayed after a restart); then cleared.
    payload: Mapped[str | None] = mapped_column(Text)
    received_at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
    handled_at: Mapped[dt.datetime | None]
