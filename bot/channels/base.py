"""What every channel adapter offers the core."""

from __future__ import annotations

from typing import Protocol

from bot.messages import Reply
from storage.enums import Channel

__all__ = ["ChannelAdapter"]


class ChannelAdapter(Protocol):
    """What every channel offers the core: send replies to one user."""

    channel: Channel

    async def send(self, user_id: str, replies: list[Reply]) -> None:
        """Deliver replies to a user of this channel."""
        ...
