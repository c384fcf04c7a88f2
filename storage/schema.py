"""Every model module, imported so that Base.metadata describes the whole schema."""

from __future__ import annotations

from storage import models, rsvp_models
from storage.models import Base

__all__ = ["Base", "models", "rsvp_models"]
