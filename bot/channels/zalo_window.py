"""Which way a Zalo OA message may go now, by Zalo's rules (docs/zalo.md, "What a message costs").

Pure: the user's reply allowance and the deployment's settings in, an ordered list of routes out.
A reply is free only inside the allowance (ZALO_REPLY_LIMIT replies within ZALO_REPLY_HOURS of
the user's last message) and only when it carries that message's id. Past it, a message needs a
route the deployment has: proactive messages (a verified OA), a transaction template or a ZNS
template (pushed notices only). No route: the person cannot be reached on the OA now, and the
reason says why.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum

from bot.config import Settings

__all__ = ["NO_ROUTE", "Allowance", "ZaloRoute", "routes_for"]

# The reason stored when no route is left (the delivery report translates it).
NO_ROUTE = "zalo.window"


class ZaloRoute(str, enum.Enum):
    """The ways an OA message can go."""

    REPLY = "reply"  # consultation message carrying the user's message id (free)
    PROACTIVE = "proactive"  # consultation message with the user id only (verified OA, quota)
    TRANSACTION = "transaction"  # transaction template (paid)
    ZNS = "zns"  # Zalo Notification Service template, by phone (paid)


@dataclasses.dataclass(frozen=True)
class Allowance:
    """What the channel knows of one user: their last message, and the replies used since."""

    last_msg_id: str | None
    last_message_at: dt.datetime | None
    replies_used: int = 0

    def replies_left(self, now: dt.datetime, limit: int, hours: int) -> int:
        """Free replies still allowed now (0 when the window closed or no message id is known)."""
        if self.last_msg_id is None or self.last_message_at is None:
            return 0
        if now - self.last_message_at > dt.timedelta(hours=hours):
            return 0
        return max(0, limit - self.replies_used)


def routes_for(
    allowance: Allowance,
    now: dt.datetime,
    settings: Settings,
    *,
    messages: int,
    pushed: bool,
    has_phone: bool,
) -> list[ZaloRoute]:
    """The routes allowed for `messages` API messages now, best first (empty: unreachable)."""
    routes: list[ZaloRoute] = []
    if allowance.replies_left(now, settings.zalo_reply_limit, settings.zalo_reply_hours) >= messages:
        routes.append(ZaloRoute.REPLY)
    if settings.zalo_proactive and _interacted_lately(allowance, now, settings.zalo_window_days):
        routes.append(ZaloRoute.PROACTIVE)
    if pushed and settings.zalo_transaction_template:
        routes.append(ZaloRoute.TRANSACTION)
    if pushed and settings.zalo_zns_template_id and has_phone:
        routes.append(ZaloRoute.ZNS)
    return routes


def _interacted_lately(allowance: Allowance, now: dt.datetime, days: int) -> bool:
    # Zalo refuses consultation messages (-230) once the user has been silent this long;
    # an unknown user is left to Zalo to judge.
    if days == 0 or allowance.last_message_at is None:
        return True
    return now - allowance.last_message_at <= dt.timedelta(days=days)
