"""Every model module, imported so that Base.metadata describes the whole schema."""

from __future__ import annotations

from storage import (
    checkin_models,  # noqa: F401  (registers venue_check_in_links)
    inbound_models,  # noqa: F401  (registers inbound_updates)
    indicator_models,  # noqa: F401  (registers the indicator tables)
    models,
    reminder_models,  # noqa: F401  (registers reminder_rules, announcements)
    rsvp_models,
    zalo_models,  # noqa: F401  (registers the Zalo token, event, user and link-code tables)
)
from storage.models import Base

__all__ = ["Base", "models", "rsvp_models"]
