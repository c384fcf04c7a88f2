"""The console channel: lines from standard input in, replies printed, buttons as numbers."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import TextIO

from bot.app import BotCore
from bot.messages import Inbound, Reply
from bot.i18n import translator
from storage.enums import Channel

__all__ = ["ConsoleChannel"]


class ConsoleChannel:
    """Talks to one local user through a terminal or a pipe."""

    channel = Channel.CONSOLE

    def __init__(
        self,
        core: BotCore,
        out: TextIO = sys.stdout,
        *,
        user_id: str = "console",
        files_dir: Path | None = None,
    ) -> None:
        self.core = core
        self.out = out
        self.user_id = user_id
        self.files_dir = files_dir
        self._choices: list[str] = []  # payloads of the buttons shown last, numbered from 1
        self._language = core.settings.default_language

    def inbound_for(self, line: str) -> Inbound:
        """A typed number picks a shown button; anything else is text."""
        text = line.strip()
        if text.isdigit() and 1 <= int(text) <= len(self._choices):
            return Inbound(channel=self.channel, user_id=self.user_id, payload=self._choices[int(text) - 1])
        return Inbound(channel=self.channel, user_id=self.user_id, text=text)

    def render(self, reply: Reply) -> str:
        """A reply as terminal text; buttons become numbered choices."""
        t = translator(self._language)
        parts = [reply.text]
        if reply.location is not None:
            loc = reply.location
            parts.append(t("console.location", lat=f"{loc.latitude:.6f}", lon=f"{loc.longitude:.6f}"))
        for file in reply.files:
            saved = self._save(file.filename, file.data)
            parts.append(t("console.file", name=file.filename, size=len(file.data), path=saved or "-"))
        if reply.request_phone:
            parts.append(t("console.phone_hint"))
        labels = [button for row in reply.buttons for button in row]
        if labels:
            self._choices = [b.payload for b in labels]
            parts.append("  ".join(f"[{i}] {b.label}" for i, b in enumerate(labels, start=1)))
        return "\n".join(parts)

    def _save(self, filename: str, data: bytes) -> str | None:
        if self.files_dir is None:
            return None
        self.files_dir.mkdir(parents=True, exist_ok=True)
        target = self.files_dir / Path(filename).name
        target.write_bytes(data)
        return str(target)

    async def send(self, user_id: str, replies: list[Reply]) -> None:
        """Print replies (the console has a single user)."""
        for reply in replies:
            self.out.write(self.render(reply) + "\n\n")
        self.out.flush()

    async def feed(self, line: str) -> list[Reply]:
        """Handle one typed line and print the answer."""
        if not line.strip():
            return []
        replies = await self.core.handle(self.inbound_for(line))
        await self.send(self.user_id, replies)
        return replies

    async def run(self, source: TextIO = sys.stdin, prompt: bool | None = None) -> None:
        """Read lines until end of input (Ctrl-D, or the end of a pipe)."""
        interactive = source.isatty() if prompt is None else prompt
        loop = asyncio.get_running_loop()
        while True:
            if interactive:
                self.out.write("> ")
                self.out.flush()
            line = await loop.run_in_executor(None, source.readline)
            if not line:
                break
            await self.feed(line)
