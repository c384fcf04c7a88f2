"""Replies as Bot API calls: escaped HTML, keyboards, files, map pins, long texts split."""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
import html
import logging
import warnings
from collections.abc import Awaitable, Callable
from typing import TypeVar

from telegram import (
    Bot,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputFile,
    KeyboardButton,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
)
from telegram.constants import InlineKeyboardButtonLimit, MessageLimit, ParseMode
from telegram.error import BadRequest, NetworkError, RetryAfter

from bot.channels.telegram_errors import certainly_unsent
from bot.i18n import translator
from bot.messages import Button, OutFile, Reply

__all__ = [
    "MAX_TEXT",
    "MAX_PAYLOAD_BYTES",
    "split_text",
    "inline_keyboard",
    "phone_keyboard",
    "retry_after_seconds",
    "ReplySender",
]

log = logging.getLogger(__name__)

MAX_TEXT = int(MessageLimit.MAX_TEXT_LENGTH)
MAX_CAPTION = int(MessageLimit.CAPTION_LENGTH)
MAX_PAYLOAD_BYTES = int(InlineKeyboardButtonLimit.MAX_CALLBACK_DATA)
# Network hiccups (not refusals) are retried this many times, waiting 0.5 s, 1 s, 2 s...
NETWORK_ATTEMPTS = 4

T = TypeVar("T")
Markup = InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove


def _units(text: str) -> int:
    # Telegram counts message length in UTF-16 code units: an emoji can weigh two.
    return len(text.encode("utf-16-le")) // 2


def _hard_split(line: str, limit: int) -> list[str]:
    pieces: list[str] = []
    while _units(line) > limit:
        cut = limit
        while _units(line[:cut]) > limit:
            cut -= 1
        space = line.rfind(" ", 0, cut)
        # Prefer a word boundary unless it would leave a tiny piece.
        if space > cut // 2:
            cut = space + 1
        pieces.append(line[:cut])
        line = line[cut:]
    pieces.append(line)
    return pieces


def split_text(text: str, limit: int = MAX_TEXT) -> list[str]:
    """Pieces of at most `limit` UTF-16 units, cut at line boundaries where possible."""
    if _units(text) <= limit:  # the usual case: one message
        whole = text.rstrip("\n")
        return [whole] if whole.strip() else []
    parts: list[str] = []
    current = ""
    for line in text.splitlines(keepends=True):
        for piece in _hard_split(line, limit) if _units(line) > limit else [line]:
            if current and _units(current) + _units(piece) > limit:
                parts.append(current)
                current = ""
            current += piece
    parts.append(current)
    cleaned = [p.rstrip("\n") for p in parts]
    return [p for p in cleaned if p.strip()] or ([text] if text.strip() else [])


def inline_keyboard(rows: list[list[Button]]) -> InlineKeyboardMarkup | None:
    """Buttons as an inline keyboard whose callback data is the payload; oversized payloads dropped."""
    return _inline_keyboard(tuple(tuple(row) for row in rows))


@functools.lru_cache(maxsize=1024)
def _inline_keyboard(rows: tuple[tuple[Button, ...], ...]) -> InlineKeyboardMarkup | None:
    # Menus repeat (every /agenda has the same buttons) and PTB's markup objects are immutable,
    # so one built keyboard serves every message that shows it.
    keyboard = []
    for row in rows:
        kept = []
        for button in row:
            if len(button.payload.encode("utf-8")) > MAX_PAYLOAD_BYTES:
                # A programming error in a conversation; Telegram would refuse the whole message.
                log.error("button payload over %d bytes dropped: %r", MAX_PAYLOAD_BYTES, button.payload)
                continue
            kept.append(InlineKeyboardButton(button.label, callback_data=button.payload))
        if kept:
            keyboard.append(kept)
    return InlineKeyboardMarkup(keyboard) if keyboard else None


