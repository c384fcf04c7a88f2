"""The OA access token: refreshed before it expires, rotated under a row lock, never lost.

Zalo's refresh token works once: each refresh returns a new pair and kills the old refresh token.
So the pair lives in one database row (storage/zalo_models.ZaloToken), and a refresh happens only
while holding that row's lock (SELECT ... FOR UPDATE on PostgreSQL; the single writer that
`BEGIN IMMEDIATE` takes on SQLite). Inside the lock the row is read again: if another worker already
rotated it, its token is used and Zalo is not called. The new pair is written in the same
transaction as the version bump and committed at once. See docs/zalo.md, "Tokens".
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import hashlib
import logging
from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.channels.zalo_api import TokenAnswer, ZaloApi
from bot.config import Settings
from storage.types import utcnow
from storage.zalo_models import ZaloToken

__all__ = ["AccessToken", "ZaloTokenError", "TokenStore", "redact", "seed_digest"]

log = logging.getLogger(__name__)
# Writing a rotated pair is retried this many times in fresh transactions before giving up.
SAVE_ATTEMPTS = 3


class ZaloTokenError(Exception):
    """No usable token: the message names the variable or the step to fix."""


@dataclasses.dataclass(frozen=True)
class AccessToken:
    """An access token and the row version it came from (a forced refresh names that version)."""

    value: str
    version: int
    expires_at: dt.datetime | None

    def __repr__(self) -> str:
        return f"AccessToken(version={self.version}, expires_at={self.expires_at})"


def redact(secret: str) -> str:
    """Enough of a token to recognise it in a log, not enough to use it."""
    return f"{secret[:4]}…{secret[-4:]} ({len(secret)} chars)" if len(secret) > 12 else "…"


def seed_digest(value: str) -> str:
    """What zalo_tokens.seed_hash holds for a ZALO_REFRESH_TOKEN value."""
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


_digest = seed_digest


class TokenStore:
    """Hands out the OA access token, refreshing it (once, across workers) when it nears expiry."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        settings: Settings,
        api: ZaloApi,
        clock: Callable[[], dt.datetime] = utcnow,
    ) -> None:
        self.sessions = sessions
        self.settings = settings
        self.api = api
        self.clock = clock
        self.app_id = settings.zalo_app_id or ""
        self.margin = dt.timedelta(seconds=settings.zalo_refresh_margin_seconds)
        self._cached: AccessToken | None = None
        # One refresh at a time in this process; the row lock does the same across processes.
        self._lock = asyncio.Lock()
        # A rotated pair the database would not take: kept so this process can go on (see _save).
        self._unsaved: TokenAnswer | None = None

    def _fresh(self, expires_at: dt.datetime | None) -> bool:
        return expires_at is not None and expires_at - self.margin > self.clock()

    def _reseed_wanted(self, row: ZaloToken) -> bool:
        # A ZALO_REFRESH_TOKEN other than the one that seeded the row is an operator's new grant.
        seed = self.settings.zalo_refresh_token
        return bool(seed) and row.seed_hash != _digest(seed)  # type: ignore[arg-type]

    async def current(self) -> AccessToken:
        """A valid access token: from memory, the database, or a refresh."""
        if self._cached is not None and self._fresh(self._cached.expires_at):
            return self._cached
        async with self.sessions() as session:
            row = await session.get(ZaloToken, self.app_id)
            if (
                row is not None
                and row.access_token
                and self._fresh(row.expires_at)
                and not self._reseed_wanted(row)
            ):
                self._cached = AccessToken(row.access_token, row.version, row.expires_at)
                return self._cached
            seen = None if row is None else row.version
        return await self.refresh(seen)

    async def refresh(self, stale_version: int | None) -> AccessToken:
        """Rotate the pair unless another worker already replaced version `stale_version`."""
        async with self._lock:
            if (
                self._cached is not None
                and self._cached.version != stale_version
                and self._fresh(self._cached.expires_at)
            ):
                return self._cached
            await self._ensure_row()
            answer: TokenAnswer | None = None
            try:
                async with self.sessions() as session, session.begin():
                    row = (
                        await session.execute(
                            select(ZaloToken).where(ZaloToken.app_id == self.app_id).with_for_update()
                        )
                    ).scalar_one()
                    if self._reseed_wanted(row):
                        log.warning("zalo: ZALO_REFRESH_TOKEN changed; replacing the stored token pair")
                        row.refresh_token = self.settings.zalo_refresh_token  # type: ignore[assignment]
                        row.seed_hash = _digest(row.refresh_token)
                        row.access_token = None
                    elif row.access_token and row.version != stale_version and self._fresh(row.expires_at):
                        # Another worker rotated while we waited for the lock: theirs is good.
                        self._cached = AccessToken(row.access_token, row.version, row.expires_at)
                        return self._cached
                    refresh_token = self._unsaved.refresh_token if self._unsaved else row.refresh_token
                    answer = await self.api.refresh_token(refresh_token)
                    self._apply(row, answer)
                    version, expires_at = row.version, row.expires_at
                # Committed: the old refresh token is dead, the new one is stored.
                self._unsaved = None
            except Exception:
                if answer is None:
                    raise  # Zalo refused or the lock failed: nothing rotated, nothing lost
                version, expires_at = await self._save(answer)
            log.info("zalo: access token refreshed (version %d)", version)
            self._cached = AccessToken(answer.access_token, version, expires_at)
            return self._cached

    def _apply(self, row: ZaloToken, answer: TokenAnswer) -> None:
        row.access_token = answer.access_token
        row.refresh_token = answer.refresh_token
        row.expires_at = self.clock() + dt.timedelta(seconds=answer.expires_in)
        row.refreshed_at = self.clock()
        row.version += 1

    async def _ensure_row(self) -> None:
        # The first run inserts the seed row on its own, so that the locking read always finds a
        # row (FOR UPDATE locks nothing that does not exist); two first runs race harmlessly here.
        async with self.sessions() as session:
            if await session.get(ZaloToken, self.app_id) is not None:
                return
        seed = self.settings.zalo_refresh_token
        if not seed:
            raise ZaloTokenError(
                "ZALO_REFRESH_TOKEN: not set and no token pair stored yet (see docs/zalo.md, 'Tokens')"
            )
        try:
            async with self.sessions() as session, session.begin():
                session.add(
                    ZaloToken(app_id=self.app_id, refresh_token=seed, seed_hash=_digest(seed), version=0)
                )
        except IntegrityError:
            pass  # another worker seeded it first

    async def _save(self, answer: TokenAnswer) -> tuple[int, dt.datetime]:
        """Zalo rotated but the commit failed: the new refresh token must not be lost. Try again in
        fresh transactions; if the database still refuses, keep the pair in memory (this process
        goes on working and uses it for its next refresh) and say loudly what to do."""
        last_error: Exception | None = None
        for _ in range(SAVE_ATTEMPTS):
            try:
                async with self.sessions() as session, session.begin():
                    row = await session.get(ZaloToken, self.app_id, with_for_update=True)
                    if row is None:
                        row = ZaloToken(app_id=self.app_id, version=0, seed_hash=None, refresh_token="")
                        session.add(row)
                    self._apply(row, answer)
                    saved = (row.version, row.expires_at)
                self._unsaved = None
                return saved  # type: ignore[return-value]
            except Exception as exc:  # keep trying: the alternative is an OA locked out
                last_error = exc
                await asyncio.sleep(0.2)
        self._unsaved = answer
        # Never the whole token in a log; the operator re-authorises if this process also stops.
        log.critical(
            "zalo: token rotated but NOT stored (%s). This process keeps the new refresh token %s in "
            "memory; if it stops before the database is back, create a new refresh token in the Zalo "
            "console and set ZALO_REFRESH_TOKEN to it (a changed value replaces the stored pair).",
            last_error,
            redact(answer.refresh_token),
        )
        return -1, self.clock() + dt.timedelta(seconds=answer.expires_in)
