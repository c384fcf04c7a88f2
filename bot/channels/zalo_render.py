"""Replies as Zalo messages, and Zalo webhook events as the parts an Inbound is made of.

Pure functions, no I/O: what leaves (text pieces, a button template or numbered choices, a map
link, files) and what arrives (event name, user, message id, text, attachments) is decided here.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import mimetypes
import re
from typing import Any

from bot.i18n import Translator
from bot.messages import Button, FileRef, Location, OutFile, Reply

__all__ = [
    "BUTTON_MARKER",
    "BUTTON_TITLE_LIMIT",
    "RenderedReply",
    "ZaloEventParts",
    "render_reply",
    "split_text",
    "parse_event",
    "event_key",
    "TELEGRAM_START_LINK",
]

# A pressed button comes back as the user's text (Zalo's oa.query.* buttons send their payload as a
# user_send_text); this prefix tells a pressed button from typed words.
BUTTON_MARKER = "#pii:"
BUTTON_TITLE_LIMIT = 100
# Someone pasting a Telegram invitation link on Zalo means "/start <payload>".
TELEGRAM_START_LINK = re.compile(r"^https?://t\.me/[A-Za-z0-9_]+\?start=([A-Za-z0-9_-]{1,64})$")
# Events that carry something from the user; anything else (the OA's own echoes, seen receipts...)
# is acknowledged and ignored.
HANDLED_EVENTS = frozenset(
    {
        "user_send_text",
        "user_send_image",
        "user_send_file",
        "user_send_location",
        "follow",
        "unfollow",
        "user_submit_info",
    }
)


@dataclasses.dataclass
class RenderedReply:
    """One Reply as Zalo `message` objects (texts, maybe a button template) and files to upload
    (each file's caption goes out as a text just before it)."""

    messages: list[dict[str, Any]]
    files: list[OutFile]
    choices: list[str]  # payloads of its buttons, numbered from 1 (empty: no buttons)


def split_text(text: str, limit: int) -> list[str]:
    """Pieces of at most `limit` characters, cut at line ends, else at spaces, else anywhere."""
    pieces: list[str] = []
    current = ""
    for line in text.splitlines(keepends=True):
        while len(line) > limit:
            cut = line.rfind(" ", 0, limit)
            cut = cut + 1 if cut > limit // 2 else limit
            pieces.extend([current] if current else [])
            current = ""
            pieces.append(line[:cut])
            line = line[cut:]
        if current and len(current) + len(line) > limit:
            pieces.append(current)
            current = ""
        current += line
    pieces.append(current)
    cleaned = [p.rstrip("\n") for p in pieces]
    return [p for p in cleaned if p.strip()] or ([text[:limit]] if text.strip() else [])


def _button_template(text: str, buttons: list[Button]) -> dict[str, Any]:
    # oa.query.hide: pressing sends the payload back as a (hidden) user message, nothing is shown.
    return {
        "text": text,
        "attachment": {
            "type": "template",
            "payload": {
                "buttons": [
                    {
                        "title": b.label[:BUTTON_TITLE_LIMIT],
                        "type": "oa.query.hide",
                        "payload": BUTTON_MARKER + b.payload,
                    }
                    for b in buttons
                ]
            },
        },
    }


def _user_info_template(t: Translator) -> dict[str, Any]:
    # Zalo shows a card; the user's answer (name, phone) comes back as a user_submit_info event.
    element = {"title": t("zalo_oa.user_info_title"), "subtitle": t("zalo_oa.user_info_subtitle")}
    return {
        "attachment": {
            "type": "template",
            "payload": {"template_type": "request_user_info", "elements": [element]},
        }
    }


def _map_text(t: Translator, location: Location) -> str:
    url = f"https://www.google.com/maps/search/?api=1&query={location.latitude:.6f},{location.longitude:.6f}"
    place = ", ".join(p for p in (location.title, location.address) if p)
    return t("zalo.location_named", place=place, url=url) if place else t("zalo.location", url=url)


def render_reply(
    reply: Reply, t: Translator, *, text_limit: int, max_buttons: int, request_user_info: bool = False
) -> RenderedReply:
    """A Reply as Zalo messages: split text, buttons as a template (or numbered when too many);
    a phone request as Zalo's request_user_info template where the OA may use it."""
    buttons = [b for row in reply.buttons for b in row]
    text = reply.text
    if reply.request_phone:
        hint = t("zalo_oa.phone_hint_or_share") if request_user_info else t("zalo.phone_hint")
        text = f"{text}\n\n{hint}"
    numbered = len(buttons) > max_buttons
    if numbered:
        lines = [f"{i}. {b.label}" for i, b in enumerate(buttons, start=1)]
        text = "\n".join([text, "", *lines, "", t("zalo.choose_by_number")])
    pieces = split_text(text, text_limit)
    if buttons and not pieces:
        pieces = [t("zalo.choose_by_number")]  # a button template needs some text
    messages: list[dict[str, Any]] = [{"text": piece} for piece in pieces]
    if buttons and not numbered:
        messages[-1] = _button_template(messages[-1]["text"], buttons)
    if reply.request_phone and request_user_info:
        messages.append(_user_info_template(t))
    if reply.location is not None:
        messages.append({"text": _map_text(t, reply.location)})
    return RenderedReply(messages=messages, files=list(reply.files), choices=[b.payload for b in buttons])


@dataclasses.dataclass(frozen=True)
class ZaloEventParts:
    """What an event says, in the channel's terms."""

    name: str
    user_id: str | None
    msg_id: str | None
    text: str | None = None
    file: FileRef | None = None
    location: Location | None = None
    phone: str | None = None  # shared through request_user_info (user_submit_info)


def _attachment(message: dict[str, Any]) -> dict[str, Any]:
    attachments = message.get("attachments") or []
    first = attachments[0] if attachments and isinstance(attachments[0], dict) else {}
    payload = first.get("payload")
    return payload if isinstance(payload, dict) else {}


def _size(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def parse_event(event: dict[str, Any]) -> ZaloEventParts | None:
    """The parts of a webhook event the channel handles; None for every other event."""
    name = str(event.get("event_name") or "")
    if name not in HANDLED_EVENTS:
        return None
    sender = event.get("follower") if name in ("follow", "unfollow") else event.get("sender")
    if not isinstance(sender, dict):
        sender = event.get("sender") if isinstance(event.get("sender"), dict) else {}
    user_id = str(sender["id"]) if sender.get("id") else None
    message = event.get("message") if isinstance(event.get("message"), dict) else {}
    msg_id = str(message["msg_id"]) if message.get("msg_id") else None
    text = message.get("text") if isinstance(message.get("text"), str) else None
    parts = ZaloEventParts(name=name, user_id=user_id, msg_id=msg_id)
    payload = _attachment(message)
    if name == "user_send_text":
        return dataclasses.replace(parts, text=text)
    if name == "user_send_file" and payload.get("url"):
        filename = str(payload.get("name") or "") or None
        mime = mimetypes.guess_type(filename)[0] if filename else None
        file = FileRef(
            str(payload["url"]), filename, mime or "application/octet-stream", _size(payload.get("size"))
        )
        return dataclasses.replace(parts, file=file)
    if name == "user_send_image" and payload.get("url"):
        # A caption, if any, is the message's text; the file is what the user meant to send.
        return dataclasses.replace(parts, file=FileRef(str(payload["url"]), None, "image/jpeg", None))
    if name == "user_send_location":
        coordinates = payload.get("coordinates") if isinstance(payload.get("coordinates"), dict) else {}
        try:
            location = Location(float(coordinates["latitude"]), float(coordinates["longitude"]))
        except (KeyError, TypeError, ValueError):
            return None
        return dataclasses.replace(parts, location=location)
    if name in ("follow", "unfollow"):
        return parts
    if name == "user_submit_info":
        info = event.get("info") if isinstance(event.get("info"), dict) else {}
        phone = str(info.get("phone") or "").strip()
        return dataclasses.replace(parts, phone=phone) if phone else None
    return None


def event_key(parts: ZaloEventParts, event: dict[str, Any]) -> str:
    """What identifies one event among Zalo's retries: its msg_id, else a digest of the event."""
    if parts.msg_id:
        return f"msg:{parts.msg_id}"[:100]
    canonical = json.dumps(event, sort_keys=True, ensure_ascii=False, default=str)
    return "sha:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()
