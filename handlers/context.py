"""What a handler gets: the user's action, their identity and state, the session, the language."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.i18n import Translator, translator
from bot.messages import Button, Inbound, Reply
from storage import repositories as repo
from storage.event_cache import EventCache
from storage.models import ConversationState, Event, Identity, Person

__all__ = ["Context", "local_date"]


def local_date(moment: dt.datetime, timezone: str) -> dt.date:
    """The calendar date of `moment` in the deployment's time zone."""
    return moment.astimezone(zoneinfo.ZoneInfo(timezone)).date()


@dataclass
class Context:
    """One unit of work: everything a handler needs, and nothing messenger-specific."""

    session: AsyncSession
    inbound: Inbound
    identity: Identity
    state: ConversationState
    settings: Settings
    now: dt.datetime
    is_new_identity: bool = False
    # Turns an invitation token into a link the user can open on their channel.
    link_for: Callable[[str], str] = lambda token: f"/start {token}"
    # Read-only copies of events shared by the process (see storage/event_cache.py).
    events: EventCache = field(default_factory=EventCache)
    # Fetches the content of a file the user sent, by its channel file id (None: cannot fetch).
    file_fetcher: Callable[[str], Awaitable[bytes]] | None = None
    # Event versions read with the identity at the start of the unit (None: read when needed).
    event_versions: repo.EventVersions | None = None
    _event: Event | None = field(default=None, repr=False)
    _event_loaded: bool = field(default=False, repr=False)

    @property
    def t(self) -> Translator:
        """The translator for this user's language."""
        return translator(self.identity.language)

    @property
    def language(self) -> str:
        """The user's language code."""
        return self.identity.language

    def local_today(self) -> dt.date:
        """Today in the deployment's time zone."""
        return local_date(self.now, self.settings.timezone)

    async def event(self) -> Event | None:
        """The event this user talks about: the one they chose, else the next published one.
        A shared read-only copy: change events through the session, never through it."""
        if not self._event_loaded:
            # Versions read at the start of the unit hold unless this unit changed an event.
            known = None if repo.events_touched(self.session) else self.event_versions
            event = None
            if self.state.event_id is not None:
                version = None if known is None else known.version_of(self.state.event_id)
                event = await self.events.get(self.session, self.state.event_id, version)
            if event is None:
                if known is not None:
                    found = known.upcoming
                else:
                    found = await repo.upcoming_event_version(self.session, self.local_today())
                event = None if found is None else await self.events.get(self.session, *found)
            self._event, self._event_loaded = event, True
        return self._event

    def choose_event(self, event: Event) -> None:
        """Remember the event this user talks about."""
        self.state.event_id = event.id
        self._event, self._event_loaded = event, True

    @property
    def person(self) -> Person:
        """The person behind this identity."""
        return self.identity.person

    def reply(self, key: str, buttons: list[list[Button]] | None = None, **params: Any) -> Reply:
        """A reply whose text is the catalogue message `key`."""
        return Reply(text=self.t(key, **params), buttons=buttons or [])

    def button(self, key: str, payload: str, **params: Any) -> Button:
        """A button labelled with the catalogue message `key`."""
        return Button(label=self.t(key, **params), payload=payload)

    def start_flow(self, flow: str, step: str, **data: Any) -> None:
        """Enter a conversation step; stored in the database with the rest of the unit of work."""
        self.state.flow, self.state.step, self.state.data = flow, step, dict(data)

    def end_flow(self) -> None:
        """Leave any conversation step."""
        self.state.flow, self.state.step, self.state.data = None, None, {}

    def main_menu(self) -> list[list[Button]]:
        """The buttons offered when the user has nothing else to do."""
        return [
            [self.button("menu.agenda", "cmd:agenda"), self.button("menu.venue", "cmd:venue")],
            [self.button("menu.language", "cmd:lang"), self.button("menu.help", "cmd:help")],
        ]
