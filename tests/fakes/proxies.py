"""Two small local proxies that record what passes through them, for TELEGRAM_PROXY_URL tests.

`HttpForwardProxy` is an HTTP forward proxy: a client sends it absolute-form requests
(`POST http://host:port/bot<token>/sendMessage`), it records each one and replays it on the
upstream server it was given, whatever host the URL names. `Socks5Proxy` speaks SOCKS5 (no
authentication, CONNECT only), records each tunnel's destination and connects it to the upstream.
Both forward to one upstream so a test can give the bot a host name that does not resolve
(`*.test`): a call that did not go through the proxy cannot arrive anywhere.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
from dataclasses import dataclass
from typing import Any

import httpx

from tests.fakes.local_server import LocalServer, free_port

__all__ = ["ForwardedRequest", "HttpForwardProxy", "Socks5Proxy"]

# Hop-by-hop headers a proxy must not pass on, and those httpx recomputes for the decoded body.
_NOT_FORWARDED = frozenset(
    {
        b"connection",
        b"keep-alive",
        b"proxy-authorization",
        b"proxy-connection",
        b"te",
        b"trailer",
        b"transfer-encoding",
        b"upgrade",
        b"host",
        b"content-length",
        b"content-encoding",
    }
)


@dataclass(frozen=True)
class ForwardedRequest:
    """One request the proxy forwarded: its method and the absolute URL the client asked for."""

    method: str
    url: str

    @property
    def api_method(self) -> str:
        """The Bot API method (the last path segment), e.g. getUpdates."""
        return httpx.URL(self.url).path.rsplit("/", 1)[-1]


class HttpForwardProxy:
    """An HTTP forward proxy on 127.0.0.1 that sends every request to `upstream`."""

    def __init__(self, upstream: str) -> None:
        self.upstream = upstream.rstrip("/")
        self.forwarded: list[ForwardedRequest] = []
        self.port = 0
        self._local = LocalServer()
        self._client = httpx.AsyncClient(timeout=60, trust_env=False)

    @property
    def url(self) -> str:
        """What TELEGRAM_PROXY_URL should be to use this proxy."""
        return f"http://127.0.0.1:{self.port}"

    async def start(self) -> HttpForwardProxy:
        """Listen on a free port."""
        self.port = free_port()
        await self._local.serve(self, self.port)
        return self

    async def stop(self) -> None:
        """Stop listening."""
        await self._local.shutdown()
        await self._client.aclose()

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        """The ASGI app: record the request, replay it upstream, answer with what came back."""
        if scope["type"] != "http":
            return
        target = scope["raw_path"].decode("ascii")
        if not target.startswith(("http://", "https://")):  # origin-form: not a proxy request
            await _answer(send, 400, [], b"absolute-form request expected")
            return
        query = scope["query_string"].decode("ascii")
        self.forwarded.append(ForwardedRequest(scope["method"], target + (f"?{query}" if query else "")))
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        headers = [(k, v) for k, v in scope["headers"] if k.lower() not in _NOT_FORWARDED]
        path = httpx.URL(target).raw_path.decode("ascii")
        upstream = await self._client.request(
            scope["method"], self.upstream + path, headers=headers, content=body
        )
        answer = [(k.lower(), v) for k, v in upstream.headers.raw if k.lower() not in _NOT_FORWARDED]
        await _answer(send, upstream.status_code, answer, upstream.content)


async def _answer(send: Any, status: int, headers: list[tuple[bytes, bytes]], body: bytes) -> None:
    headers = [*headers, (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class Socks5Proxy:
    """A SOCKS5 proxy on 127.0.0.1 (no authentication) that connects every tunnel to `upstream_port`
    on 127.0.0.1, recording the (host, port) each CONNECT asked for."""

    def __init__(self, upstream_port: int) -> None:
        self.upstream_port = upstream_port
        self.tunnels: list[tuple[str, int]] = []
        self.port = 0
        self._server: asyncio.Server | None = None
        self._pipes: set[asyncio.Task[None]] = set()

    @property
    def url(self) -> str:
        """What TELEGRAM_PROXY_URL should be to use this proxy."""
        return f"socks5://127.0.0.1:{self.port}"

    async def start(self) -> Socks5Proxy:
        """Listen on a free port."""
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        self.port = int(self._server.sockets[0].getsockname()[1])
        return self

    async def stop(self) -> None:
        """Stop listening and close open tunnels."""
        if self._server is not None:
            self._server.close()
        for task in list(self._pipes):
            task.cancel()
        await asyncio.gather(*self._pipes, return_exceptions=True)
        if self._server is not None:
            await self._server.wait_closed()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._pipes.add(task)
        try:
            destination = await self._handshake(reader, writer)
            if destination is None:
                return
            self.tunnels.append(destination)
            up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.upstream_port)
            # Reply: succeeded, bound to 0.0.0.0:0 (clients do not use it).
            writer.write(b"\x05\x00\x00\x01\x00\x00\x00\x00\x00\x00")
            await writer.drain()
            await asyncio.gather(_pipe(reader, up_writer), _pipe(up_reader, writer))
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.CancelledError):
            pass
        finally:
            self._pipes.discard(task)
            writer.close()

    @staticmethod
    async def _handshake(
        reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> tuple[str, int] | None:
        version, count = await reader.readexactly(2)
        methods = await reader.readexactly(count)
        if version != 5 or 0 not in methods:
            writer.write(b"\x05\xff")  # no acceptable method
            return None
        writer.write(b"\x05\x00")
        _version, command, _reserved, kind = await reader.readexactly(4)
        if kind == 1:
            host = str(ipaddress.IPv4Address(await reader.readexactly(4)))
        elif kind == 3:
            host = (await reader.readexactly((await reader.readexactly(1))[0])).decode("ascii")
        else:
            host = str(ipaddress.IPv6Address(await reader.readexactly(16)))
        port = int.from_bytes(await reader.readexactly(2), "big")
        if command != 1:  # only CONNECT
            writer.write(b"\x05\x07\x00\x01\x00\x00\x00\x00\x00\x00")
            return None
        return host, port


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    with contextlib.suppress(ConnectionError):
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    with contextlib.suppress(OSError):
        writer.write_eof()