def phone_keyboard(language: str) -> ReplyKeyboardMarkup:
    """A one-time reply keyboard with Telegram's own 'share my phone number' button."""
    button = KeyboardButton(translator(language)("telegram.share_phone"), request_contact=True)
    return ReplyKeyboardMarkup([[button]], one_time_keyboard=True, resize_keyboard=True)


def retry_after_seconds(exc: RetryAfter) -> float:
    """The wait Telegram asked for, in seconds, whatever PTB's timedelta migration setting."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value = exc.retry_after
    return value.total_seconds() if isinstance(value, dt.timedelta) else float(value)


async def _with_network_retries(call: Callable[[], Awaitable[T]]) -> T:
    # BadRequest is a NetworkError subclass in PTB but a refusal: retrying cannot help.
    for attempt in range(NETWORK_ATTEMPTS):
        try:
            return await call()
        except BadRequest:
            raise
        except NetworkError as exc:
            # A timeout after the request left may mean the message arrived: never resend blindly.
            if attempt == NETWORK_ATTEMPTS - 1 or not certainly_unsent(exc):
                raise
            delay = 0.5 * 2**attempt
            log.warning("network error (%s); retrying in %.1f s", exc, delay)
            await asyncio.sleep(delay)
    raise AssertionError("unreachable")


class ReplySender:
    """Sends neutral Replies to one Telegram chat through a Bot (and its rate limiter)."""

    def __init__(self, bot: Bot) -> None:
        self.bot = bot

    async def send(
        self, chat_id: int | str, replies: list[Reply], *, language: str, remove_keyboard: bool = False
    ) -> None:
        """Send every reply in order; the first plain message may take a reply keyboard away."""
        for reply in replies:
            removal = remove_keyboard and not reply.buttons and not reply.request_phone
            await self._send_one(chat_id, reply, language, remove_keyboard=removal)
            if removal:
                remove_keyboard = False

    async def _send_one(
        self, chat_id: int | str, reply: Reply, language: str, *, remove_keyboard: bool
    ) -> None:
        parts = split_text(reply.text)
        inline = inline_keyboard(reply.buttons)
        last_markup: Markup | None = inline
        if reply.request_phone and inline is None:
            last_markup = phone_keyboard(language)
        elif last_markup is None and remove_keyboard:
            last_markup = ReplyKeyboardRemove()
        for index, part in enumerate(parts):
            markup = last_markup if index == len(parts) - 1 else None
            await self._text(chat_id, part, markup)
        if reply.request_phone and inline is not None:
            # One message carries one keyboard: the phone button comes with a short prompt.
            await self._text(chat_id, translator(language)("telegram.phone_prompt"), phone_keyboard(language))
        if reply.location is not None:
            await self._location(chat_id, reply)
        for file in reply.files:
            await self._file(chat_id, file)

    async def _text(self, chat_id: int | str, text: str, markup: Markup | None) -> None:
        await _with_network_retries(
            lambda: self.bot.send_message(
                chat_id, html.escape(text, quote=False), parse_mode=ParseMode.HTML, reply_markup=markup
            )
        )

    async def _location(self, chat_id: int | str, reply: Reply) -> None:
        loc = reply.location
        assert loc is not None
        if loc.title and loc.address:
            await _with_network_retries(
                lambda: self.bot.send_venue(chat_id, loc.latitude, loc.longitude, loc.title, loc.address)
            )
        else:
            await _with_network_retries(lambda: self.bot.send_location(chat_id, loc.latitude, loc.longitude))

    async def _file(self, chat_id: int | str, file: OutFile) -> None:
        caption = None
        if file.caption and file.caption.strip():
            caption = html.escape(split_text(file.caption, MAX_CAPTION)[0], quote=False)
        upload = InputFile(file.data, filename=file.filename)
        if file.is_photo:
            await _with_network_retries(
                lambda: self.bot.send_photo(chat_id, upload, caption=caption, parse_mode=ParseMode.HTML)
            )
        else:
            await _with_network_retries(
                lambda: self.bot.send_document(chat_id, upload, caption=caption, parse_mode=ParseMode.HTML)
            )
