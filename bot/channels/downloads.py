"""Fetching a file a messenger gives by URL, streamed and stopped at a size limit."""

from __future__ import annotations

import httpx

__all__ = ["MAX_DOWNLOAD_BYTES", "download_capped"]

MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024


async def download_capped(client: httpx.AsyncClient, url: str, limit: int = MAX_DOWNLOAD_BYTES) -> bytes:
    """The content at `url`, read in chunks; more than `limit` bytes is refused, never read whole."""
    if not url.startswith(("https://", "http://")):
        raise ValueError("not a downloadable URL")
    chunks: list[bytes] = []
    size = 0
    async with client.stream("GET", url, follow_redirects=True) as response:
        response.raise_for_status()
        async for chunk in response.aiter_bytes():
            size += len(chunk)
            if size > limit:
                raise ValueError(f"file larger than {limit} bytes")
            chunks.append(chunk)
    return b"".join(chunks)
