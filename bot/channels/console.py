"""The console channel: lines from standard input in, replies printed, buttons as numbers.

Messages queued for the person at the keyboard (seat offers, notices, reminders, organiser alerts)
are printed when they fall due, after each line and, at a terminal, while it waits for input.
`/tua` (`/ff`) moves the demo's clock forward (to the next reminder or queued message, or by a
duration such as `/tua 2 ngày`), so that reminders can be tried without waiting days."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import re
import sys
import zoneinfo
from pathlib import Path
from typing import TextIO

from bot.app import BotCore
from bot.channels.console_outbox import next_moment, take_due_messages
from bot.domain.formatting import format_date, format_time
from bot.domain.textfold import fold
from bot.i18n import translator
from bot.messages import Inbound, Reply
from bot.outbox.delivery import quiet_hours_from
from storage.enums import Channel

__all__ = ["ConsoleChannel", "FORWARD_COMMANDS", "parse_duration"]

# Console-only commands (never sent to the bot's router): move the demo's clock forward.
FORWARD_COMMANDS = ("tua", "ff")
_DURATION = re.compile(r"^(\d{1,4})\s*(ngay|d|days?|gio|h|hours?|phut|m|min|minutes?)$")
_UNIT_MINUTES = {
    "ngay": 1440,
    "d": 1440,
    "day": 1440,
    "days": 1440,
    "gio": 60,
    "h": 60,
    "hour": 60,
    "hours": 60,
    "phut": 1,
    "m": 1,
    "min": 1,
    "minute": 1,
    "minutes": 1,
}
POLL_SECONDS = 2.0  # how often a waiting terminal looks for due messages


def parse_duration(text: str) -> dt.timedelta | None:
    """'2 ngày', '3h', '30 phút', '1 day' as a timedelta; None when not a duration."""
    found = _DURATION.match(fold(text).strip())
    if found is None:
        return None
    return dt.timedelta(minutes=int(found.group(1)) * _UNIT_MINUTES[found.group(2)])


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
        show_queued: bool = True,
    ) -> None:
        self.core = core
        self.out = out
        self.user_id = user_id
        self.files_dir = files_dir
        self.show_queued = show_queued
        self._choices: list[str] = []  # payloads of the buttons printed last, numbered from 1
        self._language = core.settings.default_language
        self._lock = asyncio.Lock()  # one line or one poll at a time, so that output never interleaves

    def inbound_for(self, line: str) -> Inbound:
        """A typed number picks a button of the latest message; anything else is text."""
        text = line.strip()
        if text.isdigit() and 1 <= int(text) <= len(self._choices):
            return Inbound(channel=self.channel, user_id=self.user_id, payload=self._choices[int(text) - 1])
        return Inbound(channel=self.channel, user_id=self.user_id, text=text)

    def _render(self, reply: Reply, first_number: int) -> tuple[str, list[str]]:
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
            parts.append("  ".join(f"[{i}] {b.label}" for i, b in enumerate(labels, start=first_number)))
        return "\n".join(parts), [b.payload for b in labels]

    def render(self, reply: Reply) -> str:
        """A reply as terminal text; its buttons become the numbered choices."""
        text, self._choices = self._render(reply, 1)
        return text

    def _save(self, filename: str, data: bytes) -> str | None:
        if self.files_dir is None:
            return None
        self.files_dir.mkdir(parents=True, exist_ok=True)
        target = self.files_dir / Path(filename).name
        target.write_bytes(data)
        return str(target)

    def _print(self, replies: list[Reply], *, append: bool) -> None:
        choices = self._choices if append else []
        for reply in replies:
            text, payloads = self._render(reply, len(choices) + 1)
            choices = [*choices, *payloads]
            self.out.write(text + "\n\n")
        self._choices = choices
        self.out.flush()

    async def send(self, user_id: str, replies: list[Reply]) -> None:
        """Print the answer to a typed line. Its buttons are numbered from 1 across the answer and
        replace every earlier choice: a number never presses a button of an older message."""
        if replies:
            self._print(replies, append=False)

    async def show_due(self) -> list[Reply]:
        """Print the messages queued for this user that are due now, under a header. Their buttons
        are numbered on after those of the answer just printed, so that both stay valid."""
        now = self.core.clock()
        replies = await take_due_messages(
            self.core.sessions, self.user_id, now, quiet_hours_from(self.core.settings)
        )
        if replies:
            t = translator(self._language)
            self.out.write(t("console_demo.queued", count=len(replies)) + "\n")
            self._print(replies, append=True)
        return replies

    async def feed(self, line: str) -> list[Reply]:
        """Handle one typed line and print the answer, then any queued message now due."""
        if not line.strip():
            return []
        async with self._lock:
            forward = self._forward_request(line)
            if forward is not None:
                self._choices = []
                return await self._fast_forward(forward)
            replies = await self.core.handle(self.inbound_for(line))
            await self.send(self.user_id, replies)
            if self.show_queued:
                await self.show_due()
            return replies

    def _forward_request(self, line: str) -> str | None:
        text = line.strip()
        if not text.startswith("/"):
            return None
        head, _, rest = text[1:].partition(" ")
        return rest.strip() if fold(head) in FORWARD_COMMANDS else None

    async def _fast_forward(self, argument: str) -> list[Reply]:
        """Move the clock forward, run the scheduler's work at the new time, print what is due."""
        from bot.run.scheduler import Ticker

        t = translator(self._language)
        now = self.core.clock()
        if argument:
            step = parse_duration(argument)
            if step is None:
                self.out.write(t("console_demo.forward_usage") + "\n\n")
                return []
            target = now + step
        else:
            found = await next_moment(self.core.sessions, self.user_id, now)
            if found is None:
                self.out.write(t("console_demo.nothing_ahead") + "\n\n")
                return []
            target = max(found, now)
        delta, previous = target - now, self.core.clock
        self.core.clock = lambda: previous() + delta
        local = target.astimezone(zoneinfo.ZoneInfo(self.core.settings.timezone))
        self.out.write(
            t("console_demo.forwarded", time=format_time(local.time()), date=format_date(local.date()))
            + "\n\n"
        )
        await Ticker(self.core, {}).schedule(target)
        replies = await self.show_due()
        if not replies:
            self.out.write(t("console_demo.nothing_due") + "\n\n")
        return replies

    async def _poll(self) -> None:
        while True:
            await asyncio.sleep(POLL_SECONDS)
            async with self._lock:
                await self.show_due()

    async def run(self, source: TextIO = sys.stdin, prompt: bool | None = None) -> None:
        """Read lines until end of input (Ctrl-D, or the end of a pipe)."""
        interactive = source.isatty() if prompt is None else prompt
        loop = asyncio.get_running_loop()
        # At a terminal, queued messages appear while the user is thinking, as on a phone.
        poller = asyncio.create_task(self._poll()) if interactive and self.show_queued else None
        try:
            while True:
                if interactive:
                    self.out.write("> ")
                    self.out.flush()
                line = await loop.run_in_executor(None, source.readline)
                if not line:
                    break
                await self.feed(line)
        finally:
            if poller is not None:
                poller.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await poller
