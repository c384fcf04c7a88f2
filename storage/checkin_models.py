"""Models for check-in on the day: the venue's self check-in links printed as a QR at the door."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from storage.models import Base
from storage.types import utcnow

__all__ = ["VenueCheckInLink"]


class VenueCheckInLink(Base):
    """A random token behind the venue's QR: delegates open it to check themselves in."""

    __tablename__ = "venue_check_in_links"
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[dt.datetime | None]
