"""Keep the OA's token pair alive between workshops, and say so before it would lapse.

Zalo's refresh token lives about three months and works once. An OA that sends nothing for weeks
would lose it, so the pair is rotated on a schedule (ZALO_KEEPALIVE_DAYS after the last rotation,
well inside ZALO_REFRESH_TOKEN_DAYS). The rotation goes through TokenStore.refresh, under the row
lock, so two workers running this job rotate once. If rotating fails, or the lapse comes within
ZALO_TOKEN_ALERT_DAYS anyway, the organisers are told once what to run (`pii-bot zalo authorize`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import zoneinfo

from bot.channels.zalo_alerts import alert_organisers
from bot.channels.zalo_api import ZaloApiError
from bot.channels.zalo_tokens import TokenStore, ZaloTokenError
from bot.domain.formatting import format_date
from storage.zalo_models import ZaloOaState, ZaloToken

__all__ = ["KeepAliveResult", "keep_token_alive"]

log = logging.getLogger(__name__)


@dataclasses.dataclass(frozen=True)
class KeepAliveResult:
    """What one run of the job did."""

    rotated: bool = False
    alerted: bool = False
    lapses_at: dt.datetime | None = None


async def keep_token_alive(tokens: TokenStore, now: dt.datetime) -> KeepAliveResult:
    """Rotate the pair if it is older than ZALO_KEEPALIVE_DAYS; alert before it would lapse."""
    s = tokens.settings
    async with tokens.sessions() as session:
        row = await session.get(ZaloToken, tokens.app_id)
        if row is None:
            return KeepAliveResult()  # nothing stored yet: the first send (or authorize) seeds it
        obtained = row.refreshed_at or row.updated_at
        version = row.version
    rotated, failed_alert = False, 0
    if now - obtained >= dt.timedelta(days=s.zalo_keepalive_days):
        try:
            await tokens.refresh(version)
            rotated = True
            obtained = now
            log.info("zalo: token pair rotated by the keep-alive")
        except (ZaloApiError, ZaloTokenError) as exc:
            log.critical("zalo: the keep-alive could not rotate the token pair: %s", exc)
            code = str(getattr(exc, "code", "?"))
            # Once per stored pair (the dedupe key), however often the job runs.
            async with tokens.sessions() as session, session.begin():
                failed_alert = await alert_organisers(
                    session,
                    "zalo_oa.alert.token_failed",
                    f"zalo-token-failed:{obtained.isoformat()}",
                    code=code,
                )
    lapses_at = obtained + dt.timedelta(days=s.zalo_refresh_token_days)
    if now < lapses_at - dt.timedelta(days=s.zalo_token_alert_days):
        return KeepAliveResult(rotated=rotated, alerted=failed_alert > 0, lapses_at=lapses_at)
    async with tokens.sessions() as session, session.begin():
        state = await session.get(ZaloOaState, tokens.app_id, with_for_update=True)
        if state is None:
            state = ZaloOaState(app_id=tokens.app_id)
            session.add(state)
        if state.lapse_alert_for == obtained:
            return KeepAliveResult(
                rotated=rotated, alerted=failed_alert > 0, lapses_at=lapses_at
            )  # told already
        state.lapse_alert_for = obtained
        day = format_date(lapses_at.astimezone(zoneinfo.ZoneInfo(s.timezone)).date())
        queued = await alert_organisers(
            session, "zalo_oa.alert.token_lapse", f"zalo-token-lapse:{obtained.isoformat()}", date=day
        )
    log.critical(
        "zalo: the refresh token lapses around %s; run `pii-bot zalo authorize`", lapses_at.isoformat()
    )
    return KeepAliveResult(rotated=rotated, alerted=queued + failed_alert > 0, lapses_at=lapses_at)
