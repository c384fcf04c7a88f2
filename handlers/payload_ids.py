"""Ids carried by button payloads ("rv:accept:42"): checked before they reach the database."""

from __future__ import annotations

__all__ = ["MAX_ID", "payload_id", "parse_id"]

MAX_ID = 2**31 - 1  # the largest value of the INTEGER primary keys


def payload_id(payload: str | None) -> int | None:
    """The id after the payload's last ':', or None when it is not a plausible row id (a forged
    button with 30 digits must not reach the database as an overflowing integer)."""
    return parse_id((payload or "").rsplit(":", 1)[-1])


def parse_id(raw: str) -> int | None:
    """A row id written in ASCII digits within the INTEGER range, else None."""
    if not raw.isascii() or not raw.isdigit() or len(raw) > 10:
        return None
    value = int(raw)
    return value if 0 < value <= MAX_ID else None
