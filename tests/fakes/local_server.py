"""Serve an ASGI app on 127.0.0.1 inside the test's event loop (the fakes' shared transport)."""

from __future__ import annotations

import asyncio
import socket

import uvicorn

__all__ = ["free_port", "LocalServer"]

STARTUP_POLLS = 3000  # of 10 ms: a server that has not started in 30 s is reported, not waited for


def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class LocalServer:
    """uvicorn on 127.0.0.1 in a background task; no signal handlers of its own."""

    def __init__(self) -> None:
        self._server: uvicorn.Server | None = None
        self._task: asyncio.Task[None] | None = None

    async def serve(self, app: object, port: int) -> None:
        """Start listening and return once the server accepts connections."""
        config = uvicorn.Config(
            app,
            host="127.0.0.1",
            port=port,
            log_level="warning",
            lifespan="off",  # type: ignore[arg-type]
            access_log=False,
            timeout_graceful_shutdown=1,
        )
        self._server = uvicorn.Server(config)
        self._server.install_signal_handlers = lambda: None  # type: ignore[method-assign]
        self._task = asyncio.create_task(self._server.serve())
        for _ in range(STARTUP_POLLS):
            if self._server.started:
                return
            if self._task.done():
                self._task.result()  # uvicorn's own error, if it raised one
                raise RuntimeError(f"the local server on port {port} stopped before it started")
            await asyncio.sleep(0.01)
        raise RuntimeError(f"the local server on port {port} did not start within 30 s")

    async def shutdown(self) -> None:
        """Stop listening and wait for the server to finish."""
        if self._server is not None and self._task is not None:
            self._server.should_exit = True
            await self._task
