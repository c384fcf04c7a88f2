"""How the bot's Bot API calls travel: httpx, with JSON bodies.

python-telegram-bot's own transport form-encodes every call. For a Vietnamese message, nearly every
character becomes three percent-escapes, and the bot's main output is long Vietnamese text (the
programme, answers, reminders). The Bot API takes `application/json` for any call without a
file, so this transport sends those as UTF-8 JSON and keeps multipart form data for uploads.
Errors map to PTB's own: a timeout is TimedOut, any other transport failure is NetworkError.
The Bot API's answers (including 429 and 403) are interpreted by PTB's BaseRequest, as usual.
"""

from __future__ import annotations

import json

import httpx
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

__all__ = ["JsonBotRequest"]


class JsonBotRequest(BaseRequest):
    """A PTB request backend on httpx that sends calls without files as JSON."""

    def __init__(
        self,
        *,
        connection_pool_size: int = 256,
        connect_timeout: float = 5.0,
        read_timeout: float = 10.0,
        write_timeout: float = 10.0,
        pool_timeout: float = 5.0,
        media_write_timeout: float = 30.0,
    ) -> None:
        self._timeout = httpx.Timeout(connect=connect_timeout, read=read_timeout, write=write_timeout,
                                      pool=pool_timeout)  # fmt: skip
        self._media_write_timeout = media_write_timeout
        self._limits = httpx.Limits(max_connections=connection_pool_size,
                                    max_keepalive_connections=connection_pool_size)  # fmt: skip
        self._client = self._new_client()

    def _new_client(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(timeout=self._timeout, limits=self._limits)

    @property
    def read_timeout(self) -> float | None:
        """The read timeout used when a call does not give its own."""
        return self._timeout.read

    async def initialize(self) -> None:
        """Open the connection pool again after a shutdown."""
        if self._client.is_closed:
            self._client = self._new_client()

    async def shutdown(self) -> None:
        """Close the connection pool."""
        if not self._client.is_closed:
            await self._client.aclose()

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: float | None | object = BaseRequest.DEFAULT_NONE,
        write_timeout: float | None | object = BaseRequest.DEFAULT_NONE,
        connect_timeout: float | None | object = BaseRequest.DEFAULT_NONE,
        pool_timeout: float | None | object = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        """Send one call; the status code and body of the answer."""
        if self._client.is_closed:
            raise RuntimeError("JsonBotRequest is not initialized")
        uploads = request_data is not None and request_data.contains_files
        timeout = httpx.Timeout(
            connect=_given(connect_timeout, self._timeout.connect),
            read=_given(read_timeout, self._timeout.read),
            write=_given(write_timeout, self._media_write_timeout if uploads else self._timeout.write),
            pool=_given(pool_timeout, self._timeout.pool),
        )
        headers = {"User-Agent": self.USER_AGENT}
        try:
            if request_data is None:
                answer = await self._client.request(method, url, headers=headers, timeout=timeout)
            elif uploads:
                answer = await self._client.request(
                    method, url, headers=headers, timeout=timeout,
                    data=request_data.json_parameters, files=request_data.multipart_data,
                )  # fmt: skip
            else:
                body = json.dumps(request_data.parameters, ensure_ascii=False).encode("utf-8")
                headers["Content-Type"] = "application/json"
                answer = await self._client.request(method, url, headers=headers, timeout=timeout, content=body)
        except httpx.TimeoutException as exc:
            if isinstance(exc, httpx.PoolTimeout):
                raise TimedOut("Pool timeout: every connection is busy; the call was not sent") from exc
            raise TimedOut from exc
        except httpx.HTTPError as exc:
            raise NetworkError(f"httpx.{type(exc).__name__}: {exc}") from exc
        return answer.status_code, answer.content


def _given(value: float | None | object, default: float | None) -> float | None:
    # PTB passes DEFAULT_NONE for "not given"; None itself means "no timeout".
    return default if value is BaseRequest.DEFAULT_NONE else value  # type: ignore[return-value]
