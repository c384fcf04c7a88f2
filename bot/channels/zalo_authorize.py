"""`pii-bot zalo authorize`: the OAuth v4 grant with PKCE that gives the OA its first token pair.

The command makes a code verifier and its S256 challenge, prints the permission URL for an OA
administrator to open, takes back the code Zalo appends to the callback (the code alone or the
whole callback URL), exchanges it with the verifier and stores the pair in one transaction under
the token row's lock, so a worker refreshing at that moment either sees the new pair or had
finished with the old one. ZALO_REFRESH_TOKEN, if still set, is marked as used so that it does
not replace the new pair.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import hashlib
import secrets
import urllib.parse

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.channels.zalo_api import ZaloApi
from bot.channels.zalo_tokens import seed_digest
from bot.config import Settings
from storage.zalo_models import ZaloToken

__all__ = ["PkceGrant", "authorize", "code_from", "new_grant", "store_pair"]


@dataclasses.dataclass(frozen=True)
class PkceGrant:
    """One authorisation attempt: the secret verifier, and the URL carrying its challenge."""

    verifier: str
    challenge: str
    state: str
    url: str


def _challenge(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def new_grant(settings: Settings) -> PkceGrant:
    """A fresh verifier (43+ characters), its S256 challenge, and the permission URL."""
    verifier = secrets.token_urlsafe(48)
    challenge = _challenge(verifier)
    state = secrets.token_urlsafe(12)
    query = {
        "app_id": settings.zalo_app_id or "",
        "redirect_uri": settings.zalo_redirect_uri or "",
        "code_challenge": challenge,
        "state": state,
    }
    return PkceGrant(
        verifier, challenge, state, f"{settings.zalo_permission_url}?{urllib.parse.urlencode(query)}"
    )


def code_from(answer: str, state: str | None = None) -> str:
    """The authorisation code in what the administrator pasted (the code, or the callback URL);
    ValueError when there is none or the URL belongs to another attempt."""
    text = answer.strip()
    if text.startswith(("http://", "https://")) or "code=" in text:
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(text).query or text.split("?", 1)[-1])
        if state is not None and query.get("state") and query["state"][0] != state:
            raise ValueError("state")
        text = (query.get("code") or [""])[0]
    if not text or any(ch.isspace() for ch in text):
        raise ValueError("code")
    return text


async def store_pair(
    sessions: async_sessionmaker[AsyncSession],
    settings: Settings,
    access: str,
    refresh: str,
    expires_in: int,
    now: dt.datetime,
) -> int:
    """Write the new pair in one transaction under the row lock; returns the row's new version."""
    app_id = settings.zalo_app_id or ""
    seed = seed_digest(settings.zalo_refresh_token) if settings.zalo_refresh_token else None
    for _ in range(2):  # a first insert can race another worker's seed row; then update it
        try:
            async with sessions() as session, session.begin():
                row = await session.get(ZaloToken, app_id, with_for_update=True)
                if row is None:
                    row = ZaloToken(app_id=app_id, version=0, refresh_token="")
                    session.add(row)
                row.access_token, row.refresh_token = access, refresh
                row.expires_at = now + dt.timedelta(seconds=expires_in)
                row.refreshed_at = now
                row.seed_hash = seed
                row.version = (row.version or 0) + 1
                await session.flush()
                return row.version
        except IntegrityError:
            continue
    raise RuntimeError("could not store the Zalo token pair")


async def authorize(
    settings: Settings,
    sessions: async_sessionmaker[AsyncSession],
    api: ZaloApi,
    grant: PkceGrant,
    answer: str,
    now: dt.datetime,
) -> int:
    """Exchange the pasted code (with the grant's verifier) and store the pair; the row version."""
    code = code_from(answer, grant.state)
    pair = await api.exchange_code(code, grant.verifier)
    return await store_pair(sessions, settings, pair.access_token, pair.refresh_token, pair.expires_in, now)
