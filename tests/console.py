"""Talking to the bot through the real console channel, as a test would type it."""

from __future__ import annotations

import io

from bot.app import BotCore
from bot.channels.console import ConsoleChannel

__all__ = ["talk"]


async def talk(core: BotCore, *lines: str, user: str = "console", queued: bool = False) -> str:
    """Type lines as one console user (buttons answered by number) and return what was printed;
    with `queued`, messages queued for that user are printed too as they fall due."""
    out = io.StringIO()
    console = ConsoleChannel(core, out, user_id=user, show_queued=queued)
    for line in lines:
        await console.feed(line)
    return out.getvalue()
