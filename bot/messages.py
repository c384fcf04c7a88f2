"""Channel-neutral message types: what a user sent (Inbound) and what the bot answers (Reply)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from storage.enums import Channel

__all__ = [
    "Button",
    "Contact",
    "DownloadTooLarge",
    "FileRef",
    "Location",
    "OutFile",
    "Inbound",
    "Reply",
    "ChannelAdapter",
]


@dataclass(frozen=True)
class Button:
    """A choice. `payload` is a short machine id (never the label); channels keep it under 64 bytes."""

    label: str
    payload: str


class DownloadTooLarge(Exception):
    """A file a user sent is larger than the bot accepts; the download stopped at the limit."""

    def __init__(self, limit: int) -> None:
        super().__init__(limit)
        self.limit = limit


@dataclass(frozen=True)
class Contact:
    """A phone number the user shared with the messenger's own button."""

    phone: str
    user_id: str | None = None
    first_name: str | None = None


@dataclass(frozen=True)
class FileRef:
    """A file the user sent; the channel knows how to fetch it by `file_id`."""

    file_id: str
    filename: str | None
    mime_type: str | None
    size: int | None


@dataclass(frozen=True)
class Location:
    """A point on the map, with the venue's name and address when it is one."""

    latitude: float
    longitude: float
    title: str | None = None
    address: str | None = None


@dataclass(frozen=True)
class OutFile:
    """A file the bot sends (an .ics, an export, a chart)."""

    filename: str
    data: bytes
    mime_type: str
    caption: str | None = None
    is_photo: bool = False


@dataclass(frozen=True)
class Inbound:
    """One user action on any channel, translated by the channel adapter."""

    channel: Channel
    user_id: str
    text: str | None = None
    payload: str | None = None  # the payload of a pressed button
    contact: Contact | None = None
    file: FileRef | None = None
    location: Location | None = None
    language_hint: str | None = None
    display_name: str | None = None
    chat_id: str | None = None
    is_group: bool = False
    update_id: str | None = None


@dataclass
class Reply:
    """One message from the bot. `buttons` is rows of buttons; `request_phone` asks for a contact."""

    text: str
    buttons: list[list[Button]] = field(default_factory=list)
    files: list[OutFile] = field(default_factory=list)
    location: Location | None = None
    request_phone: bool = False


class ChannelAdapter(Protocol):
    """What every channel offers the core: send replies to one user."""

    channel: Channel

    async def send(self, user_id: str, replies: list[Reply]) -> None:
        """Deliver replies to a user of this channel."""
        ...
