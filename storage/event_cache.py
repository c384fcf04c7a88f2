"""A per-process cache of fully loaded events, checked against the database on every use.

Every message asks about an event (its programme, venue, quotas, FAQ). Loading all of it costs
several queries; checking `events.updated_at` costs one. Anything that changes what an event
shows calls `repositories.touch_event`, so a copy is reused only while it is still current, in
every worker process."""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from storage import repositories as repo
from storage.models import Event

__all__ = ["EventCache"]

T = TypeVar("T")


class EventCache:
    """Detached, read-only copies of recently used events, least recently used dropped first."""

    def __init__(self, size: int = 32) -> None:
        self.size = size
        # event id -> (version, detached copy, values derived from that copy)
        self._copies: OrderedDict[int, tuple[dt.datetime, Event, dict[Hashable, object]]] = OrderedDict()

    async def get(
        self, session: AsyncSession, event_id: int, version: dt.datetime | None = None
    ) -> Event | None:
        """The event with its details, from the cache when it has not changed since `version`
        (read from the database when not given)."""
        if version is None:
            version = await repo.event_version(session, event_id)
        if version is None:
            self._copies.pop(event_id, None)
            return None
        cached = self._copies.get(event_id)
        if cached is not None and cached[0] == version:
            self._copies.move_to_end(event_id)
            return cached[1]
        event = await repo.event_with_details(session, event_id)
        if event is None:
            return None
        # Detach it (with its venue, programme, quotas and FAQ) so that no unit of work changes
        # or expires the shared copy; a unit of work that writes loads its own instance.
        session.expunge(event)
        self._copies[event_id] = (version, event, {})
        self._copies.move_to_end(event_id)
        while len(self._copies) > self.size:
            self._copies.popitem(last=False)
        return event

    def derived(self, event: Event, key: Hashable, compute: Callable[[], T]) -> T:
        """A value computed from this cached copy of the event (the programme as text, say),
        computed once and dropped with the copy. For any other instance it is just computed."""
        cached = self._copies.get(event.id)
        if cached is None or cached[1] is not event:
            return compute()
        values = cached[2]
        if key not in values:
            values[key] = compute()
        return values[key]  # type: ignore[return-value]
