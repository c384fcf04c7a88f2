"""Every model module, imported so that Base.metadata describes the whole schema."""

from __future__ import annotations

from storage import models, rsvp_models
from storage import checkin_models  # noqa: F401  (registers venue_check_in_links)
from storage import reminder_models  # noqa: F401  (registers reminder_rules, announcements)
from storage import indicator_models  # noqa: F401  (registers the indicator tables)
from storage import zalo_models  # noqa: F401  (registers the Zalo token, event, user and link-code tables)
from storage import inbound_models  # noqa: F401  (registers inbound_updates)
from storage.models import Base

__all__ = ["Base", "models", "rsvp_models"]
