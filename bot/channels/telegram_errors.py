"""Telegram failures read for the outbox: which ones surely never reached Telegram."""

from __future__ import annotations

import httpx

__all__ = ["certainly_unsent"]

# Failures that happen before the request reaches the server: the call certainly did not go.
_NOT_SENT = (
    httpx.ConnectError,
    httpx.ConnectTimeout,
    httpx.PoolTimeout,
    httpx.WriteTimeout,
    httpx.WriteError,
)


def certainly_unsent(exc: BaseException) -> bool:
    """Whether a failed call surely never reached Telegram (safe to send again): the connection
    failed, or Telegram answered with an error. A timeout or a drop after the request was written
    is ambiguous: the message may have arrived. PTB's HTTPXRequest raises its TimedOut and
    NetworkError from the httpx error, which is kept as the cause."""
    cause = exc.__cause__
    if isinstance(cause, httpx.HTTPError):
        return isinstance(cause, _NOT_SENT)
    return True  # an HTTP answer (PTB raised it from the status code): Telegram did not send it
