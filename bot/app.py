"""Wiring: settings, database and router into one core that every channel feeds."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import json
import logging
from collections.abc import AsyncIterator, Awaitable, Callable

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.config import Settings
from bot.domain.errors import DomainError
from bot.domain.indicators.evidence import check_declared, policy_from
from bot.i18n import language_from_hint, translator
from bot.messages import Inbound, Reply
from bot.outbox.routing import configure_order
from bot.run.durable_updates import DURABLE_CHANNELS, keep_replies, take_update
from bot.run.operator_errors import NOT_MIGRATED, OperatorError, explain
from handlers import build_router
from handlers.context import Context, local_date
from handlers.router import Router
from storage import repositories as repo
from storage.db import (
    WriteNeeded,
    create_engine,
    is_write_refused,
    read_first_sessions,
    session_factory,
)
from storage.enums import Channel
from storage.event_cache import EventCache
from storage.migrate import schema_is_current, schema_is_empty, upgrade_engine
from storage.models import ConversationState
from storage.types import utcnow

__all__ = ["BotCore", "open_core"]

log = logging.getLogger(__name__)

# Inbound text longer than this is not a question or a name; refuse it politely.
MAX_TEXT = 4000


class BotCore:
    """Turns an Inbound into Replies inside one transaction; the commit happens before sending."""

    def __init__(
        self,
        settings: Settings,
        engine: AsyncEngine,
        router: Router | None = None,
        clock: Callable[[], dt.datetime] = utcnow,
    ) -> None:
        self.settings = settings
        self.engine = engine
        configure_order(settings.channel_order)  # where notices go when a channel cannot take them
        self.sessions: async_sessionmaker[AsyncSession] = session_factory(engine)
        self.router = router or build_router()
        self.clock = clock
        # Channels register how a deep-link token becomes a link their users can open.
        self.link_builders: dict[Channel, Callable[[str], str]] = {
            Channel.CONSOLE: lambda token: f"/start {token}"
        }
        self.events = EventCache()
        # SQLite has one writer: this process's writers take turns here (storage/db.py explains).
        self._writer = asyncio.Lock() if engine.dialect.name == "sqlite" else None
        # SQLite: read-only sessions, so that a message that only reads waits for no writer.
        self._read_first = read_first_sessions(engine)
        self.write_retries = 0  # read-only first tries that turned out to write (run again)
        # Channels register how the content of a file a user sent is fetched (by its file id).
        self.file_fetchers: dict[Channel, Callable[[str], Awaitable[bytes]]] = {}
        # Files downloaded before their unit of work opened, by the Inbound they came with.
        self._prefetched: dict[int, Callable[[str], Awaitable[bytes]]] = {}

    async def handle(self, inbound: Inbound) -> list[Reply]:
        """Answer one user action. Never raises: failures become a polite message."""
        try:
            if inbound.text is not None and len(inbound.text) > MAX_TEXT:
                return [Reply(text=translator(self.settings.default_language)("error.too_long"))]
            fetcher = await self._prefetch(inbound)
            if fetcher is not None:
                return await self._handle_with(inbound, fetcher)
            if self._writer is None:
                return await self._unit(self.sessions, inbound, read_only=False)
            # SQLite: most messages only read. Run read-only first, beside any writer; a unit
            # that needs to write runs again as a writer, in turn (storage/db.py explains).
            try:
                return await self._unit(self._read_first, inbound, read_only=True)
            except WriteNeeded:
                self.write_retries += 1
            async with self.writing():
                return await self._unit(self.sessions, inbound, read_only=False)
        except Exception as exc:
            if is_write_refused(exc):
                log.error("update %s: SQLite stayed locked by another writer", inbound.update_id)
            else:
                log.exception("update %s from %s failed", inbound.update_id, inbound.channel.value)
            return [Reply(text=translator(self.settings.default_language)("error.internal"))]

    async def _prefetch(self, inbound: Inbound) -> Callable[[str], Awaitable[bytes]] | None:
        """A file the user sent is downloaded before the unit of work opens, never inside a
        transaction (a 20 MB download would hold row locks); the handler gets the bytes."""
        fetch = self.file_fetchers.get(inbound.channel)
        if inbound.file is None or fetch is None:
            return None
        try:
            # The only files the bot keeps are evidence: one it would refuse by name, type or
            # announced size is not downloaded at all (the handler says why).
            check_declared(
                policy_from(self.settings), inbound.file.filename, inbound.file.mime_type, inbound.file.size
            )
        except DomainError:
            return None
        file_id = inbound.file.file_id
        try:
            data: bytes | Exception = await fetch(file_id)
        except Exception as exc:  # the handler reports it as the download's failure
            data = exc

        async def fetched(requested: str) -> bytes:
            if requested != file_id:
                return await fetch(requested)
            if isinstance(data, Exception):
                raise data
            return data

        return fetched

    async def _handle_with(self, inbound: Inbound, fetcher: Callable[[str], Awaitable[bytes]]) -> list[Reply]:
        # The same unit of work, with the file already in hand (no network inside the transaction).
        self._prefetched[id(inbound)] = fetcher
        try:
            async with self.writing():
                return await self._unit(self.sessions, inbound, read_only=False)
        finally:
            self._prefetched.pop(id(inbound), None)

    @contextlib.asynccontextmanager
    async def writing(self) -> AsyncIterator[None]:
        """This process's turn to write (SQLite has one writer; PostgreSQL needs no turn)."""
        if self._writer is None:
            yield
            return
        async with self._writer:
            yield

    async def _unit(
        self, factory: async_sessionmaker[AsyncSession], inbound: Inbound, *, read_only: bool
    ) -> list[Reply]:
        """One unit of work: identity and state, the handler, the commit."""
        async with factory() as session:
            return await self._work(session, inbound, read_only)

    async def _work(self, session: AsyncSession, inbound: Inbound, read_only: bool) -> list[Reply]:
        now = self.clock()
        arrival = await repo.identity_and_state(
            session,
            inbound.channel,
            inbound.user_id,
            inbound.display_name,
            language_from_hint(inbound.language_hint, self.settings.default_language),
            local_date(now, self.settings.timezone),
        )
        identity = arrival.identity
        ctx = Context(
            session=session,
            inbound=inbound,
            identity=identity,
            state=arrival.state,
            settings=self.settings,
            now=now,
            is_new_identity=arrival.created,
            event_versions=arrival.events,
            link_for=self.link_builders.get(inbound.channel, self.link_builders[Channel.CONSOLE]),
            file_fetcher=self._prefetched.get(id(inbound)) or self.file_fetchers.get(inbound.channel),
            events=self.events,
        )
        before = _snapshot(arrival.state)
        durable = inbound.update_id is not None and inbound.channel in DURABLE_CHANNELS
        # A webhook update is marked handled in this transaction: a retry or a replay of it after
        # this commit changes nothing; a crash before it leaves it to be handled again.
        if durable and not await take_update(session, inbound.channel, inbound.update_id):  # type: ignore[arg-type]
            await session.rollback()
            return []
        try:
            replies = await self.router.dispatch(ctx)
        except DomainError as exc:
            # A refused action changes nothing: the whole unit of work is rolled back.
            language = identity.language
            await session.rollback()
            replies = [Reply(text=_domain_message(language, exc))]
            if durable and await take_update(session, inbound.channel, inbound.update_id):  # type: ignore[arg-type]
                await keep_replies(session, inbound.channel, inbound.update_id, replies)  # type: ignore[arg-type]
                await session.commit()
            return replies
        if durable:
            await keep_replies(session, inbound.channel, inbound.update_id, replies)  # type: ignore[arg-type]
        if _snapshot(arrival.state) != before:
            arrival.state.version += 1  # how many units changed it: a check for concurrent writers
        if read_only:
            # A change still pending raises WriteNeeded here; otherwise there is nothing to commit.
            await session.flush()
        else:
            await session.commit()
        return replies

    @contextlib.asynccontextmanager
    async def write_unit(self) -> AsyncIterator[AsyncSession]:
        """A session in a transaction for a small write outside a user's unit of work (a webhook
        storing an update), taking its turn with SQLite's single writer; commits on exit."""
        async with contextlib.AsyncExitStack() as stack:
            if self._writer is not None:
                await stack.enter_async_context(self._writer)
            session = await stack.enter_async_context(self.sessions())
            await stack.enter_async_context(session.begin())
            yield session

    async def close(self) -> None:
        """Release database connections."""
        await self.engine.dispose()


def _snapshot(state: ConversationState) -> tuple[object, ...]:
    return state.event_id, state.flow, state.step, json.dumps(state.data, sort_keys=True, default=str)


def _domain_message(language: str, exc: DomainError) -> str:
    t = translator(language)
    key = f"error.{exc.code}"
    return t(key, **exc.params) if t.has(key) else t("error.refused")


async def open_core(settings: Settings, *, migrate: bool | None = None) -> BotCore:
    """A ready core; the embedded database upgrades itself unless told otherwise."""
    url = settings.resolved_database_url
    engine = create_engine(url)
    try:
        if migrate if migrate is not None else settings.is_embedded_database:
            await upgrade_engine(engine)
        elif not await schema_is_current(engine):
            # A SQLite file the bot has just created migrates itself; anything else is the
            # operator's to upgrade (it may be shared, or need a backup first).
            if engine.dialect.name != "sqlite" or not await schema_is_empty(engine):
                raise OperatorError(NOT_MIGRATED)
            await upgrade_engine(engine)
    except Exception as exc:
        await engine.dispose()
        line = explain(exc, url)
        if line is None:
            raise
        raise OperatorError(line) from exc
    return BotCore(settings, engine)
