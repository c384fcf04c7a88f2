"""The organisers' delivery report as text: per person, the channel a notice used and where it
ended (delivered, waiting for the morning, unreachable and why). Rows come from
bot/outbox_routing.delivery_report."""

from __future__ import annotations

from bot.i18n import Translator
from bot.outbox.routing import PersonDelivery

__all__ = ["reason_text", "report_text"]

# Reasons the channels give (bot/channels/zalo_window.py, zalo_send.py) and their catalogue keys.
_REASONS = {"zalo.window": "window", "zalo.blocked": "blocked"}


def reason_text(t: Translator, reason: str | None) -> str:
    """A stored reason in the organiser's words (an unknown one is shown as the channel gave it)."""
    if not reason:
        return t("delivery_route.reason.other")
    head, _, code = reason.partition(":")
    key = _REASONS.get(head)
    if key is None:
        return reason
    text = t(f"delivery_route.reason.{key}")
    return f"{text} [{code}]" if code else text


def report_text(t: Translator, rows: list[PersonDelivery], limit: int = 50) -> str:
    """One line per person (the first `limit`), under a header with the count."""
    if not rows:
        return t("delivery_route.empty")
    lines = [t("delivery_route.header", count=len(rows))]
    for row in rows[:limit]:
        channel_key = f"delivery_route.channel.{row.channel}"
        params = {
            "name": row.name or t("delivery_route.no_name"),
            "channel": t(channel_key) if t.has(channel_key) else row.channel,
            "state": t(f"delivery_route.state.{row.state}"),
        }
        if row.state in ("unreachable", "failed"):
            lines.append(t("delivery_route.line_reason", reason=reason_text(t, row.reason), **params))
        else:
            lines.append(t("delivery_route.line", **params))
    if len(rows) > limit:
        lines.append("…")
    return "\n".join(lines)
